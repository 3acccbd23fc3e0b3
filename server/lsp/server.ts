/**
 * The Session Guard language server: pull diagnostics (document and workspace) when the client
 * supports them and push otherwise, code actions (fix, suggestions, disable for this line, show
 * documentation, fix all), file watching, cross-file updates, indexing with cancellable progress.
 * A failure while analysing a file becomes a diagnostic and a log line, never a dead server.
 */
import { promises as fsp } from 'node:fs';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { disableNextLineComment } from '../core/engine/suppressions';
import { nonOverlapping } from '../core/edits/xml-edits';
import { anchorLine } from '../core/engine/suppressions';
import { internalErrorFinding, type Finding } from '../core/findings';
import { RULES } from '../core/rules';
import { docsUrl, type Rule } from '../core/rules/rule';
import { ConfigResolver } from '../node/config-loader';
import { contextFiles } from '../node/context';
import { discover } from '../node/discovery';
import { decode } from '../node/decode';
import { toCorePath, toOsPath } from '../node/paths';
import { pathToUri, toDiagnostic, toWorkspaceEdit, uriToPath } from './convert';
import { sameDiagnostics } from './same-diagnostics';
import {
  DEFAULT_SETTINGS,
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  SERVER_COMMANDS,
  SETTINGS_SECTION,
  type DiagnosticData,
  type LintWorkspaceResult,
  type Settings,
} from './protocol';
import { failureLocations } from './locate-failure';
import { normalizeSettings } from './settings';
import { ServerState } from './state';

export interface ServerOptions {
  /** Folder holding the rule READMEs (server/core/rules), for "show documentation". */
  readonly rulesDocDir?: string;
  /** Rules run after the built-in ones (fault-injection tests). */
  readonly extraRules?: readonly Rule[];
}

