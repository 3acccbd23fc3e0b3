// `npm test`: type-check, build, then run every *.test.ts with Node's test runner (through tsx).
// Suites that need extra system packages (real editors) install them themselves.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

if (!args.includes('--no-build')) {
  run('npx', ['tsc', '--noEmit', '-p', '.']);
  run('node', ['esbuild.mjs']);
}
const files = [...find(join(root, 'server')), ...find(join(root, 'test'))]
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
});
