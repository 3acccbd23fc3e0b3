/**
 * The runbook panel: one webview showing the diagnosis (cause, confidence, redacted text with the
 * evidence highlighted, recovery, runbook checklist, where it happened) and the live probe. Strict
 * CSP with a nonce, the page script and stylesheet only from the extension (dist/webview, media),
 * no command URIs.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Diagnosis, FailureLocationInfo, ProbeReport } from '../../../server/lsp/protocol';
import { runbookHtml } from './html';
import { isFromWebview, type FromWebview, type ToWebview } from './messages';

export interface RunbookHandlers {
  openLocation(loc: FailureLocationInfo): Promise<void>;
  insertSnippet(d: Diagnosis, locations: readonly FailureLocationInfo[]): Promise<void>;
  copyAlert(d: Diagnosis, locations: readonly FailureLocationInfo[]): Promise<void>;
  probe(panel: RunbookPanel): Promise<void>;
  openDocs(ruleId: string): Promise<void>;
}

export class RunbookPanel {
  static current: RunbookPanel | undefined;
  static readonly viewType = 'sessionGuard.runbook';

  private state: { diagnosis: Diagnosis; locations: readonly FailureLocationInfo[]; canProbe: boolean; probeBlockedReason?: string } | undefined;
  private probeReport: ProbeReport | undefined;
  private ready = false;
  private readonly queue: ToWebview[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: RunbookHandlers,
    /** The original error text, kept in memory for a probe (never sent to the webview). */
    public errorText: string | undefined,
  ) {
    panel.webview.html = this.html();
    panel.onDidDispose(() => {
      if (RunbookPanel.current === this) RunbookPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: unknown) => {
      if (isFromWebview(m)) void this.onMessage(m);
    });
  }

  static show(extensionUri: vscode.Uri, handlers: RunbookHandlers, errorText: string | undefined): RunbookPanel {
    const existing = RunbookPanel.current;
    if (existing) {
      existing.errorText = errorText;
      existing.panel.reveal(vscode.ViewColumn.Beside, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      RunbookPanel.viewType,
      'Session Guard: Runbook',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        enableCommandUris: false,
        enableForms: false,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
      },
    );
    return (RunbookPanel.current = new RunbookPanel(panel, extensionUri, handlers, errorText));
  }

  showDiagnosis(diagnosis: Diagnosis, locations: readonly FailureLocationInfo[], canProbe: boolean, probeBlockedReason?: string): void {
    this.state = { diagnosis, locations, canProbe, ...(probeBlockedReason ? { probeBlockedReason } : {}) };
    this.probeReport = undefined;
    this.panel.title = `Session Guard: ${diagnosis.cause}`;
    this.post({ type: 'diagnosis', ...this.state });
  }

  showProbeRunning(): void {
    this.post({ type: 'probe-running' });
  }

  showProbe(report: ProbeReport): void {
    this.probeReport = report;
    this.post({ type: 'probe', report });
  }

  showProbeFailed(message: string): void {
    this.post({ type: 'probe-failed', message });
  }

  notice(message: string): void {
    this.post({ type: 'notice', message });
  }

  private post(m: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.queue.push(m);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    const s = this.state;
    switch (m.type) {
      case 'ready': {
        // A (re)loaded page: send the current state again, then anything queued before it was ready.
        this.ready = true;
        const pending = this.queue.splice(0);
        if (s && !pending.some((p) => p.type === 'diagnosis')) void this.panel.webview.postMessage({ type: 'diagnosis', ...s } satisfies ToWebview);
        for (const p of pending) void this.panel.webview.postMessage(p);
        if (this.probeReport && !pending.some((p) => p.type === 'probe'))
          void this.panel.webview.postMessage({ type: 'probe', report: this.probeReport } satisfies ToWebview);
        return;
      }
      case 'open-location':
        if (s?.locations[m.index]) await this.handlers.openLocation(s.locations[m.index]);
        return;
      case 'open-connection': {
        const c = s?.locations[m.index]?.connection;
        if (c) await this.handlers.openLocation({ kind: 'mule-element', ...c });
        return;
      }
      case 'insert-snippet':
        if (s) await this.handlers.insertSnippet(s.diagnosis, s.locations);
        return;
      case 'copy-alert':
        if (s) await this.handlers.copyAlert(s.diagnosis, s.locations);
        return;
      case 'probe':
        await this.handlers.probe(this);
        return;
      case 'open-docs':
        await this.handlers.openDocs(m.ruleId);
        return;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    return runbookHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      styleUri: asset('media', 'runbook.css'),
      scriptUri: asset('dist', 'webview', 'runbook.js'),
    });
  }
}
