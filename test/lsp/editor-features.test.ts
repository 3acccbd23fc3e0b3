/**
 * What the language server does for an editor's first hour (issue 21), over stdio: its state and the
 * configuration in use for a status item, fix all as --fix does it (pass after pass), disable a rule
 * for a file, rule pages opened by the client, and the explanation of a finding beside its message.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cli, REPO } from '../support/cli';
import { LspClient, uriOf } from '../support/lsp-client';

const ids = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('language server features for editors', () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-lsp-editor-'));
  cpSync(join(REPO, 'examples'), root, { recursive: true });
  const ordersApi = join(root, 'mule-app/src/main/mule/orders-api.xml');
  const global = join(root, 'mule-app/src/main/mule/global.xml');
  const partner = join(root, 'sfdx-project/force-app/main/default/namedCredentials/Partner_Org.namedCredential-meta.xml');
  let client: LspClient;
  const statuses = () =>
    client.notifications
      .filter((n) => n.method === 'sessionGuard/status')
      .map((n) => n.params as { state: string; files: number; configErrors: { uri: string; message: string }[]; configChanges: number });

  before(async () => {
    client = new LspClient({}, {}, { openRuleDocumentation: true, status: true });
    await client.start(root);
  });
  after(async () => client.stop());

  it('tells the client it is indexing, then ready with the number of files', async () => {
    await client.waitFor('ready', () => statuses().some((s) => s.state === 'ready'));
    const list = statuses();
    assert.equal(list[0].state, 'indexing');
    const ready = list.find((s) => s.state === 'ready')!;
    assert.ok(ready.files >= 10, `${ready.files} files`);
    assert.deepEqual(ready.configErrors, []);
  });

  it('says which configuration applies to a document, and an invalid one with its error, also in the status', async () => {
    const none = (await client.conn.sendRequest('sessionGuard/configFor', { uri: uriOf(ordersApi) })) as { configUri: string | null };
    assert.equal(none.configUri, null);
    const cfg = join(root, 'mule-app', '.sessionguardrc.json');
    writeFileSync(cfg, '{\n  "rules": { "mule/*": "loud" }\n}\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 1 }] });
    const bad = (await client.conn.sendRequest('sessionGuard/configFor', { uri: uriOf(ordersApi) })) as { configUri: string; error?: string };
    assert.equal(bad.configUri, uriOf(cfg));
    assert.equal(bad.error, '2:14 rules["mule/*"]: must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2');
    await client.open(ordersApi, readFileSync(ordersApi, 'utf8'));
    await client.pull(ordersApi);
    const withError = await client.waitFor('a status with the configuration error', () => statuses().find((s) => s.configErrors.length));
    assert.deepEqual(withError.configErrors, [{ uri: uriOf(cfg), message: bad.error }]);
    const onFile = await client.waitFor('the error on the file', () => client.published.get(uriOf(cfg))?.[0]);
    assert.deepEqual(onFile.range.start, { line: 1, character: 13 }, 'at the key, not at the top of the file');
    writeFileSync(cfg, '{ "rules": { "mule/*": "warn" } }');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 2 }] });
    const good = (await client.conn.sendRequest('sessionGuard/configFor', { uri: uriOf(ordersApi) })) as { configUri: string; error?: string };
    assert.deepEqual(good, { configUri: uriOf(cfg) });
    await client.pull(ordersApi);
    await client.waitFor('the status without the error', () => statuses().at(-1)!.configErrors.length === 0);
    assert.equal(statuses().at(-1)!.configChanges, 2, 'each change of a configuration file is told, so the client asks again');
  });

  it('fix all applies what --fix applies, fixes that edit another file of the app included (code action and command alike)', async () => {
    const text = readFileSync(ordersApi, 'utf8');
    await client.change(ordersApi, text);
    const d = await client.pull(ordersApi);
    assert.ok(ids(d).includes('mule/unknown-salesforce-element'));
    const dry = JSON.parse((await cli(['lint', ordersApi, '--fix-dry-run', '-f', 'json'], root)).stdout) as { output: string }[];
    const cliFixed = dry[0].output;
    assert.doesNotMatch(cliFixed, /invalidate-connection|"SALESFORCE:INVALID_SESSION"/, 'the operation that does not exist goes, the handler type is fixed');
    const [action] = await client.codeActions(ordersApi, [], ['source.fixAll.sessionGuard']);
    await client.apply(action.edit!);
    assert.equal(client.texts.get(ordersApi), cliFixed, 'the code action (e.g. on save)');
    assert.match(client.texts.get(global)!, /<reconnection>/, 'the fix that removes the operation adds the reconnection to the connection, in global.xml');
    await client.change(global, readFileSync(global, 'utf8'));
    await client.change(ordersApi, text);
    await client.pull(ordersApi);
    const result = (await client.conn.sendRequest('workspace/executeCommand', { command: 'sessionGuard.server.fixAll', arguments: [uriOf(ordersApi)] })) as {
      applied: boolean;
      fixes: number;
    };
    assert.equal(result.applied, true);
    assert.equal(result.fixes, 2);
    assert.equal(client.texts.get(ordersApi), cliFixed, 'the palette command');
    const left = await client.pull(ordersApi);
    assert.ok(!ids(left).includes('mule/unknown-salesforce-element'));
    assert.equal(ids(left).filter((x) => x === 'mule/unknown-error-type').length, 1, 'the one from a property, which has no fix, is left');
    // The server's own copy of the text is the editor's again: nothing of the passes is left behind.
    await client.change(ordersApi, text);
    assert.ok(ids(await client.pull(ordersApi)).includes('mule/unknown-salesforce-element'));
  });

  it('disable for this file inserts the file-level directive, and the rule is silent in that file only', async () => {
    await client.change(global, readFileSync(global, 'utf8'));
    const d = await client.pull(global);
    const missing = d.filter((x) => x.code === 'mule/missing-reconnection');
    assert.ok(missing.length >= 1);
    const disable = (await client.codeActions(global, missing)).find((a) => a.title === 'Disable mule/missing-reconnection for this file')!;
    await client.apply(disable.edit!);
    assert.match(client.texts.get(global)!, /^<\?xml[^\n]*\?>\n<!-- session-guard-disable mule\/missing-reconnection -- reason -->\n/);
    assert.ok(!ids(await client.pull(global)).includes('mule/missing-reconnection'));
    writeFileSync(global, client.texts.get(global)!);
    const cliRun = JSON.parse((await cli(['lint', 'mule-app', '-f', 'json'], root)).stdout) as { messages: { ruleId: string }[] }[];
    assert.ok(
      cliRun.flatMap((f) => f.messages).every((m) => m.ruleId !== 'mule/missing-reconnection'),
      'the CLI honours it too',
    );
  });

  it('asks a client that can to open the rule page bundled with the server', async () => {
    await client.conn.sendRequest('workspace/executeCommand', { command: 'sessionGuard.showRuleDocumentation', arguments: ['mule/unknown-error-type'] });
    const asked = client.requests.find((r) => r.method === 'sessionGuard/openRuleDocumentation');
    assert.ok(asked, 'the client is asked, not sent to a web page');
    const p = asked.params as { ruleId: string; uri: string };
    assert.equal(p.ruleId, 'mule/unknown-error-type');
    assert.equal(fileURLToPath(p.uri), join(REPO, 'server/core/rules/mule/unknown-error-type/README.md'));
    assert.equal(client.requests.filter((r) => r.method === 'window/showDocument').length, 0);
  });

  it('gives a finding its explanation as the first related information, and links the bundled rule page', async () => {
    await client.open(partner, readFileSync(partner, 'utf8'));
    const [d] = (await client.pull(partner)).filter((x) => x.code === 'credential/soap-session-not-refreshed');
    assert.equal(d.message, "Named Credential 'Partner_Org' calls SOAP with OAuth: its token is never refreshed when the session expires");
    const [detail] = d.relatedInformation!;
    assert.deepEqual(detail.location, { uri: uriOf(partner), range: d.range });
    assert.match(detail.message, /^SOAP reports an expired session as HTTP 500/);
    assert.ok(existsSync(fileURLToPath(d.codeDescription!.href)), 'the link leads to a file that exists');
  });
});
