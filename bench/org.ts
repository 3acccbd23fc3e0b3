/**
 * The figures of a large real-shaped org (bench/big-org.ts) and of real Flows, which the generated
 * workspace never showed: linting an org's flows folder and one of its Flows (whole CLI process), the
 * language server's latency for an edit of a Flow and of an Apex class in the org (against the same edit
 * in a one-file project), its memory on the org, and Lightning Flow Scanner on the same Flows, with how
 * many files each tool analysed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BigOrg } from './big-org';
import { indexedServer, rssMb, timedEdits } from './editor';
import { muleFlowsFile } from './generate';
import { peers, type PeerFigures } from './peers';
import { median, percentile } from './stats';
import { REPO } from './throughput';

const CLI = join(REPO, 'dist', 'cli.js');
const LFS = join(REPO, 'bench', 'lfs-run.cjs');

export interface WholeProcessFigure {
  readonly files: number;
  readonly megabytes: number;
  /** Median ms from spawn to exit. */
  readonly sessionGuardMs: number;
  readonly lightningFlowScannerMs: number;
  /** Flows Lightning Flow Scanner parsed and scanned (it may drop some). */
  readonly lightningFlowScannerScanned: number;
  /** Files Session Guard read: the Flows and the context their references reached. */
  readonly sessionGuardRead: number;
}

/** Every file under `dir` whose name ends with `suffix`. */
export function filesUnder(dir: string, suffix: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!['node_modules', '.sfdx', '.sf', '.git'].includes(e.name)) filesUnder(p, suffix, out);
    } else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

function spawnMs(args: string[], ok: (status: number | null) => boolean): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26, cwd: REPO });
  const ms = performance.now() - t;
  if (!ok(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const lintOk = (s: number | null) => s === 0 || s === 1;

/** `session-guard lint FILES…` and Lightning Flow Scanner on the same Flows, each as a whole process, alternating. */
export function wholeProcess(flows: readonly string[], runs: number, tmp: string): WholeProcessFigure {
  const list = join(tmp, `flows-${flows.length}.txt`);
  writeFileSync(list, flows.join('\n') + '\n');
  const out = join(REPO, 'bench', '.out', 'org-lint.json');
  const sg = () => spawnMs([CLI, 'lint', ...flows, '--format', 'json', '--output', out], lintOk).ms;
  const lfs = () => spawnMs([LFS, list], (s) => s === 0);
  sg();
  const first = JSON.parse(lfs().stdout) as { scanned: number };
  const sgRuns: number[] = [];
  const lfsRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    sgRuns.push(sg());
    lfsRuns.push(lfs().ms);
  }
  const read = readReads(flows);
  return {
    files: flows.length,
    megabytes: flows.reduce((a, f) => a + statSync(f).size, 0) / 1e6,
    sessionGuardMs: median(sgRuns),
    lightningFlowScannerMs: median(lfsRuns),
    lightningFlowScannerScanned: first.scanned,
    sessionGuardRead: read,
  };
}

/** How many files a lint of these Flows reads (the engine's on-demand reads, counted in-process). */
function readReads(flows: readonly string[]): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'bench', 'count-reads.ts'), ...flows], {
    encoding: 'utf8',
    cwd: REPO,
    maxBuffer: 1 << 24,
  });
  return Number(r.stdout.trim()) || NaN;
}

export interface OneFlowFigure {
  readonly inOrgMs: number;
  readonly aloneMs: number;
}

/** Linting one Flow of the org against linting the same Flow alone in an otherwise empty project (whole process). */
export function oneFlow(org: BigOrg, runs: number, tmp: string): OneFlowFigure {
  const alone = join(tmp, 'one-flow-alone');
  mkdirSync(join(alone, 'force-app', 'main', 'default', 'flows'), { recursive: true });
  cpSync(join(org.root, 'sfdx-project.json'), join(alone, 'sfdx-project.json'));
  const copy = join(alone, 'force-app', 'main', 'default', 'flows', basename(org.sampleFlow));
  cpSync(org.sampleFlow, copy);
  const out = join(REPO, 'bench', '.out', 'one-flow.txt');
  const lint = (file: string) => spawnMs([CLI, 'lint', file, '--output', out], lintOk).ms;
  lint(org.sampleFlow);
  lint(copy);
  const inOrg: number[] = [];
  const aloneRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    inOrg.push(lint(org.sampleFlow));
    aloneRuns.push(lint(copy));
  }
  return { inOrgMs: median(inOrg), aloneMs: median(aloneRuns) };
}

export interface EditFigure {
  readonly samples: number;
  readonly orgP50: number;
  readonly orgP95: number;
  readonly aloneP50: number;
  readonly aloneP95: number;
}

/** didChange → diagnostics for `file` in the workspace `root`, `samples` times after a warm-up. */
async function editLatency(root: string, file: string, samples: number, edit: (text: string, i: number) => string): Promise<number[]> {
  const c = await indexedServer(root);
  try {
    const text = readFileSync(file, 'utf8');
    await c.open(file, text);
    await c.pull(file);
    return (await timedEdits(c, file, samples, (i) => edit(text, i))).times;
  } finally {
    await c.stop();
  }
}

