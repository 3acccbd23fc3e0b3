/**
 * Code actions for Session Guard's diagnostics: each finding's fix and suggestions, "disable for this
 * line" and "disable for this file" (the comment syntax of the file's kind: `engine/suppressions.ts`),
 * "show documentation", and "fix all" (every safe fix, linted again until none is left: `fix-all.ts`; computed
 * only when asked for as `source.fixAll` or chosen).
 * Built from the findings the diagnostics record holds for the current version of the document; a
 * diagnostic of any other version gets nothing (as in vscode-eslint).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { disableFileEdit, disableNextLineEdit } from '../core/engine/suppressions';
import { toWorkspaceEdit, uriToPath } from './convert';
import type { Diagnostics } from './diagnostics';
import { fixAll } from './fix-all';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SERVER_COMMANDS, type DiagnosticData } from './protocol';
import type { ServerState } from './state';

const FIX_ALL_TITLE = 'Session Guard: fix all auto-fixable problems';

export function codeActions(params: CodeActionParams, documents: TextDocuments<TextDocument>, state: ServerState, diagnostics: Diagnostics): CodeAction[] {
  const uri = params.textDocument.uri;
  const path = uriToPath(uri);
  const doc = documents.get(uri);
  if (!path || !doc) return [];
  const record = diagnostics.reportedFor(path);
  if (!record || record.version !== doc.version) return []; // computed for another version: refuse
  const versionOf = (u: string) => documents.get(u)?.version ?? null;
  const lines = (p: string) => state.program.peek(p)?.lines;
  const only = params.context.only;
  const wantsFixAll = only?.some((k) => k === FIX_ALL_KIND || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
  const out: CodeAction[] = [];
  // Only when the document has a fix at all. Asked for as such (on save: `source.fixAll`), the edit is
  // computed now; in the light bulb, which the editor asks for at every cursor move, it is a command that
  // computes it when chosen (the passes lint the document again and again: as vscode-eslint does).
  const fixable = record.findings.some((f) => f.fix);
  if (wantsFixAll) {
    if (!fixable) return out;
    const { edit } = fixAll(state, path, (paths) => diagnostics.lintNow(paths), versionOf);
    if (edit) out.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit });
    return out;
  }
  if (!only && fixable)
    out.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, command: { title: FIX_ALL_TITLE, command: SERVER_COMMANDS.fixAll, arguments: [uri] } });
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return out;
  const seenRules = new Set<string>();
  /** Whether diagnostics built for `version` show the findings of the record (of the current version). */
  const showsRecordFindings = (version: number): boolean => version === doc.version || record.itemsVersion === version;
  for (const diag of params.context.diagnostics) {
    if (diag.source !== DIAGNOSTIC_SOURCE) continue;
    const data = diag.data as DiagnosticData | undefined;
    if (!data || !showsRecordFindings(data.version)) continue;
    const f = record.findings[data.index];
    if (!f || f.ruleId !== data.ruleId) continue;
    if (f.fix)
      out.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, edit: toWorkspaceEdit(f.fix, lines, versionOf) });
    for (const s of f.suggestions) out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: toWorkspaceEdit(s, lines, versionOf) });
    if (f.ruleId === 'internal-error' || seenRules.has(f.ruleId)) continue;
    seenRules.add(f.ruleId);
    const file = state.program.peek(path);
    if (!file) continue;
    out.push({
      title: `Disable ${f.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: toWorkspaceEdit({ title: 'disable', edits: [disableNextLineEdit(file, f.ruleId, f.start)] }, lines, versionOf),
    });
    out.push({
      title: `Disable ${f.ruleId} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: toWorkspaceEdit({ title: 'disable for the file', edits: [disableFileEdit(file, f.ruleId)] }, lines, versionOf),
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
