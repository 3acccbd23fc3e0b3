/**
 * Starts the language server lazily over IPC and restarts it on demand; shows its state in the
 * language status item and opens rule pages in the Markdown preview when the server asks.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  CONFIG_FOR_REQUEST,
  OPEN_RULE_DOCUMENTATION,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  type ConfigForResult,
  type InitializationOptions,
  type OpenRuleDocumentationParams,
  type ServerStatus,
} from '../../server/lsp/protocol';
import { StatusItem } from './status';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'xml' },
  { scheme: 'file', pattern: '**/*.cls' },
  // Metadata API names (no -meta.xml), in their type's folder.
  { scheme: 'file', pattern: '**/flows/*.flow' },
  { scheme: 'file', pattern: '**/namedCredentials/*.namedCredential' },
  { scheme: 'file', pattern: '**/externalCredentials/*.externalCredential' },
  { scheme: 'file', pattern: '**/externalServiceRegistrations/*.externalServiceRegistration' },
];

export class SessionGuardClient {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  readonly status: StatusItem;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.status = new StatusItem(DOCUMENT_SELECTOR);
    context.subscriptions.push(
      this.status,
      vscode.window.onDidChangeActiveTextEditor((e) => void this.refreshConfig(e?.document)),
    );
  }

  get running(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<LanguageClient> {
    if (this.client) return this.client;
    this.starting ??= this.create();
    return this.starting;
  }

  async restart(): Promise<void> {
    if (this.client) await this.client.restart();
    else await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (c) await c.stop();
  }

  /** Asks which configuration applies to the document (the status item shows it). */
  async refreshConfig(doc = vscode.window.activeTextEditor?.document): Promise<void> {
    const client = this.client;
    if (!client || !doc || doc.uri.scheme !== 'file') return;
    try {
      const result = (await client.sendRequest(CONFIG_FOR_REQUEST, { uri: doc.uri.toString() })) as ConfigForResult;
      this.status.setConfig(doc.uri.toString(), result);
    } catch (e) {
      this.output.warn(`Could not ask for the configuration of ${doc.uri.fsPath}: ${e}`);
    }
  }

  private async create(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const initializationOptions: InitializationOptions = { openRuleDocumentation: true, status: true };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { configurationSection: SETTINGS_SECTION },
      outputChannel: this.output,
      diagnosticPullOptions: { onChange: true, onSave: true },
      initializationOptions,
    };
    const client = new LanguageClient('sessionGuard', 'Session Guard', serverOptions, clientOptions);
    client.onNotification(STATUS_NOTIFICATION, (s: ServerStatus) => {
      this.status.setServer(s);
      void this.refreshConfig();
    });
    // Rule pages ship with the extension: shown rendered, in the Markdown preview.
    client.onRequest(OPEN_RULE_DOCUMENTATION, async (p: OpenRuleDocumentationParams) => {
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(p.uri));
      return null;
    });
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.status.setServer({ state: 'stopped' });
      else if (e.newState === State.Starting) this.status.setServer({ state: 'starting' });
    });
    await client.start();
    this.client = client;
    this.output.appendLine('Session Guard language server started.');
    void this.refreshConfig();
    return client;
  }
}
