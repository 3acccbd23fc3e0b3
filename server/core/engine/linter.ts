/**
 * Runs the rules over a Program, one analysis unit at a time: per-file rules on every target XML file,
 * app rules on the Mule app of a unit with a target, and for an SFDX project each target Flow (its XML
 * and flow rules) and each other target metadata file (credential rules). Applies each file's
 * configuration (severity, off) and its suppression comments, converts offsets to positions, and
 * isolates rule crashes.
 */
import type { ResolvedConfig } from '../config/config';
import { mayHoldSecret, redact } from '../diagnose/redact';
import { compareFindings, internalErrorFinding, type Finding, type Fix, type RelatedLocation } from '../findings';
import type { Program } from '../program/program';
import type { SourceFile } from '../project/source-file';
import { isLintableRole, isSalesforceRole } from '../project/layout';
import { maskQuoted } from '../rules/message';
import type { Report, Rule, RuleOptions, RuleTarget } from '../rules/rule';
import { isInactive } from '../salesforce/flow-activation';
import { flowOf } from '../salesforce/project';
import { ownCopy } from '../text/own-copy';
import { fingerprintKey, fingerprintOf } from './fingerprint';
import { anchorLine, isSuppressed, suppressionsOf, type Suppressions } from './suppressions';

export interface LintRequest {
  /** Paths to report on; every other file only provides context (cross-file references). */
  readonly targets: Iterable<string>;
  /** The configuration that applies to a path. */
  readonly configFor: (path: string) => ResolvedConfig;
  /** When given, milliseconds spent per rule id are added to it (`SESSION_GUARD_TIMING`, like ESLint's TIMING). */
  readonly timings?: Map<string, number>;
  /**
   * A run that lints each file once (the CLI): each unit's trees and models are freed once its rules have
   * run (memory stays flat and the garbage collector has less to copy), and messages are masked directly
   * instead of through the program's cache, which pays off only when the same files are linted again.
   * Editors keep both for the next keystroke.
   */
  readonly batch?: boolean;
  /** False when the report will not show suggestions (the CLI's text formats): they are then not built. */
  readonly suggestions?: boolean;
  /** Give each finding its fingerprint (baselines, SARIF, GitLab): see `fingerprint.ts`. */
  readonly fingerprints?: boolean;
}

export { INTERNAL_ERROR } from '../findings';

const NO_SUGGESTIONS: readonly Fix[] = Object.freeze([]);

/** Lints every target, unit by unit; the findings of each target, sorted. */
export function lint(program: Program, rules: readonly Rule[], req: LintRequest): Map<string, Finding[]> {
  const run = new LintRun(program, rules, req);
  for (const [key, targets] of run.units()) run.lintUnit(key, targets);
  return run.finish();
}

/**
 * One lint of some targets, unit by unit: hosts that must stay responsive (the language server) lint a
 * unit, answer other requests, and lint the next (`units`, `lintUnit`, `finish`).
 */
export class LintRun {
  private readonly targets: Set<string>;
  private readonly out = new Map<string, Finding[]>();
  private readonly suppressions = new Map<string, Suppressions>();
  private readonly masked: (text: string) => string;
  /** Per path: how many findings so far had each fingerprint key (the next one's occurrence number). */
  private readonly occurrences = new Map<string, Map<string, number>>();

  constructor(
    private readonly program: Program,
    private readonly rules: readonly Rule[],
    private readonly req: LintRequest,
  ) {
    this.targets = new Set(req.targets);
    for (const t of this.targets) if (program.file(t)) this.out.set(t, []);
    const mask = req.batch ? redact : (text: string) => maskedOnce(program, text);
    // Secrets are masked in what rules quote from files, never in their prose (see rules/message.ts).
    this.masked = (message) => maskQuoted(message, mask, mayHoldSecret);
  }

  /** The targets that exist, grouped by unit (in unit order). */
  units(): Map<string, string[]> {
    return this.program.groupByUnit([...this.out.keys()]);
  }

  lintUnit(key: string, unitTargets: readonly string[]): void {
    const { program } = this;
    const project = program.sfdxProject(key);
    if (project) {
      for (const path of unitTargets) {
        const file = program.file(path);
        if (!file) continue;
        const role = program.role(path);
        if (role === 'flow') {
          this.runScope({ scope: 'xml-file', file }, [path]);
          const flow = flowOf(file);
          // An inactive version never runs: nothing it does can fail (malformed XML is still reported above).
          if (flow && !isInactive(flow, project)) this.runScope({ scope: 'sfdx-flow', flow, project }, [path]);
        } else if (isSalesforceRole(role) && isLintableRole(role)) {
          // (Permission sets and profiles are context for the credential rules, never reported on.)
          if (role !== 'apex') this.runScope({ scope: 'xml-file', file }, [path]);
          this.runScope({ scope: 'sfdx-file', file, role, project }, [path]);
        }
        if (this.req.batch) file.release();
      }
    } else {
      for (const path of unitTargets) {
        const file = program.file(path);
        if (file && program.isLintable(path) && program.role(path) !== 'apex') this.runScope({ scope: 'xml-file', file }, [path]);
      }
      const app = program.muleApp(key);
      if (app)
        this.runScope(
          { scope: 'mule-app', app },
          app.files.map((f) => f.path),
        );
    }
    if (this.req.batch) program.release(unitTargets);
  }

