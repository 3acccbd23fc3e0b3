import { flowElementOf, type MuleApp } from '../../../mule/app';
import { mapOperationError, propagate } from '../../../mule/propagation';
import { salesforceRequests, type SalesforceApi, type SalesforceRequest } from '../../../mule/salesforce-http';
import { isLogin } from '../../../mule/salesforce-logins';
import { RefreshIndex, statusAccepted } from '../../../mule/token-refresh';
import { VariableIndex, type CachedOrigin } from '../../../mule/token-source';
import { attr } from '../../../xml/dom';
import type { XmlElement } from '../../../xml/types';
import { msg, prose } from '../../message';
import { muleRule, type ReportRelated, type RuleContext } from '../../rule';
import { tagRange } from '../../ranges';

/**
 * How each API reports a rejected session: REST and Apex REST with 401, SOAP with 500 (sf:INVALID_SESSION_ID),
 * Bulk API 1.0 with 400 (InvalidSessionId); the HTTP connector's default validator throws the matching type.
 */
const FAILURE: Record<Exclude<SalesforceApi, 'oauth'>, { type: string; status: number }> = {
  rest: { type: 'HTTP:UNAUTHORIZED', status: 401 },
  apex: { type: 'HTTP:UNAUTHORIZED', status: 401 },
  soap: { type: 'HTTP:INTERNAL_SERVER_ERROR', status: 500 },
  async: { type: 'HTTP:BAD_REQUEST', status: 400 },
};

/**
 * How long the failures last, by where the token comes from: an object store keeps it until the entry is replaced
 * or its time to live runs out (the default store, and any declared persistent, survive a restart: Object Store
 * Connector, "Use the Default Object Store"); a cache scope until its entry expires or is invalidated; a property
 * until it is given a new token and the app is deployed again.
 */
const UNTIL: Record<CachedOrigin['kind'], string> = {
  'object store': 'until the stored token is replaced or its entry expires (a persistent store, the default, keeps it across restarts)',
  'cache scope': 'until the cached entry expires or is invalidated',
  property: 'until the property holds a new token and the app is deployed again',
};

const ORIGIN_WORDS: Record<CachedOrigin['kind'], string> = {
  'object store': 'read from an object store',
  'cache scope': 'reused from a cache scope',
  property: 'taken from a property',
};

export default muleRule(
  {
    id: 'mule/salesforce-http-without-reauth',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'An HTTP request to a Salesforce API that sends a cached token (object store, cache scope, property) whose rejection (401; SOAP 500; Bulk API 1.0 400) reaches no error handler that logs in again and retries a bounded number of times.',
  },
  (app, ctx) => {
    const requests = salesforceRequests(app);
    const logins = new Set(requests.filter((r) => isLogin(app, r)).map((r) => r.el));
    // (The OAuth endpoints are logins, not calls that send a token.)
    const calls = requests.filter((r): r is SalesforceRequest & { api: Exclude<SalesforceApi, 'oauth'> } => r.api !== 'oauth' && !logins.has(r.el));
    if (calls.length === 0) return; // most apps: nothing to index
    const vars = new VariableIndex(app);
    const refresh = new RefreshIndex(app, logins, new Set(calls.map((c) => c.el)));
    for (const req of calls) {
      // A request in a sub-flow nothing calls never runs; nor does one in a second flow of the same name (the app
      // does not deploy: global names are unique).
      if (req.flow ? app.neverRuns(req.flow) : flowElementOf(req.el) !== undefined) continue;
      if (refresh.isRetryAfterRefresh(req.el)) continue;
      const failure = FAILURE[req.api];
      if (statusAccepted(app, req.el, req.config, failure.status)) continue;
      const source = vars.tokenSourceOf(req);
      if (!source) continue; // a fresh token (a login in the same message), one the caller sent, or unknown
      const p = propagate(app, req.el, mapOperationError(app, req.el, failure.type));
      // A handler the app does not define may recover: unknown, silent.
      if (p.truncated || p.unknown.length > 0) continue;
      // A flow with no source and no caller (run by `lookup()`, a test…) may recover in its unknown caller, but the
      // paths the app shows still fail: silent only when no such path is known. (The walk never climbs into a sub-flow
      // that never runs.)
      const unknownCallers = new Set(p.callerless.map((c) => c.flowEl));
      if (unknownCallers.size > 0 && p.unhandled.length === 0 && !p.handlers.some((h) => !inFlows(app, h.onError, unknownCallers))) continue;
      const retried = p.retries.length > 0;
      let recovered = false;
      let loop: XmlElement | undefined;
      const handlers: { el: XmlElement; type: string }[] = [];
      for (const h of p.handlers) {
        if (handlers.some((x) => x.el === h.onError)) continue;
        handlers.push({ el: h.onError, type: h.type });
        const r = refresh.recovery(h.onError, req.flow?.name, retried);
        if (r.kind === 'bounded') recovered = true;
        else if (r.kind === 'unbounded') loop ??= r.loop;
      }
      if (recovered) continue;
      report(
        app,
        ctx,
        req,
        failure,
        source.cached,
        source.use.el,
        handlers,
        loop,
        p.unhandled.length > 0 ? app.flowAt(p.unhandled[0].flowEl)?.name : undefined,
      );
    }
  },
);

