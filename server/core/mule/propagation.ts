/**
 * Follows an error from the element that throws it, the way Mule does: try scopes and their
 * handlers, until-successful (which turns what escapes into MULE:RETRY_EXHAUSTED after retrying),
 * scatter-gather / parallel-foreach (MULE:COMPOSITE_ROUTING), the flow's own, referenced or
 * default error handler, then every caller through flow-ref and APIkit routers; sub-flows are
 * inlined at each flow-ref. Handlers are tried in document order and the first match wins; a
 * `when` condition (or a type that cannot be resolved) is treated as "may match", which forks the
 * path. The walk is memoised per (element, type, flags) and bounded, so cycles and large apps
 * terminate.
 */
import { memoKey, type MemoKey } from '../project/memo';
import { attr, children, firstChild } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { CallSite, FlowModel, MuleApp, PathStep, SalesforceOperation } from './app';
import type { FlowChanges } from './app-changes';
import { expressionMatches, parseTypeExpression, SESSION_CONNECTIVITY, SESSION_RETRY_EXHAUSTED } from './error-types';
import { NS } from './namespaces';
import { evaluateWhen } from './when-conditions';

export type Match = 'yes' | 'no' | 'maybe';

export type { PathStep } from './app';

/** A path on which the error reaches a flow's message source with no handler having matched it. */
export interface UnhandledEnd {
  /** The flow's element (`MuleApp.flowOf` gives its model). */
  readonly flowEl: XmlElement;
  readonly type: string;
  readonly steps: readonly PathStep[];
}

export interface HandlerHit {
  readonly onError: XmlElement;
  readonly type: string;
  readonly match: Match;
}

export interface RetryHit {
  readonly scope: XmlElement;
  readonly type: string;
  /** True when no "may match" decision was taken before the error reached the scope. */
  readonly definite: boolean;
}

export interface Propagation {
  readonly unhandled: UnhandledEnd[];
  readonly handlers: HandlerHit[];
  readonly retries: RetryHit[];
  /**
   * References to handlers that are not in the app (an `<error-handler ref>`, `<on-error ref>` or default
   * handler from an imported library or a domain): what they do is unknown, so a path ends there.
   */
  readonly unknown: { readonly el: XmlElement; readonly type: string }[];
  /** Flows without a message source the error left with no caller in the app (their caller is unknown). */
  readonly callerless: { readonly flowEl: XmlElement; readonly type: string }[];
  /** The walk stopped early (state budget exhausted); results are partial. */
  truncated: boolean;
}

interface State {
  readonly type: string;
  /** A handler has matched the error on this path (it may have re-thrown it). */
  readonly matched: boolean;
  /** No "may match" decision was taken so far. */
  readonly definite: boolean;
  /** The calls climbed through, the latest first (made into a list only for the paths a walk reports). */
  readonly steps: Chain<PathStep> | null;
  /** The flows being left on this path, the latest first (a path never leaves one twice). */
  readonly visiting: Chain<string> | null;
}

/**
 * A list that paths extend and share: extending a path's steps or flows is one small object, where a
 * copied array or set per call site was most of what a walk allocated.
 */
interface Chain<T> {
  readonly head: T;
  readonly rest: Chain<T> | null;
}

function chainHas<T>(chain: Chain<T> | null, value: T): boolean {
  for (let c = chain; c; c = c.rest) if (c.head === value) return true;
  return false;
}

/** The chain's values, oldest first. */
function chainToArray<T>(chain: Chain<T> | null): T[] {
  const out: T[] = [];
  for (let c = chain; c; c = c.rest) out.push(c.head);
  return out.reverse();
}

const MAX_STATES = 4000;

/** A copy of `s` with some fields changed; built field by field (object spread is slow on this hot path). */
function withChanges(s: State, c: Partial<State>): State {
  return {
    type: c.type ?? s.type,
    matched: c.matched ?? s.matched,
    definite: c.definite ?? s.definite,
    steps: c.steps ?? s.steps,
    visiting: c.visiting ?? s.visiting,
  };
}

