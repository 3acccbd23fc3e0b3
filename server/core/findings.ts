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
  readonly message: string;
  readonly docsUrl: string;
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
export function internalErrorFinding(path: string, message: string, docsUrl: string): Finding {
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
    docsUrl,
    related: [],
    suggestions: [],
  };
}
