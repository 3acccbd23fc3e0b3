/**
 * The CLI on hostile file systems: unreadable files, pipes and sockets, broken links, paths outside
 * the working directory, and a folder of 100,000 files. Clear messages, the right exit codes, no crash
 * and no hang.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../support/cli';

const asRoot = process.getuid?.() === 0;

/**
 * The built CLI, copied where any user can read it (the checkout may sit in a private home folder):
 * as root the tests run it as the unprivileged `nobody` user, so that file permissions apply.
 */
function installCli(dir: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  copyFileSync(join(REPO, 'bin', 'session-guard.js'), join(dir, 'bin', 'session-guard.js'));
  copyFileSync(join(REPO, 'dist', 'cli.js'), join(dir, 'dist', 'cli.js'));
  return join(dir, 'bin', 'session-guard.js');
}

let BIN = '';

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  assert.equal(r.signal, null, `the CLI was killed (${r.signal}): it hung`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('session-guard lint on hostile file systems', () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-hostile-'));
  chmodSync(root, 0o755);
  BIN = installCli(join(root, 'cli'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const app = join(root, 'ws', 'app');
  cpSync(join(REPO, 'test/fixtures/cli/broken-app'), app, { recursive: true });
  const mule = join(app, 'src/main/mule');

  it('an unreadable file is an error (exit 2) that names it; the pipe is not read and the rest is still linted', () => {
    writeFileSync(join(mule, 'secret.xml'), '<mule xmlns="http://www.mulesoft.org/schema/mule/core"/>');
    chmodSync(join(mule, 'secret.xml'), 0o000);
    execFileSync('mkfifo', [join(mule, 'pipe.xml')]);
    symlinkSync(join(mule, 'missing-target.xml'), join(mule, 'dangling.xml'));
    const r = run(['lint', 'ws'], root);
    assert.equal(r.code, 2, 'a file that cannot be read is an error, never a silent skip');
    assert.match(r.stderr, /session-guard: ws\/app\/src\/main\/mule\/secret\.xml cannot be read: EACCES; skipped\./);
    assert.match(r.stderr, /ws\/app\/src\/main\/mule\/dangling\.xml is a broken symbolic link; skipped\./);
    assert.ok(!/pipe\.xml/.test(r.stdout), 'a pipe found while walking is not read (reading it would block)');
    assert.match(r.stdout, /mule\/unknown-error-type/);
    const named = run(['lint', 'ws/app/src/main/mule/pipe.xml'], root);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /pipe\.xml is not a regular file \(a device, socket or pipe\); skipped\./);
    rmSync(join(mule, 'pipe.xml'));
    rmSync(join(mule, 'secret.xml'));
    rmSync(join(mule, 'dangling.xml'));
  });

  it('an unreadable Flow of a project is an error (exit 2); the other Flows of the project are still linted', () => {
    const project = join(root, 'ws', 'sfdx');
    cpSync(join(REPO, 'examples/sfdx-project'), project, { recursive: true });
    const flows = join(project, 'force-app/main/default/flows');
    copyFileSync(join(flows, 'Order_Status.flow-meta.xml'), join(flows, 'Locked.flow-meta.xml'));
    chmodSync(join(flows, 'Locked.flow-meta.xml'), 0o000);
    const r = run(['lint', 'ws/sfdx', '--format', 'json'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ws\/sfdx\/force-app\/main\/default\/flows\/Locked\.flow-meta\.xml cannot be read: EACCES; skipped\./);
    const files = JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath);
    assert.ok(files.includes('ws/sfdx/force-app/main/default/flows/Order_Status.flow-meta.xml'));
    assert.ok(!files.some((f: string) => f.includes('Locked')), 'nothing is reported for the unreadable Flow');
    rmSync(project, { recursive: true });
  });

  it('an unreadable folder is an error (exit 2) that names it', () => {
    const locked = join(root, 'ws', 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'x.xml'), '<mule xmlns="http://www.mulesoft.org/schema/mule/core"/>');
    chmodSync(locked, 0o000);
    const r = run(['lint', 'ws'], root);
    assert.match(r.stderr, /ws\/locked cannot be read: EACCES; skipped\./);
    assert.equal(r.code, 2);
    chmodSync(locked, 0o755);
    rmSync(locked, { recursive: true });
  });

  it('lints paths outside the working directory and shows them relative to it', () => {
    const elsewhere = join(root, 'cwd');
    mkdirSync(elsewhere, { recursive: true });
    const r = run(['lint', '../ws/app', '--format', 'json'], elsewhere);
    assert.equal(r.code, 1, r.stderr);
    const files = JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath);
    assert.ok(files.includes('../ws/app/src/main/mule/accounts.xml'), files.join(', '));
  });

  it('walks a folder of 100,000 files without trouble', () => {
    const big = join(root, 'ws', 'many');
    mkdirSync(big);
    for (let i = 0; i < 100_000; i++) writeFileSync(join(big, `note-${i}.txt`), '');
    for (let i = 0; i < 20; i++) writeFileSync(join(big, `m${i}.xml`), `<mule xmlns="http://www.mulesoft.org/schema/mule/core"><flow name="f${i}"/></mule>`);
    const r = run(['lint', 'ws/many', '--format', 'json'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).length, 20);
    rmSync(big, { recursive: true });
  });

  it('exits 2 with a clear message for a path that does not exist', () => {
    const r = run(['lint', 'nowhere'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nowhere does not exist; skipped\./);
  });
});