/** Values per element of one build of an app (memoised on it: dropped with the app model or the tree). */
function perElement<V>(app: MuleApp, key: MemoKey<WeakMap<XmlElement, V>>, el: XmlElement, compute: () => V): V {
  const byEl = app.memo.get(key, () => new WeakMap());
  let v = byEl.get(el);
  if (v === undefined) byEl.set(el, (v = compute()));
  return v;
}

const MATCHES = memoKey<WeakMap<XmlElement, Map<string, Match>>>('on-error matches per thrown type');

/** Whether an `on-error-*` element catches `thrown` (memoised per app). */
export function matchOnError(app: MuleApp, onError: XmlElement, thrown: string): Match {
  const perEl = perElement(app, MATCHES, onError, () => new Map());
  let m = perEl.get(thrown);
  if (m === undefined) perEl.set(thrown, (m = matchUncached(app, onError, thrown)));
  return m;
}

function matchUncached(app: MuleApp, onError: XmlElement, thrown: string): Match {
  const typeAttr = attr(onError, 'type');
  let m: Match;
  if (typeAttr === undefined || typeAttr.trim() === '') {
    m = 'yes';
  } else {
    const values = app.props.expand(typeAttr);
    if (!values) m = 'maybe';
    else {
      let yes = 0;
      for (const v of values) if (expressionMatches(parseTypeExpression(v), thrown)) yes++;
      m = yes === values.length ? 'yes' : yes === 0 ? 'no' : 'maybe';
    }
  }
  const when = attr(onError, 'when');
  if (m === 'yes' && when !== undefined) {
    // A comparison of the error's type fields is decided like DataWeave would; any other condition may match.
    const decided = evaluateWhen(app.resolve(when) ?? when, thrown);
    m = decided === undefined ? 'maybe' : decided ? 'yes' : 'no';
  }
  return m;
}

const ENTRIES = memoKey<WeakMap<XmlElement, XmlElement[]>>('error handler entries');

/**
 * The `on-error-*` elements an `<error-handler>` tries, in order, with `ref`s resolved (memoised per app).
 * A reference to something the app does not define (an imported library's handler) stays in the list as
 * the referencing element itself: an unknown entry (`isUnknownEntry`) that may catch anything.
 */
export function handlerEntries(app: MuleApp, errorHandler: XmlElement): XmlElement[] {
  return perElement(app, ENTRIES, errorHandler, () => entriesUncached(app, errorHandler));
}

function entriesUncached(app: MuleApp, errorHandler: XmlElement): XmlElement[] {
  const ref = attr(errorHandler, 'ref');
  if (ref !== undefined) {
    const target = app.errorHandlers.get(app.resolve(ref) ?? ref);
    if (!target) return [errorHandler];
    return target.el !== errorHandler ? entriesUncached(app, target.el) : [];
  }
  const out: XmlElement[] = [];
  for (const c of errorHandler.children) {
    if (c.ns !== NS.core) continue;
    if (c.local === 'on-error-continue' || c.local === 'on-error-propagate') out.push(c);
    else if (c.local === 'on-error') {
      const r = attr(c, 'ref');
      const target = r !== undefined ? app.onErrors.get(app.resolve(r) ?? r) : undefined;
      out.push(target ? target.el : c);
    }
  }
  return out;
}

/** An entry of `handlerEntries` / `flowHandler` that refers to a handler the app does not define. */
export function isUnknownEntry(entry: XmlElement): boolean {
  return entry.local !== 'on-error-continue' && entry.local !== 'on-error-propagate';
}

/** The handler a flow uses: its own, the one it references, or the app's default one. */
export function flowHandler(app: MuleApp, flow: FlowModel): { entries: XmlElement[]; el: XmlElement | undefined; isDefault: boolean } {
  const own = firstChild(flow.el, 'error-handler', NS.core);
  if (own) return { entries: handlerEntries(app, own), el: own, isDefault: false };
  const def = app.defaultErrorHandler;
  if (def) {
    const target = app.errorHandlers.get(app.resolve(def.name) ?? def.name);
    if (target) return { entries: handlerEntries(app, target.el), el: target.el, isDefault: true };
    // The default handler is defined outside the app (a domain or an imported file): unknown.
    return { entries: [def.el], el: def.el, isDefault: true };
  }
  return { entries: [], el: undefined, isDefault: true };
}

