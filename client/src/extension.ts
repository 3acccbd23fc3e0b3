/**
 * The Session Guard extension: starts the language server when a Mule or Salesforce file is open
 * (or a command runs), and contributes the palette commands. The only module that talks to VS Code
 * globals besides the command handlers.
 */
import * as vscode from 'vscode';
import { SessionGuardClient } from './client';
import { registerCommands } from './commands';
import { snippetsFor } from './commands/insert-snippet';
import { isRelevantPath } from './relevance';
import type { StatusView } from './status';

/** What the extension offers other extensions (and its tests). */
export interface SessionGuardApi {
  readonly client: SessionGuardClient;
  /** What the language status item shows. */
  status(): StatusView;
  /** The recovery snippets offered in a document (its kind's). */
  snippetLabels(doc: vscode.TextDocument): string[];
}

let controller: SessionGuardClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SessionGuardApi> {
  const output = vscode.window.createOutputChannel('Session Guard', { log: true });
  controller = new SessionGuardClient(context, output);
  const ctl = controller;
  const commandContext = { extension: context, client: ctl };
  registerCommands(commandContext);
  const maybeStart = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme === 'file' && isRelevantPath(doc.uri.fsPath, doc.getText(new vscode.Range(0, 0, 20, 0)))) {
      ctl.start().catch((e) => output.appendLine(`Could not start the language server: ${e?.stack ?? e}`));
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeStart), { dispose: () => void ctl.stop() });
  vscode.workspace.textDocuments.forEach(maybeStart);
  return { client: ctl, status: () => ctl.status.view(), snippetLabels: (doc) => snippetsFor(commandContext, doc).map((s) => s.label) };
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
}
