/**
 * What changed in a Mule app between two builds of its model, when an editor changed flows only:
 * the model is rebuilt on every keystroke, and what it derived from the other flows (error
 * propagation, the costly part) can be kept when it did not depend on the changed ones.
 */
import { attr, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { MuleApp } from './app';
import { NS } from './namespaces';

export interface FlowChanges {
  /** The flows and sub-flows of the earlier build that are gone (replaced by edited versions). */
  readonly removed: ReadonlySet<XmlElement>;
  /**
   * Flow names whose lookups may give another answer now: the names of the changed flows (before and
   * after) and every flow they call (before and after), whose callers changed.
   */
  readonly names: ReadonlySet<string>;
}

/**
 * The flows changed between `prev` and `next`, or undefined when anything else changed: another
 * top-level element (configurations, global handlers, properties), or the files themselves.
 * Top-level elements are compared by identity: a file edited in place keeps every element the edit
 * did not touch (`xml/incremental.ts`); a file parsed again has all new ones.
 */
export function flowChanges(prev: MuleApp, next: MuleApp): FlowChanges | undefined {
  if (prev.files.length !== next.files.length) return undefined;
  const removed = new Set<XmlElement>();
  const added: XmlElement[] = [];
  for (let i = 0; i < next.files.length; i++) {
    const path = next.files[i].path;
    if (prev.files[i].path !== path) return undefined;
    const before = prev.topLevelOf(path);
    const now = next.topLevelOf(path);
    if (!before || !now || before.length !== now.length) return undefined;
    for (let j = 0; j < now.length; j++) {
      if (before[j] === now[j]) continue;
      if (!isFlow(before[j]) || !isFlow(now[j])) return undefined;
      removed.add(before[j]);
      added.push(now[j]);
    }
  }
  const names = new Set<string>();
  const note = (app: MuleApp, flow: XmlElement): void => {
    const name = attr(flow, 'name');
    if (name !== undefined) names.add(name);
    walk(flow, (el) => {
      if ((el.ns === NS.core && el.local === 'flow-ref') || (el.ns === NS.apikit && el.local === 'router')) {
        for (const target of app.targetsOf(el)) names.add(target.name);
      }
    });
  };
  for (const flow of removed) note(prev, flow);
  for (const flow of added) note(next, flow);
  return { removed, names };
}

function isFlow(el: XmlElement): boolean {
  return el.ns === NS.core && (el.local === 'flow' || el.local === 'sub-flow');
}
