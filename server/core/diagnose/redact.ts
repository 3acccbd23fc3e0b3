/**
 * Masks secrets in any text before it is shown, logged or returned. Two kinds of knowledge, not one
 * pattern per log format:
 *
 * - **Value shapes** recognised wherever they stand: Salesforce session ids and access tokens
 *   (`00D…!…`, keeping the 15/18-character org prefix, which is not secret and helps diagnosis, here and
 *   under any key or scheme; also URL-encoded `00D…%21…`), JWTs (`eyJ….eyJ….…`), Salesforce refresh tokens (`5Aep…`), and the
 *   credential after an HTTP authentication scheme (`Bearer …`, `OAuth …`, `Basic …`, or the
 *   parameters of `Bearer realm="…", token="…"`, of which only the realm, error and scope stay).
 * - **A key vocabulary** (access_token, refresh_token, sessionId, sid, password, client_secret,
 *   security token, private key, assertion, …, in any case, with `.`/`_`/`-` or camelCase and any
 *   prefix such as `salesforce.` or `SF_`) and every way a value stands under a key: `key=value`,
 *   `key: value`, `"key": "value"`, `'key': 'value'` (Python), `\"key\":\"value\"` (escaped JSON, at
 *   any depth), `key => value`, `<ns:key>value</ns:key>` (also HTML-escaped), YAML/properties lines,
 *   query strings and cookies. Opaque tokens without a known shape are masked by the key they stand
 *   under; `token` and `code` on their own only when the value looks like one (`token: expired` stays).
 *
 * Words that only look like keys or schemes stay: "OAuth connection", "Basic authentication",
 * "authorization-code", "the password policy", "INVALID_SESSION_ID: Session expired or invalid".
 */

export const MASK = '****';

export interface RedactedSpan {
  readonly start: number;
  readonly end: number;
}

// ---- value shapes --------------------------------------------------------------------------------

const SESSION_ID = /\b00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?(?:!|%21)([A-Za-z0-9._-]{8,})/g;
const ORG_PREFIX = /^00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?(?:!|%21)/;
const JWT = /\beyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g;
const REFRESH_TOKEN = /\b5Aep[A-Za-z0-9._-]{16,}/g;

// ---- the key vocabulary --------------------------------------------------------------------------

/** Key endings whose value is secret whatever it looks like (matched on the lower-cased key). */
const SECRET_KEY =
  /(?:(?:access|refresh|id|auth|session|security|bearer|api|oauth)[._-]?token|session[._-]?id|sfdc[._-]?session|pass(?:word|wd|phrase)|(?:client|consumer|app)[._-]?secret|private[._-]?key|api[._-]?key|assertion)$/;
/** Short key names: secret only as the whole last segment (`sf.sid`, not `isid`). */
const SECRET_SEGMENTS: ReadonlySet<string> = new Set(['sid', 'pwd', 'secret']);
/** Everyday key names: secret only when the value looks like a token. */
const OPAQUE_SEGMENTS: ReadonlySet<string> = new Set(['token', 'code']);
/** A cheap test that a text may hold a key of the vocabulary at all. */
const KEY_HINT = /token|pass|pwd|secret|sid|session|assertion|private|key|code/i;
/**
 * A cheaper test than the full scan that a key of the vocabulary stands before a separator: every key
 * `keyKind` accepts contains a hint word and consists of `[\w.-]`, and `KEYED` wants a separator after it
 * (past an optional closing quote). Prose such as "fails when the session expires" has none.
 */
