/** What every palette command is given: the extension's context and the language client. */
import type * as vscode from 'vscode';
import type { SessionGuardClient } from '../client';

export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: SessionGuardClient;
}
