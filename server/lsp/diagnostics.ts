/**
 * Diagnostics: pulled per document and for the workspace (LSP 3.17) when the client can, pushed for
 * open documents otherwise. Holds the one record of what the client was sent per path (the report it
 * shows, and the findings of the version linted last, which code actions use).
 *
 * A pull is linted only if it is still wanted: the server first lets the messages already queued be
 * handled, then drops a request the client cancelled or one for a version that a later edit replaced
 * (the client pulls again for that). A workspace pull is linted unit by unit, handling other requests
 * in between, and gives up when something changes meanwhile.
 */
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type TextDocuments,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintRun } from '../core/engine/linter';
import { internalErrorFinding, type Finding } from '../core/findings';
import type { RuleDocs } from '../core/formatters';
import { counts } from '../core/formatters/types';
import { pathToUri, toDiagnostic, uriToPath } from './convert';
import type { FolderSettings } from './folder-settings';
import { DIAGNOSTIC_SOURCE, type LintWorkspaceResult } from './protocol';
import { sameDiagnostics } from './same-diagnostics';
import type { ServerState } from './state';
import { describeProblem } from '../node/config-loader';
import type { ConfigError } from '../core/config/config';

/** What the client was sent for a path, and the findings it stands for. */
export interface Reported {
  /** Id of the pulled report (empty for pushed diagnostics). */
  readonly resultId: string;
  readonly items: Diagnostic[];
  /** The document version `items` were built for (their data names it). */
  readonly itemsVersion: number;
  /** The version linted last, with the same diagnostics as `items`, and its findings. */
  version: number;
  findings: readonly Finding[];
  /** Generation and version linted last (`generation:version`). */
  linted: string;
}

export interface ClientSupport {
  pull: boolean;
  refresh: boolean;
}

const yieldToQueue = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Files of an SFDX project linted between two looks at the message queue during a workspace pull. */
const SFDX_SLICE = 50;

