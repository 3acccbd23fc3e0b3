/**
 * `session-guard lint` without the command line: discover the files under the given paths (or take one
 * text from standard input as if it were a file of its project), analyse them unit by unit (on several
 * threads when asked), apply fixes when asked — to the files, or in memory for a dry run — and hand back
 * the report. The CLI only parses arguments, formats the report and sets the exit code.
 */
import { resolve } from 'node:path';
import type { FileResult } from '../core/formatters';
import { RULES } from '../core/rules';
import { applyFixes, fixedTexts } from './apply-fixes';
import { configResolverFor } from './config-loader';
import { discover, type DiscoveryProblem } from './discovery';
import { analyseInParallel, autoConcurrency, canRunWorkers } from './parallel-lint';
import { displayPath, toCorePath } from './paths';
import { analyse, byDisplayPath, lintUnits, type AnalyseContext, type Analysis } from './run-lint';
import { groupByUnit, projectLocator } from './units';

export interface LintProjectOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  /** A `.sessionguardrc.json` to use instead of the nearest one. */
  readonly configFile?: string;
  /** Apply safe fixes to the files, then report what is left. */
  readonly fix?: boolean;
  /** Apply safe fixes in memory only, and report each changed file's fixed text as its `output`. */
  readonly fixDryRun?: boolean;
  /** Threads: a number, or 'auto' (see `autoConcurrency`). */
  readonly threads?: number | 'auto';
  /** False when the report will not show suggestions: they are then not built. */
  readonly suggestions?: boolean;
  /** Give findings their fingerprints (baselines, SARIF, GitLab). */
  readonly fingerprints?: boolean;
  /** Collects milliseconds per rule when given. */
  readonly timings?: Map<string, number>;
  /** `--ignore-pattern`s (gitignore syntax, relative to `cwd`). */
  readonly ignorePatterns?: readonly string[];
  /** `--no-ignore`: ignore nothing but the default folders. */
  readonly noIgnore?: boolean;
  /**
   * `--stdin`: lint this text as the file `filename` (relative to `cwd`; default `<stdin>.xml`), inside
   * its Mule app or SFDX project on disk, so that references to the rest of the project resolve.
   */
  readonly stdin?: { readonly text: string; readonly filename?: string };
}

export interface LintProjectResult {
  readonly results: FileResult[];
  /** Files and folders that could not be read, with why. */
  readonly problems: DiscoveryProblem[];
  /** Input paths that matched no lintable file. */
  readonly unmatched: string[];
  /** Files whose fixes were not applied, with why (`fix` only). */
  readonly notFixed: DiscoveryProblem[];
  readonly threads: number;
}

/** Like ESLint: fixes can unlock further fixes, so a unit is analysed again until nothing changes. */
const MAX_FIX_PASSES = 10;

export const STDIN_DEFAULT_NAME = '<stdin>.xml';

/** Throws `ConfigLoadError` for an invalid configuration; everything else becomes a problem. */
export async function lintProject(opts: LintProjectOptions): Promise<LintProjectResult> {
  const configs = configResolverFor(opts);
  const stdinTarget = opts.stdin ? resolve(opts.cwd, opts.stdin.filename ?? STDIN_DEFAULT_NAME) : undefined;
  const found = stdinTarget ? undefined : discover(opts.paths, opts.cwd, configs);
  const targets = stdinTarget ? [stdinTarget] : found!.targets;
  // Every target's configuration is read before anything is analysed: an invalid one stops the run
  // here, once, instead of in the middle of it (or on a worker thread).
  for (const t of targets) configs.resolvedFor(t);
  // One listing of each folder and one reading of each sfdx-project.json per run, fix passes included
  // (fixes edit files, never add or remove one).
  const locate = projectLocator();
  const ctx: AnalyseContext = {
    cwd: opts.cwd,
    rules: RULES,
    configs,
    locate,
    ...(found ? { listings: found.listings } : {}),
    suggestions: opts.suggestions !== false,
    fingerprints: opts.fingerprints === true,
    ...(opts.timings ? { timings: opts.timings } : {}),
  };
  const problems = [...(found?.problems ?? [])];
  const unmatched = found?.unmatched ?? [];
  const stdinTexts = stdinTarget ? new Map([[toCorePath(stdinTarget), opts.stdin!.text]]) : undefined;
  if (opts.fix || opts.fixDryRun || stdinTarget) {
    const results: FileResult[] = [];
    const notFixed = new Map<string, string>();
    for (const unit of groupByUnit(targets, locate)) {
      const run = opts.fix
        ? fixOnDisk(unit, ctx, notFixed)
        : opts.fixDryRun
          ? fixInMemory(unit, ctx, stdinTexts, notFixed)
          : analyse(unit, { ...ctx, ...(stdinTexts ? { texts: stdinTexts } : {}) });
      results.push(...run.results);
      problems.push(...run.problems);
    }
    return {
      results: results.sort(byDisplayPath),
      problems,
      unmatched,
      notFixed: [...notFixed].map(([path, message]) => ({ path, message })),
      threads: 1,
    };
  }
  const threads = opts.threads === 'auto' || opts.threads === undefined ? autoConcurrency(targets.length) : opts.threads;
  const run =
    threads > 1 && canRunWorkers()
      ? await analyseInParallel(targets, {
          cwd: opts.cwd,
          configs,
          listings: found!.listings,
          threads,
          suggestions: opts.suggestions !== false,
          fingerprints: opts.fingerprints === true,
          ignorePatterns: opts.ignorePatterns ?? [],
          noIgnore: opts.noIgnore === true,
          ...(opts.configFile ? { configFile: opts.configFile } : {}),
          ...(opts.timings ? { timings: opts.timings } : {}),
        })
      : { ...lintUnits(targets, ctx), threads: 1 };
  return { results: run.results, problems: [...problems, ...run.problems], unmatched, notFixed: [], threads: run.threads };
}

/** `--fix`: each pass writes its fixes and the next one reads the files again (a fresh analysis). */
function fixOnDisk(unit: readonly string[], ctx: AnalyseContext, notFixed: Map<string, string>): Analysis {
  let run = analyse(unit, ctx);
  for (let pass = 1; pass < MAX_FIX_PASSES; pass++) {
    const outcome = applyFixes(run);
    for (const s of outcome.skipped) notFixed.set(s.path, s.message);
    if (!outcome.changed.length) break;
    run = analyse(unit, ctx);
  }
  return run;
}

/** `--fix-dry-run`: the same passes on texts kept in memory; the files that changed report their final text. */
function fixInMemory(unit: readonly string[], ctx: AnalyseContext, initial: ReadonlyMap<string, string> | undefined, notFixed: Map<string, string>): Analysis {
  const texts = new Map(initial ?? []);
  const changed = new Set<string>();
  let run = analyse(unit, { ...ctx, texts });
  for (let pass = 1; pass < MAX_FIX_PASSES; pass++) {
    const outcome = fixedTexts(run);
    for (const s of outcome.skipped) notFixed.set(s.path, s.message);
    if (!outcome.texts.size) break;
    for (const [path, text] of outcome.texts) {
      texts.set(path, text);
      changed.add(path);
    }
    run = analyse(unit, { ...ctx, texts });
  }
  if (!changed.size) return run;
  const outputs = new Map([...changed].map((p) => [displayPath(p, ctx.cwd), texts.get(p)!]));
  return { ...run, results: run.results.map((r) => (outputs.has(r.displayPath) ? { ...r, output: outputs.get(r.displayPath)! } : r)) };
}
