/**
 * A light Apex lexer: enough to find comments, string literals and annotations reliably (Apex is
 * case-insensitive; strings are single-quoted with backslash escapes). Not a compiler: it answers
 * "does this class call out, and through which Named Credentials?".
 */
import { apiNameOf } from '../project/layout';
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';

export interface ApexComment {
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

export interface ApexString {
  /** Offset of the opening quote. */
  readonly start: number;
  /** Offset just after the closing quote. */
  readonly end: number;
  /** Decoded content. */
  readonly value: string;
}

export interface LexedApex {
  readonly comments: ApexComment[];
  readonly strings: ApexString[];
  /** The text with comments and string contents blanked out (same length), for pattern matching. */
  readonly code: string;
}

/** Line breaks survive blanking, so offsets and line numbers of the code stay those of the text. */
function blankOut(segment: string): string {
  let nl = segment.indexOf('\n');
  const cr = segment.indexOf('\r');
  if (nl < 0 && cr < 0) return ' '.repeat(segment.length);
  if (cr >= 0 && /\r(?!\n)/.test(segment)) return segment.replace(/[^\r\n]/g, ' ');
  // Line by line (LF or CRLF): each line's spaces in one piece (a comment block is most of a documented class).
  let out = '';
  let from = 0;
  while (nl >= 0) {
    const crlf = nl > from && segment.charCodeAt(nl - 1) === 0x0d;
    out += ' '.repeat(nl - from - (crlf ? 1 : 0)) + (crlf ? '\r\n' : '\n');
    from = nl + 1;
    nl = segment.indexOf('\n', from);
  }
  return out + ' '.repeat(segment.length - from);
}

const SLASH = 0x2f;
const STAR = 0x2a;
const QUOTE = 0x27;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/**
 * One pass with index scans: the code between comments and strings is copied as slices, never a
 * character at a time (NPSP's 14 MB of classes lex in tens of milliseconds).
 */
export function lexApex(text: string): LexedApex {
  const comments: ApexComment[] = [];
  const strings: ApexString[] = [];
  const code: string[] = [];
  const n = text.length;
  let copied = 0; // text[copied, i) is code still to copy
  let i = 0;
  // The next '/' and quote at or after i, found by native searches rather than a step per character.
  let slash = text.indexOf('/');
  let quote = text.indexOf("'");
  while (i < n) {
    if (slash >= 0 && slash < i) slash = text.indexOf('/', i);
    if (quote >= 0 && quote < i) quote = text.indexOf("'", i);
    const next = slash < 0 ? quote : quote < 0 ? slash : Math.min(slash, quote);
    if (next < 0) break;
    i = next;
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      const bodyEnd = text.charCodeAt(e - 1) === 0x0d && e > i + 2 ? e - 1 : e;
      comments.push({ start: i, end: e, body: text.slice(i + 2, bodyEnd) });
      code.push(text.slice(copied, i), blankOut(text.slice(i, e)));
      copied = i = e;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const close = text.indexOf('*/', i + 2);
      const e = close < 0 ? n : close + 2;
      comments.push({ start: i, end: e, body: text.slice(i + 2, close < 0 ? n : close) });
      code.push(text.slice(copied, i), blankOut(text.slice(i, e)));
      copied = i = e;
    } else if (c === QUOTE) {
      // A string ends at the next unescaped quote, or (unterminated) at the end of the line.
      let k = i + 1;
      let escaped = false;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === QUOTE || d === NEWLINE) break;
        if (d === BACKSLASH && k + 1 < n) {
          escaped = true;
          k += 2;
        } else k++;
      }
      const closed = k < n && text.charCodeAt(k) === QUOTE;
      const end = closed ? k + 1 : k;
      const raw = text.slice(i + 1, k);
      strings.push({ start: i, end, value: escaped ? unescape(raw) : raw });
      code.push(text.slice(copied, i + 1), blankOut(raw));
      copied = k;
      i = end;
    } else i++;
  }
  code.push(text.slice(copied));
  return { comments, strings, code: code.join('') };
}

const LEXED = memoKey<LexedApex>('lexed apex');

/** The lexed text of an Apex file, memoised on the file's version (the class model and the method shapes share it). */
export function lexedApexOf(file: SourceFile): LexedApex {
  return file.memo.get(LEXED, () => lexApex(file.text));
}

function unescape(raw: string): string {
  return raw.replace(/\\([\s\S])/g, (_, esc: string) => (esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : esc));
}

export interface CalloutCredential {
  /** Named Credential developer name (without namespace). */
  readonly name: string;
  readonly namespace: string | undefined;
  /** The path after the credential, e.g. `/services/Soap/u/60.0`. */
  readonly path: string;
  /** Range of the `callout:…` text inside the string literal. */
  readonly start: number;
  readonly end: number;
}

export interface ApexClassModel {
  readonly file: SourceFile;
  readonly name: string;
  /** Named Credentials the class calls through `callout:Name` endpoints. */
  readonly credentials: readonly CalloutCredential[];
}

const CALLOUT_LITERAL = /callout:([A-Za-z][A-Za-z0-9_]*)?([^'\s]*)/i;

/**
 * Every `callout:` endpoint contains this text (case-insensitively): a class without it names no Named
 * Credential and is not lexed. Most classes of a real org are such classes. (Whether a class calls out at
 * all is the trace's question: `apex-trace.ts`.)
 */
const CALLOUT_HINT = /callout:/i;

const NO_CALLOUTS = Object.freeze([]) as readonly never[];

/**
 * A string literal that starts with `callout:`: its range, and the credential it names (undefined when
 * the name is built at run time: `'callout:' + name`).
 */
export function calloutLiteral(
  file: SourceFile,
  s: ApexString,
): { start: number; end: number; what: string; credential: CalloutCredential | undefined } | undefined {
  const m = CALLOUT_LITERAL.exec(s.value);
  if (!m || m.index !== 0) return undefined;
  const raw = file.text.slice(s.start + 1, s.end - 1);
  const offset = s.start + 1 + Math.max(0, raw.toLowerCase().indexOf('callout:'));
  const evidence = { start: offset, end: offset + m[0].length, what: `'${m[0]}'` };
  if (!m[1]) return { ...evidence, credential: undefined };
  const sep = m[1].indexOf('__');
  return {
    ...evidence,
    credential: {
      name: sep > 0 ? m[1].slice(sep + 2) : m[1],
      namespace: sep > 0 ? m[1].slice(0, sep) : undefined,
      path: m[2] ?? '',
      start: offset,
      end: offset + 'callout:'.length + m[1].length,
    },
  };
}

/** Whether a class's text may name a Named Credential in a `callout:` endpoint; a class without one is not lexed. */
export function mayCallOut(text: string): boolean {
  return CALLOUT_HINT.test(text);
}

export function parseApexClass(file: SourceFile): ApexClassModel {
  const name = apiNameOf(file.path);
  if (file.tooLarge || !mayCallOut(file.text)) return { file, name, credentials: NO_CALLOUTS };
  const credentials: CalloutCredential[] = [];
  for (const s of lexedApexOf(file).strings) {
    const credential = calloutLiteral(file, s)?.credential;
    if (credential) credentials.push(credential);
  }
  return { file, name, credentials };
}
