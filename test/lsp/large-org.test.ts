/**
 * The language server on a large org: files are read when an analysis needs them (opening one Flow of
 * a 600-class org reads that Flow and what its actions reach), other requests are answered while a
 * workspace pull runs, and a file above the size limit is never read whole.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateBigOrg, type BigOrg } from '../../bench/big-org';
import { LspClient, uriOf } from '../support/lsp-client';

describe('language server on a large org', () => {
  let org: BigOrg;
  let client: LspClient;
  const reads = () => client.logs.filter((l) => l.startsWith('[trace] read ')).length;

  before(async () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-org-'));
    org = generateBigOrg(join(root, 'org'), undefined, 5, { classes: 600, flows: 80 });
    // A generated file far above the size limit, in a Mule app of the same workspace.
    const huge = join(org.root, 'generated', 'src', 'main', 'mule');
    writeFileSync(join(org.root, '.sessionguardrc.json'), JSON.stringify({ rules: { 'file/too-large': ['warn', { maxBytes: 100_000 }] } }));
    mkdirSync(huge, { recursive: true });
    writeFileSync(join(huge, 'huge.xml'), `<mule xmlns="http://www.mulesoft.org/schema/mule/core">${'<flow name="f"><logger/></flow>'.repeat(100_000)}</mule>`);
    client = new LspClient({}, { SESSION_GUARD_TRACE: '1' });
    await client.start(org.root);
    await client.waitFor('indexing', () => client.progress.some((p) => p.kind === 'end'), 60_000);
  });
  after(async () => client.stop());

  it('indexes the org without reading it', () => {
    assert.ok(client.logs.some((l) => /Indexed \d{3} files/.test(l)));
    assert.equal(reads(), 0);
  });

  it('opening one Flow reads what its actions reach, not the org', async () => {
    const text = readFileSync(org.sampleFlow, 'utf8');
    await client.open(org.sampleFlow, text);
    const d = await client.pull(org.sampleFlow);
    assert.ok(d.length > 0, 'the sample Flow has findings');
    const read = reads();
    assert.ok(read > 0 && read < 40, `read ${read} of ${org.classes + org.flows} files`);
    // An edit of the Flow reads nothing more: every other file's model is kept.
    await client.edit(org.sampleFlow, text.replace('<label>', '<label>edited '));
    await client.pull(org.sampleFlow);
    assert.equal(reads(), read);
  });

  it('answers a document pull while a workspace pull of every file is running', async () => {
    const other = join(org.flowsDir, 'Org_Flow_1.flow-meta.xml');
    await client.open(other, readFileSync(other, 'utf8'));
    const order: string[] = [];
    const workspace = client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] }).then((r) => {
      order.push('workspace');
      return r as { items: { uri: string; items: { code: string; message: string }[] }[] };
    });
    await client.pull(other).then(() => order.push('document'));
    const report = await workspace;
    assert.deepEqual(order, ['document', 'workspace'], 'the document pull did not wait for the whole workspace');
    assert.ok(report.items.length > org.classes, 'every class and Flow is in the workspace report');
    const huge = report.items.find((i) => i.uri === uriOf(join(org.root, 'generated', 'src', 'main', 'mule', 'huge.xml')))!;
    assert.deepEqual(
      huge.items.map((x) => x.code),
      ['file/too-large'],
    );
    assert.match(huge.items[0].message, /This file is 3\.\d MB/);
    assert.ok(
      client.logs.some((l) => /\[trace\] read .*huge\.xml \(first 65536 of \d+ bytes\)/.test(l)),
      'only the beginning of the large file was read',
    );
  });

  it('gives up a workspace pull when an edit arrives meanwhile, and asks for it again', async () => {
    const text = readFileSync(org.sampleFlow, 'utf8');
    await client.edit(org.sampleFlow, text.replace('<label>', '<label>changed '));
    const workspace = client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] });
    await client.edit(org.sampleFlow, text.replace('<label>', '<label>once more '));
    await assert.rejects(workspace, (e: { code?: number; data?: { retriggerRequest?: boolean } }) => e.code === -32802 && e.data?.retriggerRequest === true);
    const again = (await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: unknown[] };
    assert.ok(again.items.length > org.classes);
  });
});
