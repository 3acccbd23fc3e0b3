/** `--fix`: applies every finding's safe fix to the files on disk (non-overlapping edits per pass). */
import { writeFileSync } from 'node:fs';
import type { TextEdit } from '../core/findings';
import { applyEdits } from '../core/edits/xml-edits';
import type { LintRun } from './run-lint';
import { toOsPath } from './paths';

/** Returns the core paths that changed. */
export function applyFixes(run: LintRun): string[] {
  const byPath = new Map<string, TextEdit[]>();
  for (const list of run.findings.values()) {
    for (const f of list) {
      if (!f.fix) continue;
      // A fix is applied whole or not at all: its edits may span files.
      for (const e of f.fix.edits) {
        let l = byPath.get(e.path);
        if (!l) byPath.set(e.path, (l = []));
        l.push(e);
      }
    }
  }
  const changed: string[] = [];
  for (const [path, edits] of byPath) {
    const file = run.workspace.get(path);
    if (!file) continue;
    const text = applyEdits(file.text, edits);
    if (text === file.text) continue;
    writeFileSync(toOsPath(path), text);
    changed.push(path);
  }
  return changed;
}
