/**
 * `--fix` and `--fix-dry-run`: every finding's safe fix applied to the texts (whole fixes that do not
 * overlap, per pass: `chooseFixes`). `--fix` writes them back in the encoding each file was read in; a dry run keeps them.
 */
import { writeFileSync } from 'node:fs';
import { applyEdits, chooseFixes } from '../core/edits/xml-edits';
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

/** The texts one pass of fixes makes (whole fixes only); never for a file whose bytes did not decode (its text is not its content). */
export function fixedTexts(run: Analysis): FixedTexts {
  const lossy = (path: string) => run.host.encodings.get(path)?.lossless === false;
  const skipped: FixedTexts['skipped'] = [];
  const all = [...run.findings.values()].flat();
  for (const f of all) {
    for (const e of f.fix?.edits ?? []) {
      if (lossy(e.path) && !skipped.some((s) => s.path === e.path))
        skipped.push({ path: e.path, message: 'contains bytes that are not valid UTF-8; fixes not applied' });
    }
  }
  const { edits } = chooseFixes(all, (path) => run.program.peek(path) !== undefined && !lossy(path));
  const texts = new Map<string, string>();
  for (const [path, list] of edits) {
    const file = run.program.peek(path)!;
    const text = applyEdits(file.text, list);
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
