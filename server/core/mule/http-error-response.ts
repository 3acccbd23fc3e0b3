/**
 * Whether an `on-error-continue` tells an HTTP caller that the call failed: the listener's response takes
 * its status from a variable the handler (or what follows its `try`) sets to an error status, with the
 * error in the payload. Then the failure is answered, not swallowed.
 */
import { attr, firstChild, textOf, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp } from './app';
import { entryPaths } from './call-graph';
import { NS } from './namespaces';
import { flowHandler, handlerEntries } from './propagation';
import { isHttpListener } from './structure';

/**
 * Whether an `on-error-continue` answers an HTTP caller with an error: every flow whose response it
 * shapes is started by an HTTP listener whose success response takes its `statusCode` from a variable,
 * and the handler (or a flow it calls) sets that variable to an error status (400 or above, or an
 * expression we cannot evaluate) and puts the error into the payload. Then the caller is told; nothing
 * is swallowed. A handler that only sets a payload, or answers 200, still hides the failure.
 */
export function answersHttpError(app: MuleApp, onError: XmlElement): boolean {
  const listeners = respondingListeners(app, onError);
  if (!listeners || listeners.length === 0) return false;
  const effects = responseEffects(app, onError, 0, new Set());
  // A try's on-error-continue hands the response to what follows the try: that may answer with an error.
  for (const el of followingProcessors(onError)) {
    const more = responseEffects(app, el, 0, new Set(), true);
    for (const v of more.errorStatusVars) effects.errorStatusVars.add(v);
    if (more.errorPayload) effects.errorPayload = true;
  }
  if (!effects.errorPayload || effects.errorStatusVars.size === 0) return false;
  return listeners.every((l) => {
    const status = statusCodeOf(l);
    return status !== undefined && [...effects.errorStatusVars].some((v) => readsVariable(status, v));
  });
}

/** The HTTP listeners whose response the handler's result becomes, or undefined when some source is not one. */
function respondingListeners(app: MuleApp, onError: XmlElement): XmlElement[] | undefined {
  const owners = ownerFlows(app, onError);
  const out: XmlElement[] = [];
  for (const owner of owners) {
    const entries = entryPaths(app, owner);
    if (entries.length === 0) return undefined;
    for (const e of entries) {
      if (!e.entry.source || !isHttpListener(e.entry.source)) return undefined;
      out.push(e.entry.source);
    }
  }
  return out;
}

/** The flows an on-error belongs to: its own flow, or every flow that uses the global handler it is in. */
function ownerFlows(app: MuleApp, onError: XmlElement): FlowModel[] {
  const own = app.flowOf(onError);
  if (own) return [own];
  const out: FlowModel[] = [];
  for (const flow of app.flows.values()) {
    if (flow.kind !== 'flow') continue;
    let uses = flowHandler(app, flow).entries.includes(onError);
    if (!uses) {
      walk(flow.el, (el) => {
        if (uses) return false;
        if (el.ns === NS.core && el.local === 'error-handler' && el.parent !== flow.el && handlerEntries(app, el).includes(onError)) uses = true;
        return undefined;
      });
    }
    if (uses) out.push(flow);
  }
  return out;
}

interface ResponseEffects {
  /** Variables set to an error status (or to a value we cannot evaluate). */
  readonly errorStatusVars: Set<string>;
  errorPayload: boolean;
}

/**
 * The processors that run after the `try` an on-error-continue belongs to: its following siblings, then
 * those of each enclosing scope up to the flow. Empty for a flow's own handler (nothing follows it).
 */
function followingProcessors(onError: XmlElement): XmlElement[] {
  const handler = onError.parent;
  const owner = handler?.parent;
  if (!owner || owner.ns !== NS.core || owner.local !== 'try') return [];
  const out: XmlElement[] = [];
  for (let cur: XmlElement = owner; cur.parent; cur = cur.parent) {
    const parent = cur.parent;
    // The other branches of a router are alternatives, not what follows.
    const branch = cur.ns === NS.core && (cur.local === 'when' || cur.local === 'otherwise' || cur.local === 'route');
    if (!branch) {
      const siblings = parent.children;
      for (let i = siblings.indexOf(cur) + 1; i < siblings.length; i++) {
        if (!(siblings[i].ns === NS.core && siblings[i].local === 'error-handler')) out.push(siblings[i]);
      }
    }
    if (parent.ns === NS.core && (parent.local === 'flow' || parent.local === 'sub-flow')) break;
  }
  return out;
}

