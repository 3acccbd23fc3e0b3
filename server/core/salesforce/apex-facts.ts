/**
 * What one Apex method's body says on its own, before anything is resolved against the project: the
 * calls it makes (as written), the asynchronous hand-offs (`System.enqueueJob`, `Database.executeBatch`,
 * `EventBus.publish`), the synchronous callout evidence (`new Http()`, `WebServiceCallout.invoke`, a
 * `callout:` endpoint) and the static fields it reads. Memoised per file version, since it depends on
 * that file alone; `apex-trace.ts` resolves it.
 */
import { memoKey } from '../project/memo';
import { calloutLiteral, type CalloutCredential } from './apex';
import type { ApexClassDecl, ApexFileShape, ApexMethod } from './apex-methods';

export interface Site {
  readonly start: number;
  readonly end: number;
}

export interface CallSite extends Site {
  /** The call as written, split at dots: `['Svc', 'send']`, `['helper']`, `['this', 'go']`; a constructor `new Svc(…)` is `['Svc', 'Svc']`. */
  readonly parts: readonly string[];
  /** `new X(…)`: the class is named, never a variable. */
  readonly ctor?: boolean;
}

export interface HandOffSite extends Site {
  readonly kind: 'queueable' | 'batch' | 'platform-event';
  /** `new X(…)` as the argument: the class, as written. */
  readonly className: string | undefined;
  /** A variable as the argument: its name (its declared type is looked up when resolving). */
  readonly variable: string | undefined;
}

export interface LiteralSite extends Site {
  readonly what: string;
  /** Undefined when the credential name is built at run time. */
  readonly credential: CalloutCredential | undefined;
}

export interface MethodFacts {
  readonly calls: readonly CallSite[];
  readonly handOffs: readonly HandOffSite[];
  /** `new Http()` and `WebServiceCallout.invoke(…)`. */
  readonly syncCalls: readonly (Site & { readonly what: string })[];
  /** `callout:` endpoints in the body's string literals. */
  readonly literals: readonly LiteralSite[];
  /** Lower-cased words of the body's code, for static fields of its own class it may read (`ENDPOINT`). */
  readonly words: ReadonlySet<string>;
  /** `Other.FIELD` reads (not calls): static fields of other classes it may read. */
  readonly fieldReads: readonly { readonly owner: string; readonly field: string }[];
  /**
   * `try` blocks whose first catch that matches a CalloutException (`CalloutException`, `Exception`)
   * does not throw: a callout that fails inside one does not fail the method.
   */
  readonly guards: readonly Site[];
}

/** Whether an offset lies in one of the method's guarded `try` blocks. */
export function isGuarded(facts: MethodFacts, at: number): boolean {
  for (const g of facts.guards) if (at > g.start && at < g.end) return true;
  return false;
}

/** A static field whose initialiser is a `callout:` literal (`static final String ENDPOINT = 'callout:Erp/x';`). */
export interface CalloutField {
  readonly name: string;
  readonly literal: LiteralSite;
}

const FACTS = memoKey<WeakMap<ApexMethod, MethodFacts>>('apex method facts');
const FIELDS = memoKey<WeakMap<ApexClassDecl, readonly CalloutField[]>>('apex callout fields');

