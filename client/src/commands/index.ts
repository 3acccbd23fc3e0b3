/** Palette commands, category "Session Guard". Each feature adds its commands to COMMANDS. */
import * as vscode from 'vscode';
import { DIAGNOSE_COMMANDS, trackXmlEditors } from './diagnose';
import { fixAll } from './fix-all';
import { insertRecoverySnippet, registerSnippetCompletions } from './insert-snippet';
import { lintWorkspace } from './lint-workspace';
import { CLIENT_COMMANDS } from '../../../server/lsp/protocol';

import type { CommandContext } from './context';

export type { CommandContext } from './context';

export const COMMANDS: readonly { id: string; run: (ctx: CommandContext, ...args: unknown[]) => unknown }[] = [
  { id: CLIENT_COMMANDS.lintWorkspace, run: lintWorkspace },
  { id: CLIENT_COMMANDS.insertSnippet, run: insertRecoverySnippet },
  { id: CLIENT_COMMANDS.restartServer, run: async (ctx) => ctx.client.restart() },
  { id: CLIENT_COMMANDS.showOutput, run: (ctx) => ctx.client.output.show(true) },
  { id: CLIENT_COMMANDS.fixAll, run: fixAll },
  ...DIAGNOSE_COMMANDS,
];

export function registerCommands(ctx: CommandContext): void {
  trackXmlEditors(ctx);
  registerSnippetCompletions(ctx);
  for (const c of COMMANDS) ctx.extension.subscriptions.push(vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.run(ctx, ...args)));
}
