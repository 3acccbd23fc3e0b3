/**
 * Analysing discovered targets from the file system: a Program per set of whole units, fed paths that
 * it reads when the analysis needs them (`FileHost`), results with display paths.
 */
import { sizeLimit, type ResolvedConfig } from '../core/config/config';
import { lint } from '../core/engine/linter';
import type { Finding } from '../core/findings';
import type { FileResult } from '../core/formatters';
import { Program } from '../core/program/program';
import type { Rule } from '../core/rules/rule';
import type { ConfigResolver } from './config-loader';
import { contextFiles } from './context';
import type { DiscoveryProblem } from './discovery';
import { FileHost } from './file-host';
import type { ProjectLocator } from '../core/project/layout';
import type { DirListings } from './listings';
import { sep } from 'node:path';
import { displayPath, toCorePath, toOsPath } from './paths';
import { groupByUnit, projectLocator } from './units';

export interface AnalyseContext {
  readonly cwd: string;
  readonly rules: readonly Rule[];
  readonly configs: ConfigResolver;
  readonly timings?: Map<string, number>;
  /** Folders already listed in this run (by discovery). */
  readonly listings?: DirListings;
  /** False when the report will not show suggestions (see `LintRequest.suggestions`). */
  readonly suggestions?: boolean;
  /** Finds the nearest sfdx-project.json (shared by the units of a run: each folder asked once). */
  readonly locate?: ProjectLocator;
  /** Give findings their fingerprints (baselines, SARIF, GitLab). */
  readonly fingerprints?: boolean;
  /**
   * Texts that stand in for what is on disk (core path → text): standard input, and the files a dry run
   * of `--fix` changed. The analysis sees them; the rest of each unit is read from disk as context.
   */
  readonly texts?: ReadonlyMap<string, string>;
}

/** One analysis: its report, and what `--fix` needs to write fixes back. */
export interface Analysis {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
  /** Core path → findings (same objects as in results). */
  readonly findings: Map<string, Finding[]>;
  readonly program: Program;
  readonly host: FileHost;
}

/** Analyses targets (OS paths of whole units) in one Program, with the files they need as context. */
export function analyse(osTargets: readonly string[], ctx: AnalyseContext): Analysis {
  // Asked for every rule on every file and for every report: once per path.
  const configByPath = new Map<string, ResolvedConfig>();
  const configFor = (path: string): ResolvedConfig => {
    let c = configByPath.get(path);
    if (c === undefined) configByPath.set(path, (c = ctx.configs.resolvedFor(toOsPath(path))));
    return c;
  };
  const host = new FileHost((path) => sizeLimit(configFor(path)), ctx.listings);
  const program = new Program(host);
  const targets = osTargets.map(toCorePath);
  for (const [path, text] of ctx.texts ?? []) program.setFile(path, text);
  for (const t of targets) program.addPath(t);
  // Context paths are joined from normalised folders: on POSIX they are core paths already.
  // A project's Salesforce files are listed by the host when the Program first needs them (FileHost.projectFiles).
  for (const p of contextFiles(osTargets, ctx.listings, ctx.locate ?? projectLocator(), { salesforceFiles: false }))
    program.addPath(sep === '/' ? p : toCorePath(p));
  const findings = lint(program, ctx.rules, {
    targets,
    configFor,
    batch: true,
    suggestions: ctx.suggestions !== false,
    fingerprints: ctx.fingerprints === true,
    ...(ctx.timings ? { timings: ctx.timings } : {}),
  });
  const results: FileResult[] = [...findings].map(([path, list]) => ({ displayPath: displayPath(path, ctx.cwd), path, findings: list })).sort(byDisplayPath);
  return { results, problems: host.problems, findings, program, host };
}

/** What a lint run reports, without the files it read. */
export interface LintReport {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
}

/**
 * Lints targets one analysis unit at a time, each in a Program of its own that is dropped once its
 * findings are out: a large run holds one unit's texts at a time.
 */
export function lintUnits(osTargets: readonly string[], ctx: AnalyseContext): LintReport {
  const results: FileResult[] = [];
  const problems: DiscoveryProblem[] = [];
  const locate = ctx.locate ?? projectLocator();
  for (const unit of groupByUnit(osTargets, locate)) {
    const run = analyse(unit, { ...ctx, locate });
    for (const r of run.results) results.push(r);
    for (const p of run.problems) problems.push(p);
  }
  return { results: results.sort(byDisplayPath), problems };
}

export function byDisplayPath(a: FileResult, b: FileResult): number {
  return a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0;
}
