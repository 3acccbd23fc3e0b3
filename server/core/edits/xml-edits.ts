/**
 * Builders for the text edits that quick fixes apply to XML: they respect the file's indentation
 * (tabs or spaces), its line endings and the namespace prefix bound to the Mule core namespace.
 */
import type { Finding, TextEdit } from '../findings';
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import type { XmlElement } from '../xml/types';

export function eol(file: SourceFile): string {
  const i = file.text.indexOf('\n');
  return i > 0 && file.text[i - 1] === '\r' ? '\r\n' : '\n';
}

const INDENT_UNIT = memoKey<string>('indentation unit');

/** The file's indentation unit, guessed from its indented lines (default four spaces; memoised per version). */
export function indentUnit(file: SourceFile): string {
  return file.memo.get(INDENT_UNIT, () => guessIndentUnit(file));
}

function guessIndentUnit(file: SourceFile): string {
  const text = file.text;
  let tabs = 0;
  let best = 0;
  const counts = new Map<number, number>();
  // The first 100 lines that start with indentation followed by '<' (a scan, not a regex: no match
  // objects for each line of every file a fix is built for).
  let n = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && n < 100; nl = text.indexOf('\n', nl + 1)) {
    let e = nl + 1;
    while (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9) e++;
    if (e === nl + 1 || text.charCodeAt(e) !== 60 /* < */) continue;
    n++;
    if (text.charCodeAt(nl + 1) === 9) tabs++;
    else counts.set(e - nl - 1, (counts.get(e - nl - 1) ?? 0) + 1);
  }
  if (tabs > [...counts.values()].reduce((a, b) => a + b, 0)) return '\t';
  for (const w of [2, 4, 3, 8]) if ((counts.get(w) ?? 0) > 0 && (best === 0 || (counts.get(w) ?? 0) > (counts.get(best) ?? 0))) best = w;
  const smallest = [...counts.keys()].filter((k) => k > 0).sort((a, b) => a - b)[0];
  return ' '.repeat(smallest && smallest <= 8 ? smallest : best || 4);
}

/** Indentation of the line on which `offset` lies. */
export function lineIndentAt(file: SourceFile, offset: number): string {
  return file.lines.indentOf(file.lines.positionAt(offset).line);
}

/** The qualified name to write for a core element at `el` (usually unprefixed). */
export function coreName(el: XmlElement, local: string): string {
  const core = 'http://www.mulesoft.org/schema/mule/core';
  if (el.nsScope.get('') === core) return local;
  for (const [p, uri] of el.nsScope) if (uri === core && p) return `${p}:${local}`;
  return local;
}

export function replace(file: SourceFile, start: number, end: number, newText: string): TextEdit {
  return { path: file.path, start, end, newText };
}

/**
 * Inserts `lines` (already relative-indented with `\t` = one unit) as the first child of `el`.
 * A self-closing element is opened and closed around the new content.
 */
export function insertFirstChild(file: SourceFile, el: XmlElement, lines: readonly string[]): TextEdit {
  const nl = eol(file);
  const unit = indentUnit(file);
  const elIndent = lineIndentAt(file, el.start);
  const childIndent = elIndent + unit;
  const body = lines.map((l) => childIndent + l.replace(/^\t+/, (t) => unit.repeat(t.length))).join(nl);
  if (el.selfClosing) {
    let s = el.openEnd - 2;
    while (s > el.nameEnd && /\s/.test(file.text[s - 1])) s--;
    return replace(file, s, el.openEnd, `>${nl}${body}${nl}${elIndent}</${el.name}>`);
  }
  return replace(file, el.openEnd, el.openEnd, `${nl}${body}`);
}

/**
 * `lines` as children of `parent` (a leading tab per level of nesting inside them), indented like its first
 * child (one unit deeper than `parent` when it has none), joined with the file's line ending.
 */
