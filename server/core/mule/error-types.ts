/**
 * The Mule 4 error type model: the core hierarchy, the Salesforce connector's types, parsing of
 * `on-error-*` `type` expressions and matching with Mule's semantics (a type matches itself and
 * every descendant; `*:ID` and `NS:*` wildcards also match through ancestors).
 */
import { ownCopy } from '../text/own-copy';

/** Core types and their parents (null = root). From the Mule runtime's default error repository. */
const CORE_PARENTS: Record<string, string | null> = {
  ANY: null,
  CONNECTIVITY: 'ANY',
  RETRY_EXHAUSTED: 'CONNECTIVITY',
  TRANSFORMATION: 'ANY',
  EXPRESSION: 'ANY',
  VALIDATION: 'ANY',
  DUPLICATE_MESSAGE: 'VALIDATION',
  REDELIVERY_EXHAUSTED: 'ANY',
  ROUTING: 'ANY',
  COMPOSITE_ROUTING: 'ROUTING',
  SECURITY: 'ANY',
  CLIENT_SECURITY: 'SECURITY',
  SERVER_SECURITY: 'SECURITY',
  NOT_PERMITTED: 'SERVER_SECURITY',
  STREAM_MAXIMUM_SIZE_EXCEEDED: 'ANY',
  TIMEOUT: 'ANY',
  UNKNOWN: 'ANY',
  SOURCE: 'ANY',
  SOURCE_RESPONSE: 'SOURCE',
  SOURCE_RESPONSE_GENERATE: 'SOURCE_RESPONSE',
  SOURCE_RESPONSE_SEND: 'SOURCE_RESPONSE',
  SOURCE_ERROR_RESPONSE_GENERATE: 'SOURCE',
  SOURCE_ERROR_RESPONSE_SEND: 'SOURCE',
  CRITICAL: null,
  OVERLOAD: 'CRITICAL',
  FLOW_BACK_PRESSURE: 'OVERLOAD',
  FATAL_JVM_ERROR: 'CRITICAL',
};

/** Salesforce Connector 10.x–12.x error types. There is no INVALID_SESSION type. */
const SALESFORCE_TYPES: readonly string[] = [
  'COMMUNICATION',
  'CONNECTIVITY',
  'INSUFFICIENT_PERMISSIONS',
  'INVALID_INPUT',
  'INVALID_RESPONSE',
  'LIMIT_EXCEEDED',
  'MUTUAL_AUTHENTICATION_FAILED',
  'NOT_FOUND',
  'OPERATION_NOT_SUPPORTED',
  'RETRY_EXHAUSTED',
  'TIMEOUT',
  'UNAVAILABLE',
];

const CORE_TYPES: readonly string[] = Object.keys(CORE_PARENTS);

/** Namespaces whose complete list of types is known, so an unknown identifier is certainly wrong. */
export const KNOWN_NAMESPACES: ReadonlyMap<string, readonly string[]> = new Map([
  ['MULE', CORE_TYPES],
  ['SALESFORCE', SALESFORCE_TYPES],
]);

/**
 * Parents of the HTTP connector's types that are not children of ANY (the connector's `HttpError`
 * definitions): a 401 is a client security error, so a handler for `MULE:CLIENT_SECURITY` or `SECURITY`
 * catches `HTTP:UNAUTHORIZED`. Every other HTTP type (`INTERNAL_SERVER_ERROR`, `BAD_REQUEST` …) hangs off ANY.
 */
const HTTP_PARENTS: Record<string, string> = {
  SECURITY: 'MULE:SECURITY',
  CLIENT_SECURITY: 'MULE:CLIENT_SECURITY',
  SERVER_SECURITY: 'MULE:SERVER_SECURITY',
  TRANSFORMATION: 'MULE:TRANSFORMATION',
  CONNECTIVITY: 'MULE:CONNECTIVITY',
  BASIC_AUTHENTICATION: 'HTTP:SERVER_SECURITY',
  UNAUTHORIZED: 'HTTP:CLIENT_SECURITY',
  FORBIDDEN: 'HTTP:CLIENT_SECURITY',
};

export const SESSION_CONNECTIVITY = 'SALESFORCE:CONNECTIVITY';
export const SESSION_RETRY_EXHAUSTED = 'SALESFORCE:RETRY_EXHAUSTED';

/** Parent of a fully qualified type `NS:ID`; app-defined and unknown types hang off MULE:ANY. */
function parentOf(type: string): string | null {
  const colon = type.indexOf(':');
  const ns = type.slice(0, colon);
  const id = type.slice(colon + 1);
  if (ns === 'MULE') {
    const p = CORE_PARENTS[id];
    return p === undefined ? 'MULE:ANY' : p === null ? null : `MULE:${p}`;
  }
  if (ns === 'SALESFORCE') {
    if (id === 'CONNECTIVITY') return 'MULE:CONNECTIVITY';
    if (id === 'RETRY_EXHAUSTED') return 'MULE:RETRY_EXHAUSTED';
  }
  if (ns === 'HTTP') return HTTP_PARENTS[id] ?? 'MULE:ANY';
  return 'MULE:ANY';
}