  finish(): Map<string, Finding[]> {
    for (const list of this.out.values()) list.sort(compareFindings);
    return this.out;
  }

  private suppressionsOf(path: string): Suppressions {
    let s = this.suppressions.get(path);
    if (!s) this.suppressions.set(path, (s = suppressionsOf(this.program.file(path)!)));
    return s;
  }

  private severityOf(rule: Rule, path: string) {
    return this.req.configFor(path).rules.get(rule.meta.id)?.severity ?? rule.meta.defaultSeverity;
  }

  private emit(rule: Rule, r: Report): void {
    if (!this.targets.has(r.path)) return;
    const file = this.program.file(r.path);
    if (!file) return;
    const setting = this.severityOf(rule, r.path);
    if (setting === 'off') return;
    if (r.fix && !rule.meta.fixable) throw new Error(`rule ${rule.meta.id} reported a fix but does not declare meta.fixable`);
    if (r.suggestions !== undefined && !rule.meta.hasSuggestions && (typeof r.suggestions === 'function' || r.suggestions.length > 0)) {
      throw new Error(`rule ${rule.meta.id} reported suggestions but does not declare meta.hasSuggestions`);
    }
    const start = file.lines.positionAt(r.start);
    const sup = this.suppressionsOf(r.path);
    // Most files have no suppression comment: then there is no anchor line to look for.
    if ((sup.file.size > 0 || sup.lines.size > 0) && isSuppressed(sup, rule.meta.id, start.line, anchorLine(file, r.start))) return;
    const end = file.lines.positionAt(r.end);
    const related: RelatedLocation[] = [];
    for (const rel of r.related ?? []) {
      const rf = this.program.file(rel.path);
      if (!rf) continue;
      const rs = rf.lines.positionAt(rel.start);
      const re = rf.lines.positionAt(rel.end);
      related.push({
        path: rel.path,
        start: rel.start,
        end: rel.end,
        message: this.masked(rel.message),
        line: rs.line,
        column: rs.column,
        endLine: re.line,
        endColumn: re.column,
      });
    }
    const finding: Finding = {
      ruleId: rule.meta.id,
      severity: r.severity ?? setting,
      // Messages quote values from the files; a token pasted into one never reaches a report.
      message: this.masked(r.message),
      ...(r.detail !== undefined ? { detail: this.masked(r.detail) } : {}),
      ...(this.req.fingerprints ? { fingerprint: this.fingerprint(rule.meta.id, file, r) } : {}),
      path: r.path,
      start: r.start,
      end: r.end,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      related,
      ...(r.fix ? { fix: r.fix as Fix } : {}),
      suggestions:
        this.req.suggestions === false || r.suggestions === undefined ? NO_SUGGESTIONS : typeof r.suggestions === 'function' ? r.suggestions() : r.suggestions,
    };
    this.out.get(r.path)!.push(finding);
  }

  private fingerprint(ruleId: string, file: SourceFile, r: Report): string {
    const key = fingerprintKey(ruleId, file, r.start, r.end);
    let seen = this.occurrences.get(r.path);
    if (!seen) this.occurrences.set(r.path, (seen = new Map()));
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return fingerprintOf(key, n);
  }

  private runRule(rule: Rule, target: RuleTarget, options: RuleOptions, reportPaths: readonly string[]): void {
    const pending: Report[] = [];
    const { timings } = this.req;
    const started = timings ? performance.now() : 0;
    try {
      rule.check(target, { options, report: (r) => void pending.push(r) });
      for (const r of pending) this.emit(rule, r);
      if (timings) timings.set(rule.meta.id, (timings.get(rule.meta.id) ?? 0) + performance.now() - started);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      for (const p of reportPaths) {
        const bucket = this.out.get(p);
        if (!bucket) continue;
        bucket.push(internalErrorFinding(p, `Rule ${rule.meta.id} failed on this file and was skipped (other rules still ran): ${message}`));
      }
    }
  }

  /** Runs the rules of the target's scope; options come from the first target among `paths`. */
  private runScope(target: RuleTarget, paths: readonly string[]): void {
    const optionsPath = paths.find((p) => this.targets.has(p));
    if (optionsPath === undefined) return;
    for (const rule of this.rules) {
      if (rule.meta.scope !== target.scope) continue;
      if (!paths.some((p) => this.targets.has(p) && this.severityOf(rule, p) !== 'off')) continue;
      this.runRule(rule, target, this.req.configFor(optionsPath).rules.get(rule.meta.id)?.options ?? {}, paths);
    }
  }
}

const MAX_MASKED = 20_000;

/**
 * Rules repeat messages (the same related note on every action of a project), and an editor lints the
 * same file again on every keystroke: each text is masked once per program. The cache keeps copies
 * (`ownCopy`): messages quote the documents, and a slice would keep a whole version of one alive.
 */
function maskedOnce(program: Program, text: string): string {
  const cache = program.maskedMessages;
  let m = cache.get(text);
  if (m === undefined) {
    m = redact(text);
    if (cache.size >= MAX_MASKED) cache.clear();
    const key = ownCopy(text);
    cache.set(key, m === text ? key : (m = ownCopy(m)));
  }
  return m;
}
