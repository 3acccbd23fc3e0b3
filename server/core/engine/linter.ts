/**
 * Runs the rules over a workspace: per-file rules on every target XML file, app rules on every
 * Mule app that contains a target. Applies each file's configuration (severity, off) and its
 * suppression comments, converts offsets to positions, and isolates rule crashes.
 */
import type { ResolvedConfig } from '../config/config';
import { compareFindings, internalErrorFinding, type Finding, type Fix, type RelatedLocation } from '../findings';
import type { Workspace } from '../project/workspace';
import { docsUrl, type Report, type Rule, type RuleOptions, type RuleTarget } from '../rules/rule';
import { redact } from '../diagnose/redact';
import { maskQuoted } from '../rules/message';
import { ownCopy } from '../text/own-copy';
import { lexApex } from '../salesforce/apex';
import { anchorLine, collectSuppressions, isSuppressed, type Suppressions } from './suppressions';

export interface LintRequest {
  /** Paths to report on; every other file only provides context (cross-file references). */
  readonly targets: Iterable<string>;
  /** The configuration that applies to a path. */
  readonly configFor: (path: string) => ResolvedConfig;
  /** When given, milliseconds spent per rule id are added to it (`SESSION_GUARD_TIMING`, like ESLint's TIMING). */
  readonly timings?: Map<string, number>;
  /**
   * A run that lints each file once (the CLI): each Flow's tree is freed once its rules have run (memory
   * stays flat and the garbage collector has less to copy), and messages are masked directly instead of
   * through the process-wide cache, whose lookup hashes every message and pays off only when the same
   * files are linted again. Editors keep both for the next keystroke.
   */
  readonly batch?: boolean;
  /** False when the report will not show suggestions (the CLI's text formats): they are then not built. */
  readonly suggestions?: boolean;
}

export { INTERNAL_ERROR } from '../findings';

const NO_SUGGESTIONS: readonly Fix[] = Object.freeze([]);

