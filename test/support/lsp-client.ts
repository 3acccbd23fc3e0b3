/**
 * A minimal LSP client for tests: spawns the built server over stdio, answers the server's requests
 * (configuration, registrations, progress, refresh, showDocument) and records what it sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  WorkDoneProgress,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { REPO } from './cli';
import { changedRange } from '../../server/core/text/changed-range';

export const uriOf = (p: string) => pathToFileURL(p).toString();

export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false }, publishDiagnostics: { relatedInformation: true }, codeAction: {} },
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: {} },
  workspace: { configuration: true },
};

export class LspClient {
  readonly published = new Map<string, Diagnostic[]>();
  readonly requests: { method: string; params: unknown }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  readonly progress: { kind: string; cancellable?: boolean; message?: string }[] = [];
  refreshes = 0;
  stdoutErrors: unknown[] = [];
  private proc!: ChildProcess;
  conn!: MessageConnection;
  private versions = new Map<string, number>();
  readonly texts = new Map<string, string>();

  constructor(
    private readonly settings: Record<string, unknown> = {},
    /** Extra environment for the server process. */
    private readonly env: Record<string, string> = {},
    /** `initializationOptions` of the initialize request (what the client says it can do). */
    private readonly initializationOptions?: Record<string, unknown>,
  ) {}

  /** The server process id (for memory measurements). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async start(root: string, capabilities = PULL_CAPABILITIES): Promise<void> {
    this.proc = spawn(process.execPath, [join(REPO, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    this.proc.stderr!.on('data', (d) => this.logs.push(String(d)));
    const reader = serverReader(this.proc.stdout!);
    reader.onError((e) => this.stdoutErrors.push(e));
    this.conn = createMessageConnection(reader, new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest((method, params) => {
      this.requests.push({ method, params });
      if (method === 'workspace/configuration') return ((params as { items: unknown[] }).items ?? []).map(() => this.settings);
      if (method === 'workspace/diagnostic/refresh') this.refreshes++;
      if (method === 'window/workDoneProgress/create') {
        const token = (params as { token: string | number }).token;
        this.conn.onProgress(WorkDoneProgress.type, token, (value) => void this.progress.push(value));
      }
      if (method === 'window/showDocument') return { success: true };
      // Like an editor: applied to the open document when its version is the one the edit names.
      if (method === 'workspace/applyEdit') {
        const edit = (params as { edit: WorkspaceEdit }).edit;
        const stale = (edit.documentChanges ?? []).some(
          (dc) =>
            'textDocument' in dc &&
            dc.textDocument.version !== null &&
            dc.textDocument.version !== this.versions.get(decodeURIComponent(new URL(dc.textDocument.uri).pathname)),
        );
        return stale ? { applied: false, failureReason: 'the document changed' } : this.apply(edit).then(() => ({ applied: true }));
      }
      return null;
    });
    this.conn.onNotification((method, params) => {
      this.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') {
        const p = params as { uri: string; diagnostics: Diagnostic[] };
        this.published.set(p.uri, p.diagnostics);
      } else if (method === 'window/logMessage') this.logs.push((params as { message: string }).message);
    });
    this.conn.listen();
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: 'ws' }],
      capabilities,
      ...(this.initializationOptions ? { initializationOptions: this.initializationOptions } : {}),
    });
    await this.conn.sendNotification('initialized', {});
  }

  async open(path: string, text: string): Promise<void> {
    this.versions.set(path, 1);
    this.texts.set(path, text);
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uriOf(path), languageId: path.endsWith('.cls') ? 'apex' : 'xml', version: 1, text },
    });
  }

  async change(path: string, text: string): Promise<number> {
    const v = (this.versions.get(path) ?? 0) + 1;
    this.versions.set(path, v);
    this.texts.set(path, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(path), version: v }, contentChanges: [{ text }] });
    return v;
  }

  /**
   * Like an editor with incremental sync (what the server asks for): sends only the changed range of
   * the previous text, not the whole document.
   */
  async edit(path: string, text: string): Promise<number> {
    return this.sendEdit(this.prepareEdit(path, text));
  }

  /**
   * The ranged change that turns the client's copy of `path` into `text`. An editor knows the range it
   * changed; benchmarks prepare it before starting the clock, so that they time the server.
   */
  prepareEdit(path: string, text: string): PreparedEdit {
    const before = this.texts.get(path) ?? '';
    const { start, oldEnd, newEnd } = changedRange(before, text) ?? { start: 0, oldEnd: 0, newEnd: 0 };
    const range = { start: positionIn(before, start), end: positionIn(before, oldEnd) };
    return { path, text, range, newText: text.slice(start, newEnd) };
  }

  async sendEdit(edit: PreparedEdit): Promise<number> {
    const v = (this.versions.get(edit.path) ?? 0) + 1;
    this.versions.set(edit.path, v);
    this.texts.set(edit.path, edit.text);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf(edit.path), version: v },
      contentChanges: [{ range: edit.range, text: edit.newText }],
    });
    return v;
  }

  async close(path: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(path) } });
  }

  /** The last report per path, as an editor keeps it: sent back as `previousResultId`, kept when unchanged. */
  private readonly reports = new Map<string, { resultId?: string; items: Diagnostic[] }>();
  /** How many of the pulls so far were answered `unchanged`. */
  unchangedReports = 0;

  /** Pulls that the server answered "cancelled, ask again" (LSP ServerCancelled with retriggerRequest). */
  retriggeredPulls = 0;

  /**
   * Pulls the document's diagnostics like VS Code does: with the previous result id, and again when the
   * server cancels the pull and asks for it to be retriggered (a later edit superseded it).
   */
  async pull(path: string): Promise<Diagnostic[]> {
    const prev = this.reports.get(path);
    let r: DocumentDiagnosticReport;
    for (;;) {
      try {
        r = (await this.conn.sendRequest('textDocument/diagnostic', {
          textDocument: { uri: uriOf(path) },
          ...(prev?.resultId ? { previousResultId: prev.resultId } : {}),
        })) as DocumentDiagnosticReport;
        break;
      } catch (e) {
        if (!isRetrigger(e)) throw e;
        this.retriggeredPulls++;
      }
    }
    if (r.kind === 'unchanged') {
      this.unchangedReports++;
      return prev?.items ?? [];
    }
    this.reports.set(path, { ...(r.resultId ? { resultId: r.resultId } : {}), items: r.items });
    return r.items;
  }

  async codeActions(path: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return (await this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(path) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    })) as CodeAction[];
  }

  /** Applies a workspace edit to the client's copies of open documents and sends the change. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const dc of edit.documentChanges ?? []) {
      if (!('textDocument' in dc)) continue;
      const path = decodeURIComponent(new URL(dc.textDocument.uri).pathname);
      let text = this.texts.get(path);
      // An edit of a file the editor has not open (version null): opened first, as VS Code does.
      if (text === undefined && dc.textDocument.version === null) await this.open(path, (text = readFileSync(path, 'utf8')));
      if (text === undefined) throw new Error(`edit for a document that is not open: ${path}`);
      await this.change(path, applyTextEdits(text, dc.edits as TextEdit[]));
    }
  }

  async waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; server log:\n${this.logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc.kill();
  }

  get alive(): boolean {
    return this.proc.exitCode === null && !this.proc.killed;
  }
}

/**
 * Reads the server's messages. A message cut short (the server stopped while writing it) must not keep the
 * client alive: vscode-jsonrpc then re-arms a "partial message" timer every 10 s for as long as the
 * process lives, and disposing the reader does not clear it. A benchmark run hung that way after its last
 * server was stopped, so this client never arms it.
 */
export function serverReader(readable: Readable): StreamMessageReader {
  const reader = new StreamMessageReader(readable);
  reader.partialMessageTimeout = 0;
  return reader;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const off = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

/** The LSP position (line, UTF-16 character) of an offset; lines end at \n (or \r\n). */
export interface PreparedEdit {
  readonly path: string;
  /** The whole text after the edit (the client's copy). */
  readonly text: string;
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly newText: string;
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** LSP `ServerCancelled` (-32802) whose data asks the client to send the request again. */
export function isRetrigger(e: unknown): boolean {
  const err = e as { code?: number; data?: { retriggerRequest?: boolean } };
  return err?.code === -32802 && err.data?.retriggerRequest !== false;
}
