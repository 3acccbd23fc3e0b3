/**
 * Secrets written into a Mule app as literals: in a Salesforce connection (`salesforce:*-connection` and
 * everything inside it: `password`, `securityToken`, `consumerSecret`, `clientSecret`, `storePassword`,
 * `keyPassword`, a TLS key store's `password`, a `refreshToken`, a `sessionId`), and in what a Salesforce
 * login sends (the `client_secret`, `password` and `refresh_token` of an OAuth token request, the
 * `password` of a SOAP login), in its body, query or form parameters, URL, or the payload set for it.
 *
 * A value is not a literal when it is, or holds, a `${…}` placeholder (`${secure::…}` included), or is an
 * expression other than a lone string (`#[p('secure::…')]`, `#[vars.x]`); nor when it is empty or a
 * template's stand-in (`<password>`, `{{secret}}`, `****`, `YourPassword`, `changeme`, `123456`). The secret itself is never kept: only its
 * range, length and what it is.
 */
import { attr, walk } from '../xml/dom';
import type { XmlAttribute, XmlElement } from '../xml/types';
import type { MuleApp, MuleFile } from './app';
import { attributeText, objectPairs, queryPairs, stringLiterals, xmlLiteralPairs, type Pair, type SourceText } from './expression-text';
import { requestParts, type RequestPart } from './http-request-parts';
import { NS } from './namespaces';
import type { SalesforceRequest } from './salesforce-http';

export interface LiteralSecret {
  readonly file: MuleFile;
  /** The range of the secret (without quotes). */
  readonly start: number;
  readonly end: number;
  /** Its length in characters. */
  readonly length: number;
  /** What it is, in words ("security token"). */
  readonly what: string;
  /** The attribute or parameter as written (`securityToken`, `client_secret`). */
  readonly name: string;
  /** The element it is written on or in. */
  readonly el: XmlElement;
  /** A replacement reading it from a secure property, when one can be written in place. */
  readonly replacement?: { readonly start: number; readonly end: number; readonly newText: string; readonly property: string };
}

/** What a credential attribute or parameter holds, by name (any case, `_` and `-` ignored); undefined when none. */
export function secretKind(name: string): string | undefined {
  const n = name.toLowerCase().replace(/[_-]/g, '');
  if (n === 'securitytoken') return 'security token';
  if (n === 'consumersecret') return 'consumer secret';
  if (n === 'clientsecret') return 'client secret';
  if (n === 'refreshtoken') return 'refresh token';
  if (n === 'sessionid') return 'session id';
  if (n === 'storepassword' || n === 'keystorepassword') return 'key store password';
  if (n === 'keypassword' || n === 'privatekeypassword') return 'private key password';
  if (n.endsWith('password')) return 'password';
  if (n.endsWith('secret')) return 'secret';
  return undefined;
}

/** The parameters of a token request or SOAP login that carry a secret. */
function loginSecretKind(key: string): string | undefined {
  const n = key.toLowerCase().replace(/-/g, '_');
  if (n === 'client_secret' || n === 'clientsecret') return 'client secret';
  if (n === 'password') return 'password';
  if (n === 'refresh_token' || n === 'refreshtoken') return 'refresh token';
  return undefined;
}

