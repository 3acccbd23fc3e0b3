/**
 * "Fix all auto-fixable problems" as `--fix` does it: the safe fixes of a document applied, the result
 * linted again (with the rest of its app or project as context), and again until no fix is left (ten
 * passes at most, like ESLint). A fix may make another one possible: removing an operation that does not
 * exist lets the handler around it be fixed. The passes run on the Program; the document's own text is
 * put back afterwards, and the editor receives one edit to apply.
 */
import type { TextEdit } from 'vscode-languageserver';
import { applyEdits, nonOverlapping } from '../core/edits/xml-edits';
import type { Finding } from '../core/findings';
import { changedRange } from '../core/text/changed-range';
import type { ServerState } from './state';

const MAX_PASSES = 10;

export interface FixAllResult {
  /** The one edit that turns the document's text into the fixed one (undefined: nothing to fix). */
  readonly edit: TextEdit | undefined;
  /** Fixes applied over all passes. */
  readonly fixes: number;
  readonly passes: number;
}

export function fixAll(state: ServerState, path: string, lint: (paths: string[]) => Map<string, Finding[]>): FixAllResult {
  const file = state.program.peek(path) ?? state.program.file(path);
  if (!file) return { edit: undefined, fixes: 0, passes: 0 };
  const original = file.text;
  const lines = file.lines;
  let text = original;
  let fixes = 0;
  let passes = 0;
  try {
    for (; passes < MAX_PASSES; passes++) {
      const findings = lint([path]).get(path) ?? [];
      const fixable = findings.filter((f) => f.fix && f.fix.edits.length > 0 && f.fix.edits.every((e) => e.path === path));
      const edits = nonOverlapping(fixable.flatMap((f) => f.fix!.edits));
      if (!edits.length) break;
      const chosen = new Set(edits);
      fixes += fixable.filter((f) => f.fix!.edits.every((e) => chosen.has(e))).length;
      const next = applyEdits(text, edits);
      if (next === text) break;
      text = next;
      state.program.setFile(path, text);
    }
  } finally {
    if (text !== original) state.program.setFile(path, original);
  }
  const range = changedRange(original, text);
  if (!range) return { edit: undefined, fixes: 0, passes };
  const s = lines.positionAt(range.start);
  const e = lines.positionAt(range.oldEnd);
  return {
    edit: {
      range: { start: { line: s.line - 1, character: s.column - 1 }, end: { line: e.line - 1, character: e.column - 1 } },
      newText: text.slice(range.start, range.newEnd),
    },
    fixes,
    passes,
  };
}
