/**
 * Lints large workspaces on several threads. Targets are split by analysis unit (a Mule app, an SFDX
 * project, a lone file), never across one, so each worker sees every file its findings depend on and
 * the results are the same as in one thread. Workers run the same bundle (see `runAsLintWorker`).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { FileResult } from '../core/formatters';
import { RULES } from '../core/rules';
import { ConfigResolver } from './config-loader';
import type { DiscoveryProblem } from './discovery';
import { byDisplayPath, lintTargets } from './run-lint';
import { groupByUnit } from './units';

const WORKER_KIND = 'session-guard-lint-worker';

/** Below this many files a second thread costs more than it saves. */
export const PARALLEL_MIN_FILES = 400;

interface WorkerInput {
  readonly kind: typeof WORKER_KIND;
  readonly targets: readonly string[];
  readonly cwd: string;
  readonly configFile?: string;
  readonly timings: boolean;
  readonly suggestions: boolean;
}

export interface ParallelRun {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
  readonly threads: number;
}

/**
 * `--concurrency auto`: for large runs on machines with four or more cores, one thread per two
 * cores (at most four); otherwise one. On two vCPUs (usually one physical core) a second thread
 * was measured to save under 5% of the time for 30% more CPU, so it is not worth it there.
 */
export function autoConcurrency(targets: number, cores = availableParallelism()): number {
  return targets >= PARALLEL_MIN_FILES && cores >= 4 ? Math.min(4, Math.floor(cores / 2)) : 1;
}

/** Whether this code runs from a bundle a worker can load (not from TypeScript sources under a loader). */
export function canRunWorkers(): boolean {
  return __filename.endsWith('.js');
}

export async function analyseInParallel(
  osTargets: readonly string[],
  opts: { cwd: string; configFile?: string; threads: number; timings?: Map<string, number>; suggestions?: boolean },
): Promise<ParallelRun> {
  const shards = partition(osTargets, opts.threads);
  const runs = await Promise.all(
    shards.map(
      (targets) =>
        new Promise<{ results: FileResult[]; problems: DiscoveryProblem[]; timings: [string, number][] }>((resolve, reject) => {
          const input: WorkerInput = { kind: WORKER_KIND, targets, cwd: opts.cwd, ...(opts.configFile ? { configFile: opts.configFile } : {}), timings: !!opts.timings, suggestions: opts.suggestions !== false };
          const w = new Worker(__filename, { workerData: input });
          let done = false;
          w.once('message', (m) => {
            done = true;
            resolve(m);
          });
          w.once('error', reject);
          w.once('exit', (code) => {
            if (!done) reject(new Error(`lint worker stopped (exit ${code}) before reporting`));
          });
        }),
    ),
  );
  for (const r of runs) for (const [id, ms] of r.timings) opts.timings?.set(id, (opts.timings.get(id) ?? 0) + ms);
  return { results: runs.flatMap((r) => r.results).sort(byDisplayPath), problems: runs.flatMap((r) => r.problems), threads: shards.length };
}

/** Splits targets into at most `n` shards of whole analysis units, balanced by bytes. */
export function partition(osTargets: readonly string[], n: number): string[][] {
  const units = groupByUnit(osTargets).map((files) => ({ files, bytes: files.reduce((sum, p) => sum + sizeOf(p), 0) }));
  const shards = Array.from({ length: Math.max(1, Math.min(n, units.length)) }, () => ({ files: [] as string[], bytes: 0 }));
  for (const u of units.sort((a, b) => b.bytes - a.bytes)) {
    const lightest = shards.reduce((a, b) => (b.bytes < a.bytes || (b.bytes === a.bytes && b.files.length < a.files.length) ? b : a));
    lightest.files.push(...u.files);
    lightest.bytes += u.bytes;
  }
  return shards.map((s) => s.files).filter((f) => f.length > 0);
}

function sizeOf(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0; // reported when read
  }
}

/** The worker side: lint the shard and post the results back. */
function runAsLintWorker(input: WorkerInput): void {
  const timings = input.timings ? new Map<string, number>() : undefined;
  const run = lintTargets(input.targets, { cwd: input.cwd, rules: RULES, configs: new ConfigResolver(RULES, input.configFile), suggestions: input.suggestions, ...(timings ? { timings } : {}) });
  parentPort!.postMessage({ results: run.results, problems: run.problems, timings: [...(timings ?? [])] });
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === WORKER_KIND) runAsLintWorker(workerData as WorkerInput);
