/**
 * Baselines for adopting Session Guard on an existing codebase: today's findings are recorded once
 * (`--write-baseline`, a file meant to be committed) and later runs report only findings that are not in
 * it (`--baseline`). A finding is matched by its file, its rule and its fingerprint (`fingerprint.ts`:
 * what it is about, not where), so edits above a known finding do not bring it back. Each recorded
 * finding matches one finding at most: a second, new finding of the same kind on the same element is
 * reported. Pure: the host reads and writes the file and says which paths a run checked.
 */
import type { Finding } from '../findings';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** The file, relative to the baseline file's folder, with forward slashes. */
  readonly path: string;
  readonly ruleId: string;
  readonly fingerprint: string;
  /** For people reading the file; not matched on (message wording may change). */
  readonly message?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

/** A checked file: its path as the baseline writes it, and its findings (with fingerprints). */
export interface BaselineFile {
  readonly path: string;
  readonly findings: readonly Finding[];
}

export interface BaselineOutcome {
  /** Per file (same order), the findings the baseline does not know. */
  readonly findings: readonly (readonly Finding[])[];
  /** How many findings the baseline knew (not reported). */
  readonly suppressed: number;
  /** Recorded findings of the checked files that no longer occur (fixed, or changed past recognition). */
  readonly gone: readonly BaselineEntry[];
}

const key = (path: string, ruleId: string, fingerprint: string) => `${path}\u0000${ruleId}\u0000${fingerprint}`;

/** Whether a finding can be recorded: it has a fingerprint (internal errors have none and are always reported). */
export function isBaselined(f: Finding): f is Finding & { fingerprint: string } {
  return f.fingerprint !== undefined;
}

export function applyBaseline(baseline: Baseline, files: readonly BaselineFile[]): BaselineOutcome {
  const left = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    const k = key(e.path, e.ruleId, e.fingerprint);
    const list = left.get(k);
    if (list) list.push(e);
    else left.set(k, [e]);
  }
  let suppressed = 0;
  const findings = files.map((file) =>
    file.findings.filter((f) => {
      if (!isBaselined(f)) return true;
      const known = left.get(key(file.path, f.ruleId, f.fingerprint));
      if (!known?.length) return true;
      known.pop();
      suppressed++;
      return false;
    }),
  );
  const checked = new Set(files.map((f) => f.path));
  const gone = [...left.values()].flat().filter((e) => checked.has(e.path));
  return { findings, suppressed, gone };
}

/**
 * The baseline after a run: the findings of the checked files as they are now, and the entries of
 * files this run did not check, kept as they were (a run on part of a project keeps the rest).
 */
export function updateBaseline(previous: Baseline | undefined, files: readonly BaselineFile[]): Baseline {
  const checked = new Set(files.map((f) => f.path));
  const kept = (previous?.findings ?? []).filter((e) => !checked.has(e.path));
  const now = files.flatMap((file) =>
    file.findings.filter(isBaselined).map((f): BaselineEntry => ({ path: file.path, ruleId: f.ruleId, fingerprint: f.fingerprint, message: f.message })),
  );
  const findings = [...kept, ...now].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint) || cmp(a.message ?? '', b.message ?? ''),
  );
  return { version: BASELINE_VERSION, findings };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file's text: one entry per line, so that a review shows what was added or fixed. */
export function renderBaseline(b: Baseline): string {
  const lines = b.findings.map(
    (e) => `    ${JSON.stringify({ path: e.path, ruleId: e.ruleId, fingerprint: e.fingerprint, ...(e.message ? { message: e.message } : {}) })}`,
  );
  return `{\n  "version": ${b.version},\n  "tool": "session-guard",\n  "findings": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Reads a baseline file's JSON; a message saying what is wrong otherwise. */
export function parseBaseline(json: unknown): Baseline | string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'is not a JSON object';
  const o = json as Record<string, unknown>;
  if (o.version !== BASELINE_VERSION) return `has version ${JSON.stringify(o.version)}; this Session Guard reads version ${BASELINE_VERSION}`;
  if (!Array.isArray(o.findings)) return 'has no "findings" list';
  const findings: BaselineEntry[] = [];
  for (const [i, e] of o.findings.entries()) {
    const x = e as Record<string, unknown>;
    if (typeof x !== 'object' || x === null || typeof x.path !== 'string' || typeof x.ruleId !== 'string' || typeof x.fingerprint !== 'string') {
      return `findings[${i}] needs "path", "ruleId" and "fingerprint" strings`;
    }
    findings.push({ path: x.path, ruleId: x.ruleId, fingerprint: x.fingerprint, ...(typeof x.message === 'string' ? { message: x.message } : {}) });
  }
  return { version: BASELINE_VERSION, findings };
}
