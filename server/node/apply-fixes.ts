/**
 * `--fix` and `--fix-dry-run`: every finding's safe fix applied to the texts (non-overlapping edits per
 * pass). `--fix` writes them back in the encoding each file was read in; a dry run keeps them.
 */
import { writeFileSync } from 'node:fs';
import type { TextEdit } from '../core/findings';
import { applyEdits } from '../core/edits/xml-edits';
import type { Analysis } from './run-lint';
import { encodeText } from './decode';
import { toOsPath } from './paths';

export interface FixedTexts {
  /** Core path → text after this pass's fixes (only files they change). */
  readonly texts: Map<string, string>;
  /** Files with fixes that were left alone, and why. */
  readonly skipped: { readonly path: string; readonly message: string }[];
}

export interface FixOutcome {
  /** Core paths written. */
  readonly changed: string[];
  readonly skipped: { readonly path: string; readonly message: string }[];
}

/** The texts one pass of fixes makes; never for a file whose bytes did not decode (its text is not its content). */
export function fixedTexts(run: Analysis): FixedTexts {
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
  const texts = new Map<string, string>();
  const skipped: FixedTexts['skipped'] = [];
  for (const [path, edits] of byPath) {
    const file = run.program.peek(path);
    if (!file) continue;
    const decoded = run.host.encodings.get(path);
    if (decoded && !decoded.lossless) {
      skipped.push({ path, message: 'contains bytes that are not valid UTF-8; fixes not applied' });
      continue;
    }
    const text = applyEdits(file.text, edits);
    if (text !== file.text) texts.set(path, text);
  }
  return { texts, skipped };
}

/** Writes each file back in the encoding it was read in. */
export function applyFixes(run: Analysis): FixOutcome {
  const { texts, skipped } = fixedTexts(run);
  const changed: string[] = [];
  for (const [path, text] of texts) {
    const decoded = run.host.encodings.get(path);
    if (!decoded) continue; // not read from disk (standard input): nothing to write back
    writeFileSync(toOsPath(path), encodeText(text, decoded.encoding));
    changed.push(path);
  }
  return { changed, skipped };
}
