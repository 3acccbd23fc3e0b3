/**
 * Emacs with eglot (Debian's emacs-nox 28 and elpa-eglot) as an LSP client, configured by the README's
 * snippet exactly as printed, with the server on PATH: the Mule file gets the Session Guard diagnostics.
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

describe("Emacs (eglot) with the README's setup", { timeout: 120_000 }, () => {
  before(() => ensureSystemPackages());

  it('starts the server for nxml-mode and shows the Session Guard diagnostics in flymake', () => {
    const { root, accounts } = brokenAppWorkspace('sg-emacs-');
    const snippet = join(root, 'init.el');
    writeFileSync(snippet, codeBlockAfter('Emacs 28 or later with eglot', 'elisp'));
    const out = join(root, 'result.json');
    const r = spawnSync('emacs', ['--batch', '-l', join(__dirname, 'emacs-client.el')], {
      cwd: root,
      env: { ...process.env, ...languageServerOnPath(), SG_SNIPPET: snippet, SG_FILE: accounts, SG_OUT: out },
      encoding: 'utf8',
      timeout: 100_000,
    });
    assert.equal(r.status, 0, `emacs failed: ${r.stderr.slice(-3000)}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { mode: string; server: boolean; diagnostics: { line: number; type: string; text: string }[] };
    assert.equal(result.mode, 'nxml-mode');
    assert.equal(result.server, true, 'eglot connected to session-guard-language-server');
    const lines = result.diagnostics.map((d) => `${d.line} ${d.type}`).sort();
    // The unhandled failure of an HTTP-listener flow is info (requestResponseSeverity), which eglot shows as a note.
    assert.deepEqual(lines, ['11 eglot-error', '7 eglot-note']);
    assert.ok(result.diagnostics.some((d) => /SALESFORCE:INVALID_SESSION is not an error type/.test(d.text)));
    assert.ok(result.diagnostics.some((d) => /<salesforce:query> in 'accounts' fails unhandled when the session expires/.test(d.text)));
  });
});
