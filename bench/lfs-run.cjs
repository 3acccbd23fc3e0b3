// Lightning Flow Scanner core as a whole process, for the benchmark's whole-process comparison:
// node bench/lfs-run.cjs FILE_LIST  (one Flow path per line) — parses and scans them with the default
// rules and prints how many Flows it parsed and scanned.
const { readFileSync } = require('node:fs');
const { parse, scan } = require('@flow-scanner/lightning-flow-scanner-core');

(async () => {
  const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const parsed = await parse(files);
  const results = scan(parsed);
  process.stdout.write(JSON.stringify({ files: files.length, parsed: parsed.length, scanned: results.length }) + '\n');
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exitCode = 1;
});
