import * as vscode from 'vscode';
import { SERVER_COMMANDS, type LintWorkspaceResult } from '../../../server/lsp/protocol';
import type { CommandContext } from './context';

export async function lintWorkspace(ctx: CommandContext): Promise<LintWorkspaceResult | undefined> {
  const client = await ctx.client.start();
  const result = (await client.sendRequest('workspace/executeCommand', {
    command: SERVER_COMMANDS.lintWorkspace,
    arguments: [],
  })) as LintWorkspaceResult | null;
  if (!result) return undefined;
  void vscode.window.showInformationMessage(
    `Session Guard: ${result.files} file${result.files === 1 ? '' : 's'} linted: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}, ${result.infos} info.`,
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  return result;
}