const lineageCache = new Map<string, readonly string[]>();

/** The type and its ancestors, nearest first (memoised: the set of type names is small). */
export function lineage(type: string): readonly string[] {
  let out = lineageCache.get(type);
  if (!out) {
    // Cached for the process: hold copies, never slices of a document (see own-copy.ts).
    const cached = lineageCache.size < 10_000;
    const own = cached ? ownCopy(type) : type;
    const list: string[] = [];
    for (let t: string | null = own; t; t = parentOf(t)) list.push(t);
    out = list;
    if (cached) lineageCache.set(own, out);
  }
  return out;
}

/** One alternative of a `type` list, with its offset inside the attribute value. */
export interface TypeRef {
  /** As written (trimmed). */
  readonly raw: string;
  /** Upper-case namespace as Mule resolves it ('MULE' when omitted) or '*'. */
  readonly namespace: string;
  readonly identifier: string;
  /** True when the namespace was written explicitly. */
  readonly qualified: boolean;
  /** Offsets relative to the start of the attribute value. */
  readonly start: number;
  readonly end: number;
}

export interface TypeExpression {
  readonly refs: readonly TypeRef[];
  /** Ranges of ` OR ` / ` || ` / ` | ` separators (relative offsets): Mule has no such syntax. */
  readonly orSeparators: readonly { start: number; end: number; text: string }[];
}

const OR_SEPARATOR = /\s+(?:OR|or|Or|\|\||\|)\s+/g;

const expressionCache = new Map<string, TypeExpression>();

/** Parses a `type` attribute value: a comma-separated list (whitespace allowed). Memoised. */
export function parseTypeExpression(value: string): TypeExpression {
  let e = expressionCache.get(value);
  if (!e) {
    // Cached for the process: parse a copy, so neither key nor parts are slices of a document.
    const cached = expressionCache.size < 10_000;
    const own = cached ? ownCopy(value) : value;
    e = parseUncached(own);
    if (cached) expressionCache.set(own, e);
  }
  return e;
}

function parseUncached(value: string): TypeExpression {
  const orSeparators: { start: number; end: number; text: string }[] = [];
  for (const m of value.matchAll(OR_SEPARATOR)) {
    orSeparators.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  // Split on commas and on OR separators so that each named type is still checked.
  const refs: TypeRef[] = [];
  const splitter = /,|\s+(?:OR|or|Or|\|\||\|)\s+/g;
  let last = 0;
  const pieces: { text: string; start: number }[] = [];
  for (const m of value.matchAll(splitter)) {
    pieces.push({ text: value.slice(last, m.index!), start: last });
    last = m.index! + m[0].length;
  }
  pieces.push({ text: value.slice(last), start: last });
  for (const p of pieces) {
    const lead = p.text.length - p.text.trimStart().length;
    const raw = p.text.trim();
    if (!raw) continue;
    const start = p.start + lead;
    const colon = raw.indexOf(':');
    const qualified = colon >= 0;
    const namespace = qualified ? raw.slice(0, colon).trim() : 'MULE';
    const identifier = qualified ? raw.slice(colon + 1).trim() : raw;
    refs.push({ raw, namespace: namespace === '*' ? '*' : namespace, identifier, qualified, start, end: start + raw.length });
  }
  return { refs, orSeparators };
}

/** Whether `ref` (one alternative of a handler's type) matches a concrete thrown type. */
function refMatches(ref: TypeRef, thrown: string): boolean {
  for (const t of lineage(thrown)) {
    const colon = t.indexOf(':');
    const nsMatches = ref.namespace === '*' || (colon === ref.namespace.length && t.startsWith(ref.namespace));
    const idMatches = ref.identifier === '*' || (t.length - colon - 1 === ref.identifier.length && t.endsWith(ref.identifier));
    if (nsMatches && idMatches) return true;
  }
  return false;
}

export function expressionMatches(expr: TypeExpression, thrown: string): boolean {
  return expr.refs.some((r) => refMatches(r, thrown));
}

/** Whether a type reference names a type that exists, for namespaces whose full list is known. */
export function isKnownType(ref: TypeRef): 'known' | 'unknown' | 'unverifiable' {
  if (ref.namespace === '*' || ref.identifier === '*') {
    if (ref.namespace === '*' && ref.identifier === '*') return 'known';
    if (ref.identifier === '*') return 'known';
    // `*:ID`: fine when some known namespace defines ID, otherwise we cannot tell.
    for (const ids of KNOWN_NAMESPACES.values()) if (ids.includes(ref.identifier)) return 'known';
    return 'unverifiable';
  }
  const ids = KNOWN_NAMESPACES.get(ref.namespace);
  if (!ids) return 'unverifiable';
  return ids.includes(ref.identifier) ? 'known' : 'unknown';
}
