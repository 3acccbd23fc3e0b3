import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../support/lsp-client';
import { action, flow, legacyNc, registration, scheduledStart } from '../support/sfdx';

describe('language server: Salesforce metadata named the Metadata API way (src/flows/Nightly.flow)', () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-lsp-mdapi-'));
  const nightly = join(root, 'src', 'flows', 'Nightly.flow');
  const files: Record<string, string> = {
    'src/package.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>60.0</version></Package>\n',
    'src/flows/Nightly.flow': flow({
      start: scheduledStart('Call_Bank'),
      elements: [action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Call_Bank' })],
    }),
    'src/externalServiceRegistrations/BankService.externalServiceRegistration': registration('Bank'),
    'src/namedCredentials/Bank.namedCredential': legacyNc('PerUser'),
  };
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.start(root);
  });
  after(async () => client.stop());

  it('indexes them and reports their findings in a workspace pull, with the credential they reach', async () => {
    await client.waitFor('progress end', () => client.progress.some((p) => p.kind === 'end'));
    const report = (await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items: Diagnostic[] }[] };
    const flowReport = report.items.find((i) => i.uri === uriOf(nightly));
    assert.ok(flowReport, `reported: ${report.items.map((i) => i.uri).join(', ')}`);
    assert.ok(
      flowReport.items.some((d) => d.code === 'flow/per-user-credential-in-automation'),
      flowReport.items.map((d) => d.code).join(', '),
    );
  });
});
