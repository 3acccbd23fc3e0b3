/**
 * What an error handler's body does with a failure: does it log it, raise it, route it somewhere,
 * or store it for later? Used to tell a deliberate on-error-continue from silent data loss.
 */
import { attr, textOf, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { MuleApp } from './app';
import { LOCAL_NAMESPACES, NS } from './namespaces';

const MENTIONS_ERROR = /\berror\b/;

export interface Disposition {
  readonly kind: 'logs' | 'raises' | 'routes' | 'stores';
  readonly el: XmlElement;
}

/** The first thing in `body` (or the flows it calls) that keeps the failure visible, if any. */
export function dispositionOf(app: MuleApp, body: XmlElement, depth = 0, seen = new Set<string>()): Disposition | undefined {
  let found: Disposition | undefined;
  walk(body, (el) => {
    if (found) return false;
    if (el === body) return undefined;
    if (el.ns === NS.core) {
      switch (el.local) {
        case 'logger': {
          const level = (attr(el, 'level') ?? 'INFO').toUpperCase();
          if (level !== 'DEBUG' && level !== 'TRACE') found = { kind: 'logs', el };
          return false;
        }
        case 'raise-error':
          found = { kind: 'raises', el };
          return false;
        case 'set-variable':
          if (MENTIONS_ERROR.test(attr(el, 'value') ?? '')) found = { kind: 'stores', el };
          return false;
        case 'flow-ref': {
          const name = attr(el, 'name') ?? '';
          if (name.includes('#[')) {
            found = { kind: 'routes', el }; // dynamic target: give it the benefit of the doubt
            return false;
          }
          const targets = app.targetsOf(el);
          if (targets.length === 0) {
            found = { kind: 'routes', el }; // a flow the app does not define (an imported library): unknown
            return false;
          }
          if (depth < 6) {
            for (const target of targets) {
              if (seen.has(target.name)) continue;
              seen.add(target.name);
              if (dispositionOf(app, target.el, depth + 1, seen)) {
                found = { kind: 'routes', el };
                break;
              }
            }
          }
          return false;
        }
        default:
          return undefined;
      }
    }
    if (el.ns === NS.ee && el.local === 'set-variable') {
      if (MENTIONS_ERROR.test(textOf(app.fileOf(el)?.text ?? '', el))) found = { kind: 'stores', el };
      return false;
    }
    if (el.ns === NS.validation) {
      found = { kind: 'raises', el };
      return false;
    }
    if (!LOCAL_NAMESPACES.has(el.ns) && el.ns !== NS.batch) {
      found = { kind: 'routes', el }; // a connector operation: publishes, stores, sends or calls out
      return false;
    }
    return undefined;
  });
  return found;
}
