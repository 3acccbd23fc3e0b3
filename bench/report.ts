/** Writes BENCHMARKS.md (figures next to their targets) and BENCHMARKS.json (raw figures). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApexLexerFigure } from './apex-lexer';
import type { EditingMemoryFigure, LatencyFigure } from './editor';
import type { EditFigure, OneFlowFigure, OrgMemoryFigure, RealFlowsFigure, WholeProcessFigure } from './org';
import type { PeerFigures } from './peers';
import { round } from './stats';
import type { ThroughputFigure } from './throughput';

export interface OrgFigures {
  readonly flows: number;
  readonly classes: number;
  readonly megabytes: number;
  readonly classSource: string;
  readonly flowsFolder: WholeProcessFigure;
  readonly oneFlow: OneFlowFigure;
  readonly flowEdit: EditFigure;
  readonly apexEdit: EditFigure;
  readonly memory: OrgMemoryFigure;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  readonly quick: boolean;
  readonly runs: number;
  readonly workspace: {
    muleFiles: number;
    flows: number;
    files: number;
    megabytes: number;
    muleSizes: { median: number; p90: number; max: number };
    flowSizes: { median: number; p90: number; max: number };
  };
  readonly throughput: { corpus?: ThroughputFigure; generated: ThroughputFigure };
  readonly peers: PeerFigures;
  readonly latency: { bigFile: LatencyFigure; crossFile: LatencyFigure };
  readonly memory: { rssMb: number; indexMs: number; files: number; editing: EditingMemoryFigure };
  readonly org: OrgFigures;
  /** The real 2,684-class org of issue 17, when ../realdata holds it. */
  readonly realOrg?: OrgFigures;
  readonly realFlows?: RealFlowsFigure;
  /** The Apex lexer and class model on real classes: NPSP's (the corpus) and the real org's, where present. */
  readonly apexLexer?: readonly ApexLexerFigure[];
  readonly startup: { activationMs: number; firstDiagnosticMs: number };
  readonly vsixBytes: number;
  readonly durationSeconds: number;
}

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met?: boolean;
}

const kb = (b: number) => `${round(b / 1024, 0)} KB`;
const signed = (n: number) => (n < 0 ? `−${-n}` : `+${n}`);
/** How many timed pulls the server answered `unchanged` (figures from before it could have none). */
const answeredUnchanged = (f: LatencyFigure): string => (f.unchanged === undefined ? '' : `; ${f.unchanged} of ${f.samples} answered unchanged`);
const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? '✅ met' : '❌ missed');

