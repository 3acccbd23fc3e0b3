/** `--fix`: applies every finding's safe fix to the files on disk (non-overlapping edits per pass). */
import { writeFileSync } from 'node:fs';
import type { TextEdit } from '../core/findings';
import { applyEdits } from '../core/edits/xml-edits';
import type { Analysis } from './run-lint';
import { encodeText } from './decode';
import { toOsPath } from './paths';

export interface FixOutcome {
  /** Core paths written. */
  readonly changed: string[];
  /** Files with fixes that were left alone, and why. */
  readonly skipped: { readonly path: string; readonly message: string }[];
}

/** Writes each file back in the encoding it was read in; never rewrites bytes that did not decode. */
export function applyFixes(run: Analysis): FixOutcome {
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
  const skipped: FixOutcome['skipped'] = [];
  for (const [path, edits] of byPath) {
    const file = run.program.peek(path);
    const decoded = run.host.encodings.get(path);
    if (!file || !decoded) continue;
    if (!decoded.lossless) {
      skipped.push({ path, message: 'contains bytes that are not valid UTF-8; fixes not applied' });
      continue;
    }
    const text = applyEdits(file.text, edits);
    if (text === file.text) continue;
    writeFileSync(toOsPath(path), encodeText(text, decoded.encoding));
    changed.push(path);
  }
  return { changed, skipped };
}
