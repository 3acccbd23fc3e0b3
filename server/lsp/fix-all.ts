/**
 * "Fix all auto-fixable problems" as `--fix` does it: the safe fixes of a document applied, the result
 * linted again (with the rest of its app or project as context), and again until no fix is left (ten
 * passes at most, like ESLint). A fix may make another one possible, and may edit another file of the
 * app (removing an operation that does not exist adds the reconnection it stood for to the connection).
 * The passes run on the Program; the texts are put back afterwards, and the editor receives one edit
 * per file to apply.
 */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { pathToUri } from './convert';
import { applyEdits, chooseFixes } from '../core/edits/xml-edits';
import type { Finding } from '../core/findings';
import { changedRange } from '../core/text/changed-range';
import { LineIndex } from '../core/text/line-index';
import type { ServerState } from './state';

const MAX_PASSES = 10;

export interface FixAllResult {
  /** Per file (core path) the one edit that turns its text into the fixed one; empty: nothing to fix. */
  readonly edits: ReadonlyMap<string, TextEdit>;
  /** Fixes applied over all passes. */
  readonly fixes: number;
  readonly passes: number;
}

export function fixAll(state: ServerState, path: string, lint: (paths: string[]) => Map<string, Finding[]>): FixAllResult {
  const { program } = state;
  const originals = new Map<string, string>();
  const textOf = (p: string) => program.peek(p)?.text ?? program.file(p)?.text;
  const fixed = new Map<string, string>();
  let fixes = 0;
  let passes = 0;
  try {
    for (; passes < MAX_PASSES; passes++) {
      const findings = lint([path]).get(path) ?? [];
      const { edits: chosen, fixes: n } = chooseFixes(findings, (p) => textOf(p) !== undefined);
      fixes += n;
      let changed = false;
      for (const [p, edits] of chosen) {
        const before = textOf(p)!;
        const after = applyEdits(before, edits);
        if (after === before) continue;
        if (!originals.has(p)) originals.set(p, before);
        program.setFile(p, after);
        changed = true;
      }
      if (!changed) break;
    }
    for (const p of originals.keys()) fixed.set(p, textOf(p)!);
  } finally {
    for (const [p, text] of originals) program.setFile(p, text);
  }
  const edits = new Map<string, TextEdit>();
  for (const [p, original] of originals) {
    const range = changedRange(original, fixed.get(p)!);
    if (!range) continue;
    const lines = new LineIndex(original);
    const s = lines.positionAt(range.start);
    const e = lines.positionAt(range.oldEnd);
    edits.set(p, {
      range: { start: { line: s.line - 1, character: s.column - 1 }, end: { line: e.line - 1, character: e.column - 1 } },
      newText: fixed.get(p)!.slice(range.start, range.newEnd),
    });
  }
  return { edits, fixes: edits.size ? fixes : 0, passes };
}

/** The edits as one workspace edit, each document pinned to the version the editor has (null: not open). */
export function fixAllEdit(result: FixAllResult, versionOf: (uri: string) => number | null): WorkspaceEdit {
  return {
    documentChanges: [...result.edits].map(([p, edit]) => {
      const uri = pathToUri(p);
      return { textDocument: { uri, version: versionOf(uri) }, edits: [edit] };
    }),
  };
}
