/** Questions about who calls whom in a Mule app, answered once per app and cached. */
import { memoKey } from '../project/memo';
import { walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp } from './app';
import { NS } from './namespaces';
import { isOperationName } from './operations';

interface Graph {
  /** Flow name → flow names it runs (flow-ref, APIkit router), anywhere in its body or handlers. */
  readonly callees: Map<string, Set<string>>;
  /** Flows that run a real Salesforce operation themselves or through their callees. */
  readonly reachesSalesforce: Set<string>;
}

const GRAPH = memoKey<Graph>('call graph');

function graphOf(app: MuleApp): Graph {
  return app.memo.get(GRAPH, () => buildGraph(app));
}

function buildGraph(app: MuleApp): Graph {
  const callees = new Map<string, Set<string>>();
  const direct = new Set<string>();
  for (const flow of app.flows.values()) callees.set(flow.name, new Set());
  // The app's call sites already know their containing flow and targets.
  for (const [target, sites] of app.callers) for (const site of sites) if (site.caller) callees.get(site.caller.name)?.add(target);
  for (const op of app.operations) if (op.flow && isOperationName(op.el.local)) direct.add(op.flow.name);
  const reachesSalesforce = new Set(direct);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, set] of callees) {
      if (reachesSalesforce.has(name)) continue;
      for (const c of set) {
        if (reachesSalesforce.has(c)) {
          reachesSalesforce.add(name);
          changed = true;
          break;
        }
      }
    }
  }
  return { callees, reachesSalesforce };
}

/** Whether calling flow `target` runs flow `name`: it is `name`, or `name` is reachable from it. */
export function leadsTo(app: MuleApp, target: string, name: string): boolean {
  return target === name || reachableFrom(app, target).has(name);
}

/** Flows reachable from `name` through calls (not including `name` unless it is on a cycle). */
export function reachableFrom(app: MuleApp, name: string): Set<string> {
  const { callees } = graphOf(app);
  const out = new Set<string>();
  const queue = [...(callees.get(name) ?? [])];
  while (queue.length) {
    const n = queue.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    for (const c of callees.get(n) ?? []) queue.push(c);
  }
  return out;
}

/** Whether `el`'s subtree runs a real Salesforce operation, directly or through flow-refs. */
export function subtreeReachesSalesforce(app: MuleApp, el: XmlElement): boolean {
  const g = graphOf(app);
  let found = false;
  walk(el, (e) => {
    if (found) return false;
    if (e.ns === NS.salesforce && isOperationName(e.local)) found = true;
    else if ((e.ns === NS.core && e.local === 'flow-ref') || (e.ns === NS.apikit && e.local === 'router')) {
      if (app.targetsOf(e).some((t) => g.reachesSalesforce.has(t.name))) found = true;
    }
    return undefined;
  });
  return found;
}

export function flowReachesSalesforce(app: MuleApp, name: string): boolean {
  return graphOf(app).reachesSalesforce.has(name);
}

export interface EntryPath {
  /** The flow whose message source starts the run. */
  readonly entry: FlowModel;
  /** Call sites from the entry flow down to the flow that was asked about (outermost first). */
  readonly sites: readonly { el: XmlElement; caller: FlowModel }[];
}

/**
 * Every flow with a message source that eventually runs `flow`, with one call path each. `from`: the
 * element of `flow` the question is about; `skip(at, f)`: whether the path stops at `at` (an element of
 * flow `f`: the starting element, then each call site), as when a guard around it keeps it from running.
 */
export function entryPaths(app: MuleApp, flow: FlowModel, opts: { from?: XmlElement; skip?: (at: XmlElement, flow: FlowModel) => boolean } = {}): EntryPath[] {
  const out: EntryPath[] = [];
  const seen = new Set<string>();
  const queue: { flow: FlowModel; at: XmlElement; sites: { el: XmlElement; caller: FlowModel }[] }[] = [{ flow, at: opts.from ?? flow.el, sites: [] }];
  while (queue.length) {
    const { flow: f, at, sites } = queue.shift()!;
    // Skipped before it is marked seen: another, unguarded path may still reach the same flow.
    if (opts.skip?.(at, f) || seen.has(f.name)) continue;
    seen.add(f.name);
    if (f.source) out.push({ entry: f, sites });
    for (const site of app.callers.get(f.name) ?? []) {
      if (site.caller) queue.push({ flow: site.caller, at: site.el, sites: [{ el: site.el, caller: site.caller }, ...sites] });
    }
  }
  return out;
}
