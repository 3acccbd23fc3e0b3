/**
 * Suppression comments, honoured identically by the CLI and the language server:
 *   <!-- session-guard-disable-next-line mule/a, mule/b -- reason -->
 *   <!-- session-guard-disable mule/a -->          (whole file)
 * Without rule ids a directive applies to every rule. In Apex, the same text in a `//` comment.
 * Editors insert both: `disableNextLineEdit` and `disableFileEdit`.
 */
import type { TextEdit } from '../findings';
import { eol } from '../edits/xml-edits';
import { lexedApexOf } from '../salesforce/apex';
import { childAt } from '../xml/dom';
import type { SourceFile } from '../project/source-file';

export interface Suppressions {
  /** Rules disabled for the whole file ('*' = all). */
  readonly file: ReadonlySet<string>;
  /** 1-based line → rules disabled on it. */
  readonly lines: ReadonlyMap<number, ReadonlySet<string>>;
}

const DIRECTIVE = /^\s*session-guard-(disable-next-line|disable)(?:\s+([^]*?))?\s*$/;

export function parseDirective(body: string): { kind: 'next-line' | 'file'; rules: string[] } | undefined {
  const withoutReason = body.split(/\s--\s|\s--$/)[0];
  const m = DIRECTIVE.exec(withoutReason);
  if (!m) return undefined;
  const rules = (m[2] ?? '')
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  return { kind: m[1] === 'disable' ? 'file' : 'next-line', rules: rules.length ? rules : ['*'] };
}

function collectSuppressions(file: SourceFile, comments: readonly { start: number; end: number; body: string }[]): Suppressions {
  const fileRules = new Set<string>();
  const lines = new Map<number, Set<string>>();
  for (const c of comments) {
    const d = parseDirective(c.body);
    if (!d) continue;
    if (d.kind === 'file') {
      for (const r of d.rules) fileRules.add(r);
    } else {
      const line = file.lines.positionAt(c.end).line + 1;
      let set = lines.get(line);
      if (!set) lines.set(line, (set = new Set()));
      for (const r of d.rules) set.add(r);
    }
  }
  return { file: fileRules, lines };
}

export function isSuppressed(s: Suppressions, ruleId: string, ...lines: number[]): boolean {
  if (s.file.has('*') || s.file.has(ruleId)) return true;
  return lines.some((line) => {
    const l = s.lines.get(line);
    return l !== undefined && (l.has('*') || l.has(ruleId));
  });
}

/**
 * The line a "disable next line" comment must precede to cover `offset`: the line of the offset,
 * or, when the offset sits inside a start tag spanning several lines, the line where the tag starts
 * (a comment cannot go inside a tag).
 */
export function anchorLine(file: SourceFile, offset: number): number {
  if (!file.path.toLowerCase().endsWith('.xml')) return file.lines.positionAt(offset).line;
  let el = file.xml.root;
  let inTag: number | undefined;
  while (el) {
    if (offset >= el.start && offset < el.openEnd) {
      inTag = el.start;
      break;
    }
    el = childAt(el.children, offset);
  }
  return file.lines.positionAt(inTag ?? offset).line;
}

/** Whether a file's comments are Apex (`//`) rather than XML (`<!-- -->`) comments. */
function isApex(file: SourceFile): boolean {
  return file.path.toLowerCase().endsWith('.cls');
}

/** The suppression directives of a file, read from the comments of its kind (XML or Apex). */
export function suppressionsOf(file: SourceFile): Suppressions {
  return collectSuppressions(file, isApex(file) ? lexedApexOf(file).comments : file.path.toLowerCase().endsWith('.xml') ? file.xml.comments : []);
}

/**
 * The edit that disables `ruleId` for the finding at `offset`: a comment of the file's kind on its own
 * line above the line where the finding's element starts (where `isSuppressed` looks for it), indented
 * like that line.
 */
export function disableNextLineEdit(file: SourceFile, ruleId: string, offset: number): TextEdit {
  const line = anchorLine(file, offset);
  const indent = file.lines.indentOf(line);
  const directive = `session-guard-disable-next-line ${ruleId} -- reason`;
  const comment = isApex(file) ? `${indent}// ${directive}` : `${indent}<!-- ${directive} -->`;
  const at = file.lines.lineStart(line);
  return { path: file.path, start: at, end: at, newText: comment + eol(file) };
}

/**
 * The edit that disables `ruleId` for the whole file: a `session-guard-disable` directive of the file's
 * kind on its own line at the top (XML: after the XML declaration, before the root element, where a
 * comment is allowed and the root is still recognised; Apex: the first line).
 */
export function disableFileEdit(file: SourceFile, ruleId: string): TextEdit {
  const nl = eol(file);
  if (isApex(file)) return { path: file.path, start: 0, end: 0, newText: `// session-guard-disable ${ruleId} -- reason${nl}` };
  const decl = /^\uFEFF?\s*<\?xml[^>]*\?>[ \t]*(\r?\n)?/.exec(file.text);
  const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const at = decl ? decl[0].length : bom;
  const comment = `<!-- session-guard-disable ${ruleId} -- reason -->`;
  return { path: file.path, start: at, end: at, newText: decl && !decl[1] ? `${nl}${comment}${nl}` : `${comment}${nl}` };
}