function slicesOf<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class Diagnostics {
  private readonly reported = new Map<string, Reported>();
  private readonly savedVersions = new Map<string, number>();
  private readonly changeWaiters: (() => void)[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private reportCount = 0;
  /** Result ids of this server process only: a client's id from an earlier process never matches one. */
  private readonly reportPrefix = `${process.pid}-${Date.now().toString(36)}-`;
  /** Workspace reports of the last computation, reused while nothing changes (clients poll). */
  private workspaceCache: { generation: number; items: WorkspaceDocumentDiagnosticReport[] } | undefined;
  /** The configuration problems last sent, per file (see `publishConfigProblems`). */
  private sentConfigProblems: ReadonlyMap<string, readonly ConfigError[]> = new Map();
  /** How many pulls were dropped, cancelled or superseded (the tests and the benchmark read it). */
  readonly skipped = { cancelled: 0, superseded: 0 };

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly state: ServerState,
    private readonly settings: FolderSettings,
    private readonly client: ClientSupport,
    private readonly log: { error(message: string, e: unknown): void; trace(message: string): void },
    /** Links to the rule pages bundled with the server. */
    private readonly docs?: RuleDocs,
    /** Called when the set of invalid configuration files may have changed. */
    private readonly onConfigProblems: () => void = () => undefined,
  ) {}

  /** The record of what the client was sent for a path (code actions read its findings). */
  reportedFor(path: string): Reported | undefined {
    return this.reported.get(path);
  }

  saved(path: string, version: number): void {
    this.savedVersions.set(path, version);
  }

  closed(path: string): void {
    this.savedVersions.delete(path);
    this.reported.delete(path); // the report of a closed document is not kept (a large file's is ~300 KB)
    if (!this.client.pull) void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
  }

  /** Something changed: wake the workspace long-poll and, after `delay` ms, refresh or publish. */
  changed(delay = 50): void {
    for (const w of this.changeWaiters.splice(0)) w();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.propagate();
    }, delay);
  }

  // ---- pull ---------------------------------------------------------------------------------

  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const path = uriToPath(params.textDocument.uri);
    if (!path) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const arrived = this.documents.get(params.textDocument.uri)?.version;
    const settings = await this.settings.ensure(path);
    // Let the messages already queued (edits, a cancellation) be handled before deciding to lint.
    await yieldToQueue();
    if (token.isCancellationRequested) {
      this.skipped.cancelled++;
      this.log.trace(`pull ${path} cancelled by the client`);
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    }
    const doc = this.documents.get(params.textDocument.uri);
    if (doc && arrived !== undefined && doc.version !== arrived) {
      // An edit arrived after this pull: the client pulls again for the new version.
      this.skipped.superseded++;
      this.log.trace(`pull ${path} superseded by version ${doc.version}`);
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a later edit', { retriggerRequest: true });
    }
    if (doc && this.state.versionOf(path) !== doc.version) this.state.setDocument(path, doc.getText(), doc.version);
    this.log.trace(`pull ${path} enable=${settings.enable} generation=${this.state.generation}`);
    if (!settings.enable || !this.state.isLintable(path)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const prev = this.reported.get(path);
    const version = this.state.versionOf(path) ?? 0;
    if (settings.run === 'onSave' && prev && this.savedVersions.get(path) !== version) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: prev.resultId };
    }
    const linted = `${this.state.generation}:${version}`;
    const clientHasPrev = prev !== undefined && params.previousResultId === prev.resultId;
    if (clientHasPrev && prev.linted === linted) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: prev.resultId };
    const findings = this.lintNow([path]).get(path) ?? [];
    this.publishConfigProblems();
    const items = this.toDiagnostics(path, findings);
    // Most keystrokes change nothing that is reported: the client keeps what it shows, and neither side
    // serialises, sends and parses a report that can be large (~300 KB for a 1 MB Mule file). Code actions
    // still find their findings: the record takes the new version's.
    if (clientHasPrev && sameDiagnostics(items, prev.items)) {
      prev.version = version;
      prev.findings = findings;
      prev.linted = linted;
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: prev.resultId };
    }
    const resultId = `${this.reportPrefix}${++this.reportCount}`;
    this.reported.set(path, { resultId, items, itemsVersion: version, version, findings, linted });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  async pullWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    this.log.trace(`workspace pull (${params.previousResultIds.length} previous)`);
    const previous = new Map(params.previousResultIds.map((r) => [r.uri, r.value]));
    // Long-poll: when nothing changed since the client's last report, wait for a change.
    if (previous.size && [...previous.values()].every((v) => v === `${this.state.generation}`)) {
      await new Promise<void>((resolve) => {
        this.changeWaiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
      if (token.isCancellationRequested) return { items: [] };
    }
    if (this.workspaceCache && this.workspaceCache.generation === this.state.generation) return { items: this.workspaceCache.items };
    const generation = this.state.generation;
    const resultId = `${generation}`;
    const targets: string[] = [];
    const silent: string[] = [];
    for (const p of this.state.lintablePaths()) {
      if (this.state.isOpen(p)) continue; // open documents are reported by document pulls
      if ((await this.settings.ensure(p)).enable && !this.state.isIgnored(p)) targets.push(p);
      else silent.push(p); // report empty so that earlier findings do not linger
    }
    const results = await this.lintYielding(targets, () => token.isCancellationRequested || this.state.generation !== generation);
    if (!results) {
      // Cancelled, or something changed meanwhile: the client asks again.
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the workspace changed', { retriggerRequest: true });
    }
    const report = (p: string, diagnostics: Diagnostic[]): WorkspaceDocumentDiagnosticReport => ({
      kind: DocumentDiagnosticReportKind.Full,
      uri: pathToUri(p),
      version: null,
      resultId,
      items: diagnostics,
    });
    const items = [...[...results].map(([p, findings]) => report(p, this.toDiagnostics(p, findings))), ...silent.map((p) => report(p, []))];
    this.workspaceCache = { generation, items };
    return { items };
  }

  // ---- lint ---------------------------------------------------------------------------------

  /** Lints with crash isolation: an exception becomes an internal-error finding on each target. */
  lintNow(targets: readonly string[]): Map<string, Finding[]> {
    try {
      const run = this.state.startLint(targets);
      for (const [key, unit] of run.units()) run.lintUnit(key, unit);
      return run.finish();
    } catch (e) {
      return this.failed(targets, e);
    }
  }

  /**
   * Lints unit by unit, handling other messages in between; undefined as soon as `stop` says the
   * result is no longer wanted.
   */
  private async lintYielding(targets: readonly string[], stop: () => boolean): Promise<Map<string, Finding[]> | undefined> {
    let run: LintRun;
    try {
      run = this.state.startLint(targets);
    } catch (e) {
      return this.failed(targets, e);
    }
    for (const [key, unit] of run.units()) {
      // A Mule app is analysed whole; the files of an SFDX project are independent targets (a few
      // thousand Apex classes in a large org), linted a slice at a time.
      const slices = key.startsWith('sfdx:') ? slicesOf(unit, SFDX_SLICE) : [unit];
      for (const slice of slices) {
        await yieldToQueue();
        if (stop()) return undefined;
        try {
          run.lintUnit(key, slice);
        } catch (e) {
          this.log.error(`Analysis failed for ${slice.length} file(s)`, e);
        }
      }
    }
    return run.finish();
  }

  private failed(targets: readonly string[], e: unknown): Map<string, Finding[]> {
    this.log.error(`Analysis failed for ${targets.length} file(s)`, e);
    const out = new Map<string, Finding[]>();
    for (const t of targets) {
      out.set(t, [
        internalErrorFinding(
          t,
          `Session Guard could not analyse this file: ${e instanceof Error ? e.message : String(e)}. See the Session Guard output for details.`,
        ),
      ]);
    }
    return out;
  }

  private toDiagnostics(path: string, findings: readonly Finding[]): Diagnostic[] {
    const version = this.state.versionOf(path) ?? 0;
    return findings.map((f, i) => toDiagnostic(f, version, i, this.docs?.url(f.ruleId)));
  }

  // ---- push and refresh ---------------------------------------------------------------------

  private async propagate(): Promise<void> {
    this.publishConfigProblems();
    if (this.client.pull) {
      this.log.trace(`refresh (supported=${this.client.refresh})`);
      if (this.client.refresh) await this.connection.languages.diagnostics.refresh().catch((e) => this.log.error('diagnostics refresh failed', e));
      return;
    }
    await this.publish(this.state.openPaths());
  }

  private async publish(paths: readonly string[]): Promise<void> {
    const targets: string[] = [];
    for (const p of paths) {
      const s = await this.settings.ensure(p);
      if (!s.enable || !this.state.isLintable(p)) {
        this.reported.delete(p);
        void this.connection.sendDiagnostics({ uri: pathToUri(p), diagnostics: [] });
        continue;
      }
      targets.push(p);
    }
    const results = this.lintNow(targets);
    for (const [p, findings] of results) {
      const version = this.state.versionOf(p);
      const items = this.toDiagnostics(p, findings);
      const linted = `${this.state.generation}:${version ?? 0}`;
      // As with pulls answered `unchanged`: the client keeps what it shows, and code actions still find the findings.
      const prev = this.reported.get(p);
      if (prev && sameDiagnostics(items, prev.items)) {
        prev.version = version ?? 0;
        prev.findings = findings;
        prev.linted = linted;
        continue;
      }
      this.reported.set(p, { resultId: '', items, itemsVersion: version ?? 0, version: version ?? 0, findings, linted });
      void this.connection.sendDiagnostics({ uri: pathToUri(p), ...(version !== null ? { version } : {}), diagnostics: items });
    }
    this.publishConfigProblems();
  }

  /**
   * Invalid `.sessionguardrc.json` files, reported on the file itself (at the key that is wrong). Sent when
   * they change, not on every pull: a resolver keeps one list of problems per file until the
   * configuration is reset, so the same list means nothing changed.
   */
  publishConfigProblems(): void {
    const now = this.state.configProblems;
    if (now.size === this.sentConfigProblems.size && [...now].every(([file, problems]) => this.sentConfigProblems.get(file) === problems)) return;
    this.onConfigProblems();
    for (const file of this.sentConfigProblems.keys()) if (!now.has(file)) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    for (const [file, problems] of now) {
      if (this.sentConfigProblems.get(file) === problems) continue;
      void this.connection.sendDiagnostics({
        uri: pathToUri(file),
        diagnostics: problems.map((p) => ({
          range:
            p.line !== undefined && p.column !== undefined
              ? { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column } }
              : { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          severity: DiagnosticSeverity.Error,
          source: DIAGNOSTIC_SOURCE,
          code: 'config',
          // A problem with the file as a whole reads after the file's name ("is not valid JSON: …").
          message: `${p.key === '(file)' ? 'This file ' : ''}${describeProblem(p)}. Defaults are used until this is fixed.`,
        })),
      });
    }
    this.sentConfigProblems = new Map(now);
  }

  /** `sessionGuard.server.lintWorkspace`: every file, then the client is told to pull again (or sent them). */
  async lintWorkspace(): Promise<LintWorkspaceResult> {
    const paths = this.state.lintablePaths().filter((p) => !this.state.isIgnored(p));
    const results = (await this.lintYielding(paths, () => false))!;
    if (this.client.pull) {
      if (this.client.refresh) await this.connection.languages.diagnostics.refresh().catch(() => undefined);
      for (const w of this.changeWaiters.splice(0)) w();
    } else {
      for (const [p, findings] of results) void this.connection.sendDiagnostics({ uri: pathToUri(p), diagnostics: this.toDiagnostics(p, findings) });
    }
    return { files: results.size, ...counts([...results.values()].map((findings) => ({ findings }))) };
  }
}
