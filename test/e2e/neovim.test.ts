/**
 * Another real LSP client: Debian's Neovim 0.7, configured by the README's Neovim 0.7 snippet exactly as
 * printed, with the server on PATH. It receives the same diagnostics as VS Code (pushed: 0.7 does not pull).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { brokenAppWorkspace } from '../support/broken-app';
import { codeBlockAfter } from '../support/readme';
import { ensureSystemPackages } from './environment';
import { languageServerOnPath } from './path-shim';

interface BufferResult {
  ok: boolean;
  filetype: string;
  clients: number;
  diagnostics: { lnum: number; col: number; severity: number; message: string; code: string; source: string }[];
}

describe("Neovim 0.7 with the README's setup", { timeout: 120_000 }, () => {
  before(() => ensureSystemPackages());

  it('attaches on FileType and receives the Session Guard diagnostics of every Mule file, from one client', () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    assert.match(version, /^NVIM v0\.7\./, 'the README snippet under test is the 0.7 one');
    const { root, accounts, globalXml } = brokenAppWorkspace('sg-nvim-');
    const snippet = join(root, 'init.lua');
    writeFileSync(snippet, codeBlockAfter('Neovim 0.7', 'lua'));
    const out = join(root, 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(__dirname, 'neovim-client.lua')}`], {
      cwd: root,
      env: { ...process.env, ...languageServerOnPath(), SG_SNIPPET: snippet, SG_FILE: accounts, SG_FILE2: globalXml, SG_OUT: out },
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.equal(r.status, 0, `nvim failed: ${r.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { first: BufferResult; second: BufferResult; clients: number };
    assert.equal(result.first.ok, true);
    assert.equal(result.first.filetype, 'xml');
    const byCode = Object.fromEntries(result.first.diagnostics.map((d) => [d.code, d]));
    assert.deepEqual(Object.keys(byCode).sort(), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    const unknown = byCode['mule/unknown-error-type'];
    assert.deepEqual([unknown.lnum, unknown.col, unknown.severity], [10, 38, 1]);
    assert.equal(unknown.source, 'session-guard');
    assert.match(byCode['mule/unhandled-session-error'].message, /^<salesforce:query> in 'accounts' fails unhandled when the session expires/);
    assert.equal(result.second.ok, true, 'the second file is attached too');
    assert.deepEqual(
      result.second.diagnostics.map((d) => d.code),
      ['mule/missing-reconnection'],
    );
    assert.equal(result.clients, 1, 'one server for both buffers');
  });
});
