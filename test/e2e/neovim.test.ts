/** Another real LSP client: Debian's Neovim 0.7 receives the same diagnostics over stdio (push). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { brokenAppWorkspace } from '../support/broken-app';
import { REPO } from '../support/cli';
import { ensureSystemPackages } from './environment';

describe('Neovim 0.7 as an LSP client', { timeout: 120_000 }, () => {
  before(() => ensureSystemPackages());

  it('receives the Session Guard diagnostics for a Mule file', () => {
    const { root, accounts } = brokenAppWorkspace('sg-nvim-');
    const out = join(root, 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(__dirname, 'neovim-client.lua')}`], {
      env: { ...process.env, SG_SERVER: join(REPO, 'dist', 'server.js'), SG_ROOT: root, SG_FILE: accounts, SG_OUT: out },
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.equal(r.status, 0, `nvim failed: ${r.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      ok: boolean;
      diagnostics: { lnum: number; col: number; severity: number; message: string; code: string; source: string }[];
    };
    assert.equal(result.ok, true);
    const byCode = Object.fromEntries(result.diagnostics.map((d) => [d.code, d]));
    assert.deepEqual(Object.keys(byCode).sort(), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    assert.deepEqual([byCode['mule/unknown-error-type'].lnum, byCode['mule/unknown-error-type'].col, byCode['mule/unknown-error-type'].severity], [10, 38, 1]);
    assert.equal(byCode['mule/unknown-error-type'].source, 'session-guard');
    assert.match(byCode['mule/unhandled-session-error'].message, /escapes flow 'accounts'/);
  });
});
