/** Writes BENCHMARKS.md (figures next to their targets) and BENCHMARKS.json (raw figures). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EditingMemoryFigure, LatencyFigure } from './editor';
import type { PeerFigures } from './peers';
import { round } from './stats';
import type { ThroughputFigure } from './throughput';

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
    { figure: 'Extension activation (require + activate(), stand-in vscode API)', value: `${round(r.startup.activationMs)} ms`, target: '—' },
    { figure: 'Language server: spawn → first diagnostics', value: `${round(r.startup.firstDiagnosticMs, 0)} ms`, target: '—' },
    { figure: '`.vsix` size', value: kb(r.vsixBytes), target: '≤ 2 MB', met: r.vsixBytes <= 2 * 1024 * 1024 },
  ];
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

Profiling: \`node --cpu-prof dist/cli.js lint DIR\`, and \`SESSION_GUARD_TIMING=all session-guard lint DIR\` for the
time per rule.
`;
  writeFileSync(join(repo, 'BENCHMARKS.md'), md);
}
