/**
 * The runbook panel against hostile text, in headless Chromium: the page the extension serves
 * (client/src/runbook/html.ts) with the bundled script, fed a diagnosis whose every string is an
 * attack (script tags, event handlers, javascript: links, CSS). Nothing may run, nothing may become
 * markup, and the CSP must refuse script the page did not bring.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Diagnosis } from '../../server/lsp/protocol';
import { ensureSystemPackages, launchBrowser } from '../e2e/environment';
import { serveRunbookPage, type RunbookPage } from '../support/runbook-page';

const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';
const ATTACKS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'link\'">click me</a>',
  '<style>body { display: none !important }</style>',
  '</pre><svg onload="window.__pwned=\'svg\'"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
  '" onmouseover="window.__pwned=\'attr\'" x="',
].join('\n');

function hostileDiagnosis(): Diagnosis {
  const redacted = `INVALID_SESSION_ID: Session expired or invalid\n${ATTACKS}\nip restricted`;
  const at = redacted.indexOf('ip restricted');
  return {
    cause: 'IP_RESTRICTION',
    title: `IP ${ATTACKS}`,
    confidence: 0.9,
    autoRecoverable: false,
    recoverable: 'no',
    summary: ATTACKS,
    evidence: [
      { text: 'ip restricted', start: 0, end: 13, signal: 'ip-restricted', means: ATTACKS, cause: 'IP_RESTRICTION', redactedStart: at, redactedEnd: at + 13 },
      {
        text: ATTACKS,
        start: 0,
        end: 1,
        signal: '<b>x</b>',
        means: ATTACKS,
        cause: 'TOKEN_EXPIRED',
        redactedStart: redacted.indexOf('<script>'),
        redactedEnd: redacted.indexOf('</script>') + 9,
      },
    ],
    recovery: ATTACKS,
    runbook: [ATTACKS, 'second step'],
    snippet: ATTACKS,
    alternatives: [{ cause: 'TOKEN_EXPIRED', confidence: 0.1 }],
    redacted,
    context: { muleElement: { app: ATTACKS, file: 'a.xml', line: 3, path: ATTACKS }, flowApiName: 'X', user: ATTACKS, muleErrorType: ATTACKS },
  };
}

describe('runbook panel with hostile text (headless Chromium)', { timeout: 180_000 }, () => {
  let server: RunbookPage;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const dialogs: string[] = [];
  const consoleLines: string[] = [];

  before(async () => {
    ensureSystemPackages();
    // The stand-in for VS Code's acquireVsCodeApi records what the page posts.
    server = await serveRunbookPage(
      NONCE,
      'window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });',
    );
    origin = server.origin;
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => consoleLines.push(m.text()));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await page.evaluate(
      ([d]) =>
        window.postMessage(
          {
            type: 'diagnosis',
            diagnosis: d,
            canProbe: true,
            locations: [
              {
                kind: 'mule-element',
                uri: 'javascript:alert(1)',
                label: d.summary,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
                findings: [{ ruleId: d.summary, severity: 'warning', message: d.summary, line: 1, docsUrl: 'javascript:alert(1)' }],
              },
            ],
          },
          '*',
        ),
      [hostileDiagnosis()] as const,
    );
    await page.waitForSelector('#title');
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('renders every attack as text', async () => {
    assert.equal(await page.textContent('#title'), `IP ${ATTACKS}`);
    assert.ok(((await page.textContent('#redacted')) ?? '').includes('<script>window.__pwned = "script"</script>'));
    assert.equal(await page.locator('#app script, #app img, #app iframe, #app svg, #app style, #app a[href^="javascript"]').count(), 0);
    assert.equal(await page.locator('[onerror], [onload], [onmouseover]').count(), 0);
    assert.equal(await page.locator('#redacted mark.primary').textContent(), 'ip restricted');
  });

  it('runs nothing, even when the user clicks and hovers everything', async () => {
    for (const el of await page.locator('#app a, #app vscode-button, #app vscode-checkbox, #app mark, #app li').all()) {
      await el.hover().catch(() => undefined);
      await el.click({ timeout: 2000 }).catch(() => undefined);
    }
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.equal(page.url(), `${origin}/`, 'no navigation');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).display), 'none', 'injected CSS did not apply');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.map((m) => m.type));
    assert.ok(posted.includes('open-docs') && posted.includes('open-location'), 'links and buttons only post messages to the extension');
  });

  it('the CSP refuses script the page did not bring', async () => {
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = "injected"';
      document.body.append(s);
    });
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    assert.ok(
      consoleLines.some((l) => /Content Security Policy/.test(l)),
      'Chromium reported the refusal',
    );
  });
});