/** Applies an operation's `<error-mapping>`s (first matching mapping wins). */
export function mapOperationError(app: MuleApp, op: XmlElement, type: string): string {
  // Most operations have no mapping: every rule asks for every operation, so find that out without allocating.
  let any = false;
  const kids = op.children;
  for (let i = 0; i < kids.length; i++) if (kids[i].ns === NS.core && (kids[i].local === 'error-mapping' || kids[i].local === 'error-mappings')) any = true;
  if (!any) return type;
  const mappings: XmlElement[] = [];
  for (const c of op.children) {
    if (c.ns !== NS.core) continue;
    if (c.local === 'error-mapping') mappings.push(c);
    else if (c.local === 'error-mappings') mappings.push(...children(c, 'error-mapping', NS.core));
  }
  for (const m of mappings) {
    const source = attr(m, 'sourceType');
    const target = app.resolve(attr(m, 'targetType'));
    if (!target) continue;
    const sourceValue = source === undefined ? 'ANY' : app.resolve(source);
    if (sourceValue === undefined) continue;
    if (expressionMatches(parseTypeExpression(sourceValue), type)) return target.includes(':') ? target.trim() : `MULE:${target.trim()}`;
  }
  return type;
}

/**
 * The error types a session failure of `op` may surface as. Without a reconnection strategy:
 * SALESFORCE:CONNECTIVITY. After a bounded one: still SALESFORCE:CONNECTIVITY (a standard reconnection
 * retries "before returning a connectivity error"), and on some runtime paths SALESFORCE:RETRY_EXHAUSTED;
 * a handler matching either one handles the session failure. With reconnect-forever the operation never
 * gives up, so nothing surfaces (unbounded-retry reports it). A configuration that is not in the app (an
 * imported file) may have either strategy: both types. An operation whose `config-ref` names an element of
 * the app that is not a Salesforce connection never runs (the app does not deploy): none.
 */
export function sessionFailureTypes(op: SalesforceOperation): readonly string[] {
  if (op.notSalesforceConfig) return NO_TYPES; // it never runs: the app does not deploy
  const strategy = op.reconnection.kind !== 'none' ? op.reconnection.kind : op.config ? op.config.reconnection.kind : 'unknown';
  if (strategy === 'forever') return NO_TYPES;
  return strategy === 'none' ? CONNECTIVITY_ONLY : CONNECTIVITY_OR_RETRY_EXHAUSTED;
}

// Shared and read-only by type, not frozen: rules loop over them with for…of, which V8 does not optimise over frozen arrays.
const NO_TYPES: readonly string[] = [];
const CONNECTIVITY_OR_RETRY_EXHAUSTED: readonly string[] = [SESSION_CONNECTIVITY, SESSION_RETRY_EXHAUSTED];
const CONNECTIVITY_ONLY: readonly string[] = [SESSION_CONNECTIVITY];

/** A walk's result with what it read of the app beyond the elements it climbed through. */
export interface TrackedPropagation {
  readonly result: Propagation;
  /** The top-level elements (flows) the walk climbed through (may repeat). */
  readonly tops: readonly XmlElement[];
  /** Every flow name it looked up, the flow by that name or its callers (may repeat). */
  readonly names: readonly string[];
}

/** Per app: element → thrown type → walk. Dropped with the app; `carryPropagation` hands the still valid ones on. */
const WALKS = memoKey<Map<XmlElement, Map<string, TrackedPropagation>>>('error propagation walks');

function walksOf(app: MuleApp): Map<XmlElement, Map<string, TrackedPropagation>> {
  return app.memo.get(WALKS, () => new Map());
}

