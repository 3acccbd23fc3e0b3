/**
 * Retry loops built from flow-refs: an error handler that runs (directly or through other flows)
 * the flow it belongs to, so the failed work starts again.
 */
import { attr } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp } from './app';
import { reachableFrom } from './call-graph';
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

const loopCache = new WeakMap<MuleApp, HandlerLoop[]>();

/** Every flow-ref inside an error handler that leads back to the handler's own flow (memoised per app). */
export function handlerLoops(app: MuleApp): HandlerLoop[] {
  const cached = loopCache.get(app);
  if (cached) return cached;
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
        if (target.name === owner.name || reachableFrom(app, target.name).has(owner.name)) out.push({ flowRef: site.el, onError, owner, target });
      }
    }
  }
  // Document order, as a walk of the flows would find them.
  out.sort((a, b) => (a.owner.file.path < b.owner.file.path ? -1 : a.owner.file.path > b.owner.file.path ? 1 : a.flowRef.start - b.flowRef.start));
  loopCache.set(app, out);
  return out;
}

function enclosingOnError(el: XmlElement, stop: XmlElement): XmlElement | undefined {
  for (let p = el.parent; p && p !== stop; p = p.parent) if (isOnError(p)) return p;
  return undefined;
}

const COUNTER = /\bvars\.|\battempt|\bretr(y|ies)|\bcount/i;

/**
 * A counter guard: the flow-ref only runs under a condition that looks at state (a `when` on the
 * handler or an enclosing choice branch), which is how a bounded retry is written by hand.
 */
export function isCounterGuarded(loop: HandlerLoop): boolean {
  if (COUNTER.test(attr(loop.onError, 'when') ?? '')) return true;
  for (let p = loop.flowRef.parent; p && p !== loop.onError; p = p.parent) {
    if (p.ns === NS.core && p.local === 'when' && COUNTER.test(attr(p, 'expression') ?? '')) return true;
  }
  return false;
}

/** Whether a handler catches every error (no type or ANY, and no `when`). */
export function catchesEverything(app: MuleApp, onError: XmlElement): boolean {
  if (attr(onError, 'when') !== undefined) return false;
  const t = attr(onError, 'type');
  if (t === undefined || t.trim() === '') return true;
  const values = app.props.expand(t);
  return values !== null && values.every((v) => v.split(',').some((x) => ['ANY', 'MULE:ANY', '*:*', 'MULE:*'].includes(x.trim())));
}
