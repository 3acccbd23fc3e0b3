import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { generateWorkspace } from '../../bench/generate';
import { parseXml } from '../../server/core/xml/scanner';
import { binary, cli, REPO } from '../support/cli';

const FIX = 'test/fixtures/cli';
const BROKEN = `${FIX}/broken-app`;

describe('session-guard lint', () => {
  it('prints stylish output with paths relative to the working directory and exits 1 on errors', async () => {
    const r = await cli(['lint', BROKEN]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^test\/fixtures\/cli\/broken-app\/src\/main\/mule\/accounts\.xml$/m);
    assert.match(r.stdout, /^ {2}11:39 {2}error {2}SALESFORCE:INVALID_SESSION is not an error type .* {2}mule\/unknown-error-type$/m);
    // An HTTP caller gets an error response: info by default (requestResponseSeverity).
    assert.match(
      r.stdout,
      /^ {4}7:9 {2}info {3}<salesforce:query> in 'accounts' fails unhandled when the session expires: the HTTP caller gets the listener's default 500 response {2}mule\/unhandled-session-error$/m,
    );
    assert.match(r.stdout, /\n✖ 3 problems \(1 error, 1 warning, 1 info\) in 2 files\n {2}2 problems are fixable with the `--fix` option\.\n$/);
    assert.equal(r.stderr, '');
  });

  it('exits 0 on a clean app and says how many files it checked', async () => {
    const r = await cli(['lint', `${FIX}/clean-app`]);
    assert.deepEqual([r.code, r.stdout], [0, '✔ 1 file checked, no problems\n']);
  });

  it('fails on more warnings than --max-warnings', async () => {
    assert.equal((await cli(['lint', `${FIX}/warn-app`])).code, 0);
    const over = await cli(['lint', `${FIX}/warn-app`, '--max-warnings', '0']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warnings found, more than --max-warnings 0/);
    assert.equal((await cli(['lint', `${FIX}/warn-app`, '--max-warnings', '1'])).code, 0);
  });

  it('--quiet reports errors only', async () => {
    const r = await cli(['lint', BROKEN, '--quiet']);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('  warning  '));
    assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 infos\)/);
  });

  it('writes JSON with positions, offsets, docs links and fixes', async () => {
    const r = await cli(['lint', BROKEN, '--format', 'json']);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.map((f: { filePath: string }) => f.filePath),
      [`${BROKEN}/src/main/mule/accounts.xml`, `${BROKEN}/src/main/mule/global.xml`],
    );
    const m = out[0].messages.find((x: { ruleId: string }) => x.ruleId === 'mule/unknown-error-type');
    assert.deepEqual([m.severity, m.line, m.column, m.endLine, m.endColumn], ['error', 11, 39, 11, 65]);
    assert.match(m.docsUrl, /unknown-error-type\/README\.md$/);
    assert.equal(m.fix.edits[0].newText, 'SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED');
    const unhandled = out[0].messages.find((x: { ruleId: string }) => x.ruleId === 'mule/unhandled-session-error');
    assert.match(unhandled.detail, /^A Salesforce session failure from <salesforce:query> \(SALESFORCE:CONNECTIVITY\) escapes flow 'accounts'/);
    assert.deepEqual(
      unhandled.suggestions.map((s: { title: string }) => s.title),
      ['Wrap in a try that logs and re-throws Salesforce session failures'],
    );
    assert.deepEqual([out[0].errorCount, out[0].warningCount], [1, 0]);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with rule metadata', async () => {
    const r = await cli(['lint', BROKEN, '--format', 'sarif']);
    const log = JSON.parse(r.stdout); // untyped on purpose: the schema is the contract
    const schema = JSON.parse(readFileSync(join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    interface SarifResult {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: unknown; region: unknown } }[];
      fixes: { artifactChanges: { replacements: unknown[] }[] }[];
    }
    const run = (log as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: SarifResult[] }[] }).runs[0];
    const rules = run.tool.driver.rules;
    assert.ok(rules.length >= 10);
    // No link to a site that does not exist: the rule's page itself is the help.
    assert.ok(rules.every((x: { helpUri?: string }) => x.helpUri === undefined));
    const unknownType = rules.find((x) => x.id === 'mule/unknown-error-type') as unknown as {
      help: { markdown: string };
      fullDescription: { markdown: string };
    };
    assert.match(unknownType.help.markdown, /^# mule\/unknown-error-type\n[\s\S]*## Bad example/);
    assert.match(unknownType.fullDescription.markdown, /\*\*Why it matters\*\*/);
    const res = run.results.find((x) => x.ruleId === 'mule/unknown-error-type')!;
    assert.equal(rules[res.ruleIndex].id, 'mule/unknown-error-type');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: `${BROKEN}/src/main/mule/accounts.xml`, uriBaseId: '%SRCROOT%' });
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 11, startColumn: 39, endLine: 11, endColumn: 65 });
    const warn = run.results.find((x) => x.ruleId === 'mule/missing-reconnection')!;
    assert.equal(warn.level, 'warning');
    assert.ok(warn.fixes[0].artifactChanges[0].replacements.length === 1);
  });

  it('writes JUnit XML that is well-formed, with a failing case per problem', async () => {
    const r = await cli(['lint', FIX, '--format', 'junit']);
    const doc = parseXml(r.stdout);
    assert.deepEqual(doc.errors, []);
    const suites = doc.root!.children;
    assert.equal(suites.length, 4);
    const failures = suites.flatMap((s) => s.children).filter((c) => c.children.some((f) => f.name === 'failure'));
    assert.equal(failures.length, 4);
    assert.ok(
      suites.some((s) => s.children.length === 1 && s.children[0].children.length === 0),
      'a clean file is one passing case',
    );
  });

  it('--output writes the report to a file (creating folders)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-out-'));
    const out = join(dir, 'reports', 'sg.sarif');
    const r = await cli(['lint', BROKEN, '-f', 'sarif', '-o', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
  });

  it('--fix applies safe fixes and reports what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-fix-'));
    cpSync(join(REPO, BROKEN), join(dir, 'app'), { recursive: true });
    const r = await cli(['lint', 'app', '--fix'], dir);
    assert.equal(r.code, 0, r.stdout);
    const accounts = readFileSync(join(dir, 'app/src/main/mule/accounts.xml'), 'utf8');
    assert.ok(accounts.includes('type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"'));
    const global = readFileSync(join(dir, 'app/src/main/mule/global.xml'), 'utf8');
    assert.ok(global.includes('<reconnect frequency="5000" count="3"/>'));
    assert.equal(r.stdout, '✔ 2 files checked, no problems\n', 'after fixing, the handler matches and the connection reconnects: nothing left');
  });

  it('--fix writes a file back in its own encoding (UTF-16 with BOM, UTF-8 with BOM)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-fix-enc-'));
    cpSync(join(REPO, BROKEN), join(dir, 'app'), { recursive: true });
    const accountsPath = join(dir, 'app/src/main/mule/accounts.xml');
    const globalPath = join(dir, 'app/src/main/mule/global.xml');
    writeFileSync(accountsPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(accountsPath, 'utf8'), 'utf16le')]));
    writeFileSync(globalPath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(globalPath)]));
    const r = await cli(['lint', 'app', '--fix'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const accounts = readFileSync(accountsPath);
    assert.deepEqual([...accounts.subarray(0, 2)], [0xff, 0xfe]);
    assert.ok(accounts.toString('utf16le', 2).includes('type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"'));
    const global = readFileSync(globalPath);
    assert.deepEqual([...global.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(global.toString('utf8', 3).includes('<reconnect frequency="5000" count="3"/>'));
  });

  it('--fix leaves a file with invalid UTF-8 bytes untouched and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-fix-bad-'));
    cpSync(join(REPO, BROKEN), join(dir, 'app'), { recursive: true });
    const accountsPath = join(dir, 'app/src/main/mule/accounts.xml');
    const bytes = Buffer.from(readFileSync(accountsPath, 'utf8').replace('</mule>', '<!-- caf\u0000 --></mule>'), 'utf8');
    bytes[bytes.indexOf(0)] = 0xe9; // Latin-1 é: not valid UTF-8
    writeFileSync(accountsPath, bytes);
    const r = await cli(['lint', 'app', '--fix'], dir);
    assert.equal(r.code, 1, 'the unfixed error remains');
    assert.ok(readFileSync(accountsPath).equals(bytes), 'byte-for-byte unchanged');
    assert.match(r.stderr, /app\/src\/main\/mule\/accounts\.xml contains bytes that are not valid UTF-8; fixes not applied\./);
    assert.match(r.stdout, /mule\/unknown-error-type/);
  });

  it('exits 2 and names the key for an invalid configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-cfg-'));
    cpSync(join(REPO, `${FIX}/warn-app`), join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, '.sessionguardrc.json'), JSON.stringify({ rules: { 'mule/missing-reconnection': 'warnings' } }));
    const r = await cli(['lint', 'app'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'session-guard: invalid configuration in .sessionguardrc.json:\n' +
        '  .sessionguardrc.json:1:11: rules["mule/missing-reconnection"]: must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2\n',
    );
  });

  it('uses the nearest configuration file: severities and ignore globs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-cfg-'));
    cpSync(join(REPO, FIX), join(dir, 'apps'), { recursive: true });
    writeFileSync(join(dir, 'apps', '.sessionguardrc.json'), JSON.stringify({ rules: { 'mule/missing-reconnection': 'error' }, ignore: ['broken-app/**'] }));
    const r = await cli(['lint', 'apps', '-f', 'json'], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.map((f: { filePath: string }) => f.filePath),
      ['apps/clean-app/src/main/mule/app.xml', 'apps/warn-app/src/main/mule/app.xml'],
    );
    assert.equal(out[1].messages[0].severity, 'error');
    assert.equal(r.code, 1);
  });

  it('--config overrides discovery', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-cfg-'));
    const cfg = join(dir, 'strict.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'mule/missing-reconnection': 'off' } }));
    const r = await cli(['lint', `${FIX}/warn-app`, '--config', cfg, '--max-warnings', '0']);
    assert.deepEqual([r.code, r.stdout], [0, '✔ 1 file checked, no problems\n']);
  });

  it('rejects bad usage with exit 2', async () => {
    assert.equal((await cli(['lint', '--format', 'xml', BROKEN])).code, 2);
    assert.equal((await cli(['lint', '--max-warnings', 'many', BROKEN])).code, 2);
    assert.equal((await cli(['lint', '--nope'])).code, 2);
    assert.equal((await cli(['frobnicate'])).code, 2);
    const missing = await cli(['lint', 'no/such/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
  });

  it('names unreadable entries and symlink loops, lints the rest, and exits 2 (never a silent skip)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-links-'));
    cpSync(join(REPO, `${FIX}/warn-app`), join(dir, 'app'), { recursive: true });
    symlinkSync(join(dir, 'app'), join(dir, 'app', 'loop'));
    symlinkSync(join(dir, 'a.xml'), join(dir, 'b.xml'));
    symlinkSync(join(dir, 'b.xml'), join(dir, 'a.xml'));
    mkdirSync(join(dir, 'empty'));
    const r = await cli(['lint', '.', '-f', 'json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a\.xml is a broken symbolic link; skipped/);
    assert.deepEqual(
      JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath),
      ['app/src/main/mule/app.xml'],
    );
  });

  it('lints a folder reached twice (through a link under another name) once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-alias-'));
    cpSync(join(REPO, `${FIX}/broken-app`), join(dir, 'app'), { recursive: true });
    symlinkSync(join(dir, 'app'), join(dir, '0-alias'));
    symlinkSync(join(dir, 'app'), join(dir, 'z-alias'));
    const r = await cli(['lint', '.', '-f', 'json'], dir);
    const alone = await cli(['lint', 'app', '-f', 'json'], dir);
    const paths = JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath);
    assert.deepEqual(
      paths,
      JSON.parse(alone.stdout).map((f: { filePath: string }) => f.filePath.replace(/^app\//, '0-alias/')),
      'the first name in order, each file once',
    );
  });

  it('shows paths outside the working directory relative to it', async () => {
    const r = await cli(['lint', join(REPO, `${FIX}/warn-app`), '-f', 'json'], join(REPO, 'test'));
    assert.equal(JSON.parse(r.stdout)[0].filePath, 'fixtures/cli/warn-app/src/main/mule/app.xml');
    const up = await cli(['lint', join(REPO, `${FIX}/warn-app`), '-f', 'json'], join(REPO, 'server'));
    assert.equal(JSON.parse(up.stdout)[0].filePath, '../test/fixtures/cli/warn-app/src/main/mule/app.xml');
  });

  it('stops quietly when the reader of its output goes away (`| head`)', () => {
    // A report larger than a pipe's buffer, so that the writer is still writing when `head` exits.
    const dir = mkdtempSync(join(tmpdir(), 'sg-epipe-'));
    generateWorkspace(dir, { muleFiles: 40, flows: 0, filesPerApp: 20, seed: 9 });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/session-guard.js lint ${dir} --format json | head -c 20`], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.stdout.length, 20);
    assert.doesNotMatch(r.stderr, /EPIPE|Error/);
  });

  it('the built binary runs and returns the documented exit codes', () => {
    assert.equal(binary(['lint', `${FIX}/clean-app`]).code, 0);
    assert.equal(binary(['lint', BROKEN]).code, 1);
    assert.equal(binary(['lint', BROKEN, '--format', 'nope']).code, 2);
    assert.match(binary(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('session-guard rules', () => {
  it('lists rules as JSON with docs links', async () => {
    const r = await cli(['rules', '--format', 'json']);
    const rules = JSON.parse(r.stdout);
    assert.ok(rules.some((x: { id: string; fixable: boolean }) => x.id === 'mule/unknown-error-type' && x.fixable));
    assert.ok(rules.every((x: { docsUrl: string }) => x.docsUrl.endsWith('/README.md')));
  });
});
