/**
 * Lints large workspaces on several threads. Work is handed out by analysis unit (a Mule app, an SFDX
 * project, a lone file), never split, so each thread sees every file its findings depend on and the
 * results are the same as in one thread. The main thread lints too; every thread claims the next unit
 * from a shared counter when it is done with the last, so a thread slowed by the machine simply claims
 * fewer (no sizes are asked for in advance). Workers run the same bundle (see `runAsLintWorker`).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import type { FileResult } from '../core/formatters';
import { RULES } from '../core/rules';
import { configResolverFor, ConfigResolver } from './config-loader';
import type { DiscoveryProblem } from './discovery';
import type { DirListings } from './listings';
import { analyse, byDisplayPath, type AnalyseContext, type LintReport } from './run-lint';
import { groupByUnit } from './units';

const WORKER_KIND = 'session-guard-lint-worker';

/** Below this many files a second thread costs more than it saves. */
const PARALLEL_MIN_FILES = 400;

interface WorkerInput {
  readonly kind: typeof WORKER_KIND;
  readonly units: readonly (readonly string[])[];
  /** One Int32: the index of the next unit to claim, shared by every thread of the run. */
  readonly next: SharedArrayBuffer;
  /** Where the worker posts each unit's report as soon as it has it (`FromWorker`). */
  readonly port: MessagePort;
  readonly cwd: string;
  readonly configFile?: string;
  readonly timings: boolean;
  readonly suggestions: boolean;
  readonly fingerprints: boolean;
  readonly ignorePatterns: readonly string[];
  readonly noIgnore: boolean;
}

/** A unit's report, or the end of the worker's share (with its rule timings). */
type FromWorker = { readonly unit: LintReport } | { readonly done: [string, number][] };

export interface ParallelRun {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
  readonly threads: number;
}

/**
 * `--concurrency auto`: for large runs on machines with four or more cores, one thread per two
 * cores (at most four); otherwise one. On the two-vCPU benchmark machine a second thread saved 0–7% of
 * the time for 20–30% more CPU (two threads, or two processes, slow each other down by about as much as
 * they share; see ARCHITECTURE.md), so it is not worth it there.
 */
export function autoConcurrency(targets: number, cores = availableParallelism()): number {
  return targets >= PARALLEL_MIN_FILES && cores >= 4 ? Math.min(4, Math.floor(cores / 2)) : 1;
}

/** Whether this code runs from a bundle a worker can load (not from TypeScript sources under a loader). */
export function canRunWorkers(): boolean {
  return __filename.endsWith('.js');
}

/**
 * The order in which threads claim units: those with the most files first, so that the last units
 * claimed are small and the threads finish close together.
 */
export function claimOrder(osTargets: readonly string[]): string[][] {
  return groupByUnit(osTargets)
    .map((files, i) => ({ files, i }))
    .sort((a, b) => b.files.length - a.files.length || a.i - b.i)
    .map((u) => u.files);
}

/**
 * Every thread lints the units it claims; workers post each unit's report as soon as they have it, and
 * this thread takes in what has arrived between its own units. Receiving a report costs this thread
 * time, so it claims fewer units and the workers more: the cost is shared instead of coming at the end.
 */
export async function analyseInParallel(
  osTargets: readonly string[],
  opts: {
    cwd: string;
    configs: ConfigResolver;
    configFile?: string;
    listings?: DirListings;
    threads: number;
    timings?: Map<string, number>;
    suggestions?: boolean;
    fingerprints?: boolean;
    ignorePatterns?: readonly string[];
    noIgnore?: boolean;
  },
): Promise<ParallelRun> {
  const units = claimOrder(osTargets);
  const threads = Math.max(1, Math.min(opts.threads, units.length));
  const next = new SharedArrayBuffer(4);
  const results: FileResult[] = [];
  const problems: DiscoveryProblem[] = [];
  const take = (r: LintReport): void => {
    for (const x of r.results) results.push(x);
    for (const x of r.problems) problems.push(x);
  };
  const workers = Array.from({ length: threads - 1 }, () =>
    startWorker(
      {
        kind: WORKER_KIND,
        units,
        next,
        cwd: opts.cwd,
        ...(opts.configFile ? { configFile: opts.configFile } : {}),
        timings: !!opts.timings,
        suggestions: opts.suggestions !== false,
        fingerprints: opts.fingerprints === true,
        ignorePatterns: opts.ignorePatterns ?? [],
        noIgnore: opts.noIgnore === true,
      },
      take,
      opts.timings,
    ),
  );
  const claim = new Int32Array(next);
  const ctx: AnalyseContext = {
    cwd: opts.cwd,
    rules: RULES,
    configs: opts.configs,
    suggestions: opts.suggestions !== false,
    fingerprints: opts.fingerprints === true,
    ...(opts.listings ? { listings: opts.listings } : {}),
    ...(opts.timings ? { timings: opts.timings } : {}),
  };
  for (let i = Atomics.add(claim, 0, 1); i < units.length; i = Atomics.add(claim, 0, 1)) {
    take(analyse(units[i], ctx));
    for (const w of workers) w.poll();
  }
  await Promise.all(workers.map((w) => w.finished));
  return { results: results.sort(byDisplayPath), problems, threads };
}

interface RunningWorker {
  /** Takes in the reports that have arrived, without waiting. */
  poll(): void;
  /** Settles once the worker has reported everything (rejects if it failed). */
  readonly finished: Promise<void>;
}

function startWorker(input: Omit<WorkerInput, 'port'>, take: (r: LintReport) => void, timings: Map<string, number> | undefined): RunningWorker {
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(__filename, { workerData: { ...input, port: port2 }, transferList: [port2] });
  let done = false;
  let settle: { resolve: () => void; reject: (e: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // A rejection is awaited once this thread is done with its own units; until then, keep it from
  // surfacing as unhandled.
  finished.catch(() => undefined);
  const handle = (m: FromWorker): void => {
    if ('unit' in m) return take(m.unit);
    for (const [id, ms] of m.done) timings?.set(id, (timings.get(id) ?? 0) + ms);
    done = true;
    port1.close();
    settle.resolve();
  };
  const poll = (): void => {
    for (let m = receiveMessageOnPort(port1); m && !done; m = receiveMessageOnPort(port1)) handle(m.message as FromWorker);
  };
  // Whatever this thread has not taken in by the time it waits arrives here.
  port1.on('message', (m: FromWorker) => {
    if (!done) handle(m);
  });
  w.once('error', (e) => settle.reject(e));
  w.once('exit', (code) => {
    poll();
    if (!done) settle.reject(new Error(`lint worker stopped (exit ${code}) before reporting`));
  });
  return { poll, finished };
}

/** The worker side: lint claimed units, posting each one's report as soon as it is done. */
function runAsLintWorker(input: WorkerInput): void {
  const timings = input.timings ? new Map<string, number>() : undefined;
  const claim = new Int32Array(input.next);
  const ctx: AnalyseContext = {
    cwd: input.cwd,
    rules: RULES,
    configs: configResolverFor(input),
    suggestions: input.suggestions,
    fingerprints: input.fingerprints,
    ...(timings ? { timings } : {}),
  };
  for (let i = Atomics.add(claim, 0, 1); i < input.units.length; i = Atomics.add(claim, 0, 1)) {
    const run = analyse(input.units[i], ctx);
    const unit: FromWorker = { unit: { results: run.results, problems: run.problems } };
    input.port.postMessage(unit);
  }
  const done: FromWorker = { done: [...(timings ?? [])] };
  input.port.postMessage(done);
  input.port.close();
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === WORKER_KIND) runAsLintWorker(workerData as WorkerInput);
