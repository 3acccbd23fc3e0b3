/**
 * What a new user of `session-guard lint` meets in the first hour (issue 21): quoted globs, standard
 * input linted inside its project, fixes without writing, one-line messages with the detail on demand,
 * a closing line, one-line usage errors, terminal-safe text and relative paths everywhere.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, REPO } from '../support/cli';
import { MAX_MESSAGE_LENGTH, messageShapeProblem } from '../support/rule-tester';
import { codeBlockAfter } from '../support/readme';

const FIX = join(REPO, 'test/fixtures/cli');

function copy(from: string, to = 'app'): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-first-hour-'));
  cpSync(join(REPO, from), join(dir, to), { recursive: true });
  return dir;
}

interface JsonMessage {
  ruleId: string;
  message: string;
  detail?: string;
  related: { path: string }[];
  fix?: { edits: { path: string }[] };
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  output?: string;
}
const json = (stdout: string) => JSON.parse(stdout) as JsonResult[];

describe('session-guard lint in the first hour', () => {
  it('takes quoted globs: files, folders they match, and says so when a glob matches nothing', async () => {
    const dir = copy('test/fixtures/cli/broken-app', 'apps/broken');
    cpSync(join(FIX, 'warn-app'), join(dir, 'apps/warn'), { recursive: true });
    const files = await cli(['lint', 'apps/*/src/main/mule/global.xml', '-f', 'json'], dir);
    assert.deepEqual(
      json(files.stdout).map((r) => r.filePath),
      ['apps/broken/src/main/mule/global.xml'],
    );
    const both = await cli(['lint', 'apps/**/*.xml', '-f', 'json'], dir);
    assert.deepEqual(
      json(both.stdout).map((r) => r.filePath),
      ['apps/broken/src/main/mule/accounts.xml', 'apps/broken/src/main/mule/global.xml', 'apps/warn/src/main/mule/app.xml'],
    );
    const folders = await cli(['lint', 'apps/w*', '-f', 'json'], dir);
    assert.deepEqual(
      json(folders.stdout).map((r) => r.filePath),
      ['apps/warn/src/main/mule/app.xml'],
    );
    const none = await cli(['lint', 'apps/**/*.flow-meta.xml'], dir);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'session-guard: no Mule XML or Salesforce metadata found in apps/**/*.flow-meta.xml.\n');
  });

  it('--stdin with --stdin-filename lints the text as that file inside its app: the default handler in another file applies', async () => {
    const dir = copy('test/fixtures/cli/broken-app');
    const globalXml = join(dir, 'app/src/main/mule/global.xml');
    writeFileSync(
      globalXml,
      readFileSync(globalXml, 'utf8').replace(
        '</mule>',
        '    <configuration defaultErrorHandler-ref="global"/>\n    <error-handler name="global">\n        <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"/>\n    </error-handler>\n</mule>',
      ),
    );
    // The editor's unsaved text: the flow's own handler removed, so the default handler is the one that matters.
    const text = readFileSync(join(dir, 'app/src/main/mule/accounts.xml'), 'utf8').replace(/\s*<error-handler>[\s\S]*<\/error-handler>/, '');
    const inProject = await cli(['lint', '--stdin', '--stdin-filename', 'app/src/main/mule/accounts.xml', '-f', 'json'], dir, text);
    assert.equal(inProject.code, 0, inProject.stderr);
    assert.deepEqual(json(inProject.stdout), [
      { filePath: 'app/src/main/mule/accounts.xml', messages: [], errorCount: 0, warningCount: 0, infoCount: 0, fixableCount: 0 },
    ]);
    const alone = await cli(['lint', '--stdin', '-f', 'json'], dir, text);
    assert.equal(json(alone.stdout)[0].filePath, '<stdin>.xml');
    assert.deepEqual(
      json(alone.stdout)[0].messages.map((m) => m.ruleId),
      ['mule/unhandled-session-error'],
      'without its project the flow has no handler for the session failure',
    );
    assert.equal(
      readFileSync(join(dir, 'app/src/main/mule/accounts.xml'), 'utf8').includes('<error-handler>'),
      true,
      'the file on disk is not read as the target',
    );
  });

  it('--stdin refuses --fix and paths; --fix-dry-run gives the fixed text as "output"', async () => {
    const dir = copy('test/fixtures/cli/broken-app');
    const text = readFileSync(join(dir, 'app/src/main/mule/accounts.xml'), 'utf8');
    const fix = await cli(['lint', '--stdin', '--fix'], dir, text);
    assert.equal(fix.code, 2);
    assert.match(fix.stderr, /^session-guard: --fix cannot write standard input back; use --fix-dry-run/);
    assert.equal((await cli(['lint', '--stdin', 'app'], dir, text)).code, 2);
    const dry = await cli(['lint', '--stdin', '--stdin-filename', 'app/src/main/mule/accounts.xml', '--fix-dry-run', '-f', 'json'], dir, text);
    const [result] = json(dry.stdout);
    assert.equal(result.output, text.replace('SALESFORCE:INVALID_SESSION', 'SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED'));
    assert.deepEqual(result.messages, []);
  });

  it('--fix-dry-run reports what --fix would write and writes nothing', async () => {
    const dir = copy('examples/mule-app');
    const before = Object.fromEntries(readdirSync(join(dir, 'app/src/main/mule')).map((f) => [f, readFileSync(join(dir, 'app/src/main/mule', f), 'utf8')]));
    const dry = await cli(['lint', 'app', '--fix-dry-run', '-f', 'json'], dir);
    const outputs = Object.fromEntries(json(dry.stdout).flatMap((r) => (r.output !== undefined ? [[r.filePath.split('/').pop()!, r.output]] : [])));
    assert.ok(Object.keys(outputs).length >= 2, `fixed files: ${Object.keys(outputs).join(', ')}`);
    for (const [f, text] of Object.entries(before)) assert.equal(readFileSync(join(dir, 'app/src/main/mule', f), 'utf8'), text, `${f} untouched`);
    await cli(['lint', 'app', '--fix'], dir);
    for (const [f, text] of Object.entries(outputs)) assert.equal(readFileSync(join(dir, 'app/src/main/mule', f), 'utf8'), text, `${f} as --fix writes it`);
    // The operation that does not exist is gone, and the reconnection it stood for is on the connection.
    assert.doesNotMatch(outputs['orders-api.xml'], /invalidate-connection|SALESFORCE:INVALID_SESSION"/);
    assert.match(outputs['global.xml'], /<reconnection>/);
  });

  it('--fix inserts one reconnection where two fixes would each insert it at the same place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-fix-'));
    cpSync(join(REPO, 'test/fixtures/fixes/shared-connection'), join(dir, 'app'), { recursive: true });
    const before = await cli(['lint', 'app', '-f', 'json'], dir);
    const fixable = json(before.stdout)[0].messages.filter((m) => m.fix);
    assert.ok(fixable.length >= 2, `two or more fixes insert the reconnection: ${JSON.stringify(fixable.map((m) => m.ruleId))}`);
    const dry = json((await cli(['lint', 'app', '--fix-dry-run', '-f', 'json'], dir)).stdout)[0];
    assert.equal(dry.output!.match(/<reconnection>/g)?.length, 1, dry.output);
    assert.deepEqual(dry.messages, []);
    assert.doesNotMatch(dry.output!, /refresh-session|invalidate-session/);
  });

  it('one line per finding; the detail only in JSON, with -v and in stylish-verbose', async () => {
    const args = ['lint', 'examples/sfdx-project/force-app/main/default/namedCredentials/Partner_Org.namedCredential-meta.xml'];
    const plain = await cli(args);
    const finding = plain.stdout.split('\n').filter((l) => /^\s+\d+:\d+/.test(l));
    assert.equal(finding.length, 1);
    assert.match(
      finding[0],
      /Named Credential 'Partner_Org' calls SOAP with OAuth: its token is never refreshed when the session expires {2}credential\/soap-session-not-refreshed$/,
    );
    assert.doesNotMatch(plain.stdout, /HTTP 500/);
    for (const verbose of [['-v'], ['--verbose'], ['--format', 'stylish-verbose']]) {
      const r = await cli([...args, ...verbose]);
      const lines = r.stdout.split('\n');
      const at = lines.findIndex((l) => l.includes('credential/soap-session-not-refreshed'));
      assert.match(lines[at + 1], /^ +SOAP reports an expired session as HTTP 500 sf:INVALID_SESSION_ID, while Named/, verbose.join(' '));
      assert.equal(lines[at + 1].indexOf('SOAP'), lines[at].indexOf("Named Credential 'Partner_Org'"), 'under the message');
      assert.ok(
        lines.every((l) => l.length <= 100 || l.includes('credential/soap-session-not-refreshed')),
        'the detail is wrapped',
      );
    }
    const [m] = json((await cli([...args, '-f', 'json'])).stdout)[0].messages;
    assert.match(m.detail!, /^SOAP reports an expired session as HTTP 500/);
  });

  it("the README's example output is what lint -v prints for the example app", async () => {
    const block = codeBlockAfter('the way copied recipes write them. Each finding is one line', 'text');
    const [command, ...printed] = block.split('\n');
    assert.equal(command, '$ session-guard lint -v src/main/mule/orders-api.xml');
    const r = await cli(['lint', '-v', 'src/main/mule/orders-api.xml'], join(REPO, 'examples/mule-app'));
    assert.equal(r.code, 1);
    assert.equal(r.stdout, printed.join('\n'));
  });

  it('every finding of the examples is one line of one sentence, so stylish output stays narrow (issue 21)', async () => {
    const r = await cli(['lint', 'examples']);
    const findings = r.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s/.test(l));
    assert.ok(findings.length >= 15, `the examples show real findings (${findings.length})`);
    const widest = Math.max(...findings.map((l) => l.length));
    // Position, severity and rule id around a message of at most 160 characters (the column is as wide as the file's longest).
    assert.ok(widest <= MAX_MESSAGE_LENGTH + 70, `a line of ${widest} characters`);
    const out = json((await cli(['lint', 'examples', '-f', 'json'])).stdout);
    const messages = out.flatMap((f) => f.messages);
    assert.deepEqual(
      messages.filter((m) => messageShapeProblem(m.message) !== undefined).map((m) => m.message),
      [],
    );
    assert.deepEqual(
      messages.filter((m) => !m.detail).map((m) => m.ruleId),
      [],
      'the explanation of each is its detail',
    );
  });

  it('paths are relative to the working directory in filePath, related locations and fix edits alike', async () => {
    const out = json((await cli(['lint', 'examples', '-f', 'json'])).stdout);
    const paths = out.flatMap((r) => [r.filePath, ...r.messages.flatMap((m) => [...m.related.map((x) => x.path), ...(m.fix?.edits.map((e) => e.path) ?? [])])]);
    assert.ok(paths.length > out.length, 'related locations and fixes are there');
    assert.deepEqual(
      paths.filter((p) => !p.startsWith('examples/')),
      [],
    );
    const sarif = (await cli(['lint', 'examples', '-f', 'sarif'])).stdout;
    assert.doesNotMatch(sarif, new RegExp(`"uri": "${REPO}`), 'no absolute URIs in SARIF either');
  });

  it('text from the files is escaped for the terminal: a flow or file name with ESC cannot retitle or clear it', async () => {
    const dir = copy('test/fixtures/cli/broken-app');
    const mule = join(dir, 'app/src/main/mule');
    writeFileSync(
      join(mule, 'accounts.xml'),
      readFileSync(join(mule, 'accounts.xml'), 'utf8').replace('name="accounts"', 'name="acc\u001b]0;pwned\u0007\u001b[2Jounts"'),
    );
    renameSync(join(mule, 'global.xml'), join(mule, 'glo\u001b[31mbal.xml'));
    for (const format of ['stylish', 'stylish-verbose']) {
      const r = await cli(['lint', 'app', '-f', format], dir);
      // eslint-disable-next-line no-control-regex -- looking for control characters
      assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/, format);
      assert.match(r.stdout, /in 'acc\\x1b\]0;pwned\\x07\\x1b\[2Jounts' fails unhandled/, `${format}: the message`);
      if (format === 'stylish-verbose') assert.match(r.stdout, /escapes flow 'acc\\x1b\]0;pwned\\x07\\x1b\[2Jounts'/, 'the detail');
      assert.match(r.stdout, /app\/src\/main\/mule\/glo\\x1b\[31mbal\.xml/);
    }
    const text = (await cli(['lint', 'app', '-f', 'json'], dir)).stdout;
    assert.ok(text.includes('\\u001b'), 'JSON escapes them itself');
  });

  it('an unknown option, or one without its value, is one line in our words', async () => {
    const unknown = await cli(['lint', '--fixx']);
    assert.deepEqual([unknown.code, unknown.stdout], [2, '']);
    assert.equal(unknown.stderr, "session-guard: unknown option '--fixx' for 'lint' (did you mean --fix?). Run 'session-guard lint --help' for usage.\n");
    const missing = await cli(['lint', '--format']);
    assert.equal(missing.stderr, "session-guard: option '--format' needs a value. Run 'session-guard lint --help' for usage.\n");
    const rules = await cli(['rules', 'extra']);
    assert.equal(rules.stderr, "session-guard: 'rules' takes no arguments, got 'extra'. Run 'session-guard rules --help' for usage.\n");
    const command = await cli(['lnt']);
    assert.equal(command.stderr, "session-guard: unknown command 'lnt' (commands: lint, diagnose, probe, rules). Run 'session-guard --help' for usage.\n");
  });
});
