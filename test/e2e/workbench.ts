/** Driving the VS Code workbench served by code-server: open files, read the Problems panel, run quick fixes. */
import type { Page } from 'playwright-core';

export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60_000 });
}

/** Opens a quick input with `key`, types `text`, and accepts the row showing it (three tries: the workbench may still be busy). */
async function pickFromQuickInput(page: Page, key: string, text: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(key);
    const input = await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 }).catch(() => null);
    if (!input) continue;
    await page.keyboard.type(text, { delay: 10 });
    const row = await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${text}")`, { timeout: 15_000 }).catch(() => null);
    if (!row) {
      await page.keyboard.press('Escape');
      continue;
    }
    await page.keyboard.press('Enter');
    return;
  }
  throw new Error(`"${text}" never showed up in the quick input opened with ${key}`);
}

/** Quick Open (Ctrl+P) a file by name and wait for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await pickFromQuickInput(page, 'Control+P', name);
  await page.waitForSelector(`.tab.active:has-text("${name}")`, { timeout: 20_000 });
}

/** Runs a palette command by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickFromQuickInput(page, 'F1', title);
}

export async function showProblems(page: Page): Promise<void> {
  if (!(await page.$('.markers-panel'))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { timeout: 20_000 });
}

export async function problemRows(page: Page): Promise<string[]> {
  return page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
}

/** Polls until a Problems row contains `text` (or, with `present: false`, until none does). */
export async function waitForProblem(page: Page, text: string, present = true, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    ([t, p]) => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((e) => (e.textContent ?? '').includes(t as string)) === p,
    [text, present] as const,
    { timeout },
  );
}

/** Opens the quick fixes of the Problems row that mentions `rowText` and picks the one titled `fixTitle`. */
export async function applyQuickFix(page: Page, rowText: string, fixTitle: string): Promise<void> {
  // Code actions are computed asynchronously after the row is selected: poll, never sleep blindly.
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.click(`.markers-panel .monaco-list-row:has-text("${rowText}")`);
    await page.keyboard.press('Control+Period');
    const item = page.getByText(fixTitle, { exact: false }).first();
    const shown = await item.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (shown) {
      await item.hover();
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`quick fix "${fixTitle}" was never offered for "${rowText}"`);
}

/** The document inside a webview: VS Code nests it in two iframes (the host frame, then #active-frame). */
export function webviewFrame(page: Page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
