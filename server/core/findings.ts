/** What the core produces: findings with exact ranges, related locations and text edits. */

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

export interface TextEdit {
  readonly path: string;
  /** Replaced range [start, end) in UTF-16 offsets of the file's current text. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** What applying it does, e.g. "Replace with SALESFORCE:CONNECTIVITY". */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Location {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A location a rule points to besides the finding itself (offsets only: the engine adds positions). */
export interface ReportRelated {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface RelatedLocation extends Location {
  readonly message: string;
}

export interface Finding extends Location {
  readonly ruleId: string;
  readonly severity: Severity;
  /** One sentence that names the element and the consequence (the Problems panel, one stylish line). */
  readonly message: string;
  /** The explanation: why it matters and what to do (JSON `detail`, SARIF markdown, hover, `--verbose`). */
  readonly detail?: string;
  /**
   * What the finding is about, independent of line numbers and message wording (`engine/fingerprint.ts`):
   * set when the request asks for it (baselines, SARIF `partialFingerprints`, GitLab).
   */
  readonly fingerprint?: string;
  readonly related: readonly RelatedLocation[];
  /** A safe edit that "fix all" may apply without review. */
  readonly fix?: Fix;
  /** Edits that change behaviour and need a human decision. */
  readonly suggestions: readonly Fix[];
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export const INTERNAL_ERROR = 'internal-error';

/** A finding at the start of a file saying its analysis (or one rule of it) failed. */
export function internalErrorFinding(path: string, message: string): Finding {
  return {
    ruleId: INTERNAL_ERROR,
    severity: 'error',
    message,
    path,
    start: 0,
    end: 0,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    related: [],
    suggestions: [],
  };
}
