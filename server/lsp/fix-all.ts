/**
 * "Fix all auto-fixable problems" as `--fix` does it: the safe fixes of a document applied, the result
 * linted again (with the rest of its app or project as context), and again until no fix is left (ten
 * passes at most, like ESLint). A fix may make another one possible, and may edit another file of the
 * app (removing an operation that does not exist adds the reconnection it stood for to the connection).
 * The passes run on the Program; the texts are put back afterwards, and the editor receives one edit
 * per file to apply.
 */
import type { WorkspaceEdit } from 'vscode-languageserver';
import { toWorkspaceEdit } from './convert';
import { applyEdits, chooseFixes } from '../core/edits/xml-edits';
import type { Finding, TextEdit } from '../core/findings';
import { changedRange } from '../core/text/changed-range';
import type { ServerState } from './state';

const MAX_PASSES = 10;

export interface FixAllResult {
  /** One edit per file that turns its text into the fixed one, each document pinned to the version the editor has; undefined: nothing to fix. */
  readonly edit: WorkspaceEdit | undefined;
  /** Fixes applied over all passes. */
  readonly fixes: number;
  readonly passes: number;
}

export function fixAll(
  state: ServerState,
  path: string,
  lint: (paths: string[]) => Map<string, Finding[]>,
  versionOf: (uri: string) => number | null,
): FixAllResult {
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
  const edits: TextEdit[] = [];
  for (const [p, original] of originals) {
    const range = changedRange(original, fixed.get(p)!);
    if (range) edits.push({ path: p, start: range.start, end: range.oldEnd, newText: fixed.get(p)!.slice(range.start, range.newEnd) });
  }
  if (!edits.length) return { edit: undefined, fixes: 0, passes };
  // The texts are the originals again: the edits are ranges of what the editor shows.
  return { edit: toWorkspaceEdit({ title: 'fix all', edits }, (p) => program.peek(p)?.lines, versionOf), fixes, passes };
}