/** A template's stand-in rather than a value. */
function isStandIn(value: string): boolean {
  const v = value.trim();
  if (v === '' || /^<[^<>]*>$/.test(v) || /^\{\{.*\}\}$/.test(v) || /^\[[^\]]*\]$/.test(v) || (/^(.)\1*$/.test(v) && /^[*xX#.-]/.test(v))) return true;
  const joined = v.toLowerCase().replace(/[\s_.-]+/g, '');
  if (STAND_IN_WORD.test(joined) || (joined.length >= 4 && (ASCENDING.startsWith(joined) || ASCENDING_FROM_ONE.startsWith(joined)))) return true;
  // An instruction to the reader: every word one of a sentence about the credential, one of them a verb or
  // "your"/"my" and one the credential (`YourPassword`, `enter-your-consumer-secret-here`, `my_token`);
  // `YourPassion4Life!` has words of its own and is a value.
  const words = v
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean);
  return (
    words.length > 1 &&
    words.every((w) => INSTRUCTION_WORDS.has(w) || CREDENTIAL_WORDS.has(w)) &&
    words.some((w) => ADDRESSING.has(w)) &&
    words.some((w) => CREDENTIAL_WORDS.has(w))
  );
}

/** The credential's own name, or a word that says "fill me in" (`changeme`, `TODO`, `placeholder`). */
const STAND_IN_WORD =
  /^(?:(?:sf|salesforce)?(?:password|passwd|pwd|securitytoken|token|secret|clientsecret|consumersecret|refreshtoken|sessionid|credentials?)|changeme|replaceme|todo|tbd|fixme|dummy|placeholder|sample|example|none|null)$/;
/** Words that address the reader: a stand-in's instruction holds one. */
const ADDRESSING: ReadonlySet<string> = new Set(['your', 'my', 'enter', 'insert', 'put', 'add', 'type', 'replace', 'paste', 'fill']);
/** The other words an instruction is made of. */
const INSTRUCTION_WORDS: ReadonlySet<string> = new Set([
  ...ADDRESSING,
  'the',
  'a',
  'and',
  'here',
  'in',
  'goes',
  'value',
  'of',
  'with',
  'sf',
  'salesforce',
  'org',
  'api',
  'user',
]);
/** What a credential is called. */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'security',
  'token',
  'secret',
  'client',
  'consumer',
  'refresh',
  'session',
  'id',
  'key',
  'credential',
  'credentials',
]);
/** A run of ascending digits (`123456`, `1234567890`): a keyboard stand-in, never a generated token or secret. */
const ASCENDING = '0123456789';
const ASCENDING_FROM_ONE = '1234567890';

/** Whether a literal's text refers to something else (placeholder, interpolation, expression). */
function refersElsewhere(text: string): boolean {
  return text.includes('${') || text.includes('$(') || text.includes('#[');
}

/** Literal secrets in the Salesforce connections of the app, in app order. */
export function connectionSecrets(app: MuleApp): LiteralSecret[] {
  const out: LiteralSecret[] = [];
  for (const file of app.files) {
    const root = file.xml.root;
    if (!root) continue;
    for (const top of root.children) {
      if (top.ns !== NS.salesforce) continue;
      const configName = attr(top, 'name');
      for (const connection of top.children) {
        if (connection.ns !== NS.salesforce || !connection.local.endsWith('-connection')) continue;
        walk(connection, (el) => {
          // A trust store holds public certificates: its password guards their integrity, not a secret.
          if (el.local === 'trust-store') return false;
          for (const a of el.attrs) {
            if (a.prefix !== '') continue;
            const what = el.local === 'key-store' && a.local === 'password' ? 'key store password' : secretKind(a.local);
            if (what) {
              const s = attributeSecret(file, el, a, what, configName);
              if (s) out.push(s);
            }
          }
          return undefined;
        });
      }
    }
  }
  return out;
}

/** A literal in an attribute: the whole value, or the lone string of a `#['…']` expression. */
function attributeSecret(file: MuleFile, el: XmlElement, a: XmlAttribute, what: string, owner: string | undefined): LiteralSecret | undefined {
  const src = attributeText(file.text, a);
  const t = src.text;
  const property = `${owner ?? 'salesforce'}.${a.local}`;
  const whole = { start: a.valueStart, end: a.valueEnd, newText: `\${secure::${property}}`, property };
  const expr = /^\s*#\[\s*(['"])([\s\S]*)\1\s*\]\s*$/.exec(t);
  if (expr) {
    const inner = stringLiterals(t.slice(t.indexOf('#[') + 2))[0];
    if (inner === undefined || isStandIn(inner) || refersElsewhere(inner)) return undefined;
    const at = t.indexOf(expr[1]) + 1;
    return secret(file, el, src, at, at + rawLength(t, at, expr[1]), inner.length, what, a.local, whole);
  }
  if (isStandIn(t) || refersElsewhere(t)) return undefined;
  return secret(file, el, src, 0, t.length, t.length, what, a.local, whole);
}

/** The decoded length of a string literal's body starting at `at` (up to its closing quote). */
function rawLength(text: string, at: number, quote: string): number {
  let i = at;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i - at;
}

function secret(
  file: MuleFile,
  el: XmlElement,
  src: SourceText,
  from: number,
  to: number,
  length: number,
  what: string,
  name: string,
  replacement: LiteralSecret['replacement'],
): LiteralSecret {
  return { file, el, start: src.offsetAt(from), end: src.offsetAt(to), length, what, name, ...(replacement ? { replacement } : {}) };
}

