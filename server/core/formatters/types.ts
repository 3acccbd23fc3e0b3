import type { Finding } from '../findings';
import type { RuleMeta } from '../rules/rule';

export interface FileResult {
  /** Path shown to users: relative to the working directory, with forward slashes. */
  readonly displayPath: string;
  readonly findings: readonly Finding[];
}

export interface FormatInput {
  readonly results: readonly FileResult[];
  readonly rules: readonly RuleMeta[];
  readonly toolVersion: string;
  /** Hide warnings and infos (errors only), like ESLint's --quiet. */
  readonly quiet?: boolean;
  /** ANSI colours (stylish only). */
  readonly color?: boolean;
}

export function visible(f: Finding, quiet: boolean | undefined): boolean {
  return !quiet || f.severity === 'error';
}

export function counts(results: readonly FileResult[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}