export function rows(r: BenchResults): Row[] {
  const g = r.throughput.generated;
  const c = r.throughput.corpus;
  const parseRatio = r.peers.parseMs.fastXmlParser / r.peers.parseMs.sessionGuard;
  const scanRatio = r.peers.scanMs.lightningFlowScanner / r.peers.scanMs.sessionGuard;
  return [
    ...(c
      ? [
          {
            figure: `Lint throughput, ../shared/corpus (${c.files} files, ${round(c.megabytes, 2)} MB)`,
            value: `${round(c.mbPerSecond)} MB/s (${round(c.medianMs, 0)} ms)`,
            target: '—',
          },
        ]
      : []),
    {
      figure: `Lint throughput, generated workspace (${g.files} files, ${round(g.megabytes)} MB)`,
      value: `${round(g.mbPerSecond)} MB/s (${round(g.medianMs / 1000, 2)} s)`,
      target: '≥ 25 MB/s',
      met: g.mbPerSecond >= 25,
    },
    {
      figure: `Bare parse of ${r.peers.flows} Flows (${round(r.peers.megabytes)} MB): Session Guard scanner`,
      value: `${round(r.peers.parseMs.sessionGuard, 0)} ms (${round(r.peers.megabytes / (r.peers.parseMs.sessionGuard / 1000))} MB/s)`,
      target: '—',
    },
    {
      figure: '… fast-xml-parser 5 (`new XMLParser({ ignoreAttributes: false })`)',
      value: `${round(r.peers.parseMs.fastXmlParser, 0)} ms (Session Guard ${round(parseRatio)}× faster)`,
      target: '—',
    },
    {
      figure: `Parse + analyse the same Flows: Session Guard (reads files, all rules, cross-file)`,
      value: `${round(r.peers.scanMs.sessionGuard, 0)} ms`,
      target: '—',
    },
    {
      figure: '… Lightning Flow Scanner core 6.6 (`parse` + `scan`, default rules)',
      value: `${round(r.peers.scanMs.lightningFlowScanner, 0)} ms (Session Guard ${round(scanRatio)}× faster)`,
      target: '≥ 10× faster',
      met: scanRatio >= 10,
    },
    {
      figure: `Editor latency, ${r.latency.bigFile.detail}: didChange → diagnostics`,
      value: `p50 ${round(r.latency.bigFile.p50)} ms, p95 ${round(r.latency.bigFile.p95)} ms${answeredUnchanged(r.latency.bigFile)}`,
      target: 'p95 ≤ 30 ms',
      met: r.latency.bigFile.p95 <= 30,
    },
    {
      figure: `Editor latency, ${r.latency.crossFile.detail}`,
      value: `p50 ${round(r.latency.crossFile.p50)} ms, p95 ${round(r.latency.crossFile.p95)} ms${answeredUnchanged(r.latency.crossFile)}`,
      target: 'p95 ≤ 100 ms',
      met: r.latency.crossFile.p95 <= 100,
    },
    {
      figure: `Language server RSS after indexing ${r.memory.files} files (indexed in ${round(r.memory.indexMs / 1000, 1)} s)`,
      value: `${round(r.memory.rssMb, 0)} MB`,
      target: '≤ 300 MB',
      met: r.memory.rssMb <= 300,
    },
    {
      figure: `Language server RSS while typing in the 1 MB Mule file: ${r.memory.editing.edits} edits after a warm-up, each a new element name`,
      value: `${round(r.memory.editing.rssBeforeMb, 0)} MB → ${round(r.memory.editing.rssAfterMb, 0)} MB`,
      target: 'flat (≤ +50 MB)',
      met: r.memory.editing.rssAfterMb - r.memory.editing.rssBeforeMb <= 50,
    },
    ...orgRows(r.org, 'Large org'),
    ...(r.realOrg ? orgRows(r.realOrg, 'Real org') : []),
    ...realFlowRows(r),
    ...apexLexerRows(r),
    { figure: 'Extension activation (require + activate(), stand-in vscode API)', value: `${round(r.startup.activationMs)} ms`, target: '—' },
    { figure: 'Language server: spawn → first diagnostics', value: `${round(r.startup.firstDiagnosticMs, 0)} ms`, target: '—' },
    { figure: '`.vsix` size', value: kb(r.vsixBytes), target: '≤ 2 MB', met: r.vsixBytes <= 2 * 1024 * 1024 },
  ];
}

/** An org's figures: the generated large org (bench/big-org.ts) or the real one. */
function orgRows(o: OrgFigures, label: string): Row[] {
  const f = o.flowsFolder;
  const wholeRatio = f.lightningFlowScannerMs / f.sessionGuardMs;
  const oneRatio = o.oneFlow.inOrgMs / o.oneFlow.aloneMs;
  const edit = (e: EditFigure) => `p50 ${round(e.orgP50)} ms, p95 ${round(e.orgP95)} ms (one-file project: p95 ${round(e.aloneP95)} ms)`;
  const editRatio = (e: EditFigure) => e.orgP95 / Math.max(e.aloneP95, 1);
  const out: Row[] = [
    {
      figure: `${label} (${o.classes} Apex classes: ${o.classSource}; ${o.flows} Flows; ${round(o.megabytes)} MB of Flows and classes): \`session-guard lint\` of its flows folder, whole process`,
      value: `${round(f.sessionGuardMs, 0)} ms (read ${f.sessionGuardRead} files: the ${f.files} Flows and what their actions reach)`,
      target: '—',
    },
    {
      figure: '… Lightning Flow Scanner core on the same Flows, whole process (`bench/lfs-run.cjs`)',
      value: `${round(f.lightningFlowScannerMs, 0)} ms (scanned ${f.lightningFlowScannerScanned} of ${f.files}; Session Guard ${round(wholeRatio)}× faster)`,
      target: '≥ 10× faster',
      met: wholeRatio >= 10,
    },
    {
      figure: `${label}: lint one of its Flows, against the same Flow alone in an empty project (whole process)`,
      value: `${round(o.oneFlow.inOrgMs, 0)} ms vs ${round(o.oneFlow.aloneMs, 0)} ms (${round(oneRatio, 2)}×)`,
      target: '≤ 1.5×',
      met: oneRatio <= 1.5,
    },
    {
      figure: `${label}, language server: edit a Flow → its diagnostics (${o.flowEdit.samples} edits)`,
      value: edit(o.flowEdit),
      target: 'p95 ≤ 3× one-file project',
      met: editRatio(o.flowEdit) <= 3,
    },
    {
      figure: `${label}, language server: edit an Apex class → its diagnostics (${o.apexEdit.samples} edits)`,
      value: edit(o.apexEdit),
      target: 'p95 ≤ 3× one-file project',
      met: editRatio(o.apexEdit) <= 3,
    },
    {
      figure: `${label}, language server RSS after indexing and a workspace pull of every file`,
      value: `${round(o.memory.rssMb, 0)} MB`,
      target: '≤ 300 MB',
      met: o.memory.rssMb <= 300,
    },
    {
      figure: `… with a ${round(o.memory.hugeFileMb, 0)} MB generated Mule file added`,
      value: `${round(o.memory.withHugeFileMb, 0)} MB (${signed(round(o.memory.withHugeFileMb - o.memory.rssMb, 0))} MB)`,
      target: '< +50 MB',
      met: o.memory.withHugeFileMb - o.memory.rssMb < 50,
    },
  ];
  return out;
}

