import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { FormatInput } from './types';

export const FORMATS = ['stylish', 'stylish-verbose', 'json', 'sarif', 'junit', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Whether a format's report includes suggestions (only JSON does): the others let a run skip building them. */
export function showsSuggestions(name: FormatName): boolean {
  return name === 'json';
}

/** Whether a format's report carries fingerprints (SARIF partial fingerprints, GitLab issues). */
export function showsFingerprints(name: FormatName): boolean {
  return name === 'sarif' || name === 'gitlab';
}

export function format(name: FormatName, input: FormatInput): string {
  switch (name) {
    case 'stylish':
      return formatStylish(input);
    case 'stylish-verbose':
      return formatStylish({ ...input, verbose: true });
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input);
    case 'junit':
      return formatJunit(input);
    case 'gitlab':
      return formatGitlab(input);
  }
}

export type { FileResult, FormatInput, RuleDocs } from './types';
