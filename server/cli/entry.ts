#!/usr/bin/env node
import { isMainThread } from 'node:worker_threads';
import { main, nodeIO } from './main';

// Lint workers load this same bundle; server/node/parallel-lint.ts takes over there.
if (isMainThread) {
  // `session-guard lint … | head`: the reader went away; the report is not wanted any more. Exit quietly
  // with the result so far instead of an unhandled EPIPE stack.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2), nodeIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`session-guard: internal error: ${e?.stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
