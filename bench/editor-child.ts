/**
 * The editor-side figures in a process of their own (spawned by run.ts): the test client that plays the
 * editor parses every diagnostics response, and in the benchmark's main process, whose heap the earlier
 * figures grew, its garbage collection pauses would be counted as the server's latency.
 *
 * Usage: node --import tsx bench/editor-child.ts TMP WORKSPACE_MULE_DIR RUNS QUICK   (prints JSON)
 */
import { bigFileLatency, crossFileLatency, editingMemory, serverMemory, timeToFirstDiagnostic } from './editor';

async function main(): Promise<void> {
  const [tmp, muleDir, runs, quickArg] = process.argv.slice(2);
  const quick = quickArg === 'quick';
  const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
  log('editor latency');
  const bigFile = await bigFileLatency(tmp, quick ? 10 : 100);
  const crossFile = await crossFileLatency(tmp, quick ? 10 : 100);
  log('server memory after indexing');
  const memory = await serverMemory(muleDir);
  const editing = await editingMemory(tmp, quick ? 20 : 200);
  log('start-up');
  const firstDiagnosticMs = await timeToFirstDiagnostic(tmp, Number(runs));
  // Done: exit once the figures are written, whatever a stopped server may have left behind.
  process.stdout.write(JSON.stringify({ bigFile, crossFile, memory, editing, firstDiagnosticMs }), () => process.exit(0));
}

main().catch((e) => {
  process.stderr.write(`editor benchmark failed: ${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