const KEY_BEFORE_SEPARATOR = /(?:token|pass|pwd|secret|sid|session|assertion|private|key|code)[\w.-]*(?:&quot;|\\*["'])?[ \t]*(?:=>|[:=])/i;

type KeyKind = 'secret' | 'opaque';

function keyKind(key: string): KeyKind | undefined {
  const k = key.toLowerCase();
  if (SECRET_KEY.test(k)) return 'secret';
  const last = k.split(/[._-]/).pop()!;
  if (SECRET_SEGMENTS.has(last)) return 'secret';
  if (OPAQUE_SEGMENTS.has(last)) return 'opaque';
  return undefined;
}

/** Salesforce error codes end with key words too (INVALID_SESSION_ID: …, LOGIN_MUST_USE_SECURITY_TOKEN: …). */
const ERROR_CODE_KEY = /^(?:INVALID|LOGIN|MISSING|EXPIRED|BAD)_[A-Z0-9_]*$/;

/** Whether a value looks like a token rather than a word: letters with digits, mixed case or token punctuation. */
function looksOpaque(v: string): boolean {
  return v.length >= 6 && /[A-Za-z]/.test(v) && (/\d/.test(v) || /[a-z][A-Z]/.test(v) || /[+/=!~]/.test(v));
}

// A key, optionally quoted (', ", \", \\\", &quot;), then a separator. The key's own text is checked in code.
const KEYED = /(&quot;|\\*["'])?(?<![\w.-])([A-Za-z_][\w.-]*)(\1)?[ \t]*(=>|[:=])[ \t]*/g;
const ELEMENT = /(?:<|&lt;)(?:[\w-]+:)?([A-Za-z_][\w.-]*)(?:\s[^<>]*?)?(?:>|&gt;)/g;
const SCHEME = /\b(?:Bearer|OAuth|Basic|Digest)[ \t]+/gi;
/** Authentication parameters that carry no secret. */
const PUBLIC_PARAMS: ReadonlySet<string> = new Set([
  'realm',
  'error',
  'error_description',
  'error_uri',
  'scope',
  'charset',
  'algorithm',
  'qop',
  'stale',
  'domain',
]);

// ---- finding the spans -----------------------------------------------------------------------------

/** The secret spans of `text` (sorted, non-overlapping). */
const SCHEME_HINT = /bearer|oauth|basic|digest/i;

/**
 * Whether `text` passes any of the cheap tests `secretSpans` runs before its expressions: false means
 * nothing in it can be masked (most names quoted in lint messages), so callers may skip the masking.
 */
export function mayHoldSecret(text: string): boolean {
  return (
    text.includes('!') ||
    text.includes('%21') ||
    text.includes('eyJ') ||
    text.includes('5Aep') ||
    SCHEME_HINT.test(text) ||
    (KEY_HINT.test(text) && (text.includes('=') || text.includes(':') || text.includes('<') || text.includes('&lt;')))
  );
}

export function secretSpans(text: string): RedactedSpan[] {
  // Most texts (lint messages, log lines without credentials) have nothing to mask: no closures or lists
  // are made for them.
  if (!mayHoldSecret(text)) return [];
  const spans: RedactedSpan[] = [];
  const add = (start: number, end: number) => {
    if (end > start) spans.push({ start, end });
  };
  // A value under a key or scheme that is a Salesforce session id keeps its org prefix, as a bare one does.
  const addValue = (start: number, end: number) => {
    const prefix = ORG_PREFIX.exec(text.slice(start, start + 24));
    add(prefix && start + prefix[0].length < end ? start + prefix[0].length : start, end);
  };

  if (text.includes('!') || text.includes('%21')) {
    for (const m of matches(SESSION_ID, text)) add(m.index + m[0].length - m[1].length, m.index + m[0].length);
  }
  if (text.includes('eyJ')) for (const m of matches(JWT, text)) add(m.index, m.index + m[0].length);
  if (text.includes('5Aep')) for (const m of matches(REFRESH_TOKEN, text)) add(m.index, m.index + m[0].length);
  if (SCHEME_HINT.test(text)) for (const m of matches(SCHEME, text)) schemeCredentials(text, m.index + m[0].length, addValue);
  if (KEY_HINT.test(text)) {
    if ((text.includes('=') || text.includes(':')) && KEY_BEFORE_SEPARATOR.test(text)) keyedValues(text, addValue);
    if (text.includes('<') || text.includes('&lt;')) elementValues(text, addValue);
  }
  return merge(spans);
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  // exec on the shared expression: matchAll would copy it for every call (hot on lint messages).
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

function keyedValues(text: string, add: (start: number, end: number) => void): void {
  for (const m of matches(KEYED, text)) {
    const [, quote, key, closing, separator] = m;
    const kind = keyKind(key);
    if (!kind) continue;
    // "INVALID_SESSION_ID: Session expired" is a code and its message, also at the start of a quoted string.
    if (separator === ':' && !(quote && closing) && ERROR_CODE_KEY.test(key)) continue;
    const at = m.index + m[0].length;
    // A secret key that starts its line owns the rest of it (properties, YAML); a token-ish one only a word.
    const value = valueAt(text, at, kind === 'secret' && startsLine(text, m.index));
    if (value && (kind === 'secret' || looksOpaque(text.slice(value.start, value.end)))) add(value.start, value.end);
  }
}

function elementValues(text: string, add: (start: number, end: number) => void): void {
  for (const m of matches(ELEMENT, text)) {
    const kind = keyKind(m[1]);
    if (!kind) continue;
    const start = m.index + m[0].length;
    // Markup written as markup ends at '<'; HTML-escaped markup (in a log) at '&lt;'.
    let end = text.indexOf(m[0].startsWith('<') ? '<' : '&lt;', start);
    if (end < 0) end = text.length;
    if (kind === 'secret' || looksOpaque(text.slice(start, end))) add(start, end);
  }
}

/**
 * The credential after an authentication scheme: one token68 (`Bearer eyJ…`, `Basic dXNl…`), or a
 * parameter list (`realm="x", token="…"`, also `token …` with a space) whose non-public values are secret.
 */
function schemeCredentials(text: string, at: number, add: (start: number, end: number) => void): void {
  const token = /^[A-Za-z0-9._~+/!-]+=*(?![\w"'=])/.exec(text.slice(at, at + 4096));
  if (token) {
    const credential = token[0].replace(/[.,;:!]+$/, '');
    if (credential.length >= 8 && looksOpaque(credential)) add(at, at + credential.length);
    return;
  }
  let pos = at;
  for (let i = 0; i < 32; i++) {
    const param = /^[ \t]*([A-Za-z_][\w-]*)(?:[ \t]*=[ \t]*|[ \t]+(?=["'\w]))/.exec(text.slice(pos, pos + 256));
    if (!param) return;
    const name = param[1].toLowerCase();
    // A parameter list starts with the realm, an oauth_ parameter or a credential ("OAuth response_type=code" is prose).
    if (i === 0 && name !== 'realm' && !name.startsWith('oauth_') && !keyKind(name)) return;
    const value = valueAt(text, pos + param[0].length, false);
    if (!value) return;
    const byEquals = param[0].includes('=');
    if (byEquals ? !PUBLIC_PARAMS.has(name) : keyKind(name) !== undefined) add(value.start, value.end);
    pos = value.end + (/^["']/.test(text.slice(value.end, value.end + 1)) ? 1 : 0);
    const comma = /^[ \t]*,/.exec(text.slice(pos, pos + 64));
    if (!comma) return;
    pos += comma[0].length;
  }
}

/** Whether only indentation (or `export`, a YAML list dash) stands before `index` on its line. */
function startsLine(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*(?:export[ \t]+|-[ \t]+)?$/.test(text.slice(lineStart, index));
}

/**
 * The span of the value starting at `at`: inside its quotes (`"…"`, `'…'`, `\"…\"` at any escape
 * depth, `&quot;…&quot;`); unquoted, to the end of the line for a key that starts its line (properties,
 * YAML, headers), else to the next delimiter (query strings, cookies, maps, prose).
 */
function valueAt(text: string, at: number, wholeLine: boolean): RedactedSpan | undefined {
  const open = /^(?:&quot;|\\*["'])/.exec(text.slice(at, at + 16));
  if (open) {
    const start = at + open[0].length;
    const end = open[0].length === 1 ? closingQuote(text, start, open[0]) : text.indexOf(open[0], start);
    return end > start ? { start, end } : undefined;
  }
  if (wholeLine) {
    const nl = text.indexOf('\n', at);
    const end = (nl < 0 ? text.length : nl) - (text.slice(at, nl < 0 ? undefined : nl).match(/\s*$/)?.[0].length ?? 0);
    return end > at ? { start: at, end } : undefined;
  }
  const rest = /^[^\s&;,}<>"'|]+/.exec(text.slice(at, at + 8192));
  return rest ? { start: at, end: at + rest[0].length } : undefined;
}

/** The next unescaped `quote` from `start` (or the end of the line when there is none). */
function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (c === '\n') return i;
  }
  return text.length;
}

function merge(spans: RedactedSpan[]): RedactedSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedactedSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
      continue;
    }
    out.push(s);
  }
  return out;
}

// ---- masking -----------------------------------------------------------------------------------------

export function redact(text: string): string {
  return redactWithOffsets(text).text;
}

/**
 * `redact(text)`, and a map from an offset in `text` to the same place in it: offsets inside a masked
 * secret move to the start (or, for an end offset, the end) of its mask. One scan for both.
 */
export function redactWithOffsets(text: string): { text: string; offsetAt: (offset: number, isEnd?: boolean) => number } {
  const spans = secretSpans(text);
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + MASK;
    last = s.end;
  }
  const offsetAt = (offset: number, isEnd = false): number => {
    let shift = 0;
    for (const s of spans) {
      if (offset <= s.start) break;
      if (offset < s.end || (isEnd && offset === s.end)) return s.start + shift + (isEnd ? MASK.length : 0);
      shift += MASK.length - (s.end - s.start);
    }
    return offset + shift;
  };
  return { text: spans.length ? out + text.slice(last) : text, offsetAt };
}
