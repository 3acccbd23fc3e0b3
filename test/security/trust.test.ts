/**
 * Workspace trust: linting and Diagnose read the workspace as data and run in untrusted workspaces;
 * Probe Org spawns the Salesforce CLI, which reads project settings, so it must refuse to run there.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../support/cli';

describe('workspace trust', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

  it('declares limited support for untrusted workspaces and disables Probe Org there', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /Probe Org is off/);
    const probe = pkg.contributes.commands.find((c: { command: string }) => c.command === 'sessionGuard.probeOrg');
    assert.equal(probe.enablement, 'isWorkspaceTrusted');
    for (const c of pkg.contributes.commands.filter((x: { command: string }) => x.command !== 'sessionGuard.probeOrg'))
      assert.equal(c.enablement, undefined, `${c.command} works untrusted`);
  });

  it('Probe Org refuses in an untrusted workspace, before asking for anything or spawning a process', async () => {
    const warnings: string[] = [];
    const asked: string[] = [];
    const vscode = {
      workspace: { isTrusted: false },
      window: {
        showWarningMessage: (m: string) => void warnings.push(m),
        showQuickPick: () => void asked.push('quick pick'),
        showInputBox: () => void asked.push('input box'),
        withProgress: () => void asked.push('progress'),
        onDidChangeActiveTextEditor: () => ({ dispose() {} }),
      },
      ProgressLocation: { Notification: 15, Window: 10 },
    };
    const original = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
    (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? vscode : original.call(this, request, ...rest);
    };
    try {
      // Loaded after the `vscode` module is stubbed: an import would load it first.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { probeOrg } = require('../../client/src/commands/diagnose') as typeof import('../../client/src/commands/diagnose');
      const spawned: string[] = [];
      const ctx = { extension: { asAbsolutePath: (p: string) => void spawned.push(p), extensionUri: {}, subscriptions: [] }, client: {} } as never;
      assert.equal(await probeOrg(ctx, { targetOrg: 'prod', errorText: 'INVALID_SESSION_ID' }), undefined);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /Probe Org is off in untrusted workspaces: the Salesforce CLI reads project settings/);
      assert.deepEqual(asked, []);
      assert.deepEqual(spawned, [], 'the CLI was never started');
    } finally {
      (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load = original;
    }
  });
});
