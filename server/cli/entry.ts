#!/usr/bin/env node
import { isMainThread } from 'node:worker_threads';
import { main, nodeIO } from './main';

// Lint workers load this same bundle; server/node/parallel-lint.ts takes over there.
if (isMainThread) {
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