/** Literal secrets a login sends (token request or SOAP login), in the order of its parts. */
export function loginSecrets(app: MuleApp, req: SalesforceRequest): LiteralSecret[] {
  const out: LiteralSecret[] = [];
  const seen = new Set<number>();
  for (const part of requestParts(app, req.el, req.file, req.config)) {
    for (const s of partSecrets(part)) {
      if (seen.has(s.start)) continue;
      seen.add(s.start);
      out.push(s);
    }
  }
  return out;
}

function partSecrets(part: RequestPart): LiteralSecret[] {
  const out: LiteralSecret[] = [];
  const src = part.source;
  const text = src.text;
  const property = (key: string) => `salesforce.oauth.${key}`;
  const add = (p: Pair, what: string, replacement: 'attribute' | 'dataweave' | 'none') => {
    const lit = p.literal!;
    const quoted = lit.end - lit.start > lit.text.length; // a string literal: the range holds its quotes
    const from = quoted ? lit.start + 1 : lit.start;
    const to = quoted ? lit.end - 1 : lit.end;
    const key = property(p.key);
    const edit =
      replacement === 'attribute'
        ? { start: src.offsetAt(from), end: src.offsetAt(to), newText: `\${secure::${key}}`, property: key }
        : replacement === 'dataweave'
          ? { start: src.offsetAt(lit.start), end: src.offsetAt(lit.end), newText: `p('secure::${key}')`, property: key }
          : undefined;
    out.push(secret(part.file, part.el, src, from, to, lit.text.length, what, p.key, edit));
  };
  const consider = (pairs: readonly Pair[], replacement: 'attribute' | 'dataweave' | 'none') => {
    for (const p of pairs) {
      const what = loginSecretKind(p.key);
      if (!what || !p.literal || isStandIn(p.literal.text) || refersElsewhere(p.literal.text)) continue;
      add(p, what, replacement);
    }
  };
  if (part.kind === 'default-query-param' || part.kind === 'default-header') {
    const what = part.kind === 'default-query-param' ? loginSecretKind(part.key ?? '') : undefined;
    if (what && !isStandIn(text) && !refersElsewhere(text)) {
      const key = property(part.key!);
      out.push(
        secret(part.file, part.el, src, 0, text.length, text.length, what, part.key!, {
          start: src.offsetAt(0),
          end: src.offsetAt(text.length),
          newText: `\${secure::${key}}`,
          property: key,
        }),
      );
    }
    return out;
  }
  if (part.expression) {
    // DataWeave: object fields whose value is a string literal, and query strings or XML inside string literals.
    consider(
      objectPairs(text).filter((p) => p.literal && p.value.startsWith(text.slice(p.literal.start, p.literal.end))),
      'dataweave',
    );
    for (const p of literalInnerPairs(text)) consider([p], 'none');
    return out;
  }
  // A plain value: a URL or path with a query string, a form body, or an XML envelope. A placeholder can
  // replace a literal in an attribute value (Secure Configuration Properties: `value="${secure::…}"`).
  const inAttribute = part.kind === 'url' || part.kind === 'path' || (part.kind === 'payload' && part.el.ns === NS.core);
  consider(queryPairs(text), inAttribute ? 'attribute' : 'none');
  consider(xmlLiteralPairs(text), inAttribute ? 'attribute' : 'none');
  return out;
}

/** Query-string and XML pairs written inside the string literals of an expression, with offsets in `text`. */
function literalInnerPairs(text: string): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < text.length; i++) {
    const q = text[i];
    if (q !== '"' && q !== "'") continue;
    const end = text.indexOf(q, i + 1);
    if (end < 0) break;
    const body = text.slice(i + 1, end);
    if (body.includes('=') || body.includes('<')) {
      for (const p of [...queryPairs(body), ...xmlLiteralPairs(body)]) {
        const shift = i + 1;
        out.push({
          ...p,
          keyStart: p.keyStart + shift,
          valueStart: p.valueStart + shift,
          valueEnd: p.valueEnd + shift,
          literal: { text: p.literal!.text, start: p.literal!.start + shift, end: p.literal!.end + shift },
        });
      }
    }
    i = end;
  }
  return out;
}
