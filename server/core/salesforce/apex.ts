/**
 * A light Apex lexer: enough to find comments, string literals and annotations reliably (Apex is
 * case-insensitive; strings are single-quoted with backslash escapes). Not a compiler: it answers
 * "does this class call out, and through which Named Credentials?".
 */
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

export function lexApex(text: string): LexedApex {
  const comments: ApexComment[] = [];
  const strings: ApexString[] = [];
  const code = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (code[k] !== '\n' && code[k] !== '\r') code[k] = ' ';
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      comments.push({ start: i, end: e, body: text.slice(i + 2, e).replace(/\r$/, '') });
      blank(i, e);
      i = e;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const e = close < 0 ? n : close + 2;
      comments.push({ start: i, end: e, body: text.slice(i + 2, close < 0 ? n : close) });
      blank(i, e);
      i = e;
    } else if (c === "'") {
      let k = i + 1;
      let value = '';
      while (k < n && text[k] !== "'" && text[k] !== '\n') {
        if (text[k] === '\\' && k + 1 < n) {
          const esc = text[k + 1];
          value += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : esc;
          k += 2;
        } else value += text[k++];
      }
      const end = k < n && text[k] === "'" ? k + 1 : k;
      strings.push({ start: i, end, value });
      blank(i + 1, Math.max(i + 1, end - 1));
      i = end;
    } else i++;
  }
  return { comments, strings, code: code.join('') };
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
  readonly comments: readonly ApexComment[];
  /** Named Credentials the class calls through `callout:Name` endpoints. */
  readonly credentials: readonly CalloutCredential[];
  /** A `callout:` string whose credential name is built at run time. */
  readonly dynamicCallout: boolean;
  /** Evidence that the class makes callouts at all (annotation, interface, endpoint, Http). */
  readonly calloutEvidence: readonly { start: number; end: number; what: string }[];
  /** `{!$Credential.…}` merge fields in string literals (need allowMergeFields on the credential). */
  readonly mergeFields: readonly { text: string; start: number; end: number }[];
}

const CALLOUT_LITERAL = /callout:([A-Za-z][A-Za-z0-9_]*)?([^'\s]*)/i;
const EVIDENCE: readonly [RegExp, string][] = [
  [/@InvocableMethod\s*\([^)]*\bcallout\s*=\s*true\b[^)]*\)/gi, '@InvocableMethod(callout=true)'],
  [/@future\s*\([^)]*\bcallout\s*=\s*true\b[^)]*\)/gi, '@future(callout=true)'],
  [/\bDatabase\s*\.\s*AllowsCallouts\b/gi, 'Database.AllowsCallouts'],
  [/\bnew\s+Http\s*\(\s*\)/gi, 'new Http()'],
];

export function parseApexClass(file: SourceFile): ApexClassModel {
  const lexed = lexApex(file.tooLarge ? '' : file.text);
  const credentials: CalloutCredential[] = [];
  const calloutEvidence: { start: number; end: number; what: string }[] = [];
  let dynamicCallout = false;
  const mergeFields: { text: string; start: number; end: number }[] = [];
  for (const s of lexed.strings) {
    for (const mf of s.value.matchAll(/\{!\s*\$Credential\.[^}]*\}/gi)) {
      const raw = file.text.slice(s.start, s.end);
      const at = raw.indexOf(mf[0]);
      if (at >= 0) mergeFields.push({ text: mf[0], start: s.start + at, end: s.start + at + mf[0].length });
    }
    const m = CALLOUT_LITERAL.exec(s.value);
    if (!m || m.index !== 0) continue;
    const raw = file.text.slice(s.start + 1, s.end - 1);
    const offset = s.start + 1 + Math.max(0, raw.toLowerCase().indexOf('callout:'));
    calloutEvidence.push({ start: offset, end: offset + m[0].length, what: `'${m[0]}'` });
    if (!m[1]) {
      dynamicCallout = true;
      continue;
    }
    const sep = m[1].indexOf('__');
    credentials.push({
      name: sep > 0 ? m[1].slice(sep + 2) : m[1],
      namespace: sep > 0 ? m[1].slice(0, sep) : undefined,
      path: m[2] ?? '',
      start: offset,
      end: offset + 'callout:'.length + m[1].length,
    });
  }
  for (const [re, what] of EVIDENCE) {
    for (const m of lexed.code.matchAll(re)) calloutEvidence.push({ start: m.index!, end: m.index! + m[0].length, what });
  }
  calloutEvidence.sort((a, b) => a.start - b.start);
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  return { file, name: base.replace(/\.cls$/i, ''), comments: lexed.comments, credentials, dynamicCallout, calloutEvidence, mergeFields };
}
