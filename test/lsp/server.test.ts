import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { brokenAppWorkspace } from '../support/broken-app';
import { cli } from '../support/cli';
import { LspClient, PUSH_CAPABILITIES, uriOf } from '../support/lsp-client';

const ids = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('language server over stdio (pull diagnostics)', () => {
  const { root, accounts, globalXml } = brokenAppWorkspace('sg-lsp-');
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.start(root);
  });
  after(async () => client.stop());

  it('reports cancellable indexing progress and finishes', async () => {
    await client.waitFor('progress end', () => client.progress.some((p) => p.kind === 'end'));
    const begin = client.progress.find((p) => p.kind === 'begin')!;
    assert.equal(begin.cancellable, true);
    assert.ok(client.logs.some((l) => /Indexed 4 files in 1 folder/.test(l)));
  });

  it('diagnoses an opened Mule file with rule ids, doc links, severities and related information', async () => {
    await client.open(accounts, readFileSync(accounts, 'utf8'));
    const d = await client.pull(accounts);
    assert.deepEqual(ids(d), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    const bad = d.find((x) => x.code === 'mule/unknown-error-type')!;
    assert.deepEqual(bad.range, { start: { line: 10, character: 38 }, end: { line: 10, character: 64 } });
    assert.equal(bad.severity, 1);
    assert.equal(bad.source, 'session-guard');
    assert.match(bad.codeDescription!.href, /unknown-error-type\/README\.md$/);
    const unhandled = d.find((x) => x.code === 'mule/unhandled-session-error')!;
    assert.equal(unhandled.severity, 3, 'an HTTP caller gets an error response: information (requestResponseSeverity)');
    assert.ok(unhandled.relatedInformation!.some((r) => r.location.uri === uriOf(accounts) && /starts here/.test(r.message)));
  });

  it('Lint Workspace counts by severity what the CLI reports on the same folder', async () => {
    const result = (await client.conn.sendRequest('workspace/executeCommand', { command: 'sessionGuard.server.lintWorkspace', arguments: [] })) as Record<
      string,
      number
    >;
    const cliReport = JSON.parse((await cli(['lint', '.', '-f', 'json'], root)).stdout) as { messages: { severity: string }[] }[];
    const bySeverity = (n: string) => cliReport.flatMap((f) => f.messages).filter((m) => m.severity === n).length;
    assert.deepEqual(result, { files: cliReport.length, errors: bySeverity('error'), warnings: bySeverity('warning'), infos: bySeverity('info') });
    assert.ok(result.errors > 0 && result.infos > 0, JSON.stringify(result));
  });

  it('locates the Mule element a diagnosed error names, with the findings on that element only', async () => {
    const locs = (await client.conn.sendRequest('workspace/executeCommand', {
      command: 'sessionGuard.server.locateFailure',
      arguments: [{ muleElement: { app: 'app', file: 'accounts.xml', line: 7, path: 'accounts/processors/1' }, user: 'ignored' }],
    })) as { uri: string; label: string; range: { start: { line: number; character: number }; end: { line: number } }; findings: { ruleId: string }[] }[];
    assert.equal(locs.length, 1);
    assert.equal(locs[0].uri, uriOf(accounts));
    assert.deepEqual([locs[0].range.start, locs[0].range.end.line], [{ line: 6, character: 8 }, 8]);
    assert.deepEqual(
      locs[0].findings.map((f) => f.ruleId),
      ['mule/unhandled-session-error'],
      'the unknown error type on line 11 is outside the element',
    );
    // The connection the operation uses, with its own findings: a TOKEN_EXPIRED diagnosis points at its reconnection.
    const conn = (locs[0] as unknown as { connection: { uri: string; label: string; findings: { ruleId: string }[] } }).connection;
    assert.equal(conn.uri, uriOf(globalXml));
    assert.equal(conn.label, "Salesforce connection 'sf' (global.xml:8)");
    assert.deepEqual(
      conn.findings.map((f) => f.ruleId),
      ['mule/missing-reconnection'],
    );
    const none = await client.conn.sendRequest('workspace/executeCommand', {
      command: 'sessionGuard.server.locateFailure',
      arguments: [{ muleElement: { app: 'app', file: '../../etc/passwd', line: 'x' } }],
    });
    assert.deepEqual(none, [], 'malformed context is ignored, not trusted');
  });

  it('updates after an edit', async () => {
    await client.change(accounts, client.texts.get(accounts)!.replace('SALESFORCE:INVALID_SESSION', 'SALESFORCE:TIMEOUT'));
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error']);
  });

  it('applies ranged (incremental) edits like an editor: the same diagnostics as after a full resend', async () => {
    const full = client.texts.get(accounts)!;
    // One range spanning several lines: a comment added near the top, the bad type restored on line 11.
    const edited = full.replace('<flow ', '<!-- two\nlines -->\n  <flow ').replace('SALESFORCE:TIMEOUT', 'SALESFORCE:INVALID_SESSION');
    assert.notEqual(edited, full);
    await client.edit(accounts, edited);
    const d = await client.pull(accounts);
    assert.deepEqual(ids(d), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    assert.deepEqual(d.find((x) => x.code === 'mule/unknown-error-type')!.range.start, { line: 12, character: 38 });
    await client.edit(accounts, full);
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error']);
  });

  it('offers fix all, the fix, disable for the line and for the file, and documentation; applying the fix removes the finding', async () => {
    await client.change(accounts, readFileSync(accounts, 'utf8'));
    const d = await client.pull(accounts);
    const actions = await client.codeActions(
      accounts,
      d.filter((x) => x.code === 'mule/unknown-error-type'),
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Session Guard: fix all auto-fixable problems',
        'Replace with SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED',
        'Disable mule/unknown-error-type for this line',
        'Disable mule/unknown-error-type for this file',
        'Show documentation for mule/unknown-error-type',
      ],
    );
    // The light bulb is asked for at every cursor move: fix all is a command there, computed when chosen.
    assert.equal(actions[0].edit, undefined);
    assert.deepEqual(actions[0].command?.command, 'sessionGuard.server.fixAll');
    const fix = actions[1];
    assert.equal(fix.isPreferred, true);
    await client.apply(fix.edit!);
    assert.match(client.texts.get(accounts)!, /type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"/);
    assert.deepEqual(ids(await client.pull(accounts)), [], 'the handler now matches the session failure too');
  });

  it('offers a rule suggestion as a code action, and applying it adds the markup it names', async () => {
    await client.change(accounts, readFileSync(accounts, 'utf8').replace('SALESFORCE:INVALID_SESSION', 'HTTP:UNAUTHORIZED'));
    const d = await client.pull(accounts);
    const unhandled = d.filter((x) => x.code === 'mule/unhandled-session-error');
    assert.equal(unhandled.length, 1);
    const actions = await client.codeActions(accounts, unhandled);
    const wrap = actions.find((a: CodeAction) => a.title === 'Wrap in a try that logs and re-throws Salesforce session failures');
    assert.ok(wrap, `offered: ${actions.map((a: CodeAction) => a.title).join(' | ')}`);
    assert.equal(wrap.isPreferred, undefined, 'a suggestion is never the preferred fix');
    const before = client.texts.get(accounts)!;
    await client.apply(wrap.edit!);
    const after = client.texts.get(accounts)!;
    const count = (t: string, needle: string) => t.split(needle).length - 1;
    assert.equal(count(after, '<try>'), count(before, '<try>') + 1);
    assert.equal(
      count(after, '<on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">'),
      count(before, '<on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">') + 1,
    );
    assert.deepEqual(ids(await client.pull(accounts)), [], 'the operation now has a handler for its session failures');
  });

  it('refuses code actions computed for another document version', async () => {
    await client.change(accounts, readFileSync(accounts, 'utf8'));
    const d = await client.pull(accounts);
    await client.change(accounts, client.texts.get(accounts)! + '\n');
    const actions = await client.codeActions(accounts, d);
    assert.deepEqual(actions, []);
  });

  it('answers unchanged when an edit changes nothing reported; the kept diagnostics still lead to fixes for the new text', async () => {
    await client.change(accounts, readFileSync(accounts, 'utf8'));
    const d = await client.pull(accounts);
    const unchanged = client.unchangedReports;
    // A longer line above the findings: every offset after it moves, no reported line or column does.
    await client.edit(accounts, client.texts.get(accounts)!.replace('SELECT Id FROM Account', 'SELECT Id, Name FROM Account'));
    const kept = await client.pull(accounts);
    assert.equal(client.unchangedReports, unchanged + 1, 'answered unchanged');
    assert.deepEqual(kept, d);
    const fix = (
      await client.codeActions(
        accounts,
        kept.filter((x) => x.code === 'mule/unknown-error-type'),
      )
    ).find((a) => a.isPreferred);
    assert.ok(fix, 'the fix is offered for diagnostics built for the previous version');
    await client.apply(fix.edit!);
    const text = client.texts.get(accounts)!;
    assert.match(text, /<on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">/, 'the edit lands at the moved offsets');
    assert.match(text, /SELECT Id, Name FROM Account/);
    assert.deepEqual(ids(await client.pull(accounts)), []);
    assert.equal(client.unchangedReports, unchanged + 1, 'a report that changed is sent in full');
  });

  it('inserts a suppression comment the CLI also honours', async () => {
    await client.change(accounts, readFileSync(accounts, 'utf8').replace('SALESFORCE:INVALID_SESSION', 'HTTP:UNAUTHORIZED'));
    const d = await client.pull(accounts);
    assert.deepEqual(ids(d), ['mule/unhandled-session-error']);
    const disable = (await client.codeActions(accounts, d)).find((a: CodeAction) => a.title === 'Disable mule/unhandled-session-error for this line')!;
    await client.apply(disable.edit!);
    assert.match(client.texts.get(accounts)!, /\n( +)<!-- session-guard-disable-next-line mule\/unhandled-session-error -- reason -->\n\1<salesforce:query/);
    assert.deepEqual(ids(await client.pull(accounts)), []);
  });

  it('shows rule documentation from the bundled README', async () => {
    await client.conn.sendRequest('workspace/executeCommand', { command: 'sessionGuard.showRuleDocumentation', arguments: ['mule/missing-reconnection'] });
    const shown = client.requests.find((r) => r.method === 'window/showDocument')!;
    assert.match((shown.params as { uri: string }).uri, /server\/core\/rules\/mule\/missing-reconnection\/README\.md$/);
  });

  it('fix all applies every safe fix of the document', async () => {
    await client.open(globalXml, readFileSync(globalXml, 'utf8'));
    const d = await client.pull(globalXml);
    assert.deepEqual(ids(d), ['mule/missing-reconnection']);
    const [fixAll] = await client.codeActions(globalXml, [], ['source.fixAll.sessionGuard']);
    assert.equal(fixAll.kind, 'source.fixAll.sessionGuard');
    await client.apply(fixAll.edit!);
    assert.deepEqual(ids(await client.pull(globalXml)), []);
  });

  it('re-diagnoses dependent files after a cross-file edit (global error handler)', async () => {
    await client.change(accounts, readFileSync(accounts, 'utf8').replace('SALESFORCE:INVALID_SESSION', 'HTTP:UNAUTHORIZED'));
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error']);
    const refreshesBefore = client.refreshes;
    const withDefault = client.texts
      .get(globalXml)!
      .replace(
        '</mule>',
        '    <configuration defaultErrorHandler-ref="global"/>\n    <error-handler name="global">\n        <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"/>\n    </error-handler>\n</mule>',
      );
    await client.change(globalXml, withDefault);
    await client.waitFor('a diagnostics refresh', () => client.refreshes > refreshesBefore);
    // accounts.xml has its own handler, so the default handler does not apply: still unhandled.
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error']);
    await client.change(accounts, client.texts.get(accounts)!.replace(/\s*<error-handler>[\s\S]*<\/error-handler>/, ''));
    assert.deepEqual(ids(await client.pull(accounts)), [], 'without its own handler the flow uses the default one');
    await client.change(globalXml, client.texts.get(globalXml)!.replace('type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"', 'type="HTTP:NOT_FOUND"'));
    await client.waitFor('another refresh', () => client.refreshes > refreshesBefore + 1);
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error']);
  });

  it('picks up files changed on disk through file watching', async () => {
    const extra = join(root, 'app/src/main/mule/extra.xml');
    writeFileSync(extra, readFileSync(accounts, 'utf8').replace('name="accounts"', 'name="extra"'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(extra), type: 1 }] });
    const report = (await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items: Diagnostic[] }[] };
    const extraReport = report.items.find((i) => i.uri === uriOf(extra));
    assert.ok(extraReport, 'the new file is part of the workspace diagnostics');
    assert.ok(extraReport!.items.some((x) => x.code === 'mule/unknown-error-type'));
  });

  it('an invalid .sessionguardrc.json is reported on the config file and defaults keep working', async () => {
    const cfg = join(root, '.sessionguardrc.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'mule/unhandled-session-error': 'loud' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 1 }] });
    const d = await client.pull(accounts);
    assert.deepEqual(ids(d), ['mule/unhandled-session-error']);
    const cfgDiags = await client.waitFor('config diagnostics', () => {
      const d = client.published.get(uriOf(cfg));
      return d && d.length > 0 ? d : undefined;
    });
    assert.match(String(cfgDiags[0].message), /rules\["mule\/unhandled-session-error"\]: must be one of/);
    writeFileSync(cfg, JSON.stringify({ rules: { 'mule/unhandled-session-error': 'off' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 2 }] });
    assert.deepEqual(ids(await client.pull(accounts)), []);
    await client.waitFor('config diagnostics cleared', () => client.published.get(uriOf(cfg))?.length === 0);
  });

  it('never wrote anything but protocol to stdout, and is still alive', () => {
    assert.deepEqual(client.stdoutErrors, []);
    assert.ok(client.alive);
  });
});

