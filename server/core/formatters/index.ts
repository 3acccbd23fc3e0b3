import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { FormatInput } from './types';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

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