/** The same edit of a file in the org and in a project that holds only that file. */
async function editInOrgAndAlone(
  org: BigOrg,
  file: string,
  folder: string,
  samples: number,
  tmp: string,
  edit: (text: string, i: number) => string,
): Promise<EditFigure> {
  const alone = join(tmp, `alone-${basename(file)}`);
  mkdirSync(join(alone, 'force-app', 'main', 'default', folder), { recursive: true });
  cpSync(join(org.root, 'sfdx-project.json'), join(alone, 'sfdx-project.json'));
  const copy = join(alone, 'force-app', 'main', 'default', folder, basename(file));
  cpSync(file, copy);
  const inOrg = await editLatency(org.root, file, samples, edit);
  const aloneRuns = await editLatency(alone, copy, samples, edit);
  return { samples, orgP50: median(inOrg), orgP95: percentile(inOrg, 95), aloneP50: median(aloneRuns), aloneP95: percentile(aloneRuns, 95) };
}

/** An edit in the Flow's description (every keystroke a new text). */
export function flowEdit(org: BigOrg, samples: number, tmp: string): Promise<EditFigure> {
  return editInOrgAndAlone(org, org.sampleFlow, 'flows', samples, tmp, (t, i) => t.replace('<label>', `<label>${i} `));
}

/** An edit in a comment of an Apex class. */
export function apexEdit(org: BigOrg, samples: number, tmp: string): Promise<EditFigure> {
  return editInOrgAndAlone(org, org.sampleClass, 'classes', samples, tmp, (t, i) => `// edited ${i}\n${t}`);
}

export interface OrgMemoryFigure {
  /** After indexing the org and answering a workspace pull of every file. */
  readonly rssMb: number;
  /** The same with a 400 MB generated file in the workspace. */
  readonly withHugeFileMb: number;
  readonly hugeFileMb: number;
}

/** Server memory on the org after a workspace pull, without and with a 400 MB generated XML file in it. */
export async function orgMemory(org: BigOrg): Promise<OrgMemoryFigure> {
  const measure = async (root: string): Promise<number> => {
    const c = await indexedServer(root);
    try {
      await c.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] });
      return rssMb(c.pid);
    } finally {
      await c.stop();
    }
  };
  const rss = await measure(org.root);
  const huge = join(org.root, 'generated', 'src', 'main', 'mule');
  mkdirSync(huge, { recursive: true });
  const hugeFile = join(huge, 'huge.xml');
  const block = muleFlowsFile(1_000_000, 3);
  writeFileSync(hugeFile, '');
  for (let written = 0; written < 400e6; written += block.length) writeFileSync(hugeFile, block, { flag: 'a' });
  try {
    return { rssMb: rss, withHugeFileMb: await measure(org.root), hugeFileMb: statSync(hugeFile).size / 1e6 };
  } finally {
    writeFileSync(hugeFile, '');
    spawnSync('rm', ['-rf', join(org.root, 'generated')]);
  }
}

/**
 * A real org fetched for review into ../realdata (never committed), described like the generated one: the
 * 235-Flow, 2,684-class org of issue 17 when it is there.
 */
export function realOrg(root: string): BigOrg | undefined {
  const md = join(root, 'force-app', 'main', 'default');
  const flowsDir = join(md, 'flows');
  const classesDir = join(md, 'classes');
  let flows: string[];
  let classes: string[];
  try {
    flows = readdirSync(flowsDir)
      .filter((f) => f.endsWith('.flow-meta.xml'))
      .sort();
    classes = readdirSync(classesDir)
      .filter((f) => f.endsWith('.cls'))
      .sort();
  } catch {
    return undefined;
  }
  if (!flows.length || !classes.length) return undefined;
  const bytes = [...flows.map((f) => join(flowsDir, f)), ...classes.map((f) => join(classesDir, f))].reduce((a, f) => a + statSync(f).size, 0);
  return {
    root,
    flowsDir,
    classesDir,
    flows: flows.length,
    classes: classes.length,
    megabytes: bytes / 1e6,
    classSource: `${basename(root)}, a real org`,
    sampleFlow: join(flowsDir, flows[Math.floor(flows.length / 3)]),
    sampleClass: join(classesDir, classes[Math.floor(classes.length / 2)]),
  };
}

export interface RealFlowsFigure {
  readonly source: string;
  readonly inProcess: PeerFigures;
  readonly wholeProcess: WholeProcessFigure;
}

/** Real Flows (the corpus's, and any real project in ../realdata): both tools on the same files. */
export async function realFlows(dirs: readonly string[], runs: number, tmp: string): Promise<RealFlowsFigure | undefined> {
  const flows = dirs.flatMap((d) => filesUnder(d, '.flow-meta.xml'));
  if (!flows.length) return undefined;
  return {
    source: dirs.map((d) => basename(d)).join(', '),
    inProcess: await peers(flows, runs),
    wholeProcess: wholeProcess(flows, runs, tmp),
  };
}