const WATCH_GLOBS = ['**/*.xml', '**/*.cls', '**/*.{yaml,yml,properties}', '**/sfdx-project.json', '**/mule-artifact.json', '**/.sessionguardrc.json'];

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const settingsCache = new Map<string, Settings>();
  let folders: string[] = [];
  let pull = false;
  let refreshSupport = false;
  let configurationSupport = false;
  let progressSupport = false;
  let showDocumentSupport = false;
  let dynamicWatch = false;
  let folderChanges = false;
  let initSettings: Settings = DEFAULT_SETTINGS;
  const savedVersions = new Map<string, number>();
  const changeWaiters: (() => void)[] = [];

  const folderOf = (path: string): string | undefined =>
    folders.filter((f) => path === f || path.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];

  const settingsFor = (path: string): Settings => {
    const folder = folderOf(path) ?? '';
    const s = settingsCache.get(folder) ?? initSettings;
    if (s.configFile && !isAbsolute(s.configFile) && folder) return { ...s, configFile: join(toOsPath(folder), s.configFile) };
    return s;
  };

  const state = new ServerState(settingsFor, [...RULES, ...(options.extraRules ?? [])]);

  const log = (msg: string) => connection.console.log(msg);
  const trace = process.env.SESSION_GUARD_TRACE ? (msg: string) => connection.console.log(`[trace] ${msg}`) : () => undefined;
  const logError = (msg: string, e: unknown) => connection.console.error(`${msg}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

  async function ensureSettings(path: string): Promise<Settings> {
    const folder = folderOf(path) ?? '';
    if (!configurationSupport) return settingsFor(path);
    if (!settingsCache.has(folder)) {
      try {
        const [raw] = await connection.workspace.getConfiguration([{ scopeUri: folder ? pathToUri(folder) : undefined, section: SETTINGS_SECTION }]);
        settingsCache.set(folder, normalizeSettings(raw));
      } catch (e) {
        logError('Could not read settings; using defaults', e);
        settingsCache.set(folder, DEFAULT_SETTINGS);
      }
    }
    return settingsFor(path);
  }

  /** Lints with crash isolation: an exception becomes an internal-error finding on each target. */
  function safeLint(targets: readonly string[]): Map<string, Finding[]> {
    try {
      return state.lint(targets);
    } catch (e) {
      logError(`Analysis failed for ${targets.length} file(s)`, e);
      const out = new Map<string, Finding[]>();
      for (const t of targets) {
        out.set(t, [
          internalErrorFinding(
            t,
            `Session Guard could not analyse this file: ${e instanceof Error ? e.message : String(e)}. See the Session Guard output for details.`,
            'https://github.com/session-guard/session-guard#readme',
          ),
        ]);
      }
      return out;
    }
  }

  function diagnosticsFor(path: string, findings: readonly Finding[]): Diagnostic[] {
    const version = state.versionOf(path) ?? 0;
    return findings.map((f, i) => toDiagnostic(f, version, i));
  }

  // ---- change propagation -------------------------------------------------------------------
  let refreshTimer: NodeJS.Timeout | undefined;
  /**
   * What the client shows per path: the last document report (pull; answered as unchanged while nothing
   * changed) or the last diagnostics published (push). `version` is the document version its items were
   * built for (their data names it); `linted` what was linted last (generation and version), with the same
   * diagnostics.
   */
  const shown = new Map<string, { resultId: string; items: Diagnostic[]; version: number; linted: string }>();
  let reportCount = 0;
  /** Result ids of this server process only: a client's id from an earlier process never matches one. */
  const reportPrefix = `${process.pid}-${Date.now().toString(36)}-`;

  function changed(delay = 50): void {
    for (const w of changeWaiters.splice(0)) w();
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void propagate();
    }, delay);
  }

  async function propagate(): Promise<void> {
    publishConfigProblems();
    if (pull) {
      trace(`refresh (supported=${refreshSupport})`);
      if (refreshSupport) await connection.languages.diagnostics.refresh().catch((e) => logError('diagnostics refresh failed', e));
      return;
    }
    await publish(state.openPaths());
  }

  async function publish(paths: readonly string[]): Promise<void> {
    const targets: string[] = [];
    for (const p of paths) {
      const s = await ensureSettings(p);
      if (!s.enable || !state.isLintable(p)) {
        shown.delete(p);
        void connection.sendDiagnostics({ uri: pathToUri(p), diagnostics: [] });
        continue;
      }
      targets.push(p);
    }
    const results = safeLint(targets);
    for (const [p, findings] of results) {
      const version = state.versionOf(p);
      const items = diagnosticsFor(p, findings);
      const linted = `${state.generation}:${version ?? 0}`;
      // As with pulls answered `unchanged`: the client keeps what it shows, and code actions still find the findings.
      const prev = shown.get(p);
      if (prev && sameDiagnostics(items, prev.items)) {
        prev.linted = linted;
        continue;
      }
      shown.set(p, { resultId: '', items, version: version ?? 0, linted });
      void connection.sendDiagnostics({ uri: pathToUri(p), ...(version !== null ? { version } : {}), diagnostics: items });
    }
    publishConfigProblems();
  }

  const reportedConfigFiles = new Set<string>();
  function publishConfigProblems(): void {
    for (const file of reportedConfigFiles) {
      if (!state.configProblems.has(file)) {
        void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
        reportedConfigFiles.delete(file);
      }
    }
    for (const [file, problems] of state.configProblems) {
      reportedConfigFiles.add(file);
      void connection.sendDiagnostics({
        uri: pathToUri(file),
        diagnostics: problems.map((p) => ({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          severity: DiagnosticSeverity.Error,
          source: DIAGNOSTIC_SOURCE,
          code: 'config',
          message: `${p.key}: ${p.message}. Defaults are used until this is fixed.`,
        })),
      });
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folderChanges = !!caps.workspace?.workspaceFolders;
    pull = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    configurationSupport = !!caps.workspace?.configuration;
    progressSupport = !!caps.window?.workDoneProgress;
    showDocumentSupport = !!caps.window?.showDocument?.support;
    const opts = params.initializationOptions as { settings?: unknown } | undefined;
    if (opts?.settings) initSettings = normalizeSettings(opts.settings);
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!folders.length && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) folders = [p];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(pull ? { diagnosticProvider: { identifier: 'session-guard', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll] },
        executeCommandProvider: { commands: [SERVER_COMMANDS.showRuleDocumentation, SERVER_COMMANDS.lintWorkspace, SERVER_COMMANDS.locateFailure] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'session-guard-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicWatch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch((e) => logError('file watching unavailable', e));
    }
    if (folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((ev) => {
        for (const f of ev.removed) folders = folders.filter((x) => x !== uriToPath(f.uri));
        const added = ev.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
        folders.push(...added);
        indexing = indexing.then(() => indexFolders(added));
      });
    }
    indexing = indexFolders(folders);
  });

  /** Settles when the folders known so far are indexed (requests that need the whole workspace wait for it). */
  let indexing: Promise<void> = Promise.resolve();

  /** Reads every Mule and Salesforce file of the folders into the workspace, with cancellable progress. */
  async function indexFolders(roots: readonly string[]): Promise<void> {
    if (!roots.length) return;
    const progress = progressSupport ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      progress?.begin('Session Guard: indexing', 0, 'Finding Mule apps and Salesforce projects…', true);
      const files: string[] = [];
      for (const root of roots) {
        let resolver: ConfigResolver;
        try {
          resolver = new ConfigResolver(RULES);
        } catch {
          continue;
        }
        const found = discover([toOsPath(root)], toOsPath(root), resolver);
        for (const p of found.problems) log(`Skipped ${p.path}: ${p.message}`);
        files.push(...found.targets, ...contextFiles(found.targets, found.listings));
      }
      let done = 0;
      for (const osPath of files) {
        if (progress?.token.isCancellationRequested) {
          log(`Indexing cancelled after ${done} of ${files.length} files.`);
          break;
        }
        const path = toCorePath(osPath);
        if (!state.isOpen(path)) {
          try {
            state.ws.setFile(path, decode(await fsp.readFile(osPath)));
          } catch (e) {
            log(`Skipped ${osPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
        }
        if (++done % 25 === 0) {
          progress?.report(Math.round((done / files.length) * 100), `${done} of ${files.length} files`);
          await new Promise((r) => setImmediate(r));
        }
      }
      state.generation++;
      log(`Indexed ${done} files in ${roots.length} folder(s).`);
    } catch (e) {
      logError('Indexing failed', e);
    } finally {
      progress?.done();
      changed(0);
    }
  }

  // ---- documents ----------------------------------------------------------------------------
  documents.onDidOpen((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    state.setDocument(path, e.document.getText(), e.document.version);
    savedVersions.set(path, e.document.version);
    changed(0);
  });
  documents.onDidChangeContent((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    state.setDocument(path, e.document.getText(), e.document.version);
    void ensureSettings(path).then((s) => {
      if (s.run === 'onType') changed(pull ? 150 : 100);
    });
  });
  documents.onDidSave((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    savedVersions.set(path, e.document.version);
    changed(0);
  });
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    state.closeDocument(path);
    savedVersions.delete(path);
    shown.delete(path); // the report of a closed document is not kept (a large file's is ~300 KB)
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    changed();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let config = false;
    for (const ch of params.changes) {
      const path = uriToPath(ch.uri);
      if (!path) continue;
      if (path.endsWith('/.sessionguardrc.json')) config = true;
      if (ch.type === FileChangeType.Deleted) state.removeFromDisk(path);
      else state.syncFromDisk(path);
    }
    if (config) state.resetConfiguration();
    changed();
  });

  connection.onDidChangeConfiguration(() => {
    trace('configuration changed');
    settingsCache.clear();
    state.resetConfiguration();
    changed(0);
  });

  // ---- diagnostics (pull) -------------------------------------------------------------------
  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const path = uriToPath(params.textDocument.uri);
    if (!path) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    try {
      const doc = documents.get(params.textDocument.uri);
      if (doc) state.setDocument(path, doc.getText(), doc.version);
      const settings = await ensureSettings(path);
      trace(`pull ${path} enable=${settings.enable} generation=${state.generation}`);
      if (!settings.enable || !state.isLintable(path)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const prev = shown.get(path);
      const version = state.versionOf(path) ?? 0;
      if (settings.run === 'onSave' && prev && savedVersions.get(path) !== version) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: prev.resultId };
      }
      const linted = `${state.generation}:${version}`;
      const clientHasPrev = prev !== undefined && params.previousResultId === prev.resultId;
      if (clientHasPrev && prev.linted === linted) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: prev.resultId };
      const items = diagnosticsFor(path, safeLint([path]).get(path) ?? []);
      publishConfigProblems();
      // Most keystrokes change nothing that is reported: the client keeps what it shows, and neither side
      // serialises, sends and parses a report that can be large (~300 KB for a 1 MB Mule file). Code actions
      // still find their findings: see `reportsCurrentFindings`.
      if (clientHasPrev && sameDiagnostics(items, prev.items)) {
        prev.linted = linted;
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: prev.resultId };
      }
      const resultId = `${reportPrefix}${++reportCount}`;
      shown.set(path, { resultId, items, version, linted });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    } catch (e) {
      logError(`Diagnostics failed for ${path}`, e);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  /** Workspace reports of the last computation, reused while nothing changes (clients poll). */
  let workspaceCache: { generation: number; items: WorkspaceDocumentDiagnosticReport[] } | undefined;
  connection.languages.diagnostics.onWorkspace(async (params, token: CancellationToken) => {
    trace(`workspace pull (${params.previousResultIds.length} previous)`);
    const previous = new Map(params.previousResultIds.map((r) => [r.uri, r.value]));
    // Long-poll: when nothing changed since the client's last report, wait for a change.
    if (previous.size && [...previous.values()].every((v) => v === `${state.generation}`)) {
      await new Promise<void>((resolve) => {
        changeWaiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
      if (token.isCancellationRequested) return { items: [] };
    }
    if (workspaceCache && workspaceCache.generation === state.generation) return { items: workspaceCache.items };
    const generation = state.generation;
    const resultId = `${generation}`;
    const targets: string[] = [];
    const silent: string[] = [];
    for (const p of state.lintablePaths()) {
      if (state.isOpen(p)) continue; // open documents are reported by document pulls
      if ((await ensureSettings(p)).enable && !state.isIgnored(p)) targets.push(p);
      else silent.push(p); // report empty so that earlier findings do not linger
    }
    const results = safeLint(targets);
    const report = (p: string, diagnostics: Diagnostic[]): WorkspaceDocumentDiagnosticReport => ({
      kind: DocumentDiagnosticReportKind.Full,
      uri: pathToUri(p),
      version: null,
      resultId,
      items: diagnostics,
    });
    const items = [...[...results].map(([p, findings]) => report(p, diagnosticsFor(p, findings))), ...silent.map((p) => report(p, []))];
    workspaceCache = { generation, items };
    return { items };
  });

  // ---- code actions -------------------------------------------------------------------------
  connection.onCodeAction((params: CodeActionParams): CodeAction[] => {
    try {
      return codeActions(params);
    } catch (e) {
      logError('Code actions failed', e);
      return [];
    }
  });

  function codeActions(params: CodeActionParams): CodeAction[] {
    const uri = params.textDocument.uri;
    const path = uriToPath(uri);
    const doc = documents.get(uri);
    if (!path || !doc) return [];
    const last = state.lastLint(path);
    if (!last || last.version !== doc.version) return []; // computed for another version: refuse
    const versionOf = (u: string) => documents.get(u)?.version ?? null;
    const lines = (p: string) => state.ws.get(p)?.lines;
    const only = params.context.only;
    const wantsFixAll = only?.some((k) => k === FIX_ALL_KIND || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
    const out: CodeAction[] = [];
    if (wantsFixAll || !only) {
      const fixes = last.findings.filter((f) => f.fix && f.fix.edits.every((e) => e.path === path));
      const edits = nonOverlapping(fixes.flatMap((f) => f.fix!.edits));
      if (edits.length) {
        out.push({
          title: 'Session Guard: fix all auto-fixable problems',
          kind: FIX_ALL_KIND,
          edit: toWorkspaceEdit({ title: 'fix all', edits }, lines, versionOf),
        });
      }
      if (wantsFixAll) return out;
    }
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return out;
    const seenRules = new Set<string>();
    const report = shown.get(path);
    /** Whether diagnostics built for `version` show the findings of the last lint (of the current version). */
    const reportsCurrentFindings = (version: number): boolean =>
      version === doc.version || (report !== undefined && report.version === version && report.linted === `${state.generation}:${doc.version}`);
    for (const diag of params.context.diagnostics) {
      if (diag.source !== DIAGNOSTIC_SOURCE) continue;
      const data = diag.data as DiagnosticData | undefined;
      if (!data || !reportsCurrentFindings(data.version)) continue;
      const f = last.findings[data.index];
      if (!f || f.ruleId !== data.ruleId) continue;
      if (f.fix)
        out.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, edit: toWorkspaceEdit(f.fix, lines, versionOf) });
      for (const s of f.suggestions)
        out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: toWorkspaceEdit(s, lines, versionOf) });
      if (f.ruleId === 'internal-error' || seenRules.has(f.ruleId)) continue;
      seenRules.add(f.ruleId);
      const file = state.ws.get(path)!;
      const line = anchorLine(file, f.start);
      const indent = file.lines.indentOf(line);
      const comment = path.toLowerCase().endsWith('.cls')
        ? `${indent}// session-guard-disable-next-line ${f.ruleId} -- reason`
        : disableNextLineComment(f.ruleId, indent);
      const at = file.lines.lineStart(line);
      const nl = file.text.includes('\r\n') ? '\r\n' : '\n';
      out.push({
        title: `Disable ${f.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        edit: toWorkspaceEdit({ title: 'disable', edits: [{ path, start: at, end: at, newText: comment + nl }] }, lines, versionOf),
      });
      out.push({
        title: `Show documentation for ${f.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: { title: `Show documentation for ${f.ruleId}`, command: SERVER_COMMANDS.showRuleDocumentation, arguments: [f.ruleId] },
      });
    }
    return out;
  }

  // ---- commands -----------------------------------------------------------------------------
  connection.onExecuteCommand(async (params) => {
    try {
      if (params.command === SERVER_COMMANDS.showRuleDocumentation) {
        const ruleId = String(params.arguments?.[0] ?? '');
        const rule = RULES.find((r) => r.meta.id === ruleId);
        if (!rule) return null;
        const local = options.rulesDocDir ? join(options.rulesDocDir, ...ruleId.split('/'), 'README.md') : undefined;
        if (showDocumentSupport) {
          if (local && existsSync(local)) await connection.window.showDocument({ uri: pathToUri(toCorePath(local)), takeFocus: true });
          else await connection.window.showDocument({ uri: docsUrl(ruleId), external: true });
        } else connection.window.showInformationMessage(`${ruleId}: ${rule.meta.description} ${docsUrl(ruleId)}`);
        return null;
      }
      if (params.command === SERVER_COMMANDS.lintWorkspace) return await lintWorkspace();
      if (params.command === SERVER_COMMANDS.locateFailure) {
        await indexing;
        return failureLocations(state, params.arguments?.[0], (paths) => safeLint(paths));
      }
    } catch (e) {
      logError(`Command ${params.command} failed`, e);
    }
    return null;
  });

  async function lintWorkspace(): Promise<LintWorkspaceResult> {
    const paths = state.lintablePaths().filter((p) => !state.isIgnored(p));
    const results = safeLint(paths);
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const findings of results.values()) {
      for (const f of findings) {
        if (f.severity === 'error') errors++;
        else if (f.severity === 'warning') warnings++;
        else infos++;
      }
    }
    if (pull) {
      if (refreshSupport) await connection.languages.diagnostics.refresh().catch(() => undefined);
      for (const w of changeWaiters.splice(0)) w();
    } else {
      for (const [p, findings] of results) void connection.sendDiagnostics({ uri: pathToUri(p), diagnostics: diagnosticsFor(p, findings) });
    }
    return { files: results.size, errors, warnings, infos };
  }

  documents.listen(connection);
  connection.listen();
}
