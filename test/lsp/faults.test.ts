/**
 * The language server under faults: a thousand rapid edits with cancelled requests, files deleted,
 * renamed and recreated while open, an invalid configuration appearing mid-session, and a rule that
 * throws (fault injection). The server must answer correctly afterwards and never exit.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { brokenAppWorkspace } from '../support/broken-app';
import { isRetrigger, LspClient, uriOf } from '../support/lsp-client';

const ids = (d: Diagnostic[]) => d.map((x) => String(x.code)).sort();
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

describe('language server under faults', () => {
  const { root, accounts, globalXml } = brokenAppWorkspace('sg-faults-');
  let client: LspClient;

  before(async () => {
    client = new LspClient({}, { SESSION_GUARD_FAULT_INJECTION: 'throwing-rule' });
    await client.start(root);
    await client.waitFor('indexing', () => client.progress.some((p) => p.kind === 'end'));
  });
  after(async () => client.stop());

  it('survives 1,000 rapid edits with cancelled diagnostic requests, and answers for the last text', async () => {
    const base = readFileSync(accounts, 'utf8');
    await client.open(accounts, base);
    const pending: Promise<unknown>[] = [];
    const outcome = { answered: 0, superseded: 0, cancelled: 0 };
    for (let i = 0; i < 1000; i++) {
      // Every edit is a different buffer, some of them half-typed.
      const text = i % 7 === 0 ? base.slice(0, (i * 37) % base.length) : base.replace('accounts', `accounts-${i}`);
      await client.change(accounts, text);
      if (i % 3 === 0) {
        const cts = new CancellationTokenSource();
        pending.push(
          client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf(accounts) } }, cts.token).then(
            () => outcome.answered++,
            (e: { code?: number }) => {
              assert.equal(e.code, -32800, `a cancelled request is answered RequestCancelled, not ${e}`);
              outcome.cancelled++;
            },
          ),
        );
        cts.cancel();
      } else if (i % 10 === 1) {
        pending.push(
          client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf(accounts) } }).then(
            () => outcome.answered++,
            (e) => {
              // Only "superseded by a later edit, ask again" (as VS Code does), never a failure.
              assert.ok(isRetrigger(e), `a diagnostic request failed: ${e}`);
              outcome.superseded++;
            },
          ),
        );
      }
    }
    await Promise.all(pending);
    assert.ok(outcome.cancelled > 300, `cancelled requests are not computed (${JSON.stringify(outcome)})`);
    assert.ok(outcome.superseded > 50, `pulls superseded by later edits are not computed (${JSON.stringify(outcome)})`);
    await client.change(accounts, base);
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    assert.ok(client.alive);
  });

  it('keeps working when open files are deleted, renamed and recreated on disk', async () => {
    rmSync(accounts);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(accounts), type: DELETED }] });
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error', 'mule/unknown-error-type'], 'the open buffer still counts');

    const moved = join(root, 'app/src/main/mule/global-renamed.xml');
    await client.open(globalXml, readFileSync(globalXml, 'utf8'));
    renameSync(globalXml, moved);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(globalXml), type: DELETED },
        { uri: uriOf(moved), type: CREATED },
      ],
    });
    await client.close(globalXml);
    const renamed = await client.pull(moved);
    assert.ok(
      renamed.some((d) => d.code === 'mule/missing-reconnection'),
      'the renamed file is analysed under its new name',
    );
    assert.deepEqual(ids(await client.pull(globalXml)), [], 'the old name is gone');

    writeFileSync(accounts, client.texts.get(accounts)!);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(accounts), type: CREATED }] });
    await client.close(accounts);
    const report = (await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items: Diagnostic[] }[] };
    assert.ok(
      report.items.find((i) => i.uri === uriOf(accounts))?.items.some((d) => d.code === 'mule/unknown-error-type'),
      'the recreated file is back in the workspace',
    );
    assert.ok(client.alive);
  });

  it('reports an invalid .sessionguardrc.json that appears mid-session on that file, with defaults in force', async () => {
    const cfg = join(root, '.sessionguardrc.json');
    writeFileSync(cfg, '{ "rules": { "mule/unknown-error-type": "warnings" }, "ignored": true }');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: CREATED }] });
    await client.open(accounts, readFileSync(accounts, 'utf8'));
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error', 'mule/unknown-error-type']);
    const problems = await client.waitFor('config diagnostics', () => {
      const d = client.published.get(uriOf(cfg));
      return d && d.length > 0 ? d : undefined;
    });
    const messages = problems.map((p) => p.message).join('\n');
    assert.match(messages, /rules\["mule\/unknown-error-type"\]/);
    assert.match(messages, /ignored: unknown key/);
    const sentToConfig = () =>
      client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uriOf(cfg)).length;
    const sent = sentToConfig();
    const text = readFileSync(accounts, 'utf8');
    for (const edit of [`${text}\n`, text]) {
      await client.change(accounts, edit);
      await client.pull(accounts);
    }
    assert.equal(sentToConfig(), sent, 'pulls that change nothing in the configuration do not send its problems again');
    writeFileSync(cfg, '{ not json');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: CHANGED }] });
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error', 'mule/unknown-error-type'], 'defaults still apply');
    const invalid = await client.waitFor('the JSON syntax error', () => client.published.get(uriOf(cfg))?.find((p) => /JSON/.test(String(p.message))));
    assert.match(String(invalid.message), /^This file is not valid JSON: /, 'a problem with the whole file names no key');
    rmSync(cfg);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: DELETED }] });
    await client.waitFor('config diagnostics cleared', () => client.published.get(uriOf(cfg))?.length === 0);
  });

  it('turns a rule that throws into an internal-error diagnostic naming it; the other rules still report', async () => {
    const text = readFileSync(accounts, 'utf8').replace('<flow name="accounts">', '<!-- SESSION_GUARD_FAULT -->\n    <flow name="accounts">');
    await client.change(accounts, text);
    const d = await client.pull(accounts);
    const internal = d.find((x) => x.code === 'internal-error');
    assert.ok(internal, 'an internal-error diagnostic');
    assert.match(String(internal!.message), /Rule fault-injection\/throws failed on this file and was skipped \(other rules still ran\): injected fault/);
    assert.ok(d.some((x) => x.code === 'mule/unknown-error-type') && d.some((x) => x.code === 'mule/unhandled-session-error'));
  });

  it('does not block on a pipe that appears with an .xml name', async () => {
    const pipe = join(root, 'app/src/main/mule/pipe.xml');
    execFileSync('mkfifo', [pipe]);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(pipe), type: CREATED }] });
    assert.ok((await client.pull(accounts)).length > 0, 'still answering');
    rmSync(pipe);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(pipe), type: DELETED }] });
  });

  it('never exited and wrote only protocol to stdout', () => {
    assert.ok(client.alive);
    assert.deepEqual(client.stdoutErrors, []);
    assert.ok(!client.logs.some((l) => /Unexpected error|Unhandled rejection/.test(l)), client.logs.filter((l) => /Unexpected|Unhandled/.test(l)).join('\n'));
  });
});

describe('language server with an invalid configuration file named in the settings', () => {
  const { root, accounts } = brokenAppWorkspace('sg-explicit-');
  const cfg = join(root, 'team.sessionguardrc.json');
  writeFileSync(cfg, '{ "rules": { "mule/unknown-error-type": "loud" } }');
  let client: LspClient;

  before(async () => {
    client = new LspClient({ configFile: cfg });
    await client.start(root);
    await client.waitFor('indexing', () => client.progress.some((p) => p.kind === 'end'));
  });
  after(async () => client.stop());

  it('reports it on the file once, keeps the defaults, and does not send it again on every pull', async () => {
    const text = readFileSync(accounts, 'utf8');
    await client.open(accounts, text);
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error', 'mule/unknown-error-type'], 'defaults apply');
    const shown = await client.waitFor('config diagnostics', () => client.published.get(uriOf(cfg)));
    assert.match(String(shown[0].message), /rules\["mule\/unknown-error-type"\]/);
    const sentToConfig = () =>
      client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uriOf(cfg)).length;
    const sent = sentToConfig();
    for (const edit of [`${text}\n`, text, `${text}\n`]) {
      await client.change(accounts, edit);
      await client.pull(accounts);
    }
    assert.equal(sentToConfig(), sent, 'pulls that change nothing in the configuration do not send its problems again');
  });

  it('reads the file again when it changes, though the editor does not watch it: its rules apply and its problems go', async () => {
    writeFileSync(cfg, '{ "rules": { "mule/unknown-error-type": "off" } }');
    const text = readFileSync(accounts, 'utf8');
    await client.change(accounts, `${text}\n\n`);
    assert.deepEqual(ids(await client.pull(accounts)), ['mule/unhandled-session-error']);
    await client.waitFor('config diagnostics cleared', () => client.published.get(uriOf(cfg))?.length === 0);
  });
});
