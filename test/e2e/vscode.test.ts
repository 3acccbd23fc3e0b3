/**
 * Session Guard in real VS Code (code-server 4.100.3, headless Chromium), installed from the packaged
 * .vsix: squiggles reach the Problems panel, a quick fix removes its finding, and Diagnose Selection
 * opens the runbook panel (a webview) with the evidence, runbook, actions and the failing element.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { brokenAppWorkspace } from '../support/broken-app';
import { REPO } from '../support/cli';
import { ensureCodeServer, ensureSystemPackages, ensureVsix, launchBrowser, startCodeServer, type CodeServer } from './environment';
import { applyQuickFix, openFile, openWorkbench, problemRows, runCommand, showProblems, waitForProblem, webviewFrame } from './workbench';

export const RESULTS = join(REPO, 'test-results');
/**
 * The README's picture of the Problems panel is this test's screenshot: `npm run screenshots` (which sets
 * SG_UPDATE_README_IMAGES=1) copies it over images/vscode-problems.png, so it is always what the real editor shows.
 */
const README_IMAGE = join(REPO, 'images', 'vscode-problems.png');

const SECRET = 'AQ4AQSecretTokenThatMustNeverReachThePanel0123456789';
const INCIDENT = [
  'ERROR 2026-11-20 03:14:07,512 [[MuleRuntime].uber.07: [app].accounts.CPU_LITE] org.mule.runtime.core.internal.exception.OnErrorPropagateHandler:',
  'Message               : Unable to refresh session due to: invalid_grant: ip restricted or invalid login hours',
  'Element               : accounts/processors/1 @ app:accounts.xml:7 (Query)',
  'Error type            : SALESFORCE:CONNECTIVITY',
  `Authorization: Bearer 00D7Q000009AbCd!${SECRET}`,
  'Payload               : <img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=1</script>',
].join('\n');

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
    // Wide enough for the Problems panel to show each one-sentence message whole, beside its rule and position.
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    workspace = brokenAppWorkspace('sg-vscode-').root;
    writeFileSync(join(workspace, 'incident.log'), INCIDENT + '\n');
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
    const has = (...parts: string[]) =>
      assert.ok(
        rows.some((r) => parts.every((p) => r.includes(p))),
        `${parts.join(' … ')} in:\n${rows.join('\n')}`,
      );
    // One sentence per finding (issue 21), the explanation in the row under it (the first related information).
    has('SALESFORCE:INVALID_SESSION is not an error type of the Salesforce connector, so the app fails to deploy ("Could not find error")', '[Ln 11, Col 39]');
    has("<salesforce:query> in 'accounts' fails unhandled when the session expires: the HTTP caller gets the listener's default 500 response", '[Ln 7, Col 9]');
    has('An expired or invalid session reaches Mule as SALESFORCE:CONNECTIVITY');
    has("A Salesforce session failure from <salesforce:query> (SALESFORCE:CONNECTIVITY) escapes flow 'accounts'");
    // The picture: the editor and the Problems panel across the window (the side bar folded away for it).
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.waitForSelector('.part.sidebar', { state: 'hidden', timeout: 10_000 });
    await page.mouse.move(0, 0); // no hover card over the rows
    await page.screenshot({ path: join(RESULTS, 'vscode-problems.png') });
    if (process.env.SG_UPDATE_README_IMAGES === '1') copyFileSync(join(RESULTS, 'vscode-problems.png'), README_IMAGE);
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.waitForSelector('.part.sidebar', { state: 'visible', timeout: 10_000 });
  });

  it('Diagnose Selection opens the runbook panel: cause, highlighted evidence, masked token, checklist, actions, location', async () => {
    const console: string[] = [];
    page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cs.url });
    await openFile(page, 'incident.log');
    await runCommand(page, 'Session Guard: Diagnose Selection');
    const panel = webviewFrame(page);
    await panel.locator('#title').waitFor({ timeout: 60_000 });
    assert.equal(await panel.locator('#title').textContent(), 'IP or login-hours restriction');
    assert.equal(await panel.locator('#cause').textContent(), 'IP_RESTRICTION');
    await page.screenshot({ path: join(RESULTS, 'vscode-runbook.png') });
    assert.match((await panel.locator('#confidence').textContent()) ?? '', /^Confidence \d+%$/);
    assert.match((await panel.locator('#recoverable').textContent()) ?? '', /Not recoverable by retrying/);

    const marks = await panel.locator('#redacted mark.primary').allTextContents();
    assert.ok(marks.includes('ip restricted') && marks.includes('invalid login hours'), marks.join(' | '));
    const text = (await panel.locator('#redacted').textContent()) ?? '';
    assert.ok(text.includes('Bearer 00D7Q000009AbCd!****') && !text.includes(SECRET), 'the token is masked in the panel, its org prefix kept');
    assert.ok(text.includes('<img src=x onerror='), 'markup in the error text is shown as text');
    assert.equal(await panel.locator('#redacted img, #redacted script').count(), 0, 'and never becomes elements');
    assert.equal(await panel.locator('body[data-pwned]').count(), 0);

    assert.equal(await panel.locator('#runbook vscode-checkbox').count(), 5);
    await panel.locator('#runbook vscode-checkbox').first().click();
    assert.equal(
      await panel
        .locator('#runbook vscode-checkbox')
        .first()
        .evaluate((e) => (e as HTMLElement & { checked: boolean }).checked),
      true,
    );

    assert.match((await panel.locator('#where').textContent()) ?? '', /Mule element accounts\/processors\/1 in app, accounts\.xml:7/);
    assert.match((await panel.locator('#where .findings').first().textContent()) ?? '', /mule\/unhandled-session-error/);
    // The connection the failing operation uses, with its findings: the missing reconnection is the fix for a session failure.
    assert.match((await panel.locator('#where .connection-label').textContent()) ?? '', /^Uses Salesforce connection 'sf' \(global\.xml:8\)$/);
    assert.match((await panel.locator('#where .connection .findings').textContent()) ?? '', /mule\/missing-reconnection/);
    assert.ok(await panel.locator('#insert-snippet').isVisible());
    assert.ok(await panel.locator('#probe').isVisible());

    await panel.locator('#copy-alert').click();
    await panel.locator('#notice').waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('#notice').textContent(), 'Alert payload copied to the clipboard.');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(JSON.parse(clipboard).cause, 'IP_RESTRICTION');
    assert.ok(!clipboard.includes(SECRET), 'the alert payload is redacted');

    await panel.locator('#where vscode-button', { hasText: 'Open accounts.xml:7' }).click();
    await page.waitForSelector('.tab.active:has-text("accounts.xml")', { timeout: 20_000 });
    const violations = console.filter((l) => /Content Security Policy|Refused to/i.test(l));
    assert.deepEqual(violations, [], 'the panel runs under its CSP without violations');
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
