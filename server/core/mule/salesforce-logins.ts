/**
 * Logins to Salesforce over HTTP: a request for an OAuth token (`/services/oauth2/token`, any grant) or a
 * SOAP `login()` call (`/services/Soap/…` whose envelope holds a `login` element, or whose SOAPAction is
 * login). Both count against the user's login rate (SOAP API Developer Guide, login(): "login() calls
 * count toward your login rate limit").
 */
import type { MuleApp } from './app';
import { objectPairs, xmlLiteralPairs } from './expression-text';
import { requestParts, type RequestPart } from './http-request-parts';
import type { SalesforceRequest } from './salesforce-http';

/** Whether a SOAP request's envelope (or its SOAPAction header) is a `login` call. */
export function isSoapLogin(app: MuleApp, req: SalesforceRequest): boolean {
  if (req.api !== 'soap') return false;
  return requestParts(app, req.el, req.file, req.config).some((p) => soapLoginIn(p));
}

function soapLoginIn(p: RequestPart): boolean {
  const t = p.source.text;
  if (p.kind === 'body' || p.kind === 'payload') {
    if (/<\s*(?:[\w.-]+:)?login[\s>/]/.test(t)) return true;
    if (p.expression && objectPairs(t).some((x) => x.key === 'login')) return true;
    return xmlLiteralPairs(t).some((x) => x.key === 'login');
  }
  if (p.kind === 'headers' || p.kind === 'default-header') {
    if (p.kind === 'default-header') return /^soapaction$/i.test(p.key ?? '') && /\blogin\b/i.test(t);
    return objectPairs(t).some((x) => /^soapaction$/i.test(x.key) && /\blogin\b/i.test(x.value));
  }
  return false;
}

/** A request that logs in: an OAuth token request or a SOAP login. */
export function isLogin(app: MuleApp, req: SalesforceRequest): boolean {
  return req.token || isSoapLogin(app, req);
}