describe('language server over stdio (push diagnostics, editor settings)', () => {
  const { root, accounts } = brokenAppWorkspace('sg-lsp-push-');
  let client: LspClient;
  before(async () => {
    client = new LspClient({ rules: { customizations: [{ rule: 'mule/*', severity: 'info' }] } });
    await client.start(root, PUSH_CAPABILITIES);
  });
  after(async () => client.stop());

  it('publishes diagnostics to clients without pull support, with editor severity customizations applied', async () => {
    // Before the rest of the app is read, the connection in global.xml is unknown (it may reconnect) and the
    // findings are refined once it is: wait for the index so that the next test sees settled diagnostics.
    await client.waitFor('indexing', () => client.logs.some((l) => /Indexed \d+ files? in 1 folder/.test(l)));
    await client.open(accounts, readFileSync(accounts, 'utf8'));
    const d = await client.waitFor('published diagnostics', () => {
      const x = client.published.get(uriOf(accounts));
      return x && x.length > 0 ? x : undefined;
    });
    assert.deepEqual(ids(d), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    assert.ok(
      d.every((x) => x.severity === 3),
      'customizations turned every mule/* rule into info',
    );
  });

  it('publishes nothing again for an edit that changes nothing reported; the shown diagnostics still lead to fixes', async () => {
    const uri = uriOf(accounts);
    const shown = client.published.get(uri)!;
    const publishes = () =>
      client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri).length;
    const before = publishes();
    await client.change(accounts, client.texts.get(accounts)!.replace('SELECT Id FROM Account', 'SELECT Id, Name FROM Account'));
    // The server lints an edit ~100 ms after it; by then a second publish would have arrived.
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(publishes(), before, 'nothing reported changed, so nothing was sent');
    const fix = (
      await client.codeActions(
        accounts,
        shown.filter((x) => x.code === 'mule/unknown-error-type'),
      )
    ).find((a) => a.isPreferred);
    assert.ok(fix, 'the fix is offered for the diagnostics published for the previous version');
    await client.apply(fix.edit!);
    assert.match(
      client.texts.get(accounts)!,
      /<on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">/,
      'the edit lands at the moved offsets',
    );
    const after = await client.waitFor('new diagnostics', () => (publishes() > before ? client.published.get(uri) : undefined));
    assert.deepEqual(ids(after), [], 'a change in what is reported is published (the fix handles the session failure too)');
  });
});