function responseEffects(app: MuleApp, body: XmlElement, depth: number, seen: Set<string>, includeSelf = false): ResponseEffects {
  const out: ResponseEffects = { errorStatusVars: new Set(), errorPayload: false };
  const text = app.fileOf(body)?.text ?? '';
  walk(body, (el) => {
    if (el === body && !includeSelf) return undefined;
    if (el.ns === NS.core && el.local === 'set-variable') {
      const name = attr(el, 'variableName');
      if (name && isErrorStatus(attr(el, 'value') ?? '')) out.errorStatusVars.add(name);
      return false;
    }
    if (el.ns === NS.core && el.local === 'set-payload') {
      if (MENTIONS_ERROR_ANY_CASE.test(attr(el, 'value') ?? '')) out.errorPayload = true;
      return false;
    }
    if (el.ns === NS.ee && el.local === 'set-variable') {
      const name = attr(el, 'variableName');
      if (name && isErrorStatus(attr(el, 'resource') !== undefined ? '#[unknown]' : textOf(text, el))) out.errorStatusVars.add(name);
      return false;
    }
    if (el.ns === NS.ee && el.local === 'set-payload') {
      if (attr(el, 'resource') !== undefined || MENTIONS_ERROR_ANY_CASE.test(textOf(text, el))) out.errorPayload = true;
      return false;
    }
    if (el.ns === NS.core && el.local === 'flow-ref' && depth < 6) {
      for (const target of app.targetsOf(el)) {
        if (seen.has(target.name)) continue;
        seen.add(target.name);
        const inner = responseEffects(app, target.el, depth + 1, seen);
        for (const v of inner.errorStatusVars) out.errorStatusVars.add(v);
        if (inner.errorPayload) out.errorPayload = true;
      }
      return false;
    }
    return undefined;
  });
  return out;
}

const MENTIONS_ERROR_ANY_CASE = /\berror/i;

/** A status value that is an HTTP error: a number of 400 or more, or an expression we cannot evaluate. */
function isErrorStatus(value: string): boolean {
  const v = value
    .trim()
    .replace(/^#\[\s*/, '')
    .replace(/\s*\]$/, '')
    .trim();
  if (/^\d+$/.test(v)) return Number(v) >= 400;
  const numbers = v.match(/\b[1-5]\d\d\b/g);
  if (numbers) return numbers.some((n) => Number(n) >= 400);
  return v !== '';
}

function statusCodeOf(listener: XmlElement): string | undefined {
  const response = firstChild(listener, 'response', NS.http);
  return response ? attr(response, 'statusCode') : undefined;
}

function readsVariable(expression: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\bvars\\s*(?:\\.\\s*"?${escaped}"?\\b|\\[\\s*['"]${escaped}['"]\\s*\\])`).test(expression);
}

/** What a listener's own `<http:error-response>` answers with: its `statusCode` and `<http:body>` as written. */
export interface ListenerErrorResponse {
  readonly el: XmlElement;
  /** The status expression, or undefined when the element sets none (500). */
  readonly status: string | undefined;
  /** The body expression, or undefined when it sets none (the error description). */
  readonly body: string | undefined;
}

/**
 * The `<http:error-response>` of an HTTP listener, or undefined when it has none and MuleSoft's default
 * applies: status 500 with the error description as the body.
 */
export function listenerErrorResponse(text: string, listener: XmlElement): ListenerErrorResponse | undefined {
  const el = firstChild(listener, 'error-response', NS.http);
  if (!el) return undefined;
  const body = firstChild(el, 'body', NS.http);
  const bodyText = body ? textOf(text, body).trim() : '';
  return { el, status: attr(el, 'statusCode'), body: bodyText || undefined };
}
