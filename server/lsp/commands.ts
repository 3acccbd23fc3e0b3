/** `workspace/executeCommand`: rule documentation, lint the workspace, locate a diagnosed failure. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection, ExecuteCommandParams } from 'vscode-languageserver';
import { RULES } from '../core/rules';
import { docsUrl } from '../core/rules/rule';
import { toCorePath } from '../node/paths';
import { pathToUri } from './convert';
import type { Diagnostics } from './diagnostics';
import { failureLocations } from './locate-failure';
import { SERVER_COMMANDS } from './protocol';
import type { ServerState } from './state';

export const COMMANDS = [SERVER_COMMANDS.showRuleDocumentation, SERVER_COMMANDS.lintWorkspace, SERVER_COMMANDS.locateFailure];

export interface CommandContext {
  readonly connection: Connection;
  readonly state: ServerState;
  readonly diagnostics: Diagnostics;
  /** Folder holding the rule READMEs (server/core/rules), for "show documentation". */
  readonly rulesDocDir: string | undefined;
  readonly showDocumentSupport: boolean;
  /** Settles when the folders known so far are indexed. */
  readonly indexed: () => Promise<void>;
}

export async function executeCommand(params: ExecuteCommandParams, ctx: CommandContext): Promise<unknown> {
  if (params.command === SERVER_COMMANDS.showRuleDocumentation) {
    const ruleId = String(params.arguments?.[0] ?? '');
    const rule = RULES.find((r) => r.meta.id === ruleId);
    if (!rule) return null;
    const local = ctx.rulesDocDir ? join(ctx.rulesDocDir, ...ruleId.split('/'), 'README.md') : undefined;
    if (ctx.showDocumentSupport) {
      if (local && existsSync(local)) await ctx.connection.window.showDocument({ uri: pathToUri(toCorePath(local)), takeFocus: true });
      else await ctx.connection.window.showDocument({ uri: docsUrl(ruleId), external: true });
    } else ctx.connection.window.showInformationMessage(`${ruleId}: ${rule.meta.description} ${docsUrl(ruleId)}`);
    return null;
  }
  if (params.command === SERVER_COMMANDS.lintWorkspace) return await ctx.diagnostics.lintWorkspace();
  if (params.command === SERVER_COMMANDS.locateFailure) {
    await ctx.indexed();
    return failureLocations(ctx.state, params.arguments?.[0], (paths) => ctx.diagnostics.lintNow(paths));
  }
  return null;
}
