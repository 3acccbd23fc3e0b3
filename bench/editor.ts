/**
 * Editor-side figures, with the built language server over stdio (test/support/lsp-client.ts):
 * latency from a `didChange` to fresh diagnostics (pull), memory after indexing, and the time from
 * spawning the server to its first diagnostics.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../test/support/lsp-client';
import { muleGlobalFile, muleFlowsFile, generateWorkspace } from './generate';
import { median, percentile } from './stats';

export interface LatencyFigure {
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly detail: string;
  /** Timed pulls the server answered `unchanged` (the re-lint reported what the client already shows). */
  readonly unchanged: number;
}

/** Edits before the clock counts: the server's code is compiled by then, as in an editor that has been in use. */
const WARM_UP = 10;

/** The language server on `root`, once it has finished indexing (the org benchmarks start it the same way). */
export async function indexedServer(root: string): Promise<LspClient> {
  const c = new LspClient();
  await c.start(root);
  await c.waitFor('indexing', () => c.progress.some((p) => p.kind === 'end'), 300_000);
  return c;
}

/** A server with one large Mule file (~1 MB) open and diagnosed. */
async function bigFileSession(tmp: string): Promise<{ c: LspClient; file: string; text: string }> {
  const root = join(tmp, 'big-file');
  const file = join(root, 'big/src/main/mule/big.xml');
  mkdirSync(join(root, 'big/src/main/mule'), { recursive: true });
  writeFileSync(join(root, 'big/src/main/mule/global.xml'), muleGlobalFile(1));
  const text = muleFlowsFile(1_000_000, 7);
  writeFileSync(file, text);
  const c = await indexedServer(root);
  await c.open(file, text);
  await c.pull(file);
  return { c, file, text };
}

/** Edits sent to `file` after a warm-up, each timed from didChange until `pulled` has its diagnostics. */
export async function timedEdits(
  c: LspClient,
  file: string,
  samples: number,
  edit: (i: number) => string,
  pulled = file,
): Promise<{ times: number[]; unchanged: number }> {
  const times: number[] = [];
  let unchanged = 0;
  for (let i = 0; i < samples + WARM_UP; i++) {
    // The change is computed before the clock starts: an editor knows what it changed.
    const change = c.prepareEdit(file, edit(i));
    if (i === WARM_UP) unchanged = c.unchangedReports;
    const t = performance.now();
    await c.sendEdit(change);
    await c.pull(pulled);
    if (i >= WARM_UP) times.push(performance.now() - t);
  }
  return { times, unchanged: c.unchangedReports - unchanged };
}

/** (a) Typing in one large Mule file (~1 MB). */
export async function bigFileLatency(tmp: string, samples: number): Promise<LatencyFigure> {
  const { c, file, text } = await bigFileSession(tmp);
  try {
    const { times: out, unchanged } = await timedEdits(c, file, samples, (i) => text.replace('started, correlation', `started (${i}), correlation`));
    return {
      samples: out.length,
      p50: median(out),
      p95: percentile(out, 95),
      detail: `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB Mule file`,
      unchanged,
    };
  } finally {
    await c.stop();
  }
}

export interface EditingMemoryFigure {
  readonly edits: number;
  /** Median over the last `RSS_WINDOW` of 100 warm-up edits. */
  readonly rssBeforeMb: number;
  /** Median over the last `RSS_WINDOW` edits. */
  readonly rssAfterMb: number;
}

/**
 * Edits sampled for each memory figure. One sample lands anywhere in the collector's cycle: the same build
 * measured +42, +35, −25 and +120 MB after 200 edits with single samples. A version kept alive by mistake
 * moves every sample of the later window, garbage not yet collected only some.
 */
const RSS_WINDOW = 20;

/**
 * Server memory while typing in the 1 MB file: every edit introduces an element name the process has
 * not seen, the case where a cache that keeps slices of the document would pin every version.
 */
export async function editingMemory(tmp: string, edits: number): Promise<EditingMemoryFigure> {
  const { c, file, text } = await bigFileSession(tmp);
  try {
    const type = async (i: number) => {
      await c.edit(file, text.replace('<logger ', `<typed-element-name-${i}/><logger `));
      await c.pull(file);
    };
    // The heap grows to its working size over the first edits (the young generation alone grows by up to
    // 45 MB; edits answered unchanged allocate little, so it takes ~100 of them); measure from there.
    const warmUp = 100;
    const before: number[] = [];
    for (let i = 0; i < warmUp; i++) {
      await type(-i - 1);
      if (i >= warmUp - RSS_WINDOW) before.push(rssMb(c.pid));
    }
    const after: number[] = [];
    for (let i = 1; i <= edits; i++) {
      await type(i);
      if (i > edits - RSS_WINDOW) after.push(rssMb(c.pid));
    }
    return { edits, rssBeforeMb: median(before), rssAfterMb: median(after) };
  } finally {
    await c.stop();
  }
}

/** A process's resident memory (Linux). */
export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** (b) Editing the global error handler of an app in a 2,000-file workspace; a flow file that depends on it is re-diagnosed. */
export async function crossFileLatency(tmp: string, samples: number): Promise<LatencyFigure> {
  const root = join(tmp, 'cross-file');
  generateWorkspace(root, { muleFiles: 2000, flows: 0, seed: 7 });
  const global = join(root, 'mule/app-0/src/main/mule/global.xml');
  const dependent = join(root, 'mule/app-0/src/main/mule/flows-1.xml');
  const c = await indexedServer(root);
  try {
    const globalText = readFileSync(global, 'utf8');
    await c.open(global, globalText);
    await c.open(dependent, readFileSync(dependent, 'utf8'));
    await c.pull(dependent);
    const { times: out, unchanged } = await timedEdits(
      c,
      global,
      samples,
      (i) => (i % 2 === 0 ? globalText.replace('type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"', 'type="SALESFORCE:CONNECTIVITY"') : globalText),
      dependent,
    );
    return {
      samples: out.length,
      p50: median(out),
      p95: percentile(out, 95),
      detail: 'global error handler edit, dependent flow file pulled, 2,000 Mule files indexed',
      unchanged,
    };
  } finally {
    await c.stop();
  }
}

/** Resident memory of the server after indexing a folder. */
export async function serverMemory(root: string): Promise<{ rssMb: number; indexMs: number }> {
  const t = performance.now();
  const c = await indexedServer(root);
  const indexMs = performance.now() - t;
  try {
    return { rssMb: rssMb(c.pid), indexMs };
  } finally {
    await c.stop();
  }
}

/** Spawn → initialize → open a file → first diagnostics, several fresh servers. */
export async function timeToFirstDiagnostic(tmp: string, runs: number): Promise<number> {
  const root = join(tmp, 'first-diagnostic');
  const file = join(root, 'app/src/main/mule/flows.xml');
  mkdirSync(join(root, 'app/src/main/mule'), { recursive: true });
  writeFileSync(join(root, 'app/src/main/mule/global.xml'), muleGlobalFile(1));
  writeFileSync(file, muleFlowsFile(8000, 3));
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = new LspClient();
    await c.start(root);
    await c.open(file, readFileSync(file, 'utf8'));
    await c.pull(file);
    out.push(performance.now() - t);
    await c.stop();
  }
  return median(out);
}
