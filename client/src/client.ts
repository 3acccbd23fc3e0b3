/** Starts the language server lazily over IPC and restarts it on demand. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../server/lsp/protocol';

export class SessionGuardClient {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

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

  private async create(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'xml' },
        { scheme: 'file', pattern: '**/*.cls' },
      ],
      synchronize: { configurationSection: SETTINGS_SECTION },
      outputChannel: this.output,
      diagnosticPullOptions: { onChange: true, onSave: true },
    };
    const client = new LanguageClient('sessionGuard', 'Session Guard', serverOptions, clientOptions);
    await client.start();
    this.client = client;
    this.output.appendLine('Session Guard language server started.');
    return client;
  }
}
