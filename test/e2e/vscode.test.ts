/**
 * Session Guard in real VS Code (code-server 4.100.3, headless Chromium), installed from the packaged
 * .vsix: squiggles reach the Problems panel and a quick fix removes its finding.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { REPO } from '../support/cli';
import { ensureCodeServer, ensureSystemPackages, ensureVsix, launchBrowser, startCodeServer, type CodeServer } from './environment';
import { applyQuickFix, openFile, openWorkbench, problemRows, showProblems, waitForProblem } from './workbench';

export const RESULTS = join(REPO, 'test-results');

describe('VS Code with the packaged extension', { timeout: 600_000 }, () => {
  let cs: CodeServer;
  let browser: Browser;
  let page: Page;
  let workspace: string;

  before(async () => {
    ensureSystemPackages();
    const bin = ensureCodeServer();
    cs = await startCodeServer(bin, { vsix: ensureVsix() });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    workspace = mkdtempSync(join(tmpdir(), 'sg-vscode-'));
    cpSync(join(REPO, 'test/fixtures/cli/broken-app'), join(workspace, 'app'), { recursive: true });
    mkdirSync(RESULTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    cs?.stop();
  });

  it('shows Session Guard diagnostics in the Problems panel for an opened Mule file', async () => {
    await openWorkbench(page, cs.url, workspace);
    await openFile(page, 'accounts.xml');
    await showProblems(page);
    await waitForProblem(page, 'mule/unknown-error-type');
    await waitForProblem(page, 'mule/unhandled-session-error');
    const rows = await problemRows(page);
    assert.ok(rows.some((r) => r.includes('SALESFORCE:INVALID_SESSION is not an error type') && r.includes('[Ln 11, Col 39]')), rows.join('\n'));
    await page.screenshot({ path: join(RESULTS, 'vscode-problems.png') });
  });

  it('applies the quick fix and the finding disappears', async () => {
    await applyQuickFix(page, 'mule/unknown-error-type', 'Replace with SALESFORCE:CONNECTIVITY');
    await waitForProblem(page, 'mule/unknown-error-type', false);
    const text = (await page.$eval('.monaco-editor .view-lines', (e) => e.textContent ?? '')).replace(/\u00a0/g, ' '); // the editor renders spaces as NBSP
    assert.match(text, /type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"/);
    // The file on disk is untouched until saved: the fix went through the editor.
    assert.match(readFileSync(join(workspace, 'app/src/main/mule/accounts.xml'), 'utf8'), /SALESFORCE:INVALID_SESSION/);
  });
});