/** Follows `type` thrown at `from` through every handler and caller (memoised per app: several rules ask the same). */
export function propagate(app: MuleApp, from: XmlElement, type: string): Propagation {
  const walks = walksOf(app);
  let perEl = walks.get(from);
  if (!perEl) walks.set(from, (perEl = new Map()));
  let p = perEl.get(type);
  if (!p) perEl.set(type, (p = new Walker(app).run(from, type)));
  return p.result;
}

/**
 * The first retry scope (in the order `propagate` lists them) that retries `type` thrown at `from` on a
 * path where every handler decision so far was certain: what `propagate(…).retries` would give first
 * among its definite hits of `type`, found by a walk that stops there and never follows a path once it
 * becomes uncertain (it never becomes certain again) or the error becomes another type (it comes back
 * only when `type` is one the walk itself produces, RETRY_EXHAUSTED or COMPOSITE_ROUTING), so it climbs
 * far less. Memoised with the full walks (and carried over edits the same way: see `carryPropagation`).
 */
export function firstDefiniteRetry(app: MuleApp, from: XmlElement, type: string): RetryHit | undefined {
  const walks = walksOf(app);
  let perEl = walks.get(from);
  if (!perEl) walks.set(from, (perEl = new Map()));
  const key = FIRST_RETRY + type;
  let p = perEl.get(key);
  if (!p) perEl.set(key, (p = new Walker(app, type).firstRetry(from)));
  return p.result.retries[0];
}

/** Prefixes the memo key of a `firstDefiniteRetry` walk (no error type starts with a NUL). */
const FIRST_RETRY = '\u0000first-retry ';

/**
 * Hands the walks of an earlier build of the app on to `next` where nothing they read changed: the
 * walk climbed through none of the removed flows and looked up none of the changed names. The earlier
 * build is discarded: its memo is trimmed in place and becomes `next`'s. Returns how many walks were kept.
 */
export function carryPropagation(prev: MuleApp, next: MuleApp, changes: FlowChanges): number {
  const walks = prev.memo.peek(WALKS);
  if (!walks) return 0;
  prev.memo.clear();
  let kept = 0;
  for (const [from, byType] of walks) {
    for (const [type, walk] of byType) {
      if (unaffected(walk, changes)) kept++;
      else byType.delete(type);
    }
    if (byType.size === 0) walks.delete(from);
  }
  next.memo.set(WALKS, walks);
  return kept;
}

function unaffected(walk: TrackedPropagation, changes: FlowChanges): boolean {
  for (const top of walk.tops) if (changes.removed.has(top)) return false;
  for (const name of walk.names) if (changes.names.has(name)) return false;
  return true;
}

/** The child of the document root that holds `el` (el itself when it is one). */
export function topLevelOf(el: XmlElement): XmlElement {
  let e = el;
  while (e.parent && e.parent.parent) e = e.parent;
  return e;
}

const RETRY_EXHAUSTED = 'MULE:RETRY_EXHAUSTED';
const COMPOSITE_ROUTING = 'MULE:COMPOSITE_ROUTING';
/** The types an error becomes on its way up (see `climb`). */
const WALK_TYPES: ReadonlySet<string> = new Set([RETRY_EXHAUSTED, COMPOSITE_ROUTING]);

/**
 * One walk. A large app walks every Salesforce operation's failures: the walk allocates little (the
 * states it has seen are bits per element, the names and tops it read are plain lists) so that a batch
 * run's garbage collector has less to copy.
 */
class Walker {
  private readonly result: Propagation = { unhandled: [], handlers: [], retries: [], unknown: [], callerless: [], truncated: false };
  /** Element → bits of the (type, matched, definite) states seen there; types numbered per walk. */
  private readonly seen = new Map<XmlElement, number>();
  /** The types seen, numbered by position. */
  private readonly types: string[] = [];
  private readonly tops: XmlElement[] = [];
  private readonly names: string[] = [];
  private states = 0;
  /** Set by `firstRetry`, once the retry it looks for is found. */
  private found: RetryHit | undefined;

