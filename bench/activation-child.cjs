// Loads the bundled extension with a stand-in `vscode` module and times require + activate().
// Run as a fresh process per sample by bench/startup.ts; prints the milliseconds.
const Module = require('node:module');
const path = require('node:path');

/** Any property is another stand-in, any call returns a disposable-like stand-in: enough for activation. */
function standIn(name) {
  const fn = function () {};
  // Properties the extension sets (a status item's name, text…), kept apart from the function's own
  // read-only ones (`name`, `length`).
  const assigned = new Map();
  return new Proxy(fn, {
    set(_target, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(target, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === 'dispose') return () => undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'prototype') return target.prototype;
      if (prop === 'textDocuments' || prop === 'subscriptions' || prop === 'workspaceFolders') return [];
      if (prop === 'activeTextEditor') return undefined;
      if (!(prop in target)) target[prop] = standIn(`${name}.${String(prop)}`);
      return target[prop];
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`),
  });
}

// esbuild's import interop copies the module's own keys, so the top level is a plain object.
const API = [
  'window',
  'workspace',
  'commands',
  'languages',
  'env',
  'extensions',
  'debug',
  'tasks',
  'tests',
  'notebooks',
  'scm',
  'authentication',
  'l10n',
  'Uri',
  'EventEmitter',
  'Disposable',
  'Range',
  'Position',
  'Selection',
  'Location',
  'Diagnostic',
  'DiagnosticSeverity',
  'DiagnosticTag',
  'DiagnosticRelatedInformation',
  'CodeAction',
  'CodeActionKind',
  'CodeLens',
  'CompletionItem',
  'CompletionItemKind',
  'CompletionList',
  'Hover',
  'MarkdownString',
  'SnippetString',
  'TextEdit',
  'WorkspaceEdit',
  'SymbolKind',
  'SymbolInformation',
  'DocumentSymbol',
  'DocumentLink',
  'Color',
  'ColorInformation',
  'ColorPresentation',
  'FoldingRange',
  'FoldingRangeKind',
  'SelectionRange',
  'CallHierarchyItem',
  'TypeHierarchyItem',
  'SemanticTokens',
  'SemanticTokensEdit',
  'SemanticTokensEdits',
  'SemanticTokensLegend',
  'InlayHint',
  'InlayHintKind',
  'InlayHintLabelPart',
  'InlineValueText',
  'InlineValueVariableLookup',
  'InlineValueEvaluatableExpression',
  'InlineCompletionItem',
  'LinkedEditingRanges',
  'SignatureHelp',
  'SignatureInformation',
  'ParameterInformation',
  'DocumentHighlight',
  'DocumentHighlightKind',
  'CancellationTokenSource',
  'CancellationError',
  'FileSystemError',
  'ProgressLocation',
  'ViewColumn',
  'StatusBarAlignment',
  'TextDocumentSaveReason',
  'ConfigurationTarget',
  'ExtensionMode',
  'UIKind',
  'LogLevel',
  'RelativePattern',
  'LanguageStatusSeverity',
  'ThemeIcon',
  'ThemeColor',
  'TreeItem',
  'TabInputText',
  'TabInputWebview',
  'NotebookCellKind',
  'NotebookRange',
  'TextEditorRevealType',
  'EndOfLine',
  'FileType',
  'version',
];
const vscode = {};
for (const k of API) vscode[k] = standIn(`vscode.${k}`);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};

const root = path.join(__dirname, '..');
const context = { subscriptions: [], extensionUri: { fsPath: root, path: root }, extensionPath: root, asAbsolutePath: (p) => path.join(root, p) };
const t = performance.now();
const ext = require(path.join(root, 'dist', 'extension.js'));
Promise.resolve(ext.activate(context)).then(() => {
  process.stdout.write(String(performance.now() - t));
  process.exit(0);
});