/** Real Flows of every project in ../realdata and the corpus, both tools. */
/** The Apex lexer on real classes; the target (issue 17) is for NPSP's. */
function apexLexerRows(r: BenchResults): Row[] {
  return (r.apexLexer ?? []).flatMap((a) => [
    {
      figure: `Apex lexer, ${a.classes} real classes (${a.source}, ${round(a.megabytes, 1)} MB), in one process`,
      value: `${round(a.lexMbPerSecond, 0)} MB/s`,
      target: a.source === 'NPSP' ? '≥ 100 MB/s' : '—',
      ...(a.source === 'NPSP' ? { met: a.lexMbPerSecond >= 100 } : {}),
    },
    {
      figure: "… every class's Named Credentials (`callout:` endpoints), with the text pre-filter as the rules ask for them",
      value: `${round(a.modelMbPerSecond, 0)} MB/s (${a.lexedByModel} of ${a.classes} classes lexed)`,
      target: '—',
    },
  ]);
}

function realFlowRows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const real = r.realFlows;
  if (real) {
    const w = real.wholeProcess;
    out.push(
      {
        figure: `Real Flows (${w.files} from ${real.source}; ${round(w.megabytes, 1)} MB): Session Guard, whole process`,
        value: `${round(w.sessionGuardMs, 0)} ms (read ${w.sessionGuardRead} files)`,
        target: '—',
      },
      {
        figure: '… Lightning Flow Scanner core, whole process',
        value: `${round(w.lightningFlowScannerMs, 0)} ms (scanned ${w.lightningFlowScannerScanned} of ${w.files}; Session Guard ${round(w.lightningFlowScannerMs / w.sessionGuardMs)}× faster)`,
        target: '—',
      },
      {
        figure: '… the same in one process, after a warm-up (parse + analyse; parse + scan)',
        value: `${round(real.inProcess.scanMs.sessionGuard, 0)} ms vs ${round(real.inProcess.scanMs.lightningFlowScanner, 0)} ms (${round(real.inProcess.scanMs.lightningFlowScanner / real.inProcess.scanMs.sessionGuard)}×)`,
        target: '—',
      },
    );
  }
  return out;
}

