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
const setting = (key: string, value: unknown) => vscode.workspace.getConfiguration('sessionGuard').update(key, value, vscode.ConfigurationTarget.Workspace);

test('activates on a Mule file and registers its commands in the palette', async () => {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(ACCOUNTS)));
  const ext = await until('the extension', () => vscode.extensions.all.find((e) => e.packageJSON.name === 'session-guard'));
  await until('activation', () => ext.isActive);
  const commands = await vscode.commands.getCommands(true);
  for (const c of [
    'sessionGuard.lintWorkspace',
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
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
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

test('.sessionguardrc.json is validated against the contributed schema', async () => {
  const cfg = file('.sessionguardrc.json');
  await vscode.workspace.fs.writeFile(cfg, Buffer.from('{ "rules": { "mule/unbounded-retry": "warn" } }'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(cfg));
  const diags = await until(
    'schema diagnostics',
    () => {
      const d = vscode.languages.getDiagnostics(cfg).filter((x) => x.source !== 'session-guard');
      return d.length ? d : undefined;
    },
    60_000,
  );
  assert.ok(
    diags.some((d) => /warn|Value is not accepted|allowed/i.test(d.message)),
    diags.map((d) => d.message).join(' | '),
  );
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