  constructor(
    private readonly app: MuleApp,
    /** When given, only paths on which this type is still thrown with certainty are followed (see `firstDefiniteRetry`). */
    private readonly onlyDefinite?: string,
  ) {}

  run(from: XmlElement, type: string): TrackedPropagation {
    this.climb(from, { type, matched: false, definite: true, steps: null, visiting: null });
    return { result: this.result, tops: this.tops, names: this.names };
  }

  /** The walk of `firstDefiniteRetry`: its result lists the retry found, if any, and nothing else. */
  firstRetry(from: XmlElement): TrackedPropagation {
    this.climb(from, { type: this.onlyDefinite!, matched: false, definite: true, steps: null, visiting: null });
    const result: Propagation = {
      unhandled: [],
      handlers: [],
      retries: this.found ? [this.found] : [],
      unknown: [],
      callerless: [],
      truncated: this.result.truncated,
    };
    return { result, tops: this.tops, names: this.names };
  }

  /** Whether a path in state `s` is still worth following. */
  private follows(s: State): boolean {
    if (this.onlyDefinite === undefined) return true;
    return this.found === undefined && s.definite && (s.type === this.onlyDefinite || WALK_TYPES.has(this.onlyDefinite));
  }

  private mark(el: XmlElement, s: State): boolean {
    if (++this.states > MAX_STATES) {
      this.result.truncated = true;
      return false;
    }
    let id = this.types.indexOf(s.type);
    if (id < 0) id = this.types.push(s.type) - 1;
    const flags = (s.matched ? 2 : 0) + (s.definite ? 1 : 0);
    // A walk sees at most three types (the thrown one, RETRY_EXHAUSTED, COMPOSITE_ROUTING); should more
    // ever appear, their states go unrecorded and the state budget alone bounds the walk.
    if (id >= 7) return true;
    const bit = 1 << (id * 4 + flags);
    const bits = this.seen.get(el) ?? 0;
    if (bits & bit) return false;
    this.seen.set(el, bits | bit);
    return true;
  }

  /** The error leaves `cur`; find what deals with it. */
  private climb(from: XmlElement, state: State): void {
    if (!this.follows(state)) return;
    const top = topLevelOf(from);
    if (this.tops[this.tops.length - 1] !== top) this.tops.push(top);
    let cur = from;
    let s = state;
    for (;;) {
      const parent = cur.parent;
      if (!parent) return;
      if (parent.ns === NS.batch) {
        if (parent.local === 'step' || parent.local === 'aggregator' || parent.local === 'on-complete') return; // the batch job records the failed record
      }
      if (parent.ns !== NS.core) {
        cur = parent;
        continue;
      }
      switch (parent.local) {
        case 'try': {
          if (cur.ns === NS.core && cur.local === 'error-handler') {
            cur = parent; // thrown inside the try's own handler: it escapes the try
            continue;
          }
          if (!this.mark(parent, s)) return;
          const eh = firstChild(parent, 'error-handler', NS.core);
          const entries = eh ? handlerEntries(this.app, eh) : [];
          for (const next of this.tryHandlers(entries, s)) this.climb(parent, next);
          return;
        }
        case 'until-successful': {
          const hit: RetryHit = { scope: parent, type: s.type, definite: s.definite };
          this.result.retries.push(hit);
          if (this.onlyDefinite !== undefined && s.type === this.onlyDefinite) {
            this.found = hit; // paths are followed only while definite
            return;
          }
          s = withChanges(s, { type: RETRY_EXHAUSTED });
          if (!this.follows(s)) return;
          cur = parent;
          continue;
        }
        case 'scatter-gather':
        case 'parallel-foreach': {
          s = withChanges(s, { type: COMPOSITE_ROUTING });
          if (!this.follows(s)) return;
          cur = parent;
          continue;
        }
        case 'async':
          return; // errors inside async do not reach the caller
        case 'error-handler': {
          // Thrown inside an on-error body: the owner of the handler fails.
          const owner = parent.parent;
          if (owner && owner.ns === NS.core && owner.local === 'try') {
            cur = owner;
            continue;
          }
          const flow = owner ? this.flowFor(owner) : undefined;
          if (flow) this.leaveFlow(flow, s);
          return;
        }
        case 'flow':
        case 'sub-flow': {
          const flow = this.flowFor(parent);
          if (!flow) return;
          if (cur.ns === NS.core && cur.local === 'error-handler') {
            this.leaveFlow(flow, s);
            return;
          }
          if (!this.mark(parent, s)) return;
          if (flow.kind === 'sub-flow') {
            this.leaveFlow(flow, s);
            return;
          }
          const handler = flowHandler(this.app, flow);
          for (const next of this.tryHandlers(handler.entries, s)) this.leaveFlow(flow, next);
          return;
        }
        default:
          cur = parent;
      }
    }
  }