export function writeReport(r: BenchResults, repo: string): void {
  writeFileSync(join(repo, 'BENCHMARKS.json'), JSON.stringify(r, null, 2) + '\n');
  const w = r.workspace;
  const table = rows(r)
    .map((x) => `| ${x.figure} | ${x.value} | ${x.target} | ${mark(x.met)} |`)
    .join('\n');
  const md = `# Benchmarks

Written by \`npm run bench\` on ${r.date.slice(0, 10)}${r.quick ? ' (**--quick**: fewer runs, smaller workspace — not comparable)' : ''}. Each figure is the median of
${r.runs} runs after a warm-up (latencies: percentiles of every sample), measured side by side in one run so that
ratios hold on a noisy machine. Raw figures: [BENCHMARKS.json](BENCHMARKS.json).

Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.platform}.

| figure | value | target | |
|---|---|---|---|
${table}

## What was measured

- **Throughput** is \`node dist/cli.js lint DIR --output …\` (the default stylish report) from spawn to exit
  (start-up, discovery, reading, every rule, formatting, writing), divided into the bytes of the files it lints.
- **The generated workspace** (\`bench/generate.ts\`, deterministic) has ${w.muleFiles} Mule files in apps of 50
  (median ${kb(w.muleSizes.median)}, p90 ${kb(w.muleSizes.p90)}, max ${kb(w.muleSizes.max)}: the shape of
  the corpus apps) with global Salesforce configurations, property files, flow-refs, try scopes, until-successful
  and error handlers, and ${w.flows} Flows in SFDX projects of 500 (median ${kb(w.flowSizes.median)}, p90
  ${kb(w.flowSizes.p90)}, max ${kb(w.flowSizes.max)}) calling Apex and External Services, with Named and External
  Credentials, External Service registrations and Apex classes, so cross-file resolution runs: ${w.files} files,
  ${round(w.megabytes)} MB.
- **Peers** run in this process on the same Flow files, alternating. The bare parse reads nothing from disk; the
  analysis figures both read the files (Session Guard also reads each project's credentials and classes) and
  Session Guard's is what \`session-guard lint\` runs for its default report (no suggestions are built: only the
  JSON report shows them).
- **Latency** drives \`dist/server.js\` over stdio like an editor with pull diagnostics and incremental sync (the
  \`didChange\` carries the edited range, as VS Code sends it): the time from sending it to receiving the
  document's diagnostics, over 100 edits after 10 warm-up edits. The client runs in a process of its own, as an
  editor does, and prepares each change before the clock starts. The 1 MB edit is at the top of the file, where
  the most elements move; it types in a log message, which changes nothing reported. Like VS Code, the client
  sends the id of the report it shows (\`previousResultId\`); the server lints the new text in full either way
  and, when the diagnostics are the same, answers \`unchanged\` instead of sending them again (the figures say
  how many timed answers were).
- **Memory** is the server's resident set (\`/proc/PID/status\` VmRSS) once indexing has finished, and before and
  after a series of edits to the 1 MB file that each add an element name the process has not seen (a cache that
  kept slices of the document would keep every version of it alive; see CHANGELOG): the median over the last 20
  warm-up edits and over the last 20 edits, since a single sample lands anywhere in the collector's cycle.

- **The large org** (\`bench/big-org.ts\`) is shaped like a real one, which the generated workspace is not:
  ${r.org.classes} Apex classes (${r.org.classSource}: most never call out, a few are over 200 KB), ${r.org.flows}
  Flows whose actions name some of them, credentials and registrations. Both tools lint its flows folder as a
  whole process from spawn to exit (Lightning Flow Scanner through \`bench/lfs-run.cjs\`, its core library with
  the default rules, the most favourable way to run it: no Salesforce CLI around it). "Read" counts the files
  Session Guard actually read: each Flow and what its actions reach, never the whole org. One Flow is linted in
  the org and copied alone into an empty project. The editor figures edit a Flow's label and prepend a comment
  to an Apex class, in the org and in a project holding only that file. Memory is after indexing the org and
  answering one workspace pull of every file; the 400 MB file is a generated Mule file under \`src/main/mule\`.
- **The real org**, when \`../realdata/AP-Backup\` holds it (fetched for review, never committed), is the
  235-Flow, 2,684-class org backup of issue 17, measured the same way as the generated one.
- **The Apex lexer** runs in the benchmark process over every class of NPSP (the corpus) and of the real org
  (where \`../realdata/AP-Backup\` holds it), texts already in memory, after a warm-up: \`lexApex\` alone, then the
  Named Credentials a credential rule asks of each class (\`parseApexClass\`), with the text pre-filter that leaves
  classes without \`callout:\` unlexed.
- **Real Flows** are the corpus's and those of any project in \`../realdata\` (fetched for review, never
  committed), linted by both tools as whole processes and, after a warm-up, in one process.

Profiling: \`node --cpu-prof dist/cli.js lint DIR\`, and \`SESSION_GUARD_TIMING=all session-guard lint DIR\` for the
time per rule.
`;
  writeFileSync(join(repo, 'BENCHMARKS.md'), md);
}
