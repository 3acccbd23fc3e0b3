// `npm test`: lint (ESLint + Prettier), type-check, build, then run every *.test.ts with Node's test
// runner (through tsx), saying what it does before each long step. Suites that need extra system packages
// (real editors) install them themselves and say so first (test/e2e/environment.ts).
// `npm run test:unit` (`--unit`): build, then every test but the real-editor suites, in one process.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const unit = args.includes('--unit');

function step(what) {
  process.stdout.write(`\n> ${what}\n`);
}

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

const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' };

const files = [...find(join(root, 'server')), ...find(join(root, 'test'))].filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();

if (unit) {
  step('building the bundles (esbuild)');
  run('node', ['esbuild.mjs']);
  step('every test but the real-editor suites, in one process');
  const unitFiles = files.filter((f) => !f.includes(join('test', 'e2e')));
  run(process.execPath, ['--import', 'tsx', '--test-reporter=spec', 'scripts/unit-tests.ts', ...unitFiles], { env });
  process.exit(0);
}

if (!args.includes('--no-build')) {
  if (only.length === 0) {
    step('lint: ESLint and Prettier');
    run('npx', ['eslint', '.', '--max-warnings', '0']);
    run('npx', ['prettier', '--check', '--log-level', 'warn', '**/*.{ts,mjs,cjs,js}']);
  }
  step('type-check (tsc)');
  run('npx', ['tsc', '--noEmit', '-p', '.']);
  step('building the bundles (esbuild)');
  run('node', ['esbuild.mjs']);
}
step(
  `${files.length} test files. The real-editor suites (test/e2e) install what they need on first use and say so: ` +
    'Chromium, Neovim and Emacs with apt-get (needs root), code-server with npm into .e2e-cache (a few minutes, once)',
);
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { env });
