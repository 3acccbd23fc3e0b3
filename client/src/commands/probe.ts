/**
 * Probe Org: asks how to reach the org (a Salesforce CLI login, or an instance URL and the token to
 * investigate), then runs `session-guard probe --format json` in a child process. The token goes to
 * the child in its environment: it is never shown, logged, or sent to the language server.
 */
import * as vscode from 'vscode';
import type { ProbeReport } from '../../../server/lsp/protocol';
import { runCli } from '../cli-runner';
import type { CommandContext } from './context';

export const PROBE_UNTRUSTED =
  'Probe Org is off in untrusted workspaces: the Salesforce CLI reads project settings (target org, login URL) from the workspace, which could send a token elsewhere. Trust the workspace to probe.';

export interface ProbeOptions {
  readonly targetOrg?: string;
  readonly instanceUrl?: string;
  readonly accessToken?: string;
  readonly user?: string;
  /** The error text being investigated (token org prefixes in it are compared with the org). */
  readonly errorText?: string;
}

export type ProbeOutcome = { readonly report: ProbeReport } | { readonly error: string };

/** Prompts for whatever `given` lacks; undefined when the user cancels. */
export async function askProbeOptions(given: ProbeOptions = {}): Promise<ProbeOptions | undefined> {
  if (given.targetOrg || (given.instanceUrl && given.accessToken)) return given;
  const mode = await vscode.window.showQuickPick(
    [
      {
        label: 'Salesforce CLI login',
        detail: 'An org you logged in to with `sf org login` (an admin login reads the integration user’s login history).',
        mode: 'sf' as const,
      },
      { label: 'Instance URL and access token', detail: 'Investigate the token your integration uses.', mode: 'token' as const },
    ],
    { placeHolder: 'How should Session Guard reach the org?', ignoreFocusOut: true },
  );
  if (!mode) return undefined;
  if (mode.mode === 'sf') {
    const targetOrg = await vscode.window.showInputBox({
      prompt: 'Salesforce CLI alias or username (sf org display --target-org …)',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter an alias or username'),
    });
    if (!targetOrg) return undefined;
    const user = await vscode.window.showInputBox({ prompt: 'Username of the integration user whose logins to check (optional)', ignoreFocusOut: true });
    if (user === undefined) return undefined;
    return { ...given, targetOrg: targetOrg.trim(), ...(user.trim() ? { user: user.trim() } : {}) };
  }
  const instanceUrl = await vscode.window.showInputBox({
    prompt: "The org's My Domain URL",
    placeHolder: 'https://acme.my.salesforce.com',
    ignoreFocusOut: true,
    validateInput: (v) => (/^https:\/\/[^\s/]+/.test(v.trim()) ? undefined : 'Enter an https:// URL'),
  });
  if (!instanceUrl) return undefined;
  const accessToken = await vscode.window.showInputBox({
    prompt: 'Access token to investigate (kept in memory only; never shown or logged)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the token'),
  });
  if (!accessToken) return undefined;
  return { ...given, instanceUrl: instanceUrl.trim(), accessToken: accessToken.trim() };
}

export async function runProbeCli(ctx: CommandContext, o: ProbeOptions): Promise<ProbeOutcome> {
  const args = ['probe', '--format', 'json'];
  if (o.instanceUrl) args.push('--instance-url', o.instanceUrl);
  if (o.targetOrg) args.push('--target-org', o.targetOrg);
  if (o.user) args.push('--user', o.user);
  if (o.errorText) args.push('--error', '-');
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Session Guard: probing the org…', cancellable: true },
    (_p, token) => runCli(ctx.extension, args, { stdin: o.errorText ?? '', env: o.accessToken ? { SESSION_GUARD_ACCESS_TOKEN: o.accessToken } : {}, token }),
  );
  if ((run.code === 0 || run.code === 1) && run.stdout.trim().startsWith('{')) return { report: JSON.parse(run.stdout) as ProbeReport };
  const message =
    run.stderr
      .replace(/^session-guard: /gm, '')
      .trim()
      .split('\n\n')[0] || `the probe stopped (exit ${run.code})`;
  return { error: message };
}
