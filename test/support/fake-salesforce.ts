/**
 * A local stand-in for a Salesforce org on 127.0.0.1, answering the endpoints a probe calls the way
 * the real ones do: userinfo (403 text/plain `Bad_OAuth_Token` for a bad token), the REST API root
 * (401 `INVALID_SESSION_ID` JSON), SOQL queries on Organization, User, UserLogin and LoginHistory,
 * and limits. Scenarios are plain data, so each test states the org it probes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  readonly Id: string;
  readonly Username: string;
  readonly IsActive: boolean;
  readonly IsFrozen?: boolean;
  readonly IsPasswordLocked?: boolean;
}

export interface FakeLogin {
  readonly LoginTime: string;
  readonly Status: string;
  readonly SourceIp?: string;
  readonly LoginType?: string;
  readonly Application?: string;
}

export interface FakeError {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
}

export interface FakeOrg {
  readonly orgId: string;
  readonly name: string;
  readonly isSandbox: boolean;
  readonly instanceName: string;
  /** Valid tokens and the user each belongs to; any other token is rejected as expired. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly users: readonly FakeUser[];
  readonly loginHistory?: Readonly<Record<string, readonly FakeLogin[]>>;
  readonly dailyApi?: { readonly Max: number; readonly Remaining: number };
  /** Forced answer of the REST API root for valid tokens (API disabled, not-API session, limits). */
  readonly restError?: FakeError;
  /** Forced answer for LoginHistory queries (e.g. missing Manage Users). */
  readonly loginHistoryError?: FakeError;
  /** Every request answers an HTML page (a Lightning UI host, a login page). */
  readonly html?: boolean;
  /** Every request is redirected (302) to this base URL plus the same path. */
  readonly redirectTo?: string;
}

export interface FakeSalesforce {
  readonly url: string;
  /** Method, path and query of every request, whether a token showed up anywhere but the Authorization header, and the Authorization header. */
  readonly requests: { method: string; url: string; tokenInUrl: boolean; authorization?: string }[];
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
};
const send = (res: ServerResponse, e: FakeError) => {
  res.writeHead(e.status, { 'content-type': e.contentType ?? 'application/json;charset=UTF-8' });
  res.end(e.body);
};

export const INVALID_SESSION: FakeError = { status: 401, body: JSON.stringify([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]) };
export const BAD_OAUTH_TOKEN: FakeError = { status: 403, contentType: 'text/plain;charset=UTF-8', body: 'Bad_OAuth_Token' };

export async function startFakeSalesforce(org: FakeOrg): Promise<FakeSalesforce> {
  const requests: FakeSalesforce['requests'] = [];
  const server = createServer((req, res) => handle(org, req, res, requests));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function handle(org: FakeOrg, req: IncomingMessage, res: ServerResponse, log: FakeSalesforce['requests']): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  log.push({
    method: req.method ?? 'GET',
    url: url.pathname + url.search,
    tokenInUrl: Object.keys(org.tokens).some((t) => decodeURIComponent(url.search).includes(t)) || (!!token && decodeURIComponent(url.search).includes(token)),
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  });
  if (org.redirectTo) {
    res.writeHead(302, { location: `${org.redirectTo}${url.pathname}${url.search}` });
    res.end();
    return;
  }
  if (org.html) {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!DOCTYPE html><html><head><title>Login | Salesforce</title></head><body></body></html>');
    return;
  }
  const username = token ? org.tokens[token] : undefined;
  const me = org.users.find((u) => u.Username === username);

  if (url.pathname === '/services/oauth2/userinfo') {
    if (!me) return send(res, BAD_OAUTH_TOKEN);
    return json(res, 200, {
      sub: `https://login.salesforce.com/id/${org.orgId}/${me.Id}`,
      user_id: me.Id,
      organization_id: org.orgId,
      preferred_username: me.Username,
      active: me.IsActive,
    });
  }
  const m = /^\/services\/data\/v(\d+\.0)\/(.*)$/.exec(url.pathname);
  if (!m) return json(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  if (!me) return send(res, INVALID_SESSION);
  const rest = m[2];
  if (rest === '') {
    if (org.restError) return send(res, org.restError);
    return json(res, 200, { sobjects: `/services/data/v${m[1]}/sobjects`, query: `/services/data/v${m[1]}/query`, limits: `/services/data/v${m[1]}/limits` });
  }
  if (rest === 'limits' || rest === 'limits/') {
    const daily = org.dailyApi ?? { Max: 15000, Remaining: 14000 };
    return json(res, 200, { DailyApiRequests: daily, DailyBulkApiBatches: { Max: 15000, Remaining: 15000 } });
  }
  if (rest === 'query' || rest === 'query/') return query(org, url.searchParams.get('q') ?? '', res);
  return json(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
}

function query(org: FakeOrg, soql: string, res: ServerResponse): void {
  const from = /\bFROM\s+(\w+)/i.exec(soql)?.[1];
  const eq = (field: string) => new RegExp(`\\b${field}\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'`, 'i').exec(soql)?.[1]?.replace(/\\(.)/g, '$1');
  const records = (type: string, rows: readonly object[]) =>
    json(res, 200, { totalSize: rows.length, done: true, records: rows.map((r) => ({ attributes: { type }, ...r })) });
  switch (from) {
    case 'Organization':
      return records('Organization', [
        { Id: org.orgId, Name: org.name, IsSandbox: org.isSandbox, InstanceName: org.instanceName, OrganizationType: 'Enterprise Edition' },
      ]);
    case 'User': {
      const byName = eq('Username');
      const byId = eq('Id');
      return records(
        'User',
        org.users.filter((u) => u.Username === byName || u.Id === byId).map(({ Id, Username, IsActive }) => ({ Id, Username, IsActive })),
      );
    }
    case 'UserLogin': {
      const u = org.users.find((x) => x.Id === eq('UserId'));
      return records('UserLogin', u ? [{ IsFrozen: !!u.IsFrozen, IsPasswordLocked: !!u.IsPasswordLocked }] : []);
    }
    case 'LoginHistory': {
      if (org.loginHistoryError) return send(res, org.loginHistoryError);
      return records('LoginHistory', org.loginHistory?.[eq('UserId') ?? ''] ?? []);
    }
    default:
      return json(res, 400, [{ message: `sObject type '${from}' is not supported.`, errorCode: 'INVALID_TYPE' }]);
  }
}