const CALL = /\b([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*\(/g;
const HAND_OFF =
  /\b(System\s*\.\s*enqueueJob|Database\s*\.\s*executeBatch|EventBus\s*\.\s*publish)\s*\(\s*(?:new\s+([A-Za-z_][\w.]*)\s*[(<]|([A-Za-z_]\w*)\s*[),])?/gi;
const SYNC: readonly [RegExp, string][] = [
  [/\bnew\s+Http\s*\(\s*\)/gi, 'new Http()'],
  [/\bWebServiceCallout\s*\.\s*invoke\s*\(/gi, 'WebServiceCallout.invoke'],
];
/** Words that look like calls but are not: control flow, and constructors (`new X(`) handled on their own. */
const NOT_CALLS: ReadonlySet<string> = new Set(['if', 'for', 'while', 'switch', 'catch', 'when', 'return', 'new', 'else', 'do', 'try', 'super', 'this']);

export function methodFacts(shape: ApexFileShape, method: ApexMethod): MethodFacts {
  const all = shape.file.memo.get(FACTS, () => new WeakMap());
  let facts = all.get(method);
  if (!facts) all.set(method, (facts = computeFacts(shape, method)));
  return facts;
}

function computeFacts(shape: ApexFileShape, method: ApexMethod): MethodFacts {
  const code = shape.lexed.code;
  const from = method.bodyStart;
  const body = code.slice(from, method.bodyEnd);
  const calls: CallSite[] = [];
  for (const m of body.matchAll(CALL)) {
    const start = from + m.index!;
    const parts = m[1].split('.').map((p) => p.trim());
    if (parts.length === 1 && NOT_CALLS.has(parts[0].toLowerCase())) continue;
    const before = previousCodeChar(code, start, from);
    if (before === 0x2e /* . */) continue; // a call on an expression: `foo().bar(`
    // `new X(…)` runs X's constructor: a method named like its class.
    const ctor = wordBefore(code, start, from).toLowerCase() === 'new';
    if (ctor) parts.push(parts[parts.length - 1]);
    calls.push({ parts, start, end: start + m[1].length, ctor });
  }
  // `new X().method(…)`: the one expression receiver that names its class.
  for (const m of body.matchAll(/\bnew\s+([A-Za-z_][\w.]*)\s*\(\s*\)\s*\.\s*([A-Za-z_]\w*)\s*\(/g)) {
    const start = from + m.index!;
    calls.push({ parts: [...m[1].split('.'), m[2]], start, end: start + m[0].length - 1 });
  }
  const handOffs: HandOffSite[] = [];
  for (const m of body.matchAll(HAND_OFF)) {
    const what = m[1].replace(/\s+/g, '').toLowerCase();
    const kind = what === 'system.enqueuejob' ? 'queueable' : what === 'database.executebatch' ? 'batch' : 'platform-event';
    const start = from + m.index!;
    handOffs.push({ kind, className: m[2], variable: m[3], start, end: start + m[1].length });
  }
  const syncCalls: (Site & { what: string })[] = [];
  for (const [re, what] of SYNC) {
    for (const m of body.matchAll(re)) syncCalls.push({ what, start: from + m.index!, end: from + m.index! + m[0].length });
  }
  syncCalls.sort((a, b) => a.start - b.start);
  const literals: LiteralSite[] = [];
  for (const s of shape.lexed.strings) {
    if (s.start < method.bodyStart || s.end > method.bodyEnd) continue;
    const lit = calloutLiteral(shape.file, s);
    if (lit) literals.push({ start: lit.start, end: lit.end, what: lit.what, credential: lit.credential });
  }
  const words = new Set<string>();
  for (const m of body.matchAll(/[A-Za-z_]\w*/g)) words.add(m[0].toLowerCase());
  const fieldReads: { owner: string; field: string }[] = [];
  for (const m of body.matchAll(/\b([A-Za-z_]\w*)\s*\.\s*([A-Z_][A-Z0-9_]*)\b(?!\s*[.(])/g)) {
    if (previousCodeChar(code, from + m.index!, from) !== 0x2e) fieldReads.push({ owner: m[1], field: m[2] });
  }
  return { calls, handOffs, syncCalls, literals, words, fieldReads, guards: guardsOf(code, from, method.bodyEnd) };
}

const CATCHES_CALLOUTS: ReadonlySet<string> = new Set(['exception', 'system.exception', 'calloutexception', 'system.calloutexception']);

function guardsOf(code: string, from: number, to: number): Site[] {
  const out: Site[] = [];
  const re = /\btry\s*\{/g;
  re.lastIndex = from;
  for (let m = re.exec(code); m && m.index < to; m = re.exec(code)) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(code, open, to);
    if (close < 0) break;
    // The catches after the block, in order: the first that matches a CalloutException decides.
    let k = close + 1;
    for (;;) {
      const c = /^\s*catch\s*\(\s*([\w.]+)\s+\w+\s*\)\s*\{/.exec(code.slice(k, Math.min(to, k + 200)));
      if (!c) break;
      const catchOpen = k + c[0].length - 1;
      const catchClose = matchingBrace(code, catchOpen, to);
      if (catchClose < 0) break;
      if (CATCHES_CALLOUTS.has(c[1].toLowerCase())) {
        if (!/\bthrow\b/.test(code.slice(catchOpen, catchClose))) out.push({ start: open, end: close });
        break;
      }
      k = catchClose + 1;
    }
  }
  return out;
}

/** The `}` matching the `{` at `open` (code has comments and strings blanked), or -1 before `limit`. */
function matchingBrace(code: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = code.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return i;
  }
  return -1;
}

/** The code character before `at` (skipping white space), or -1. */
function previousCodeChar(code: string, at: number, floor: number): number {
  let k = at - 1;
  while (k >= floor) {
    const c = code.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
    k--;
  }
  return -1;
}

function wordBefore(code: string, at: number, floor: number): string {
  let k = at - 1;
  while (k >= floor && /\s/.test(code[k])) k--;
  const end = k + 1;
  while (k >= floor && /\w/.test(code[k])) k--;
  return code.slice(k + 1, end);
}

/**
 * The static fields of a class initialised with a `callout:` literal. A literal in the class body but
 * outside every method (and inner class) is a field initialiser; its field is the name before `=`.
 */
export function calloutFields(shape: ApexFileShape, cls: ApexClassDecl): readonly CalloutField[] {
  const all = shape.file.memo.get(FIELDS, () => new WeakMap());
  let fields = all.get(cls);
  if (!fields) all.set(cls, (fields = computeFields(shape, cls)));
  return fields;
}

function computeFields(shape: ApexFileShape, cls: ApexClassDecl): CalloutField[] {
  const out: CalloutField[] = [];
  const code = shape.lexed.code;
  for (const s of shape.lexed.strings) {
    if (s.start < cls.bodyStart || s.end > cls.bodyEnd) continue;
    if (cls.methods.some((m) => s.start >= m.bodyStart && s.end <= m.bodyEnd)) continue;
    if (cls.inner.some((c) => s.start >= c.bodyStart && s.end <= c.bodyEnd)) continue;
    const lit = calloutLiteral(shape.file, s);
    if (!lit) continue;
    let k = s.start - 1;
    while (k > cls.bodyStart && !';{}'.includes(code[k])) k--;
    const m = /([A-Za-z_]\w*)\s*=[^=]*$/.exec(code.slice(k + 1, s.start));
    if (m) out.push({ name: m[1], literal: { start: lit.start, end: lit.end, what: lit.what, credential: lit.credential } });
  }
  return out;
}

/**
 * The declared type of a variable, from `Type name =`, `Type name;`, `Type name,` or `Type name)` in the
 * given code (a method's parameters and body, or a class body). Generic types (collections) are not
 * followed; undefined when there is no such declaration.
 */
/**
 * Every variable declared in `code[from, to)` with its declared type (the first declaration of a name,
 * lower-cased), found by one scan of the range (a large class asked about each `Name.method(…)` call was
 * scanned once per call when each variable had its own expression).
 */
export function declarationsIn(code: string, from: number, to: number): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const text = code.slice(from, to);
  DECLARATION.lastIndex = 0;
  for (let m = DECLARATION.exec(text); m; m = DECLARATION.exec(text)) {
    const type = m[1];
    const name = m[2].toLowerCase();
    if (!out.has(name) && !NOT_TYPES.has(type.toLowerCase())) out.set(name, type);
  }
  return out;
}

/** `Type name` followed by `=`, `;`, `,` or `)` (a declaration, a parameter, a field), the separator not consumed. */
const DECLARATION = /\b([A-Za-z_][\w.]*)\s+([A-Za-z_]\w*)(?=\s*[=;,)])/g;

/** Words that stand before a name without being its type (`return x;`, `final y = …`). */
export const NOT_TYPES: ReadonlySet<string> = new Set([
  'return',
  'new',
  'else',
  'instanceof',
  'final',
  'static',
  'public',
  'private',
  'protected',
  'global',
  'transient',
  'when',
  'throw',
]);