export function childBlock(file: SourceFile, parent: XmlElement, lines: readonly string[]): string {
  const ownIndent = lineIndentAt(file, parent.start);
  const first = parent.children[0];
  const childIndent = first ? lineIndentAt(file, first.start) : ownIndent + indentUnit(file);
  // One level is what separates the children from the element (cheaper than guessing for the file).
  const unit = childIndent.length > ownIndent.length && childIndent.startsWith(ownIndent) ? childIndent.slice(ownIndent.length) : indentUnit(file);
  return lines.map((l) => childIndent + l.replace(/^\t+/, (t) => unit.repeat(t.length))).join(eol(file));
}

/** Inserts `block` (whole lines) on lines of its own, before the line that holds `offset`. */
export function insertBeforeLine(file: SourceFile, offset: number, block: string): TextEdit {
  const lineStart = file.lines.lineStart(file.lines.positionAt(offset).line);
  return { path: file.path, start: lineStart, end: lineStart, newText: block + eol(file) };
}

/** Removes an element; when it is alone on its line(s), the whole line goes. */
export function removeElement(file: SourceFile, el: XmlElement): TextEdit {
  const text = file.text;
  let start = el.start;
  let end = el.end;
  const lineStart = file.lines.lineStart(file.lines.positionAt(start).line);
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const atEol = after >= text.length || text[after] === '\n' || text[after] === '\r';
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && atEol) {
    start = lineStart;
    end = after;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  return replace(file, start, end, '');
}

/**
 * Wraps `el` in new markup: `open` lines go before it and `close` lines after it, and the element
 * itself is indented one level deeper.
 */
export function wrapElement(file: SourceFile, el: XmlElement, open: readonly string[], close: readonly string[]): TextEdit {
  const nl = eol(file);
  const unit = indentUnit(file);
  const line = file.lines.positionAt(el.start).line;
  const indent = file.lines.indentOf(line);
  const lineStart = file.lines.lineStart(line);
  const own = lineStart + indent.length === el.start; // only whitespace before the element on its line
  const lines: string[] = [];
  for (const l of open) lines.push(indent + withUnits(l, unit));
  const inner = file.text.slice(el.start, el.end).split(/\r\n|\n|\r/);
  for (let i = 0; i < inner.length; i++) {
    const l = inner[i];
    lines.push(i === 0 ? indent + unit + l : l.startsWith(indent) ? indent + unit + l.slice(indent.length) : unit + l);
  }
  for (const l of close) lines.push(indent + withUnits(l, unit));
  const text = lines.join(nl);
  return replace(file, own ? lineStart : el.start, el.end, own ? text : text.trimStart());
}

/** `line` with its leading tabs (one per level) written in the file's indentation unit. */
function withUnits(line: string, unit: string): string {
  let tabs = 0;
  while (line.charCodeAt(tabs) === 9) tabs++;
  return tabs === 0 ? line : unit.repeat(tabs) + line.slice(tabs);
}

/** Applies non-overlapping edits to a text (used by fix-all and by tests). */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) continue; // overlapping: skip, the next run picks it up
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/**
 * The fixes of `findings` that can be applied together: each whole (its edits may span files) and none
 * overlapping another in any file it edits, in the findings' order; their edits grouped per file. A fix
 * that edits a file `canEdit` refuses is left out whole.
 */
export function chooseFixes(findings: Iterable<Finding>, canEdit: (path: string) => boolean = () => true): { edits: Map<string, TextEdit[]>; fixes: number } {
  const edits = new Map<string, TextEdit[]>();
  let fixes = 0;
  // Two insertions at one offset overlap too: two rules inserting the same `<reconnection>` into one
  // connection would otherwise both be applied (the next pass finds whether the second is still needed).
  const clash = (e: TextEdit, c: TextEdit) => (e.start < c.end && c.start < e.end) || (e.start === e.end && c.start === c.end && e.start === c.start);
  const overlaps = (e: TextEdit) => (edits.get(e.path) ?? []).some((c) => clash(e, c));
  for (const f of findings) {
    if (!f.fix?.edits.length || f.fix.edits.some((e) => overlaps(e) || !canEdit(e.path))) continue;
    for (const e of f.fix.edits) {
      const list = edits.get(e.path);
      if (list) list.push(e);
      else edits.set(e.path, [e]);
    }
    fixes++;
  }
  return { edits, fixes };
}
