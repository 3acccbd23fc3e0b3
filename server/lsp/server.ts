/**
 * The Session Guard language server: the protocol's lifecycle and notifications, wired to the parts
 * that do the work — `diagnostics.ts` (pull and push, the record of what was reported),
 * `code-actions.ts`, `indexing.ts`, `commands.ts` — over one `ServerState` (the Program and the open
 * documents). A failure while analysing a file becomes a diagnostic and a log line, never a dead server.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../core/rules';
import type { Rule } from '../core/rules/rule';
import { ruleDocs } from '../node/rule-docs';
import { codeActions } from './code-actions';
import { COMMANDS, executeCommand } from './commands';
import { pathToUri, uriToPath } from './convert';
import { Diagnostics, type ClientSupport } from './diagnostics';
import { FolderSettings } from './folder-settings';
import { indexFolders } from './indexing';
import { CONFIG_FOR_REQUEST, FIX_ALL_KIND, STATUS_NOTIFICATION, type ConfigForResult, type InitializationOptions, type ServerStatus } from './protocol';
import { normalizeSettings } from './settings';
import { ServerState } from './state';
import { describeProblem } from '../node/config-loader';

export interface ServerOptions {
  /** The package the server runs from (its rule pages: server/core/rules/<id>/README.md). */
  readonly packageRoot?: string;
  /** Rules run after the built-in ones (fault-injection tests). */
  readonly extraRules?: readonly Rule[];
}

