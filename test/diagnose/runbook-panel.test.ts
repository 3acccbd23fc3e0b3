/**
 * The runbook panel shows every cause: the page the extension serves (client/src/runbook/html.ts with
 * the bundled script, in headless Chromium) is fed the diagnosis of one labelled text per cause, as the
 * extension posts it, and must show the cause, its title and its whole runbook, and no secret of the text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ToWebview } from '../../client/src/runbook/messages';
import { CAUSE_INFO, CAUSES } from '../../server/core/diagnose/causes';
import { diagnose } from '../../server/core/diagnose/classify';
import { ensureSystemPackages, launchBrowser } from '../e2e/environment';
import { serveRunbookPage, type RunbookPage } from '../support/runbook-page';
import { CASES } from './corpus';

const NONCE = 'cnVuYm9vay1wYW5lbC10ZXN0';

describe('runbook panel: every cause, no secret (headless Chromium)', { timeout: 180_000 }, () => {
  let server: RunbookPage;
  let browser: Browser;
  let page: Page;
  let origin: string;

  before(async () => {
    ensureSystemPackages();
    server = await serveRunbookPage(
      NONCE,
      'window.acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });',
    );
    origin = server.origin;
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${origin}/`);
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const cause of CAUSES.filter((c) => c !== 'UNKNOWN')) {
    it(`shows ${cause}: badge, title, runbook, and no secret of its text`, async () => {
      // The case with secrets if there is one, so the page is checked for them too.
      const c = CASES.filter((x) => x.expected === cause).sort((a, b) => (b.secrets?.length ?? 0) - (a.secrets?.length ?? 0))[0];
      const d = diagnose(c.text);
      assert.equal(d.cause, cause, c.id);
      const message: ToWebview = { type: 'diagnosis', diagnosis: d, locations: [], canProbe: true };
      await page.evaluate((m) => window.postMessage(m, '*'), message);
      await page.waitForFunction((expected) => document.getElementById('cause')?.textContent === expected, cause);
      assert.equal(await page.textContent('#title'), CAUSE_INFO[cause].title);
      const steps = await page.locator('#runbook vscode-checkbox').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
      assert.deepEqual(
        steps,
        CAUSE_INFO[cause].runbook.map((s, i) => `${i + 1}. ${s}`),
      );
      const text = (await page.textContent('body')) ?? '';
      for (const s of c.secrets ?? []) assert.ok(!text.includes(s), `${c.id}: the panel shows ${s.slice(0, 8)}…`);
    });
  }
});
