/** Start-up figures: extension activation (fresh process per sample) and the .vsix size. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats';
import { REPO } from './throughput';

/** require('dist/extension.js') + activate() with a stand-in vscode API, in fresh processes. */
export function activationMs(runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = spawnSync(process.execPath, [join(REPO, 'bench', 'activation-child.cjs')], { encoding: 'utf8', timeout: 60_000 });
    if (r.signal) throw new Error(`activation did not finish within a minute and was stopped (${r.signal}): ${r.stderr}`);
    if (r.status !== 0) throw new Error(`activation failed: ${r.stderr}`);
    if (i > 0) out.push(Number(r.stdout));
  }
  return median(out);
}

/** Packs the extension as `npm run package` does (minified bundles) and returns its size. */
export function vsixBytes(): number {
  const build = spawnSync(process.execPath, [join(REPO, 'esbuild.mjs'), '--minify'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const out = join(mkdtempSync(join(tmpdir(), 'sg-vsix-')), 'session-guard.vsix');
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package failed: ${r.stdout}\n${r.stderr}`);
  // Back to the normal (unminified, source-mapped) build the tests use.
  spawnSync(process.execPath, [join(REPO, 'esbuild.mjs')], { cwd: REPO });
  return statSync(out).size;
}
