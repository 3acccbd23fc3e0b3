/**
 * The language status item (the `{}` beside "XML" in the status bar): what the server is doing
 * (starting, indexing, ready with N files), the configuration file the active document uses, and any
 * configuration error (shown as an error, with a link to the output). Fed by the server's status
 * notification and by asking which configuration applies when the active document changes.
 */
import * as vscode from 'vscode';
import { CLIENT_COMMANDS, type ConfigForResult, type ServerStatus } from '../../server/lsp/protocol';

export interface StatusView {
  readonly text: string;
  readonly detail: string;
  readonly severity: 'information' | 'warning' | 'error';
  readonly busy: boolean;
  readonly command: string | undefined;
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private server: ServerStatus | { state: 'starting' | 'stopped' } = { state: 'starting' };
  private config: (ConfigForResult & { forUri: string }) | undefined;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('sessionGuard.status', selector);
    this.item.name = 'Session Guard';
    this.item.command = { title: 'Show Output', command: CLIENT_COMMANDS.showOutput, tooltip: 'Show the Session Guard output' };
    this.render();
  }

  setServer(status: ServerStatus | { state: 'starting' | 'stopped' }): void {
    this.server = status;
    this.render();
  }

  setConfig(forUri: string, config: ConfigForResult): void {
    this.config = { ...config, forUri };
    this.render();
  }

  /** What the item shows (the extension's API returns it, for tests and for other extensions). */
  view(): StatusView {
    return {
      text: this.item.text,
      detail: this.item.detail ?? '',
      severity:
        this.item.severity === vscode.LanguageStatusSeverity.Error
          ? 'error'
          : this.item.severity === vscode.LanguageStatusSeverity.Warning
            ? 'warning'
            : 'information',
      busy: this.item.busy,
      command: this.item.command?.command,
    };
  }

  private render(): void {
    const s = this.server;
    const configErrors = 'configErrors' in s ? s.configErrors : [];
    const ownError = this.config?.error;
    const configName = this.config?.configUri ? vscode.workspace.asRelativePath(vscode.Uri.parse(this.config.configUri)) : undefined;
    this.item.busy = s.state === 'starting' || s.state === 'indexing';
    if (ownError || configErrors.length) {
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      this.item.text = '$(error) Session Guard: configuration error';
      const shown = ownError
        ? `${configName}: ${ownError}`
        : configErrors.map((e) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(e.uri))}: ${e.message}`).join(' · ');
      this.item.detail = `${shown} (defaults apply until it is fixed)`;
      return;
    }
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    if (s.state === 'starting') this.item.text = 'Session Guard: starting…';
    else if (s.state === 'stopped') this.item.text = 'Session Guard: stopped';
    else if (s.state === 'indexing') this.item.text = 'Session Guard: indexing…';
    else this.item.text = `Session Guard: ${'files' in s ? s.files : 0} file${'files' in s && s.files === 1 ? '' : 's'}`;
    this.item.detail = configName ? `uses ${configName}` : 'no .sessionguardrc.json: defaults';
  }

  dispose(): void {
    this.item.dispose();
  }
}