function report(
  app: MuleApp,
  ctx: RuleContext,
  req: SalesforceRequest,
  failure: { type: string; status: number },
  cached: readonly CachedOrigin[],
  use: XmlElement,
  /** The handlers reached, with the type the error has there (an until-successful makes it MULE:RETRY_EXHAUSTED). */
  handlers: readonly { el: XmlElement; type: string }[],
  loop: XmlElement | undefined,
  escapes: string | undefined,
): void {
  const method = attr(req.el, 'method') ?? 'GET';
  const kinds = [...new Set(cached.map((c) => ORIGIN_WORDS[c.kind]))].join(' or ');
  const origins = [...new Set(cached.map((c) => c.kind))];
  const until = origins.length === 1 ? UNTIL[origins[0]] : 'until the cached token is replaced';
  const rejection =
    req.api === 'soap'
      ? prose('SOAP reports an expired session as 500')
      : req.api === 'async'
        ? prose('Bulk API 1.0 reports it as 400')
        : prose('it is rejected with 401');
  let fate: string;
  if (loop)
    fate = prose(
      'an error handler logs in again but calls again through a flow-ref loop with no counter: a token Salesforce keeps rejecting (revoked app, frozen user) loops for good',
    );
  else if (handlers.length > 0) {
    const caught = [...new Set(handlers.map((h) => h.type))].join(' or ');
    fate = msg`${handlers.length} error handler${handlers.length === 1 ? ' catches' : 's catch'} ${caught}, but none gets a new token and calls again`;
  } else if (escapes) fate = msg`no error handler catches ${failure.type}: it escapes flow '${escapes}'`;
  else fate = msg`no error handler catches ${failure.type}`;
  const related: ReportRelated[] = [];
  for (const c of cached.slice(0, 3)) {
    const f = app.fileOf(c.el);
    if (f) related.push({ path: f.path, start: c.el.start, end: c.el.nameEnd, message: msg`the token is ${prose(ORIGIN_WORDS[c.kind])} here` });
  }
  const useFile = app.fileOf(use);
  if (use !== req.el && useFile) related.push({ path: useFile.path, start: use.start, end: use.nameEnd, message: 'the token is sent here' });
  for (const h of handlers.slice(0, 3)) {
    const f = app.fileOf(h.el);
    if (f) related.push({ path: f.path, start: h.el.start, end: h.el.nameEnd, message: msg`catches ${h.type} without logging in again` });
  }
  ctx.report({
    path: req.file.path,
    ...tagRange(req.el),
    message: loop
      ? msg`This request to Salesforce (${method} ${req.path}) loops for good on a token Salesforce keeps rejecting: its re-login loop has no counter`
      : msg`This request to Salesforce (${method} ${req.path}) fails on every call once its cached token expires or is revoked`,
    detail: msg`It sends a token ${prose(kinds)}. When that token expires or is revoked, ${rejection} (${failure.type}), and ${fate}. Every call then fails ${prose(until)}. Catch ${failure.type} around the call, log in, store the new token and call once more.`,
    related,
  });
}

/**
 * Whether a handler may belong to a path through a flow whose caller is unknown: it sits in one of those flows, or
 * in a global error handler (which any flow may reference, those included).
 */
function inFlows(app: MuleApp, el: XmlElement, flows: ReadonlySet<XmlElement>): boolean {
  const f = app.flowOf(el);
  return f === undefined || flows.has(f.el);
}
