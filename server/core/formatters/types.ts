import type { Finding } from '../findings';
import type { RuleMeta } from '../rules/rule';

export interface FileResult {
  /** Path shown to users: relative to the working directory, with forward slashes. */
  readonly displayPath: string;
  /** The file's path in the core (absolute, forward slashes), when the host knows it. */
  readonly path?: string;
  readonly findings: readonly Finding[];
  /** The file's text after its fixes (`--fix-dry-run`), when they changed it: ESLint's `output`. */
  readonly output?: string;
}

/** Where the hosts find rule pages: the core knows only their place in the package (`ruleDocPath`). */
export interface RuleDocs {
  /** A link to the rule's page that exists where the report is read (a file URL next to the bundle), if any. */
  url(ruleId: string): string | undefined;
  /** The page (Markdown), if the host could read it. */
  text(ruleId: string): string | undefined;
}

export interface FormatInput {
  readonly results: readonly FileResult[];
  readonly rules: readonly RuleMeta[];
  readonly toolVersion: string;
  /** Hide warnings and infos (errors only), like ESLint's --quiet. */
  readonly quiet?: boolean;
  /** ANSI colours (stylish only). */
  readonly color?: boolean;
  /** Print each finding's detail under it (stylish: `--verbose`, `stylish-verbose`). */
  readonly verbose?: boolean;
  /**
   * How a path of the core (related locations, fix edits) is shown: the same way as `displayPath`.
   * Without it, core paths are shown as they are.
   */
  readonly pathOf?: (corePath: string) => string;
  readonly docs?: RuleDocs;
}

export function visible(f: Finding, quiet: boolean | undefined): boolean {
  return !quiet || f.severity === 'error';
}

export function counts(results: Iterable<{ readonly findings: readonly Finding[] }>): { errors: number; warnings: number; infos: number } {
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

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A stable identity of a finding across runs: its file as shown, and its fingerprint (or, without one, where it is). */
export function identity(displayPath: string, f: Finding): string {
  return `${displayPath}\u0000${f.fingerprint ?? `${f.ruleId}\u0000${f.line}:${f.column}\u0000${f.message}`}`;
}
