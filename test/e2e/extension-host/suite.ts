/**
 * Runs inside VS Code's extension host (code-server), loaded through extensionTestsPath. Exercises
 * the extension as a user would: activation, diagnostics, editor settings, commands, snippets,
 * the problem matcher and the configuration schema. Results go to $SG_E2E_RESULTS.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { startFakeSalesforce } from '../../support/fake-salesforce';

type Test = { name: string; fn: () => Promise<void> };
const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => void tests.push({ name, fn });

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(folder(), rel);
const ACCOUNTS = 'app/src/main/mule/accounts.xml';
const sgDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'session-guard');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const setting = (key: string, value: unknown) => vscode.workspace.getConfiguration('sessionGuard').update(key, value, vscode.ConfigurationTarget.Workspace);

test('activates on a Mule file and registers its commands in the palette', async () => {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(ACCOUNTS)));
  const ext = await until('the extension', () => vscode.extensions.all.find((e) => e.packageJSON.name === 'session-guard'));
  await until('activation', () => ext.isActive);
  const commands = await vscode.commands.getCommands(true);
  for (const c of [
    'sessionGuard.lintWorkspace',
    'sessionGuard.fixAll',
    'sessionGuard.insertRecoverySnippet',
    'sessionGuard.restartServer',
    'sessionGuard.showOutput',
    'sessionGuard.diagnoseClipboard',
    'sessionGuard.diagnoseSelection',
    'sessionGuard.probeOrg',
  ]) {
    assert.ok(commands.includes(c), c);
  }
});

test('reports diagnostics with rule ids and documentation links', async () => {
  const diags = await until('diagnostics', () => {
    const d = sgDiagnostics(file(ACCOUNTS));
    return d.length >= 2 ? d : undefined;
  });
  const codes = diags.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))).sort();
  assert.deepEqual(codes, ['mule/unhandled-session-error', 'mule/unknown-error-type']);
  const withLink = diags.find((d) => typeof d.code === 'object')!;
  assert.match((withLink.code as { target: vscode.Uri }).target.toString(), /README\.md$/);
});

test('editor settings customize severities (sessionGuard.rules.customizations)', async () => {
  await setting('rules.customizations', [{ rule: 'mule/*', severity: 'info' }]);
  await until('info severities', () => {
    const d = sgDiagnostics(file(ACCOUNTS));
    return d.length >= 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Information);
  });
  await setting('rules.customizations', undefined);
  await until('default severities back', () => sgDiagnostics(file(ACCOUNTS)).some((x) => x.severity === vscode.DiagnosticSeverity.Error));
});

test('sessionGuard.enable=false clears the diagnostics', async () => {
  await setting('enable', false);
  await until('no diagnostics', () => sgDiagnostics(file(ACCOUNTS)).length === 0);
  await setting('enable', undefined);
  await until('diagnostics again', () => sgDiagnostics(file(ACCOUNTS)).length >= 2);
});

test('Lint Workspace reports every Mule file', async () => {
  const result = (await vscode.commands.executeCommand('sessionGuard.lintWorkspace')) as { files: number; errors: number; warnings: number; infos: number };
  assert.equal(result.files, 2);
  // The unhandled session failure of an HTTP-listener flow is info (the caller gets an error response).
  assert.ok(result.errors >= 1 && result.warnings >= 1 && result.infos >= 1, JSON.stringify(result));
});

test('Insert Recovery Snippet inserts a snippet that expands at the cursor', async () => {
  const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  assert.equal(await vscode.commands.executeCommand('sessionGuard.insertRecoverySnippet', 'Reconnection strategy for a Salesforce connection'), true);
  assert.match(editor.document.getText(), /<reconnection>\s*<reconnect frequency="5000" count="3"\/>\s*<\/reconnection>/);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

const runbookTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && (t.input as vscode.TabInputWebview).viewType.endsWith('sessionGuard.runbook'));
const MULE_LOG = [
  'ERROR 2026-11-20 03:14:07,512 [[MuleRuntime].uber.07: [app].accounts.CPU_LITE] org.mule.runtime.core.internal.exception.OnErrorPropagateHandler:',
  'Message               : Unable to refresh session due to: invalid_grant: ip restricted or invalid login hours',
  'Element               : accounts/processors/1 @ app:accounts.xml:7 (Query)',
  'Error type            : SALESFORCE:CONNECTIVITY',
  'Authorization: Bearer 00D7Q000009AbCd!AQ4AQSecretTokenThatMustNeverShow0123456789',
].join('\n');

test('Diagnose Error from Clipboard diagnoses, locates the element and opens the runbook panel', async () => {
  await vscode.env.clipboard.writeText(MULE_LOG);
  const d = (await vscode.commands.executeCommand('sessionGuard.diagnoseClipboard')) as {
    cause: string;
    redacted: string;
    context: { muleElement?: { line: number } };
  };
  assert.equal(d.cause, 'IP_RESTRICTION');
  assert.equal(d.context.muleElement?.line, 7);
  assert.ok(!JSON.stringify(d).includes('AQ4AQSecretTokenThatMustNeverShow'), 'the diagnosis is redacted');
  const tabs = await until('the runbook panel', () => (runbookTabs().length ? runbookTabs() : undefined));
  assert.equal(tabs.length, 1);
  assert.equal(tabs[0].label, 'Session Guard: IP_RESTRICTION');
});

test('Diagnose Selection reads only the selected text; an empty clipboard is refused', async () => {
  const doc = await vscode.workspace.openTextDocument({
    language: 'plaintext',
    content: `noise\n${'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.'}\nmore noise INVALID_LOGIN`,
  });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(1, 0, 1, 52);
  const d = (await vscode.commands.executeCommand('sessionGuard.diagnoseSelection')) as { cause: string; alternatives: unknown[] };
  assert.equal(d.cause, 'RATE_LIMITED');
  assert.deepEqual(d.alternatives, [], 'INVALID_LOGIN outside the selection was not read');
  assert.equal(runbookTabs().length, 1, 'one panel, reused');
  // The panel may have taken focus: close the text, not the panel (the probe test below shows its report there).
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  assert.equal(runbookTabs().length, 1, 'the panel is still open');
  await vscode.env.clipboard.writeText('');
  assert.equal(await vscode.commands.executeCommand('sessionGuard.diagnoseClipboard'), undefined);
});

test('Probe Org runs the live probe (token in the environment of a child process) and shows it', async () => {
  const token = '00D7Q000009AbCd!AQ4AQProbeTokenForTheExtensionHostTest0123456789';
  const fake = await startFakeSalesforce({
    orgId: '00D7Q000009AbCdUAK',
    name: 'Acme UAT',
    isSandbox: true,
    instanceName: 'CS42',
    tokens: { [token]: 'integration@acme.com.uat' },
    users: [{ Id: '0057Q000001XyZaQAK', Username: 'integration@acme.com.uat', IsActive: true }],
  });
  try {
    const report = (await vscode.commands.executeCommand('sessionGuard.probeOrg', { instanceUrl: fake.url, accessToken: token })) as {
      tokenValid: boolean;
      org: { id: string };
    };
    assert.equal(report.tokenValid, true);
    assert.equal(report.org.id, '00D7Q000009AbCdUAK');
    assert.ok(fake.requests.some((r) => r.url === '/services/oauth2/userinfo'));
    assert.equal(runbookTabs().length, 1);
  } finally {
    await fake.close();
  }
});

interface Api {
  status(): { text: string; detail: string; severity: string; busy: boolean; command: string | undefined };
  snippetLabels(doc: vscode.TextDocument): string[];
}
const api = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'session-guard')!.exports as Api;
const accountsDoc = async () => {
  const doc = await vscode.workspace.openTextDocument(file(ACCOUNTS));
  await vscode.window.showTextDocument(doc);
  return doc;
};
const codeActions = async (uri: vscode.Uri, range: vscode.Range) =>
  (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range)) as vscode.CodeAction[];

test('the language status item shows the server state, the configuration in use and a configuration error', async () => {
  await accountsDoc();
  const ready = await until('the status item ready', () => (/^Session Guard: \d+ files?$/.test(api().status().text) ? api().status() : undefined));
  assert.equal(ready.detail, 'no .sessionguardrc.json: defaults');
  assert.equal(ready.severity, 'information');
  assert.equal(ready.command, 'sessionGuard.showOutput', 'links to the output');
  const cfg = file('app/.sessionguardrc.json');
  await vscode.workspace.fs.writeFile(cfg, Buffer.from('{\n  "rules": { "mule/*": "loud" }\n}\n'));
  try {
    const broken = await until('the configuration error', () => (api().status().severity === 'error' ? api().status() : undefined), 60_000);
    assert.equal(broken.text, '$(error) Session Guard: configuration error');
    assert.match(broken.detail, /app\/\.sessionguardrc\.json: 2:14 rules\["mule\/\*"\]: must be one of/);
    await vscode.workspace.fs.writeFile(cfg, Buffer.from('{ "rules": { "mule/*": "warn" } }'));
    const fixed = await until(
      'the configuration in use',
      () => (api().status().detail === 'uses app/.sessionguardrc.json' ? api().status() : undefined),
      60_000,
    );
    assert.equal(fixed.severity, 'information');
  } finally {
    await vscode.workspace.fs.delete(cfg);
  }
  await until('defaults again', () => api().status().detail === 'no .sessionguardrc.json: defaults', 60_000);
});

test('the quick fix "Disable <rule> for this file" inserts the file directive and the rule goes quiet in that file', async () => {
  const doc = await accountsDoc();
  const diag = await until('the unknown error type', () => sgDiagnostics(doc.uri).find((d) => codeOf(d) === 'mule/unknown-error-type'));
  const action = (await codeActions(doc.uri, diag.range)).find((a) => a.title === 'Disable mule/unknown-error-type for this file');
  assert.ok(action?.edit, 'offered with an edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  try {
    assert.match(doc.getText(), /^<\?xml[^\n]*\?>\n<!-- session-guard-disable mule\/unknown-error-type -- reason -->\n<mule /);
    await until(
      'the rule quiet in the file',
      () => sgDiagnostics(doc.uri).length >= 1 && !sgDiagnostics(doc.uri).some((d) => codeOf(d) === 'mule/unknown-error-type'),
    );
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await until('the finding back after the revert', () => sgDiagnostics(doc.uri).some((d) => codeOf(d) === 'mule/unknown-error-type'));
});

test('the palette command "Fix All Auto-Fixable Problems" applies every fix, as --fix does', async () => {
  const doc = await accountsDoc();
  await until('the unknown error type', () => sgDiagnostics(doc.uri).some((d) => codeOf(d) === 'mule/unknown-error-type'));
  const result = (await vscode.commands.executeCommand('sessionGuard.fixAll')) as { applied: boolean; fixes: number };
  try {
    assert.deepEqual(result, { applied: true, fixes: 1 });
    assert.match(doc.getText(), /type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED"/);
    assert.ok(doc.isDirty, 'applied to the editor, not written behind its back');
    await until('no fixable finding left', () => sgDiagnostics(doc.uri).every((d) => codeOf(d) !== 'mule/unknown-error-type'));
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
});

test('"Show documentation" opens the rule page bundled with the extension in the Markdown preview', async () => {
  const doc = await accountsDoc();
  const diag = await until('the unknown error type', () => sgDiagnostics(doc.uri).find((d) => codeOf(d) === 'mule/unknown-error-type'));
  const target = (diag.code as { target: vscode.Uri }).target;
  assert.equal(target.scheme, 'file', 'the link is the bundled page, not a web site');
  assert.ok(target.path.endsWith('/server/core/rules/mule/unknown-error-type/README.md'));
  await vscode.workspace.fs.stat(target);
  const action = (await codeActions(doc.uri, diag.range)).find((a) => a.title === 'Show documentation for mule/unknown-error-type');
  assert.ok(action?.command);
  await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  const preview = await until('a Markdown preview tab', () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && /README/.test(t.label)),
  );
  assert.match(preview.label, /Preview README\.md/);
  await vscode.window.tabGroups.close(preview);
});

test('the snippet picker offers Mule snippets in Mule files and Flow snippets in Flow files', async () => {
  const flowUri = file('force-app/main/default/flows/Sync.flow-meta.xml');
  await vscode.workspace.fs.writeFile(
    flowUri,
    Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    \n</Flow>\n'),
  );
  try {
    const mule = await accountsDoc();
    const muleLabels = api().snippetLabels(mule);
    assert.ok(muleLabels.includes('Reconnection strategy for a Salesforce connection'));
    assert.ok(!muleLabels.some((l) => l.startsWith('Flow:')), muleLabels.join(' | '));
    const flow = await vscode.workspace.openTextDocument(flowUri);
    const editor = await vscode.window.showTextDocument(flow);
    assert.deepEqual(api().snippetLabels(flow), ['Flow: fault connector to a logging element', 'Flow: Run Asynchronously path']);
    const completions = (await vscode.commands.executeCommand(
      'vscode.executeCompletionItemProvider',
      flowUri,
      new vscode.Position(2, 4),
    )) as vscode.CompletionList;
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('sg-flow-fault') && labels.includes('sg-flow-async-path'), labels.join(' | '));
    assert.ok(!labels.includes('sg-reconnection') && !labels.includes('sg-try-session'), 'no Mule snippet in a Flow');
    const muleCompletions = (await vscode.commands.executeCommand(
      'vscode.executeCompletionItemProvider',
      mule.uri,
      new vscode.Position(5, 8),
    )) as vscode.CompletionList;
    const muleCompletionLabels = muleCompletions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(muleCompletionLabels.includes('sg-reconnection') && !muleCompletionLabels.includes('sg-flow-fault'));
    await vscode.window.showTextDocument(flow);
    assert.equal(
      await vscode.commands.executeCommand('sessionGuard.insertRecoverySnippet', 'Reconnection strategy for a Salesforce connection'),
      false,
      'a Mule snippet is refused in a Flow',
    );
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    assert.equal(await vscode.commands.executeCommand('sessionGuard.insertRecoverySnippet', 'Flow: fault connector to a logging element'), true);
    assert.match(vscode.window.activeTextEditor!.document.getText(), /<faultConnector>/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } finally {
    await vscode.workspace.fs.delete(file('force-app'), { recursive: true });
  }
});

test('.sessionguardrc.json is validated against the contributed schema, rule globs included', async () => {
  const cfg = file('.sessionguardrc.json');
  // "warn" is a valid severity (ESLint's spelling) and "mule/*" a valid key; "warnings" is neither.
  await vscode.workspace.fs.writeFile(cfg, Buffer.from('{ "rules": { "mule/*": "warn", "mule/unbounded-retry": "warnings" } }'));
  try {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(cfg));
    const diags = await until(
      'schema diagnostics',
      () => {
        const d = vscode.languages.getDiagnostics(cfg).filter((x) => x.source !== 'session-guard');
        return d.length ? d : undefined;
      },
      60_000,
    );
    const messages = diags.map((d) => d.message).join(' | ');
    assert.ok(
      diags.some((d) => /Value is not accepted|warnings/i.test(d.message)),
      messages,
    );
    assert.ok(
      diags.every((d) => !/not allowed/.test(d.message)),
      `the glob key is allowed: ${messages}`,
    );
    assert.ok(
      diags.every((d) => d.range.start.line === 0 && d.range.start.character > 30),
      `only the invalid severity is flagged: ${messages}`,
    );
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(cfg);
  }
});

export async function run(): Promise<void> {
  const results: { name: string; ok: boolean; error?: string; ms: number }[] = [];
  for (const t of tests) {
    const start = Date.now();
    try {
      await t.fn();
      results.push({ name: t.name, ok: true, ms: Date.now() - start });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e), ms: Date.now() - start });
    }
  }
  if (process.env.SG_E2E_RESULTS) writeFileSync(process.env.SG_E2E_RESULTS, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} extension test(s) failed: ${failed.map((f) => f.name).join('; ')}`);
}
