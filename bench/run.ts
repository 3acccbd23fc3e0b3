/**
 * `npm run bench`: every performance figure of Session Guard, side by side in one run, written to
 * BENCHMARKS.md (a table with the targets) and BENCHMARKS.json (the raw figures). Not part of
 * `npm test`: timings belong here, never in unit tests.
 *
 * Usage: npm run bench [-- --quick]   (--quick: fewer runs and a smaller workspace, for a smoke check)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { EditingMemoryFigure, LatencyFigure } from './editor';
import { apexLexer, type ApexLexerFigure } from './apex-lexer';
import { generateBigOrg, type BigOrg } from './big-org';
import { generateWorkspace, quantiles } from './generate';
import { filesUnder, oneFlow, realFlows, realOrg, wholeProcess, type EditFigure, type OrgMemoryFigure } from './org';
import { peers } from './peers';
import { writeReport, type BenchResults } from './report';
import { activationMs, vsixBytes } from './startup';
import { cliThroughput, REPO } from './throughput';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const EDITOR_TIMEOUT_MS = 10 * 60_000;
const SIZE = quick ? { muleFiles: 500, flows: 500 } : { muleFiles: 5000, flows: 5000 };

interface EditorFigures {
  readonly bigFile: LatencyFigure;
  readonly crossFile: LatencyFigure;
  readonly memory: { rssMb: number; indexMs: number };
  readonly editing: EditingMemoryFigure;
  readonly firstDiagnosticMs: number;
}

function log(s: string): void {
  process.stderr.write(`[bench] ${s}\n`);
}

/** The editor figures of an org (bench/org-child.ts in a fresh process, as an editor would be). */
function orgEditorFigures(what: string, stamp: string, tmp: string): { flow: EditFigure; apex: EditFigure; memory: OrgMemoryFigure } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'bench', 'org-child.ts'), stamp, tmp, String(quick ? 10 : 100)], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
    timeout: EDITOR_TIMEOUT_MS,
  });
  if (child.status !== 0) throw new Error(`the ${what} editor benchmarks failed (exit ${child.status}, ${child.signal ?? 'no signal'})`);
  return JSON.parse(child.stdout) as { flow: EditFigure; apex: EditFigure; memory: OrgMemoryFigure };
}

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = join(tmpdir(), `sg-bench-${quick ? 'quick' : 'full'}`);
  mkdirSync(join(REPO, 'bench', '.out'), { recursive: true });
  const ws = join(tmp, 'workspace');
  const stamp = join(tmp, 'workspace.json');
  let gen: ReturnType<typeof generateWorkspace>;
  if (existsSync(stamp)) gen = JSON.parse(readFileSync(stamp, 'utf8'));
  else {
    log(`generating ${SIZE.muleFiles} Mule files and ${SIZE.flows} Flows in ${ws}`);
    gen = generateWorkspace(ws, SIZE);
    writeFileSync(stamp, JSON.stringify(gen));
  }

  log('lint throughput (CLI, whole process)');
  const corpusDir = join(REPO, '..', 'shared', 'corpus');
  const corpus = existsSync(corpusDir) ? cliThroughput(corpusDir, RUNS) : undefined;
  const generated = cliThroughput(ws, RUNS);

  log('peers on the same Flows');
  const flowPaths: string[] = [];
  for (const p of readdirSync(join(ws, 'sfdx'))) {
    const dir = join(ws, 'sfdx', p, 'force-app/main/default/flows');
    for (const f of readdirSync(dir)) flowPaths.push(join(dir, f));
  }
  const peer = await peers(flowPaths, RUNS);

  // A fresh process plays the editor (see editor-child.ts).
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'bench', 'editor-child.ts'), tmp, join(ws, 'mule'), String(RUNS), quick ? 'quick' : 'full'],
    {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
      // They take well under a minute: a hang (a request the server never answers) fails the run instead of blocking it.
      timeout: EDITOR_TIMEOUT_MS,
    },
  );
  if (child.signal)
    throw new Error(
      `the editor benchmarks did not finish within ${EDITOR_TIMEOUT_MS / 60_000} minutes and were stopped (${child.signal}); see their output above`,
    );
  if (child.status !== 0) throw new Error(`the editor benchmarks failed (exit ${child.status})`);
  const editor = JSON.parse(child.stdout) as EditorFigures;
  const { bigFile: big, crossFile: cross, memory, editing, firstDiagnosticMs } = editor;
  log('large org: flows folder and one Flow, Session Guard and Lightning Flow Scanner as whole processes');
  const orgDir = join(tmp, 'big-org');
  const orgStamp = join(tmp, 'big-org.json');
  let org: BigOrg;
  if (existsSync(orgStamp)) org = JSON.parse(readFileSync(orgStamp, 'utf8'));
  else {
    org = generateBigOrg(orgDir, existsSync(corpusDir) ? join(corpusDir, 'SalesforceFoundation__NPSP', 'force-app', 'main', 'default', 'classes') : undefined);
    writeFileSync(orgStamp, JSON.stringify(org));
  }
  const orgFlows = wholeProcess(filesUnder(org.flowsDir, '.flow-meta.xml'), RUNS, tmp);
  const orgOneFlow = oneFlow(org, RUNS, tmp);
  const orgEditor = orgEditorFigures('org', orgStamp, tmp);
  const realOrgDesc = realOrg(join(REPO, '..', 'realdata', 'AP-Backup'));
  let realOrgFigures: BenchResults['realOrg'];
  if (realOrgDesc) {
    log(`real org ${realOrgDesc.root}: the same figures`);
    const stamp = join(tmp, 'real-org.json');
    writeFileSync(stamp, JSON.stringify(realOrgDesc));
    const flows = wholeProcess(filesUnder(realOrgDesc.flowsDir, '.flow-meta.xml'), RUNS, tmp);
    const one = oneFlow(realOrgDesc, RUNS, tmp);
    const ed = orgEditorFigures('real org', stamp, tmp);
    realOrgFigures = {
      flows: realOrgDesc.flows,
      classes: realOrgDesc.classes,
      megabytes: realOrgDesc.megabytes,
      classSource: realOrgDesc.classSource,
      flowsFolder: flows,
      oneFlow: one,
      flowEdit: ed.flow,
      apexEdit: ed.apex,
      memory: ed.memory,
    };
  }
  log('real Flows: the corpus and ../realdata, both tools');
  const realDirs = [corpusDir, join(REPO, '..', 'realdata')].filter((d) => existsSync(d));
  const real = await realFlows(realDirs, RUNS, tmp);
  log('Apex lexer on real classes');
  const lexer: ApexLexerFigure[] = [];
  const npspClasses = join(corpusDir, 'SalesforceFoundation__NPSP', 'force-app', 'main', 'default', 'classes');
  if (existsSync(npspClasses)) lexer.push(apexLexer('NPSP', filesUnder(npspClasses, '.cls'), RUNS));
  if (realOrgDesc) lexer.push(apexLexer('AP-Backup', filesUnder(realOrgDesc.root, '.cls'), RUNS));
  const activation = activationMs(RUNS);
  log('package size');
  const vsix = vsixBytes();

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? '?',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    quick,
    runs: RUNS,
    workspace: {
      muleFiles: gen.muleSizes.length,
      flows: gen.flowSizes.length,
      files: gen.files,
      megabytes: (gen.muleBytes + gen.flowBytes + gen.otherBytes) / 1e6,
      muleSizes: quantiles(gen.muleSizes),
      flowSizes: quantiles(gen.flowSizes),
    },
    throughput: { ...(corpus ? { corpus } : {}), generated },
    peers: peer,
    latency: { bigFile: big, crossFile: cross },
    memory: { ...memory, files: gen.muleSizes.length, editing },
    org: {
      flows: org.flows,
      classes: org.classes,
      megabytes: org.megabytes,
      classSource: org.classSource,
      flowsFolder: orgFlows,
      oneFlow: orgOneFlow,
      flowEdit: orgEditor.flow,
      apexEdit: orgEditor.apex,
      memory: orgEditor.memory,
    },
    ...(realOrgFigures ? { realOrg: realOrgFigures } : {}),
    ...(real ? { realFlows: real } : {}),
    ...(lexer.length ? { apexLexer: lexer } : {}),
    startup: { activationMs: activation, firstDiagnosticMs },
    vsixBytes: vsix,
    durationSeconds: (Date.now() - started) / 1000,
  };
  writeReport(results, REPO);
  log(`done in ${results.durationSeconds.toFixed(0)} s: BENCHMARKS.md, BENCHMARKS.json`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