const WATCH_GLOBS = [
  '**/*.xml',
  '**/*.cls',
  // Metadata API names (no -meta.xml): the file roles accept them in their type's folder.
  '**/*.{flow,flowDefinition,namedCredential,externalCredential,externalServiceRegistration,permissionset,permissionsetgroup,profile}',
  '**/*.{yaml,yml,properties}',
  '**/sfdx-project.json',
  '**/mule-artifact.json',
  '**/.sessionguardrc.json',
];

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const log = (msg: string) => connection.console.log(msg);
  const trace = process.env.SESSION_GUARD_TRACE ? (msg: string) => connection.console.log(`[trace] ${msg}`) : () => undefined;
  const logError = (msg: string, e: unknown) => connection.console.error(`${msg}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

  const settings = new FolderSettings(connection, logError);
  const state = new ServerState((path) => settings.of(path), [...RULES, ...(options.extraRules ?? [])], log, trace);
  const client: ClientSupport = { pull: false, refresh: false };
  const docs = ruleDocs(options.packageRoot);
  const caps = { dynamicWatch: false, folderChanges: false, progress: false, showDocument: false, openRuleDocumentation: false, status: false };
  // What the server is doing, for clients that show it (VS Code's language status item): sent when it changes.
  let status: ServerStatus = { state: 'indexing', files: 0, configErrors: [], configChanges: 0 };
  let pendingIndexes = 0;
  const sendStatus = (next: Partial<ServerStatus>): void => {
    const updated = { ...status, ...next };
    if (JSON.stringify(updated) === JSON.stringify(status)) return;
    status = updated;
    if (caps.status) void connection.sendNotification(STATUS_NOTIFICATION, status);
  };
  const configErrorsChanged = (): void =>
    sendStatus({
      configErrors: [...state.configProblems].map(([file, problems]) => ({
        uri: pathToUri(file),
        message: problems.map((p) => describeProblem(p, true)).join('; '),
      })),
    });
  const diagnostics = new Diagnostics(connection, documents, state, settings, client, { error: logError, trace }, docs, configErrorsChanged);
  /** Settles when the folders known so far are indexed (requests that need the whole workspace wait for it). */
  let indexing: Promise<void> = Promise.resolve();
  const index = (roots: readonly string[]): Promise<void> => {
    pendingIndexes++;
    sendStatus({ state: 'indexing' });
    return indexFolders(roots, connection, state, { progress: caps.progress, log })
      .then(
        () => diagnostics.changed(0),
        (e) => logError('Indexing failed', e),
      )
      .finally(() => {
        if (--pendingIndexes === 0) sendStatus({ state: 'ready', files: state.lintablePaths().length });
      });
  };

  // ---- lifecycle ----------------------------------------------------------------------------
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps.dynamicWatch = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    caps.folderChanges = !!c.workspace?.workspaceFolders;
    caps.progress = !!c.window?.workDoneProgress;
    caps.showDocument = !!c.window?.showDocument?.support;
    client.pull = !!c.textDocument?.diagnostic;
    client.refresh = !!c.workspace?.diagnostics?.refreshSupport;
    settings.canAsk = !!c.workspace?.configuration;
    const opts = params.initializationOptions as InitializationOptions | undefined;
    if (opts?.settings) settings.initial = normalizeSettings(opts.settings);
    caps.openRuleDocumentation = opts?.openRuleDocumentation === true;
    caps.status = opts?.status === true;
    settings.folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!settings.folders.length && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) settings.folders = [p];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(client.pull ? { diagnosticProvider: { identifier: 'session-guard', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll] },
        executeCommandProvider: { commands: COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'session-guard-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (caps.dynamicWatch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch((e) => logError('file watching unavailable', e));
    }
    if (caps.folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((ev) => {
        for (const f of ev.removed) settings.folders = settings.folders.filter((x) => x !== uriToPath(f.uri));
        const added = ev.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
        settings.folders.push(...added);
        indexing = indexing.then(() => index(added));
      });
    }
    if (caps.status) void connection.sendNotification(STATUS_NOTIFICATION, status);
    indexing = index(settings.folders);
  });

  connection.onRequest(CONFIG_FOR_REQUEST, (params: { uri?: unknown }): ConfigForResult => {
    const path = typeof params?.uri === 'string' ? uriToPath(params.uri) : undefined;
    if (!path) return { configUri: null };
    const found = state.configFileFor(path);
    return { configUri: found.file ? pathToUri(found.file) : null, ...(found.error ? { error: found.error } : {}) };
  });

  // ---- documents ----------------------------------------------------------------------------
  documents.onDidOpen((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    state.setDocument(path, e.document.getText(), e.document.version);
    diagnostics.saved(path, e.document.version);
    diagnostics.changed(0);
  });
  documents.onDidChangeContent((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    state.setDocument(path, e.document.getText(), e.document.version);
    void settings.ensure(path).then((s) => {
      if (s.run === 'onType') diagnostics.changed(client.pull ? 150 : 100);
    });
  });
  documents.onDidSave((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    diagnostics.saved(path, e.document.version);
    diagnostics.changed(0);
  });
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    if (!path) return;
    state.closeDocument(path);
    diagnostics.closed(path);
    diagnostics.changed();
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
    if (config) {
      state.resetConfiguration();
      sendStatus({ configChanges: status.configChanges + 1 });
    }
    diagnostics.changed();
  });

  connection.onDidChangeConfiguration(() => {
    trace('configuration changed');
    settings.clear();
    state.resetConfiguration();
    sendStatus({ configChanges: status.configChanges + 1 });
    diagnostics.changed(0);
  });

  // ---- requests -----------------------------------------------------------------------------
  connection.languages.diagnostics.on((params, token) =>
    diagnostics.pull(params, token).catch((e: unknown) => {
      if (e instanceof ResponseError) throw e; // a cancellation answer
      logError(`Diagnostics failed for ${params.textDocument.uri}`, e);
      return { kind: 'full' as const, items: [] };
    }),
  );
  connection.languages.diagnostics.onWorkspace((params, token) => diagnostics.pullWorkspace(params, token));

  connection.onCodeAction((params) => {
    try {
      return codeActions(params, documents, state, diagnostics);
    } catch (e) {
      logError('Code actions failed', e);
      return [];
    }
  });

  connection.onExecuteCommand(async (params) => {
    try {
      return await executeCommand(params, {
        connection,
        state,
        diagnostics,
        docs,
        showDocumentSupport: caps.showDocument,
        openRuleDocumentation: caps.openRuleDocumentation,
        indexed: () => indexing,
        versionOf: (uri) => documents.get(uri)?.version ?? null,
      });
    } catch (e) {
      logError(`Command ${params.command} failed`, e);
      return null;
    }
  });

  documents.listen(connection);
  connection.listen();
}
