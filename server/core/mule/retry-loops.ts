/**
 * Retry loops built from flow-refs: an error handler that runs (directly or through other flows)
 * the flow it belongs to, so the failed work starts again.
 */
import { memoKey } from '../project/memo';
import { attr, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp } from './app';
import { leadsTo } from './call-graph';
import { NS } from './namespaces';
import { isOnError } from './structure';

export interface HandlerLoop {
  readonly flowRef: XmlElement;
  readonly onError: XmlElement;
  /** The flow whose handler starts the loop. */
  readonly owner: FlowModel;
  /** The flow the flow-ref runs. */
  readonly target: FlowModel;
}

const LOOPS = memoKey<HandlerLoop[]>('retry loops through error handlers');

/** Every flow-ref inside an error handler that leads back to the handler's own flow (memoised per app). */
export function handlerLoops(app: MuleApp): HandlerLoop[] {
  return app.memo.get(LOOPS, () => findHandlerLoops(app));
}

function findHandlerLoops(app: MuleApp): HandlerLoop[] {
  const out: HandlerLoop[] = [];
  const seen = new Set<XmlElement>();
  for (const sites of app.callers.values()) {
    for (const site of sites) {
      const owner = site.caller;
      if (site.kind !== 'flow-ref' || !owner || seen.has(site.el)) continue;
      seen.add(site.el);
      const onError = enclosingOnError(site.el, owner.el);
      if (!onError) continue;
      for (const target of app.targetsOf(site.el)) {
        if (leadsTo(app, target.name, owner.name)) out.push({ flowRef: site.el, onError, owner, target });
      }
    }
  }
  // Document order, as a walk of the flows would find them.
  out.sort((a, b) => (a.owner.file.path < b.owner.file.path ? -1 : a.owner.file.path > b.owner.file.path ? 1 : a.flowRef.start - b.flowRef.start));
  return out;
}

/** The nearest error handler (`on-error-*`) around `el`, below `stop` (undefined: none). */
export function enclosingOnError(el: XmlElement, stop?: XmlElement): XmlElement | undefined {
  for (let p = el.parent; p && p !== stop; p = p.parent) if (isOnError(p)) return p;
  return undefined;
}

/** Names people give attempt counters; any `vars.` test counts too (a flag or counter the flow keeps). */
const COUNTER = /\bvars\.|\battempt|\bretr(y|ies)|\bcount|\btries\b/i;

/**
 * A counter guard: the flow-ref only runs under a condition that looks at state, which is how a bounded
 * retry is written by hand. Recognised where people put it: a `when` on the handler; an enclosing `when`
 * branch that tests a counter; or the `otherwise` of a `choice` one of whose `when` branches tests a
 * counter and stops (raises an error, or does not run the loop again). A counter is a variable, a value
 * read from an object store (`os:retrieve`, into a variable or the payload), or anything named like one.
 */
export function isCounterGuarded(app: MuleApp, loop: HandlerLoop): boolean {
  const counters = storeCounters(loop.onError);
  const testsCounter = (expression: string | undefined): boolean => {
    if (!expression) return false;
    if (COUNTER.test(expression)) return true;
    if (counters.payload && /\bpayload\b/.test(expression)) return true;
    return false;
  };
  if (testsCounter(attr(loop.onError, 'when'))) return true;
  for (let p = loop.flowRef.parent; p && p !== loop.onError; p = p.parent) {
    if (p.ns !== NS.core) continue;
    if (p.local === 'when' && testsCounter(attr(p, 'expression'))) return true;
    if (p.local === 'otherwise' && p.parent) {
      for (const branch of p.parent.children) {
        if (branch.ns === NS.core && branch.local === 'when' && testsCounter(attr(branch, 'expression')) && !runsLoop(app, branch, loop)) return true;
      }
    }
  }
  return false;
}

/** What the handler reads from an object store before it decides: a counter kept there. */
function storeCounters(onError: XmlElement): { payload: boolean } {
  let payload = false;
  walk(onError, (el) => {
    if (el.ns === NS.os && el.local === 'retrieve' && attr(el, 'target') === undefined) payload = true;
    return undefined;
  });
  return { payload };
}

/** Whether a branch runs the loop again (a flow-ref to the loop's target or anything leading back). */
function runsLoop(app: MuleApp, branch: XmlElement, loop: HandlerLoop): boolean {
  let again = false;
  walk(branch, (el) => {
    if (again) return false;
    if (el.ns === NS.core && el.local === 'flow-ref') {
      for (const t of app.targetsOf(el)) if (leadsTo(app, t.name, loop.owner.name)) again = true;
    }
    return undefined;
  });
  return again;
}

/** Whether a handler catches every error (no type or ANY, and no `when`). */
export function catchesEverything(app: MuleApp, onError: XmlElement): boolean {
  if (attr(onError, 'when') !== undefined) return false;
  const t = attr(onError, 'type');
  if (t === undefined || t.trim() === '') return true;
  const values = app.props.expand(t);
  return values !== null && values.every((v) => v.split(',').some((x) => ['ANY', 'MULE:ANY', '*:*', 'MULE:*'].includes(x.trim())));
}
