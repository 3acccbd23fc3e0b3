/**
 * `session-guard lint` without the command line: discover the files under the given paths, analyse
 * them unit by unit (on several threads when asked), apply fixes when asked, and hand back the report.
 * The CLI only parses arguments, formats the report and sets the exit code.
 */
import type { FileResult } from '../core/formatters';
import { RULES } from '../core/rules';
import { applyFixes } from './apply-fixes';
import { ConfigResolver } from './config-loader';
import { discover, type DiscoveryProblem } from './discovery';
import { analyseInParallel, autoConcurrency, canRunWorkers } from './parallel-lint';
import { analyse, byDisplayPath, lintUnits, type AnalyseContext } from './run-lint';
import { groupByUnit } from './units';

export interface LintProjectOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  /** A `.sessionguardrc.json` to use instead of the nearest one. */
  readonly configFile?: string;
  /** Apply safe fixes to the files, then report what is left. */
  readonly fix?: boolean;
  /** Threads: a number, or 'auto' (see `autoConcurrency`). */
  readonly threads?: number | 'auto';
  /** False when the report will not show suggestions: they are then not built. */
  readonly suggestions?: boolean;
  /** Collects milliseconds per rule when given. */
  readonly timings?: Map<string, number>;
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

/** Throws `ConfigLoadError` for an invalid configuration; everything else becomes a problem. */
export async function lintProject(opts: LintProjectOptions): Promise<LintProjectResult> {
  const configs = new ConfigResolver(RULES, opts.configFile);
  const found = discover(opts.paths, opts.cwd, configs);
  const ctx: AnalyseContext = {
    cwd: opts.cwd,
    rules: RULES,
    configs,
    listings: found.listings,
    suggestions: opts.suggestions !== false,
    ...(opts.timings ? { timings: opts.timings } : {}),
  };
  const problems = [...found.problems];
  if (opts.fix) {
    const results: FileResult[] = [];
    const notFixed = new Map<string, string>();
    for (const unit of groupByUnit(found.targets)) {
      // Files written by a pass are read again by the next one: each pass is a fresh analysis.
      let run = analyse(unit, ctx);
      for (let pass = 1; pass < MAX_FIX_PASSES; pass++) {
        const outcome = applyFixes(run);
        for (const s of outcome.skipped) notFixed.set(s.path, s.message);
        if (!outcome.changed.length) break;
        run = analyse(unit, { ...ctx, listings: undefined });
      }
      results.push(...run.results);
      problems.push(...run.problems);
    }
    return {
      results: results.sort(byDisplayPath),
      problems,
      unmatched: found.unmatched,
      notFixed: [...notFixed].map(([path, message]) => ({ path, message })),
      threads: 1,
    };
  }
  const threads = opts.threads === 'auto' || opts.threads === undefined ? autoConcurrency(found.targets.length) : opts.threads;
  const run =
    threads > 1 && canRunWorkers()
      ? await analyseInParallel(found.targets, {
          cwd: opts.cwd,
          configs,
          listings: found.listings,
          threads,
          suggestions: opts.suggestions !== false,
          ...(opts.configFile ? { configFile: opts.configFile } : {}),
          ...(opts.timings ? { timings: opts.timings } : {}),
        })
      : { ...lintUnits(found.targets, ctx), threads: 1 };
  return { results: run.results, problems: [...problems, ...run.problems], unmatched: found.unmatched, notFixed: [], threads: run.threads };
}
