/**
 * The README's CI section, exercised: the GitHub Actions workflow and the GitLab job are read from the
 * README as printed, and every command of theirs runs (with `sh`, as the runners do) in a copy of
 * `examples/` set up as a user's repository: the packed tarball under tools/, a committed baseline.
 * The jobs must pass on the known findings, produce the reports their upload steps name, and fail once
 * a new finding appears. Global npm installs go to a temporary prefix, never to this machine's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO } from './support/cli';

const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/** The ```yaml blocks of the README's "### In CI" section. */
function ciBlocks(): unknown[] {
  const start = README.indexOf('\n### In CI\n');
  assert.ok(start >= 0, 'the README has an "In CI" section');
  const rest = README.slice(start + 1);
  const section = rest.slice(0, rest.search(/\n## /));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as unknown);
}

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
const github = () => ciBlocks().find((b) => (b as { jobs?: unknown }).jobs) as { jobs: Record<string, { steps: Step[] }> };
const gitlab = () =>
  ciBlocks().find((b) => Object.values(b as object).some((j) => (j as { script?: unknown }).script)) as Record<
    string,
    { script: string[]; artifacts: { reports: { codequality: string } } }
  >;

describe("the README's CI jobs, run as printed against examples/", { timeout: 180_000 }, () => {
  let pack: string;
  before(() => {
    // What the README tells users to do in this checkout (the bundles are already built by the test run).
    const dir = mkdtempSync(join(tmpdir(), 'sg-pack-'));
    const r = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    pack = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
    );
    assert.equal(pack.split('/').pop(), `session-guard-${VERSION}.tgz`, 'the tarball name the README uses');
  });

  /** A user's repository: examples/ at its root, the tarball under tools/, the baseline committed. */
  function repository(): { dir: string; env: NodeJS.ProcessEnv } {
    const dir = mkdtempSync(join(tmpdir(), 'sg-ci-'));
    cpSync(join(REPO, 'examples'), dir, { recursive: true });
    mkdirSync(join(dir, 'tools'));
    cpSync(pack, join(dir, 'tools', pack.split('/').pop()!));
    const prefix = join(dir, '..', `${dir.split('/').pop()}-npm-global`);
    const env = {
      ...process.env,
      npm_config_prefix: prefix,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      NO_COLOR: '1',
    };
    return { dir, env };
  }

  function sh(line: string, dir: string, env: NodeJS.ProcessEnv): { code: number; out: string } {
    const r = spawnSync('sh', ['-c', line], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  }

  /** The README's baseline command, run once as a user adopting Session Guard would (and commit). */
  function commitBaseline(dir: string, env: NodeJS.ProcessEnv): void {
    const line = /```sh\n(session-guard lint --write-baseline)\s/.exec(README)?.[1];
    assert.ok(line, 'the README shows how to write the baseline');
    const r = sh(line, dir, env);
    assert.equal(r.code, 0, r.out);
  }

  /** A new mistake in the repository: a second flow naming the error type that does not exist. */
  function addFinding(dir: string): void {
    const file = join(dir, 'mule-app/src/main/mule/orders-api.xml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '</mule>',
        '    <flow name="new-flow">\n        <salesforce:query config-ref="salesforce"/>\n        <error-handler><on-error-propagate type="SALESFORCE:INVALID_SESSION"/></error-handler>\n    </flow>\n</mule>',
      ),
    );
  }

  it('GitHub Actions: the job passes on known findings, writes the SARIF its upload step names, and fails on a new finding', () => {
    const { steps } = Object.values(github().jobs)[0];
    const runs = steps.filter((s) => s.run).map((s) => s.run!.trim());
    assert.ok(runs.length >= 3, runs.join(' | '));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.ok(upload?.with?.sarif_file, 'the workflow uploads a SARIF file');
    const { dir, env } = repository();
    const install = runs.find((r) => r.startsWith('npm install'))!;
    assert.equal(sh(install, dir, env).code, 0);
    commitBaseline(dir, env);
    for (const line of runs.filter((r) => r !== install)) {
      const r = sh(line, dir, env);
      assert.equal(r.code, 0, `${line}\n${r.out}`);
    }
    const sarif = JSON.parse(readFileSync(join(dir, upload!.with!.sarif_file), 'utf8')) as {
      version: string;
      runs: { results: { partialFingerprints: object }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length >= 10, 'every finding goes to code scanning, known ones included');
    assert.ok(sarif.runs[0].results.every((x) => Object.keys(x.partialFingerprints).length === 1));
    addFinding(dir);
    const gate = sh(runs[runs.length - 1], dir, env);
    assert.equal(gate.code, 1, gate.out);
    assert.match(gate.out, /SALESFORCE:INVALID_SESSION/);
  });

  it('GitLab CI: the script passes on known findings, writes the Code Quality report it declares, and fails on a new finding', () => {
    const job = Object.values(gitlab())[0];
    const { dir, env } = repository();
    for (const line of job.script) {
      if (line === job.script[1]) commitBaseline(dir, env);
      const r = sh(line, dir, env);
      assert.equal(r.code, 0, `${line}\n${r.out}`);
    }
    const report = join(dir, job.artifacts.reports.codequality);
    assert.ok(existsSync(report));
    const issues = JSON.parse(readFileSync(report, 'utf8')) as { fingerprint: string; location: { path: string } }[];
    assert.ok(issues.length >= 10);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    assert.ok(issues.every((i) => !i.location.path.startsWith('/')));
    addFinding(dir);
    const gate = sh(job.script[job.script.length - 1], dir, env);
    assert.equal(gate.code, 1, gate.out);
  });

  it('a configuration error fails the report step too (exit 2 is not accepted as findings)', () => {
    const { steps } = Object.values(github().jobs)[0];
    const report = steps.find((s) => s.run?.includes('--format sarif'))!.run!.trim();
    const { dir, env } = repository();
    assert.equal(sh(steps.find((s) => s.run?.startsWith('npm install'))!.run!, dir, env).code, 0);
    writeFileSync(join(dir, '.sessionguardrc.json'), '{ "rules": { "mule/nope": "off" } }');
    assert.notEqual(sh(report, dir, env).code, 0);
  });
});
