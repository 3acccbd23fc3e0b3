/**
 * The Session Guard extension: starts the language server when a Mule or Salesforce file is open
 * (or a command runs), and contributes the palette commands. The only module that talks to VS Code
 * globals besides the command handlers.
 */
import * as vscode from 'vscode';
import { SessionGuardClient } from './client';
import { registerCommands } from './commands';
import { isRelevantPath } from './relevance';

let controller: SessionGuardClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: SessionGuardClient }> {
  const output = vscode.window.createOutputChannel('Session Guard', { log: true });
  controller = new SessionGuardClient(context, output);
  const ctl = controller;
  registerCommands({ extension: context, client: ctl });
  const maybeStart = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme === 'file' && isRelevantPath(doc.uri.fsPath, doc.getText(new vscode.Range(0, 0, 20, 0)))) {
      ctl.start().catch((e) => output.appendLine(`Could not start the language server: ${e?.stack ?? e}`));
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeStart), { dispose: () => void ctl.stop() });
  vscode.workspace.textDocuments.forEach(maybeStart);
  return { client: ctl };
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
}