  private noteName(name: string): void {
    if (this.names[this.names.length - 1] !== name) this.names.push(name);
  }

  private flowFor(el: XmlElement): FlowModel | undefined {
    const flow = this.app.flowAt(el);
    if (flow) {
      this.noteName(flow.name);
      return flow;
    }
    // Not the flow registered under its name (a duplicate, or not a flow): the name was still looked up.
    const name = attr(el, 'name');
    if (name !== undefined) this.noteName(name);
    return undefined;
  }

  /**
   * Evaluates handlers in order and returns the states in which the error continues past the
   * owner (re-thrown by on-error-propagate, or not matched at all).
   */
  private tryHandlers(entries: readonly XmlElement[], s: State): State[] {
    const out: State[] = [];
    let definite = s.definite;
    for (const h of entries) {
      if (isUnknownEntry(h)) {
        // A handler the app does not define may catch anything: nothing is known past it on this path.
        this.result.unknown.push({ el: h, type: s.type });
        return out;
      }
      const m = matchOnError(this.app, h, s.type);
      if (m === 'no') continue;
      this.result.handlers.push({ onError: h, type: s.type, match: m });
      const propagates = h.local === 'on-error-propagate';
      if (propagates) out.push(withChanges(s, { matched: true, definite: definite && m === 'yes' }));
      if (m === 'yes') return out;
      definite = false;
    }
    out.push(withChanges(s, { definite }));
    return out;
  }

  private leaveFlow(flow: FlowModel, s: State): void {
    if (chainHas(s.visiting, flow.name) || !this.follows(s)) return;
    if (flow.source && !s.matched) {
      this.result.unhandled.push({ flowEl: flow.el, type: s.type, steps: chainToArray(s.steps) });
    }
    this.noteName(flow.name);
    const sites: readonly CallSite[] = this.app.callers.get(flow.name) ?? [];
    if (sites.length === 0) {
      if (!flow.source) this.result.callerless.push({ flowEl: flow.el, type: s.type });
      return;
    }
    const visiting: Chain<string> = { head: flow.name, rest: s.visiting };
    let climbed = false;
    for (const site of sites) {
      // A call site in a sub-flow that never runs is no way up.
      if (!site.caller || this.app.neverRuns(site.caller)) continue;
      climbed = true;
      this.climb(site.el, withChanges(s, { steps: { head: site.step, rest: s.steps }, visiting }));
    }
    if (!climbed && !flow.source) this.result.callerless.push({ flowEl: flow.el, type: s.type });
  }
}

/**
 * Whether `type` thrown at `from` reaches an until-successful on every path before anything else ends
 * it: no handler continues it first, it leaves no flow unhandled, and no path ends where the walk cannot
 * see (a handler the app does not define, a flow whose caller is unknown). The retry
 * runs the operation again, on a new connection when the failure was a connectivity error.
 */
export function retriedOnEveryPath(app: MuleApp, from: XmlElement, type: string): boolean {
  const p = propagate(app, from, type);
  if (p.truncated || !p.retries.some((r) => r.type === type)) return false;
  if (p.unhandled.some((u) => u.type === type) || p.unknown.some((u) => u.type === type) || p.callerless.some((c) => c.type === type)) return false;
  if (p.handlers.some((h) => h.type === type && h.onError.local === 'on-error-continue')) return false;
  return true;
}
