/**
 * Adopting Session Guard on an existing codebase: a baseline records today's findings, later runs
 * report only new ones and exit by those alone, matched by what a finding is about (not its line).
 * The same fingerprints let GitHub code scanning (SARIF) and GitLab follow findings across commits.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, REPO } from '../support/cli';

function workspace(): { dir: string; accounts: string; global: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sg-baseline-'));
  cpSync(join(REPO, 'test/fixtures/cli/broken-app'), join(dir, 'app'), { recursive: true });
  return { dir, accounts: join(dir, 'app/src/main/mule/accounts.xml'), global: join(dir, 'app/src/main/mule/global.xml') };
}

const edit = (file: string, from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
const baselineOf = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as { version: number; findings: { path: string; ruleId: string; fingerprint: string }[] };
/** Lines pushed down: a comment above every finding of the file. */
const moveLines = (file: string) => edit(file, /<mule /, '<!-- three\n     new\n     lines -->\n<mule ');

describe('baselines', () => {
  it("--write-baseline records today's findings (default .sessionguard-baseline.json) and the run passes", async () => {
    const { dir } = workspace();
    const r = await cli(['lint', '--write-baseline'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'session-guard: wrote 3 findings to .sessionguard-baseline.json.\n');
    assert.equal(r.stdout, '✔ 2 files checked, no problems\n');
    const b = baselineOf(join(dir, '.sessionguard-baseline.json'));
    assert.equal(b.version, 1);
    assert.deepEqual(
      b.findings.map((f) => `${f.path} ${f.ruleId}`),
      [
        'app/src/main/mule/accounts.xml mule/unhandled-session-error',
        'app/src/main/mule/accounts.xml mule/unknown-error-type',
        'app/src/main/mule/global.xml mule/missing-reconnection',
      ],
    );
    assert.ok(b.findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint)));
    // One finding a line: a review of the committed file shows what was added or fixed.
    assert.equal(
      readFileSync(join(dir, '.sessionguard-baseline.json'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"ruleId"')).length,
      3,
    );
  });

  it('--baseline reports only new findings, exits by them alone, and edits above known findings do not bring them back', async () => {
    const { dir, accounts, global } = workspace();
    await cli(['lint', '--write-baseline'], dir);
    moveLines(accounts);
    moveLines(global);
    const same = await cli(['lint', '--baseline'], dir);
    assert.equal(same.code, 0, same.stdout);
    assert.equal(same.stdout, '✔ 2 files checked, no problems\n');
    assert.equal(same.stderr, 'session-guard: baseline .sessionguard-baseline.json: 3 known findings not reported, 0 no longer occur.\n');
    // A new flow with the same mistake: a new finding, reported (with its error exit code) beside the known one.
    edit(
      accounts,
      '</mule>',
      '    <flow name="contacts">\n        <salesforce:query config-ref="sf"/>\n        <error-handler><on-error-propagate type="SALESFORCE:INVALID_SESSION"/></error-handler>\n    </flow>\n</mule>',
    );
    const fresh = await cli(['lint', '--baseline', '-f', 'json'], dir);
    assert.equal(fresh.code, 1);
    const messages = (JSON.parse(fresh.stdout) as { messages: { ruleId: string; line: number }[] }[]).flatMap((f) => f.messages);
    assert.deepEqual(
      messages.map((m) => `${m.ruleId}:${m.line}`),
      ['mule/unknown-error-type:21'],
    );
  });

  it('a fixed finding is counted as no longer occurring and leaves the baseline on the next --write-baseline', async () => {
    const { dir, global } = workspace();
    await cli(['lint', '--write-baseline'], dir);
    edit(
      global,
      '<salesforce:basic-connection username="${sf.user}" password="${secure::sf.password}"/>',
      '<salesforce:basic-connection username="${sf.user}" password="${secure::sf.password}"><reconnection><reconnect frequency="5000" count="3"/></reconnection></salesforce:basic-connection>',
    );
    const r = await cli(['lint', '--baseline'], dir);
    assert.equal(r.code, 0);
    assert.equal(
      r.stderr,
      'session-guard: baseline .sessionguard-baseline.json: 2 known findings not reported, 1 no longer occurs (run --write-baseline to drop them).\n',
    );
    await cli(['lint', '--write-baseline'], dir);
    assert.deepEqual(
      baselineOf(join(dir, '.sessionguard-baseline.json')).findings.map((f) => f.ruleId),
      ['mule/unhandled-session-error', 'mule/unknown-error-type'],
    );
  });

  it('a baseline elsewhere (--baseline=FILE) names files relative to itself; a run on part of the project keeps the rest', async () => {
    const { dir } = workspace();
    mkdirSync(join(dir, 'ci'));
    await cli(['lint', 'app', '--write-baseline=ci/known.json'], dir);
    const b = baselineOf(join(dir, 'ci/known.json'));
    assert.ok(b.findings.every((f) => f.path.startsWith('../app/')));
    const fromApp = await cli(['lint', '.', '--baseline=../ci/known.json'], join(dir, 'app'));
    assert.equal(fromApp.code, 0, 'the same findings, found from another working directory');
    await cli(['lint', 'app/src/main/mule/global.xml', '--write-baseline=ci/known.json'], dir);
    assert.equal(baselineOf(join(dir, 'ci/known.json')).findings.length, 3, 'the entries of accounts.xml are kept');
    assert.ok(!existsSync(join(dir, '.sessionguard-baseline.json')));
  });

  it('--baseline without a baseline file, or with a broken one, is a usage error', async () => {
    const { dir } = workspace();
    const missing = await cli(['lint', '--baseline'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'session-guard: baseline .sessionguard-baseline.json does not exist; create it with --write-baseline.\n');
    writeFileSync(join(dir, '.sessionguard-baseline.json'), '{"version": 7, "findings": []}');
    const wrong = await cli(['lint', '--baseline'], dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /has version 7; this Session Guard reads version 1/);
    assert.equal((await cli(['lint', '--baseline=a.json', '--write-baseline=b.json'], dir)).code, 2);
  });

  it('SARIF partial fingerprints and GitLab fingerprints stay with a finding when lines move, and differ between findings', async () => {
    const { dir, accounts, global } = workspace();
    const sarifPrints = async () =>
      (
        JSON.parse((await cli(['lint', '-f', 'sarif'], dir)).stdout) as {
          runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
        }
      ).runs[0].results.map((r) => `${r.ruleId} ${r.partialFingerprints['sessionGuard/v1']}`);
    const gitlabPrints = async () =>
      (
        JSON.parse((await cli(['lint', '-f', 'gitlab'], dir)).stdout) as { check_name: string; fingerprint: string; location: { lines: { begin: number } } }[]
      ).map((i) => ({ key: `${i.check_name} ${i.fingerprint}`, line: i.location.lines.begin }));
    const sarifBefore = await sarifPrints();
    const gitlabBefore = await gitlabPrints();
    assert.equal(new Set(sarifBefore).size, 3);
    assert.equal(new Set(gitlabBefore.map((g) => g.key)).size, 3);
    moveLines(accounts);
    moveLines(global);
    assert.deepEqual(await sarifPrints(), sarifBefore);
    const gitlabAfter = await gitlabPrints();
    assert.deepEqual(
      gitlabAfter.map((g) => g.key),
      gitlabBefore.map((g) => g.key),
    );
    assert.deepEqual(
      gitlabAfter.map((g) => g.line),
      gitlabBefore.map((g) => g.line + 3),
      'the lines did move',
    );
  });

  it('--format gitlab is GitLab Code Quality JSON', async () => {
    const { dir } = workspace();
    const r = await cli(['lint', '-f', 'gitlab'], dir);
    assert.equal(r.code, 1);
    const issues = JSON.parse(r.stdout) as Record<string, unknown>[];
    const unknown = issues.find((i) => i.check_name === 'mule/unknown-error-type')!;
    assert.deepEqual(Object.keys(unknown).sort(), ['categories', 'check_name', 'content', 'description', 'fingerprint', 'location', 'severity', 'type']);
    assert.match(String(unknown.description), /^SALESFORCE:INVALID_SESSION is not an error type of the Salesforce connector, so the app fails to deploy/);
    assert.deepEqual(unknown.content, {
      body: 'An expired or invalid session reaches Mule as SALESFORCE:CONNECTIVITY (and SALESFORCE:RETRY_EXHAUSTED once a reconnection strategy gives up).',
    });
    assert.deepEqual(unknown.location, { path: 'app/src/main/mule/accounts.xml', lines: { begin: 11, end: 11 } });
    assert.equal(unknown.severity, 'major');
    assert.equal(issues.find((i) => i.check_name === 'mule/missing-reconnection')!.severity, 'minor');
  });
});
