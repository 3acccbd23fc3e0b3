/**
 * Whether an error handler recovers from a rejected Salesforce token: it obtains a new token (runs a login,
 * directly or through flow-ref, or removes the cached token from its object store so the next attempt
 * logs in) and then runs the call again — a second request in the handler after the login, a flow-ref to
 * the flow that makes the call, or an `until-successful` around the failing call that the error reaches.
 * A flow-ref that leads back to the handler's own flow is a loop: bounded only with a counter guard
 * (`retry-loops.ts`). Also whether a response validator keeps a status from being an error at all.
 */
import { attr, firstChild, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { MuleApp } from './app';
import { leadsTo, reachableFrom } from './call-graph';
import { NS } from './namespaces';
import { enclosingOnError, handlerLoops, isCounterGuarded } from './retry-loops';

export type Recovery = { readonly kind: 'bounded' } | { readonly kind: 'unbounded'; readonly loop: XmlElement } | { readonly kind: 'none' };

export class RefreshIndex {
  /** Flows that log in themselves or through the flows they call. */
  private readonly loggingIn = new Set<string>();

  constructor(
    private readonly app: MuleApp,
    /** Requests that log in. */
    private readonly logins: ReadonlySet<XmlElement>,
    /** Salesforce API requests (not logins). */
    private readonly calls: ReadonlySet<XmlElement>,
  ) {
    const direct = new Set<string>();
    for (const el of logins) {
      const f = app.flowOf(el);
      if (f) direct.add(f.name);
    }
    if (!direct.size) return; // no flow logs in: nothing to look for
    for (const name of app.flows.keys()) {
      if (direct.has(name)) this.loggingIn.add(name);
      else for (const callee of reachableFrom(app, name)) if (direct.has(callee)) this.loggingIn.add(name);
    }
  }

  /** Whether `el` obtains a new token: a login, a flow-ref to a flow that logs in, or removing a stored token. */
  private refreshes(el: XmlElement): boolean {
    if (this.logins.has(el)) return true;
    if (el.ns === NS.os && (el.local === 'remove' || el.local === 'clear')) return true;
    if (el.ns === NS.core && el.local === 'flow-ref') return this.app.targetsOf(el).some((t) => this.loggingIn.has(t.name));
    return false;
  }

  /** Whether a flow-ref runs the flow that makes the call (`callFlow`) again. */
  private rerunsFlow(el: XmlElement, callFlow: string | undefined): boolean {
    if (!callFlow || el.ns !== NS.core || el.local !== 'flow-ref') return false;
    return this.app.targetsOf(el).some((t) => leadsTo(this.app, t.name, callFlow));
  }

  /**
   * What a handler the rejected token reaches does about it. `callFlow` is the flow of the failing call;
   * `retriedByScope` says an until-successful retries the failure on its way up.
   */
  recovery(onError: XmlElement, callFlow: string | undefined, retriedByScope: boolean): Recovery {
    let refreshed = false;
    let result: Recovery | undefined;
    walk(onError, (el) => {
      if (result) return false;
      if (el === onError) return undefined;
      const refresh = this.refreshes(el);
      if ((refreshed || refresh) && (this.calls.has(el) || this.rerunsFlow(el, callFlow))) {
        result = this.boundOf(el);
        return false;
      }
      if (refresh) refreshed = true;
      return undefined;
    });
    if (result) return result;
    if (refreshed && retriedByScope && onError.local === 'on-error-propagate') return { kind: 'bounded' };
    return { kind: 'none' };
  }

  /** A re-run inside a handler is bounded unless it is a flow-ref loop back to the handler's flow without a counter. */
  private boundOf(el: XmlElement): Recovery {
    const loop = handlerLoops(this.app).find((l) => l.flowRef === el);
    if (loop && !isCounterGuarded(this.app, loop)) return { kind: 'unbounded', loop: el };
    return { kind: 'bounded' };
  }

  /** Whether `req` is itself the retry: it runs in an error handler after the handler obtained a new token. */
  isRetryAfterRefresh(req: XmlElement): boolean {
    const onError = enclosingOnError(req);
    if (!onError) return false;
    let refreshed = false;
    walk(onError, (el) => {
      if (refreshed || el.start >= req.start) return false;
      if (el !== onError && this.refreshes(el)) refreshed = true;
      return undefined;
    });
    return refreshed;
  }
}

/**
 * Whether a response with `status` is not an error for this request: a response validator on the request
 * (or its configuration) lists it as a success, or lists failures without it. The default validator
 * throws for 400 and above (HTTP Connector reference, Configure Response Validator). A validator whose
 * values cannot be read is taken to accept it (the app checks the status itself: unknown).
 */
export function statusAccepted(app: MuleApp, req: XmlElement, config: XmlElement | undefined, status: number): boolean {
  const validator = firstChild(req, 'response-validator', NS.http) ?? (config ? firstChild(config, 'response-validator', NS.http) : undefined);
  if (!validator) return false;
  const success = firstChild(validator, 'success-status-code-validator', NS.http);
  const failure = firstChild(validator, 'failure-status-code-validator', NS.http);
  const check = success ?? failure;
  if (!check) return true;
  const values = app.props.single(attr(check, 'values') ?? '');
  if (values === null || values.includes('#[')) return true;
  const listed = values.split(',').some((v) => {
    const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+))?\s*$/.exec(v);
    if (!m) return false;
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    return status >= lo && status <= hi;
  });
  return success ? listed : !listed;
}