export function lint(ws: Workspace, rules: readonly Rule[], req: LintRequest): Map<string, Finding[]> {
  const targets = new Set(req.targets);
  const out = new Map<string, Finding[]>();
  for (const t of targets) if (ws.get(t)) out.set(t, []);
  const suppressions = new Map<string, Suppressions>();
  const suppressionsOf = (path: string): Suppressions => {
    let s = suppressions.get(path);
    if (!s) {
      const f = ws.get(path)!;
      s = collectSuppressions(f, isXmlPath(path) ? f.xml.comments : path.toLowerCase().endsWith('.cls') ? lexApex(f.text).comments : []);
      suppressions.set(path, s);
    }
    return s;
  };
  const mask = req.batch ? redact : maskedOnce;
  // Secrets are masked in what rules quote from files, never in their prose (see rules/message.ts).
  const masked = (message: string): string => maskQuoted(message, mask);

  const emit = (rule: Rule, r: Report): void => {
    if (!targets.has(r.path)) return;
    const file = ws.get(r.path);
    if (!file) return;
    const setting = req.configFor(r.path).rules.get(rule.meta.id)?.severity ?? rule.meta.defaultSeverity;
    if (setting === 'off') return;
    if (r.fix && !rule.meta.fixable) throw new Error(`rule ${rule.meta.id} reported a fix but does not declare meta.fixable`);
    if (r.suggestions !== undefined && !rule.meta.hasSuggestions && (typeof r.suggestions === 'function' || r.suggestions.length > 0)) {
      throw new Error(`rule ${rule.meta.id} reported suggestions but does not declare meta.hasSuggestions`);
    }
    const start = file.lines.positionAt(r.start);
    const sup = suppressionsOf(r.path);
    // Most files have no suppression comment: then there is no anchor line to look for.
    if ((sup.file.size > 0 || sup.lines.size > 0) && isSuppressed(sup, rule.meta.id, start.line, anchorLine(file, r.start))) return;
    const end = file.lines.positionAt(r.end);
    const related: RelatedLocation[] = [];
    for (const rel of r.related ?? []) {
      const rf = ws.get(rel.path);
      if (!rf) continue;
      const rs = rf.lines.positionAt(rel.start);
      const re = rf.lines.positionAt(rel.end);
      related.push({
        path: rel.path,
        start: rel.start,
        end: rel.end,
        message: masked(rel.message),
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
      message: masked(r.message),
      path: r.path,
      start: r.start,
      end: r.end,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      docsUrl: docsUrl(rule.meta.id),
      related,
      ...(r.fix ? { fix: r.fix as Fix } : {}),
      suggestions:
        req.suggestions === false || r.suggestions === undefined ? NO_SUGGESTIONS : typeof r.suggestions === 'function' ? r.suggestions() : r.suggestions,
    };
    out.get(r.path)!.push(finding);
  };

  const runRule = (rule: Rule, target: RuleTarget, options: RuleOptions, reportPaths: readonly string[]): void => {
    const pending: Report[] = [];
    const started = req.timings ? performance.now() : 0;
    try {
      rule.check(target, { options, report: (r) => void pending.push(r) });
      for (const r of pending) emit(rule, r);
      if (req.timings) req.timings.set(rule.meta.id, (req.timings.get(rule.meta.id) ?? 0) + performance.now() - started);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      for (const p of reportPaths) {
        if (!targets.has(p)) continue;
        const bucket = out.get(p);
        const file = ws.get(p);
        if (!bucket || !file) continue;
        bucket.push(
          internalErrorFinding(p, `Rule ${rule.meta.id} failed on this file and was skipped (other rules still ran): ${message}`, docsUrl(rule.meta.id)),
        );
      }
    }
  };

  const enabledAnywhere = (rule: Rule, paths: readonly string[]): boolean =>
    paths.some((p) => targets.has(p) && (req.configFor(p).rules.get(rule.meta.id)?.severity ?? rule.meta.defaultSeverity) !== 'off');

  /** Runs the rules of the target's scope; options come from the first target among `paths`. */
  const runScope = (target: RuleTarget, paths: readonly string[]): void => {
    const optionsPath = paths.find((p) => targets.has(p));
    if (optionsPath === undefined) return;
    for (const rule of rules) {
      if (rule.meta.scope !== target.scope || !enabledAnywhere(rule, paths)) continue;
      runRule(rule, target, req.configFor(optionsPath).rules.get(rule.meta.id)?.options ?? {}, paths);
    }
  };

  const xmlFileRules = (path: string): void => {
    const file = ws.get(path);
    if (file && isLintableXml(ws, path)) runScope({ scope: 'xml-file', file }, [path]);
  };

  // Per-file XML rules (the Flows of an SFDX project get theirs with their flow rules, below).
  for (const path of targets) {
    if (ws.role(path) === 'flow' && ws.sfdxGroupKeyOf(path) !== undefined) continue;
    xmlFileRules(path);
  }

  // Mule app rules.
  for (const [key, group] of ws.muleGroups()) {
    const paths = group.files.map((f) => f.path);
    if (!paths.some((p) => targets.has(p))) continue;
    const app = ws.muleApp(key);
    if (app) runScope({ scope: 'mule-app', app }, paths);
  }

  // SFDX project rules, then each target Flow of the project on its own.
  for (const [key, group] of ws.sfdxGroups()) {
    const paths = group.files.map((f) => f.path);
    if (!paths.some((p) => targets.has(p))) continue;
    const project = ws.sfdxProject(key);
    if (!project) continue;
    runScope({ scope: 'sfdx-project', project }, paths);
    for (const file of project.flowFiles) {
      if (!targets.has(file.path)) continue;
      xmlFileRules(file.path);
      const flow = project.flowOf(file);
      if (flow) runScope({ scope: 'sfdx-flow', flow, project }, [file.path]);
      if (req.batch) file.release();
    }
  }

  for (const list of out.values()) list.sort(compareFindings);
  return out;
}

/**
 * Rules repeat messages (the same related note on every action of a project), and an editor lints the
 * same file again on every keystroke: each text is masked once. The cache keeps copies (`ownCopy`):
 * messages quote the documents, and a slice would keep a whole version of one alive.
 */
const MASKED = new Map<string, string>();
const MAX_MASKED = 20_000;

function maskedOnce(text: string): string {
  let m = MASKED.get(text);
  if (m === undefined) {
    m = redact(text);
    if (MASKED.size >= MAX_MASKED) MASKED.clear();
    const key = ownCopy(text);
    MASKED.set(key, m === text ? key : (m = ownCopy(m)));
  }
  return m;
}

function isXmlPath(path: string): boolean {
  return path.toLowerCase().endsWith('.xml');
}

/** XML files the linter reports on: Mule configuration and Salesforce metadata. */
export function isLintableXml(ws: Workspace, path: string): boolean {
  const role = ws.role(path);
  if (role === 'xml') return ws.isMuleXml(path);
  return role === 'flow' || role === 'named-credential' || role === 'external-credential' || role === 'external-service';
}
