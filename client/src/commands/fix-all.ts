/**
 * "Fix All Auto-Fixable Problems" in the palette: the server applies every safe fix to the active
 * document, linting again after each pass until none is left, as `session-guard lint --fix` does.
 */
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type FixAllResult } from '../../../server/lsp/protocol';
import type { CommandContext } from './context';

export async function fixAll(ctx: CommandContext): Promise<FixAllResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const client = await ctx.client.start();
  const result = (await client.sendRequest('workspace/executeCommand', {
    command: SERVER_COMMANDS.fixAll,
    arguments: [editor.document.uri.toString()],
  })) as FixAllResult | null;
  if (!result) return undefined;
  if (!result.fixes) void vscode.window.setStatusBarMessage('Session Guard: nothing to fix automatically', 4000);
  return result;
}
