/**
 * The calls a probe makes, through jsforce: userinfo, the REST API root, Organization, User and
 * UserLogin (IsFrozen, IsPasswordLocked: Object Reference, UserLogin), LoginHistory, limits. Every call becomes a CallResult; nothing here throws for an
 * answer from the org, and no token is ever put into a result.
 */
import { Connection } from 'jsforce/lib/connection';
import { setDefaults } from 'jsforce/lib/request';
import type { ApiLimits, CallResult, LoginRow, OrganizationRow, UserInfo, UserRow } from '../../core/diagnose/probe-verdict';

export interface SalesforceSession {
  readonly instanceUrl: string;
  readonly accessToken: string;
}

export interface CallOptions {
  readonly apiVersion: string;
  /** Per request, in milliseconds. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * jsforce keeps its HTTP defaults (proxy, timeout, retries) module-wide; a probe retries at most once
 * and follows no redirect, so the token only ever goes to the instance URL's host.
 */
function configureHttp(opts: CallOptions): void {
  const env = opts.env ?? process.env;
  setDefaults({
    httpProxy: env.https_proxy ?? env.http_proxy ?? env.HTTPS_PROXY ?? env.HTTP_PROXY ?? undefined,
    timeout: opts.timeoutMs,
    // Never follow a redirect: jsforce would resend the Authorization header to wherever it points.
    followRedirect: false,
    retry: { maxRetries: 1, minTimeout: 300, timeoutFactor: 2 },
  } as Parameters<typeof setDefaults>[0]);
}

export function connect(session: SalesforceSession, opts: CallOptions): Connection {
  configureHttp(opts);
  return new Connection({ instanceUrl: session.instanceUrl.replace(/\/+$/, ''), accessToken: session.accessToken, version: opts.apiVersion });
}

const HTML_MESSAGE = 'an HTML page came back where the API answers JSON (HTML content): not an API endpoint';
const UNEXPECTED = (what: string) => ({
  ok: false as const,
  errorCode: 'UNEXPECTED_RESPONSE',
  message: `the answer is not ${what} (a redirect, which is never followed, or a proxy page?): check that the instance URL is the org's My Domain URL`,
});
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Runs a call and turns any failure into data; network failures carry errorCode NETWORK. */
export async function call<T>(fn: () => Promise<T>, token?: string): Promise<CallResult<T>> {
  try {
    const value = await fn();
    // A login page or a Lightning UI host answers 200 with HTML where the API answers JSON.
    if (typeof value === 'string' && /^\s*<(?:!DOCTYPE html|html)\b/i.test(value)) return { ok: false, errorCode: 'HTML_CONTENT', message: HTML_MESSAGE };
    return { ok: true, value };
  } catch (e) {
    const err = e as { errorCode?: string; name?: string; code?: string; message?: string; type?: string };
    const network =
      err.code && /^(?:ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOST|ENET|UND_ERR|CERT_|UNABLE_TO_VERIFY|DEPTH_ZERO|SELF_SIGNED|ERR_TLS)/.test(err.code);
    const aborted = err.name === 'AbortError' || err.type === 'aborted';
    let errorCode = network ? 'NETWORK' : aborted ? 'TIMEOUT' : String(err.errorCode ?? err.name ?? err.code ?? 'ERROR');
    let message = String(err.message ?? e);
    if (token) message = message.split(token).join('****');
    if (/HTTP response contains html content/i.test(message)) {
      errorCode = 'HTML_CONTENT';
      message = HTML_MESSAGE;
    }
    const status = /^ERROR_HTTP_(\d{3})$/.exec(errorCode);
    return { ok: false, errorCode, message: network ? `${err.code}: ${message}` : message, ...(status ? { status: Number(status[1]) } : {}) };
  }
}

const soqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export async function userinfo(c: Connection): Promise<CallResult<UserInfo>> {
  const r = await call(() => c.request<UserInfo>({ method: 'GET', url: '/services/oauth2/userinfo' }), c.accessToken ?? undefined);
  return 'ok' in r && r.ok && !(isObject(r.value) && (r.value.user_id || r.value.sub)) ? UNEXPECTED('user information') : r;
}

export async function restApiRoot(c: Connection, apiVersion: string): Promise<CallResult<unknown>> {
  const r = await call(() => c.request<unknown>({ method: 'GET', url: `/services/data/v${apiVersion}/` }), c.accessToken ?? undefined);
  return 'ok' in r && r.ok && !isObject(r.value) ? UNEXPECTED('the REST API') : r;
}

export async function organization(c: Connection): Promise<CallResult<OrganizationRow>> {
  const r = await call(
    async () => await c.query<OrganizationRow>('SELECT Id, Name, IsSandbox, InstanceName, OrganizationType FROM Organization LIMIT 1'),
    c.accessToken ?? undefined,
  );
  if (!('ok' in r) || !r.ok) return r;
  if (!isObject(r.value) || !Array.isArray(r.value.records)) return UNEXPECTED('a query result');
  const row = r.value.records[0];
  return row ? { ok: true, value: strip(row) } : { ok: false, errorCode: 'NOT_FOUND', message: 'the Organization query returned no row' };
}

/** The user by username or id, with UserLogin.IsFrozen and IsPasswordLocked when readable. */
export async function user(c: Connection, who: { username?: string; id?: string }): Promise<CallResult<UserRow>> {
  const where = who.username ? `Username = ${soqlString(who.username)}` : who.id && SF_ID.test(who.id) ? `Id = '${who.id}'` : undefined;
  if (!where) return { skipped: 'no integration user to look up (pass --user USERNAME)' };
  const r = await call(async () => await c.query<UserRow>(`SELECT Id, Username, IsActive FROM User WHERE ${where} LIMIT 1`), c.accessToken ?? undefined);
  if (!('ok' in r) || !r.ok) return r;
  const row = r.value?.records?.[0];
  if (!row) return { ok: false, errorCode: 'NOT_FOUND', message: `no user with ${where}` };
  const login = await call(
    async () =>
      await c.query<{ IsFrozen: boolean; IsPasswordLocked?: boolean }>(`SELECT IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = '${row.Id}' LIMIT 1`),
    c.accessToken ?? undefined,
  );
  const state = 'ok' in login && login.ok ? login.value?.records?.[0] : undefined;
  return {
    ok: true,
    value: {
      Id: row.Id,
      Username: row.Username,
      IsActive: row.IsActive,
      ...(typeof state?.IsFrozen === 'boolean' ? { IsFrozen: state.IsFrozen } : {}),
      ...(typeof state?.IsPasswordLocked === 'boolean' ? { IsPasswordLocked: state.IsPasswordLocked } : {}),
    },
  };
}

export async function loginHistory(c: Connection, userId: string, max = 20): Promise<CallResult<readonly LoginRow[]>> {
  if (!SF_ID.test(userId)) return { skipped: `not a user id: ${userId}` };
  const r = await call(
    async () =>
      await c.query<LoginRow>(
        `SELECT LoginTime, Status, SourceIp, LoginType, Application FROM LoginHistory WHERE UserId = '${userId}' ORDER BY LoginTime DESC LIMIT ${max}`,
      ),
    c.accessToken ?? undefined,
  );
  return 'ok' in r && r.ok ? { ok: true, value: (r.value?.records ?? []).map(strip) } : (r as CallResult<readonly LoginRow[]>);
}

export async function limits(c: Connection): Promise<CallResult<ApiLimits>> {
  const r = await call(
    () => c.request<Record<string, { Max: number; Remaining: number }>>({ method: 'GET', url: `/services/data/v${c.version}/limits/` }),
    c.accessToken ?? undefined,
  );
  if (!('ok' in r) || !r.ok) return r;
  if (!isObject(r.value)) return UNEXPECTED('the limits resource');
  const daily = r.value.DailyApiRequests;
  return { ok: true, value: daily ? { DailyApiRequests: { Max: daily.Max, Remaining: daily.Remaining } } : {} };
}

/** Drops jsforce's `attributes` from a record. */
function strip<T>(row: T): T {
  const { attributes: _ignored, ...rest } = row as T & { attributes?: unknown };
  return rest as T;
}
