/** `workspace/executeCommand`: rule documentation, lint the workspace, fix all, locate a diagnosed failure. */
import type { Connection, ExecuteCommandParams } from 'vscode-languageserver';
import type { RuleDocs } from '../core/formatters';
import { RULES } from '../core/rules';
import { uriToPath } from './convert';
import type { Diagnostics } from './diagnostics';
import { fixAll } from './fix-all';
import { failureLocations } from './locate-failure';
import { OPEN_RULE_DOCUMENTATION, SERVER_COMMANDS, type FixAllResult, type OpenRuleDocumentationParams } from './protocol';
import type { ServerState } from './state';

export const COMMANDS = [SERVER_COMMANDS.showRuleDocumentation, SERVER_COMMANDS.lintWorkspace, SERVER_COMMANDS.locateFailure, SERVER_COMMANDS.fixAll];

export interface CommandContext {
  readonly connection: Connection;
  readonly state: ServerState;
  readonly diagnostics: Diagnostics;
  /** The rule pages bundled with the server. */
  readonly docs: RuleDocs;
  readonly showDocumentSupport: boolean;
  /** The client opens rule pages itself (`OPEN_RULE_DOCUMENTATION`). */
  readonly openRuleDocumentation: boolean;
  /** Settles when the folders known so far are indexed. */
  readonly indexed: () => Promise<void>;
  /** The version the editor has of an open document (null when it is not open). */
  readonly versionOf: (uri: string) => number | null;
}

export async function executeCommand(params: ExecuteCommandParams, ctx: CommandContext): Promise<unknown> {
  if (params.command === SERVER_COMMANDS.showRuleDocumentation) {
    const ruleId = String(params.arguments?.[0] ?? '');
    const rule = RULES.find((r) => r.meta.id === ruleId);
    if (!rule) return null;
    const uri = ctx.docs.url(ruleId);
    if (uri && ctx.openRuleDocumentation) {
      const open: OpenRuleDocumentationParams = { ruleId, uri };
      await ctx.connection.sendRequest(OPEN_RULE_DOCUMENTATION, open);
    } else if (uri && ctx.showDocumentSupport) await ctx.connection.window.showDocument({ uri, takeFocus: true });
    else ctx.connection.window.showInformationMessage(`${ruleId}: ${rule.meta.description}${uri ? ` (${uri})` : ''}`);
    return null;
  }
  if (params.command === SERVER_COMMANDS.lintWorkspace) return await ctx.diagnostics.lintWorkspace();
  if (params.command === SERVER_COMMANDS.fixAll) {
    const uri = String(params.arguments?.[0] ?? '');
    const path = uriToPath(uri);
    const version = ctx.versionOf(uri);
    const none: FixAllResult = { applied: false, fixes: 0 };
    if (!path || version === null) return none;
    const result = fixAll(ctx.state, path, (paths) => ctx.diagnostics.lintNow(paths), ctx.versionOf);
    if (!result.edit) return none;
    // Pinned to the versions the fixes were computed for: a document edited meanwhile is left alone.
    const applied = await ctx.connection.workspace.applyEdit({
      label: 'Session Guard: fix all auto-fixable problems',
      edit: result.edit,
    });
    return { applied: applied.applied, fixes: result.fixes } satisfies FixAllResult;
  }
  if (params.command === SERVER_COMMANDS.locateFailure) {
    await ctx.indexed();
    return failureLocations(
      ctx.state,
      params.arguments?.[0],
      (paths) => ctx.diagnostics.lintNow(paths),
      (id) => ctx.docs.url(id),
    );
  }
  return null;
}
