#!/usr/bin/env node
'use strict';
/**
 * A stand-in for the VS Code executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }):
 * serves VS Code with code-server, opens the workbench in headless Chromium with a payload that
 * carries extensionDevelopmentPath / extensionTestsPath as vscode-remote URIs, and exits with the
 * code the workbench reports through window.codeAutomationExit when the extension tests end.
 */
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const bin = process.env.SG_CODE_SERVER_BIN;
if (!bin) {
  process.stderr.write('code-shim: SG_CODE_SERVER_BIN is not set\n');
  process.exit(2);
}

const opts = { folder: undefined, dev: [], tests: undefined, extensionsDir: undefined, userDataDir: undefined };
for (const a of process.argv.slice(2)) {
  const [k, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  if (k === '--extensionDevelopmentPath') opts.dev.push(v);
  else if (k === '--extensionTestsPath') opts.tests = v;
  else if (k === '--extensions-dir') opts.extensionsDir = v;
  else if (k === '--user-data-dir') opts.userDataDir = v;
  else if (!a.startsWith('--')) opts.folder = a;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

(async () => {
  const home = mkdtempSync(join(tmpdir(), 'sg-shim-'));
  const extensionsDir = opts.extensionsDir || join(home, 'extensions');
  const userDataDir = opts.userDataDir || join(home, 'user-data');
  mkdirSync(extensionsDir, { recursive: true }); // an existing folder, or the dev extension is skipped
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false }));
  const port = await freePort();
  const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache') };
  const server = spawn(
    bin,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error(`code-server did not start:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [...opts.dev.map((d) => ['extensionDevelopmentPath', remote(d)]), ['extensionTestsPath', remote(opts.tests)]];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage();
  const exitCode = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code) || 0)));
  page.on('console', (m) => {
    const t = m.text();
    if (/session-guard|Session Guard|extension-tests/.test(t)) process.stdout.write(`[workbench] ${t}\n`);
  });
  await page.goto(`${url}/?folder=${encodeURIComponent(opts.folder || home)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), Number(process.env.SG_SHIM_TIMEOUT_MS || 300000)));
  const code = await Promise.race([exitCode, timeout]);
  if (code === 'timeout') process.stderr.write(`code-shim: the extension tests did not finish in time\n${serverLog.slice(-4000)}\n`);
  await browser.close();
  stop();
  process.exit(code === 'timeout' ? 3 : code);
})().catch((e) => {
  process.stderr.write(`code-shim: ${e && e.stack ? e.stack : e}\n`);
  process.exit(4);
});
