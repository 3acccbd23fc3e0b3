#!/usr/bin/env node
import { main, nodeIO } from './main';

main(process.argv.slice(2), nodeIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`session-guard: internal error: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
