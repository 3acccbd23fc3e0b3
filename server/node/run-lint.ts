/**
 * One lint run from the file system: discover, read, analyse, and hand back results with display
 * paths. The CLI is a thin shell around this; tests call it directly.
 */
import type { ResolvedConfig } from '../core/config/config';
import { lint } from '../core/engine/linter';
import type { Finding } from '../core/findings';
import type { FileResult } from '../core/formatters';
import { Workspace } from '../core/project/workspace';
import { RULES } from '../core/rules';
import { sizeLimit } from '../core/rules/file/too-large';
import type { Rule } from '../core/rules/rule';
import { ConfigResolver } from './config-loader';
import { contextFiles } from './context';
import { decodeText, type Decoded } from './decode';
import { readFileBytes } from './read-file';
import { discover, type DiscoveryProblem } from './discovery';
import type { DirListings } from './listings';
import { displayPath, toCorePath, toOsPath } from './paths';
import { groupByUnit } from './units';

export interface LintRunOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly configFile?: string;
  readonly rules?: readonly Rule[];
  /** Collects milliseconds per rule when given. */
  readonly timings?: Map<string, number>;
}

export interface LintRun {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
  readonly unmatched: string[];
  readonly workspace: Workspace;
  /** Core path → findings (same objects as in results). */
  readonly findings: Map<string, Finding[]>;
  /** Core path → how the file was encoded on disk (for writing fixes back). */
  readonly encodings: Map<string, Decoded>;
}

/** Throws ConfigLoadError for an invalid configuration; everything else becomes a problem. */
export function runLint(opts: LintRunOptions): LintRun {
  const rules = opts.rules ?? RULES;
  const configs = new ConfigResolver(rules, opts.configFile);
  const found = discover(opts.paths, opts.cwd, configs);
  const run = analyseTargets(found.targets, { cwd: opts.cwd, rules, configs, listings: found.listings, ...(opts.timings ? { timings: opts.timings } : {}) });
  return { ...run, problems: [...found.problems, ...run.problems], unmatched: found.unmatched };
}

export interface AnalyseContext {
  readonly cwd: string;
  readonly rules: readonly Rule[];
  readonly configs: ConfigResolver;
  readonly timings?: Map<string, number>;
  /** Folders already listed in this run (by discovery). */
  readonly listings?: DirListings;
  /** False when the report will not show suggestions (see `LintRequest.suggestions`). */
  readonly suggestions?: boolean;
}

/** Reads and lints discovered targets (OS paths), with the files they need as context. */
export function analyseTargets(osTargets: readonly string[], ctx: AnalyseContext): LintRun {
  const problems: DiscoveryProblem[] = [];
  const ws = new Workspace((path) => sizeLimit(ctx.configs.forFile(toOsPath(path)).resolved));
  const targets: string[] = [];
  const encodings = new Map<string, Decoded>();
  /** Reads a file into the workspace; false when it cannot be read (reported as a problem). */
  const read = (p: string): boolean => {
    let d: Decoded;
    try {
      d = decodeText(readFileBytes(p));
    } catch (e) {
      problems.push({ path: p, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return false;
    }
    encodings.set(toCorePath(p), d);
    ws.setFile(toCorePath(p), d.text, d.facts);
    return true;
  };
  for (const p of osTargets) if (read(p)) targets.push(toCorePath(p));
  for (const p of contextFiles(osTargets, ctx.listings)) read(p);
  // One analysis unit (Mule app, SFDX project, lone file) at a time, freeing its trees and models
  // afterwards: the findings are the same as in one pass, and memory stays flat on large workspaces.
  const units = new Map<string, string[]>();
  for (const t of targets) {
    const key = ws.analysisUnitOf(t);
    const list = units.get(key);
    if (list) list.push(t);
    else units.set(key, [t]);
  }
  const findings = new Map<string, Finding[]>();
  // Asked for every rule on every file and for every report: once per path.
  const configByPath = new Map<string, ResolvedConfig>();
  const configFor = (path: string): ResolvedConfig => {
    let c = configByPath.get(path);
    if (c === undefined) configByPath.set(path, (c = ctx.configs.forFile(toOsPath(path)).resolved));
    return c;
  };
  for (const unitTargets of units.values()) {
    for (const [path, list] of lint(ws, ctx.rules, {
      targets: unitTargets,
      configFor,
      batch: true,
      suggestions: ctx.suggestions !== false,
      ...(ctx.timings ? { timings: ctx.timings } : {}),
    }))
      findings.set(path, list);
    ws.releaseAnalysis(unitTargets);
  }
  const results: FileResult[] = [...findings].map(([path, list]) => ({ displayPath: displayPath(path, ctx.cwd), findings: list })).sort(byDisplayPath);
  return { results, problems, unmatched: [], workspace: ws, findings, encodings };
}

/** What a lint run reports, without the files it read. */
export interface LintReport {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
}

/**
 * Lints targets one analysis unit at a time, reading each unit's files just before and letting them go
 * after: a report needs nothing of a unit once its findings are out, so a large run holds one unit's
 * texts at a time instead of all of them. `analyseTargets` keeps everything, for fixes to be written back.
 */
export function lintTargets(osTargets: readonly string[], ctx: AnalyseContext): LintReport {
  const results: FileResult[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const unit of groupByUnit(osTargets)) {
    const run = analyseTargets(unit, ctx);
    for (const r of run.results) results.push(r);
    for (const p of run.problems) problems.push(p);
  }
  return { results: results.sort(byDisplayPath), problems };
}

export function byDisplayPath(a: FileResult, b: FileResult): number {
  return a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0;
}
