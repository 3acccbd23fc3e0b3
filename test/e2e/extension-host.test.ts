/**
 * Extension-host tests in real VS Code: @vscode/test-electron's runTests with a vscodeExecutablePath
 * shim that serves VS Code through code-server (Desktop VS Code cannot be downloaded here).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { brokenAppWorkspace } from '../support/broken-app';
import { REPO } from '../support/cli';
import { ensureCodeServer, ensureSystemPackages } from './environment';

describe('extension-host tests through @vscode/test-electron', { timeout: 600_000 }, () => {
  let bin: string;
  const out = join(REPO, '.e2e-cache', 'extension-tests');
  before(async () => {
    ensureSystemPackages();
    bin = ensureCodeServer();
    mkdirSync(out, { recursive: true });
    await build({
      entryPoints: [join(__dirname, 'extension-host', 'suite.ts')],
      outfile: join(out, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'warning',
    });
  });

  it('activation, diagnostics, settings, commands, snippets, status item, quick fixes, fix all, rule pages, Diagnose, Probe and the config schema all work in the extension host', async () => {
    const workspace = brokenAppWorkspace('sg-exthost-').root;
    const results = join(workspace, '..', `${workspace.split('/').pop()}-results.json`);
    let failure: unknown;
    try {
      await runTests({
        vscodeExecutablePath: join(__dirname, 'code-shim.cjs'),
        extensionDevelopmentPath: REPO,
        extensionTestsPath: join(out, 'index.js'),
        launchArgs: [workspace],
        extensionTestsEnv: { SG_CODE_SERVER_BIN: bin, SG_E2E_RESULTS: results, SG_REPO: REPO },
      });
    } catch (e) {
      failure = e;
    }
    assert.ok(existsSync(results), `the suite ran and wrote its results (${failure ?? 'no error'})`);
    const list = JSON.parse(readFileSync(results, 'utf8')) as { name: string; ok: boolean; error?: string }[];
    assert.deepEqual(
      list.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`),
      [],
    );
    assert.equal(list.length, 15);
    assert.equal(failure, undefined);
  });
});
