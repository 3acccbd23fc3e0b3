import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { FormatInput } from './types';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Whether a format's report includes suggestions (only JSON does): the others let a run skip building them. */
export function showsSuggestions(name: FormatName): boolean {
  return name === 'json';
}

export function format(name: FormatName, input: FormatInput): string {
  switch (name) {
    case 'stylish':
      return formatStylish(input);
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input);
    case 'junit':
      return formatJunit(input);
  }
}

export type { FileResult, FormatInput } from './types';
