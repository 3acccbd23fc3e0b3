/**
 * Prepares real editors for the end-to-end tests, offline: Debian packages (Chromium, Neovim and
 * the headers code-server needs), code-server 4.100.3 (VS Code 1.100.3) and playwright-core in a
 * cache folder outside the project's dependencies, and the packaged .vsix. See ../../shared/E2E.md.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO } from '../support/cli';

export const CACHE = join(REPO, '.e2e-cache');
export const CODE_SERVER_VERSION = '4.100.3';
const APT_PACKAGES = ['chromium', 'ripgrep', 'neovim', 'emacs-nox', 'elpa-eglot', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

/** Says what a long step is about to do (the test runner shows it), before it starts. */
function announce(what: string): void {
  process.stdout.write(`# e2e setup: ${what}\n`);
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
}

function has(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}

/** Installs the Debian packages the editors need, when they are missing (CI runs as root). */
export function ensureSystemPackages(): void {
  const missing = [
    ['chromium', 'chromium'],
    ['rg', 'ripgrep'],
    ['nvim', 'neovim'],
    ['emacs', 'emacs-nox'],
  ].filter(([bin]) => !has(bin));
  const files = [
    '/usr/include/krb5.h',
    '/usr/include/X11/Xlib.h',
    '/usr/include/X11/extensions/XKBfile.h',
    '/usr/include/libsecret-1/libsecret/secret.h',
    '/usr/share/emacs/site-lisp/elpa-src',
  ].some((h) => !existsSync(h));
  if (!missing.length && !files) return;
  if (process.getuid?.() !== 0) throw new Error(`missing system packages (${APT_PACKAGES.join(' ')}) and not running as root to install them`);
  announce(`installing ${APT_PACKAGES.join(', ')} with apt-get (as root; a few minutes, once)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...APT_PACKAGES], { env });
}

/** code-server and playwright-core in .e2e-cache (never a devDependency: their install needs root flags). */
export function ensureCodeServer(): string {
  const bin = join(CACHE, 'node_modules', '.bin', 'code-server');
  const pkg = join(CACHE, 'node_modules', 'code-server', 'package.json');
  if (existsSync(bin) && existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === CODE_SERVER_VERSION) return bin;
  mkdirSync(CACHE, { recursive: true });
  announce(`installing code-server ${CODE_SERVER_VERSION} (VS Code) into .e2e-cache with npm (about two minutes, once)`);
  // npm 11 skips dependency install scripts unless allowed; code-server's postinstall must run.
  writeFileSync(
    join(CACHE, 'package.json'),
    JSON.stringify({ name: 'sg-e2e-cache', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  // @vscode/ripgrep's postinstall downloads from GitHub: seed its cache with Debian's rg.
  const tmp = process.env.TMPDIR || tmpdir();
  const rgCache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(rgCache, { recursive: true });
  run('tar', ['czf', join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', '/usr/bin', 'rg']);
  run('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CACHE,
    env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  return bin;
}

/** Builds the .vsix unless it is newer than every bundle it packs. */
export function ensureVsix(): string {
  const vsix = join(REPO, 'session-guard.vsix');
  const inputs = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/probe.js', 'dist/webview/runbook.js', 'media/runbook.css', 'package.json'].map(
    (p) => join(REPO, p),
  );
  if (existsSync(vsix) && inputs.every((i) => existsSync(i) && statSync(i).mtimeMs <= statSync(vsix).mtimeMs)) return vsix;
  announce('packaging the extension (vsce package)');
  run('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], { cwd: REPO });
  return vsix;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  stop(): void;
}

/** A private code-server: its own config, data and extensions folders, loopback only, no auth. */
export async function startCodeServer(bin: string, opts: { vsix?: string; extensionsDir?: string } = {}): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'sg-code-server-'));
  const extensionsDir = opts.extensionsDir ?? join(home, 'extensions');
  const userDataDir = join(home, 'user-data');
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'window.commandCenter': false,
    }),
  );
  const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache') };
  const common = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  if (opts.vsix) execFileSync(bin, [...common, '--install-extension', opts.vsix], { env, stdio: 'pipe' });
  const port = await freePort();
  const proc: ChildProcess = spawn(
    bin,
    [
      ...common,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`code-server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    extensionsDir,
    userDataDir,
    stop: () => {
      try {
        process.kill(-proc.pid!, 'SIGKILL'); // the whole group: a file watcher child would outlive the pid
      } catch {
        /* gone */
      }
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** playwright-core (no bundled browser) driving Debian's Chromium. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}
