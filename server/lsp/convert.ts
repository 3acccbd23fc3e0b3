/** Conversions between core findings / edits and LSP types. Pure; unit-tested. */
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../core/findings';
import { toCorePath, toOsPath } from '../node/paths';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';
import type { LineIndex } from '../core/text/line-index';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toCorePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** Recently converted paths: every related location of every diagnostic needs its file's URI. */
const uris = new Map<string, string>();
const MAX_URIS = 10_000;

export function pathToUri(path: string): string {
  let uri = uris.get(path);
  if (uri === undefined) {
    uri = pathToFileURL(toOsPath(path)).toString();
    if (uris.size >= MAX_URIS) uris.clear();
    uris.set(path, uri);
  }
  return uri;
}

/** Finding positions are 1-based line/column in UTF-16 code units; LSP is 0-based in the same units. */
function findingRange(f: { line: number; column: number; endLine: number; endColumn: number }): Range {
  return { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } };
}

/**
 * A finding as a diagnostic: the one-sentence message, and the detail as the first related information at
 * the finding's own place (VS Code shows it under the message in the hover and the Problems panel, as
 * vscode-eslint's and stylelint's editors show related notes). `docsUrl` is the rule page bundled with
 * the server, when there is one.
 */
export function toDiagnostic(f: Finding, version: number, index: number, docsUrl?: string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, version, index };
  const range = findingRange(f);
  const related = f.related.map((r) => ({ location: { uri: pathToUri(r.path), range: findingRange(r) }, message: r.message }));
  if (f.detail) related.unshift({ location: { uri: pathToUri(f.path), range }, message: f.detail });
  return {
    range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    ...(docsUrl ? { codeDescription: { href: docsUrl } } : {}),
    message: f.message,
    relatedInformation: related,
    ...(f.ruleId === 'internal-error' ? { tags: [] as DiagnosticTag[] } : {}),
    data,
  };
}

/** Offsets [start, end) of a text as an LSP range (zero-based lines and UTF-16 characters). */
export function offsetRange(lines: LineIndex, start: number, end: number): Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { start: { line: s.line - 1, character: s.column - 1 }, end: { line: e.line - 1, character: e.column - 1 } };
}

/** A core fix as a workspace edit; `versionOf` pins open documents to the version it was computed for. */
export function toWorkspaceEdit(fix: Fix, lines: (path: string) => LineIndex | undefined, versionOf: (uri: string) => number | null): WorkspaceEdit {
  const byPath = new Map<string, LspTextEdit[]>();
  for (const e of fix.edits) {
    const idx = lines(e.path);
    if (!idx) continue;
    let list = byPath.get(e.path);
    if (!list) byPath.set(e.path, (list = []));
    list.push({ range: offsetRange(idx, e.start, e.end), newText: e.newText });
  }
  return {
    documentChanges: [...byPath].map(([path, edits]) => {
      const uri = pathToUri(path);
      return { textDocument: { uri, version: versionOf(uri) }, edits };
    }),
  };
}
