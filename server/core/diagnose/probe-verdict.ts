/**
 * Turns what a live probe observed in an org (userinfo, REST API, Organization, the integration
 * user, its login history, API limits) into confirmed and refuted causes with evidence. Pure: the
 * Node layer makes the calls; error messages and login statuses are read with the same signal table
 * as pasted errors, so a status like "Restricted IP" means the same thing in both places.
 */
import type { Cause } from './causes';
import { CAUSES } from './causes';
import { diagnose } from './classify';
import { readContext } from './context';
import { audiencesIn, orgKindOf } from './login-hosts';
import { redact } from './redact';

/** A call's outcome: its value, its error (code, message, HTTP status when known), or why it was not made. */
export type CallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errorCode: string; readonly message: string; readonly status?: number }
  | { readonly skipped: string };

export interface UserInfo {
  readonly user_id?: string;
  readonly organization_id?: string;
  readonly preferred_username?: string;
}

export interface OrganizationRow {
  readonly Id: string;
  readonly Name?: string;
  readonly IsSandbox?: boolean;
  readonly InstanceName?: string;
  readonly OrganizationType?: string;
}

export interface UserRow {
  readonly Id: string;
  readonly Username: string;
  readonly IsActive: boolean;
  /** From UserLogin.IsFrozen, when readable. */
  readonly IsFrozen?: boolean;
  /** From UserLogin.IsPasswordLocked (locked out after failed logins), when readable. */
  readonly IsPasswordLocked?: boolean;
}

export interface LoginRow {
  readonly LoginTime: string;
  readonly Status: string;
  readonly SourceIp?: string;
  readonly LoginType?: string;
  readonly Application?: string;
}

export interface ApiLimits {
  readonly DailyApiRequests?: { readonly Max: number; readonly Remaining: number };
}

export interface ProbeObservations {
  readonly instanceUrl: string;
  readonly apiVersion: string;
  /** Whether a token under investigation was given (as opposed to only an sf CLI login). */
  readonly investigatesToken: boolean;
  /** The 15-character org prefix of the token under investigation (`00D…!`), if it has one. */
  readonly tokenOrgPrefix?: string;
  /** userinfo with the token under investigation. */
  readonly userinfo: CallResult<UserInfo>;
  /** GET /services/data/vXX.X/ with the token under investigation. */
  readonly restApi: CallResult<unknown>;
  /** The following come from the session used for org checks (the token, or an sf CLI login). */
  readonly organization: CallResult<OrganizationRow>;
  readonly user: CallResult<UserRow>;
  readonly loginHistory: CallResult<readonly LoginRow[]>;
  readonly limits: CallResult<ApiLimits>;
  /** An error text given with --error: its token prefixes and org ids are compared with the org. */
  readonly errorText?: string;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface ProbeCheck {
  readonly id: 'userinfo' | 'rest-api' | 'organization' | 'user' | 'login-history' | 'limits';
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface CauseVerdict {
  readonly cause: Cause;
  readonly evidence: string[];
}

export interface ProbeReport {
  readonly instanceUrl: string;
  readonly apiVersion: string;
  /** Whether the token under investigation was accepted (undefined when no token was investigated). */
  readonly tokenValid?: boolean;
  readonly org?: { readonly id: string; readonly name?: string; readonly isSandbox?: boolean; readonly instanceName?: string };
  readonly user?: { readonly username: string; readonly active: boolean; readonly frozen?: boolean; readonly locked?: boolean };
  readonly checks: ProbeCheck[];
  readonly confirmed: CauseVerdict[];
  readonly refuted: CauseVerdict[];
  /** Causes the probe could neither confirm nor refute. */
  readonly undecided: Cause[];
  readonly summary: string;
}

const skipReason = (r: CallResult<unknown>) => ('skipped' in r ? r.skipped : '');
const isOk = <T>(r: CallResult<T>): r is { ok: true; value: T } => 'ok' in r && r.ok;
const isFailed = <T>(r: CallResult<T>): r is { ok: false; errorCode: string; message: string; status?: number } => 'ok' in r && !r.ok;
const describeError = (r: { errorCode: string; message: string; status?: number }) =>
  redact(`${r.status ? `HTTP ${r.status} ` : ''}${r.errorCode}${r.message && r.message !== r.errorCode ? `: ${oneLine(r.message)}` : ''}`);
const id15 = (id: string) => id.slice(0, 15);

/** Causes that a single specific error message can prove on its own (not the generic session message). */
function causeOfError(r: { errorCode: string; message: string }): Cause | undefined {
  const d = diagnose(`${r.errorCode}: ${r.message}`);
  return d.cause !== 'UNKNOWN' && d.confidence >= 0.5 ? d.cause : undefined;
}

export function judgeProbe(o: ProbeObservations): ProbeReport {
  const checks: ProbeCheck[] = [];
  const confirmed = new Map<Cause, string[]>();
  const refuted = new Map<Cause, string[]>();
  const confirm = (c: Cause, e: string) => void (confirmed.get(c) ?? confirmed.set(c, []).get(c)!).push(e);
  const refute = (c: Cause, e: string) => void (refuted.get(c) ?? refuted.set(c, []).get(c)!).push(e);

  // Where the probe connected: a Lightning UI host is never the API instance.
  if (/^https?:\/\/[^/]+\.lightning\.force\.com(?:[:/]|$)/i.test(o.instanceUrl)) {
    confirm('WRONG_INSTANCE', `${o.instanceUrl} is a Lightning UI host; the API lives on the My Domain host (….my.salesforce.com).`);
  }

  // 1. The token under investigation: userinfo and the REST API.
  let tokenValid: boolean | undefined;
  if (o.investigatesToken) {
    if (isOk(o.userinfo)) {
      tokenValid = true;
      const u = o.userinfo.value;
      checks.push({
        id: 'userinfo',
        title: 'Token accepted by userinfo',
        status: 'passed',
        detail: `user ${u.preferred_username ?? u.user_id ?? '?'} in org ${u.organization_id ?? '?'}`,
      });
      refute('TOKEN_EXPIRED', 'userinfo accepted the token: it has not expired.');
      refute('TOKEN_REVOKED', 'userinfo accepted the token: it has not been revoked.');
      refute('USER_INACTIVE', 'userinfo accepted the token: its user can still use it (deactivating or freezing a user stops its tokens).');
      for (const c of ['INVALID_CREDENTIALS', 'APP_NOT_APPROVED', 'JWT_MISCONFIGURED'] as const)
        refute(c, 'the token is valid, so the login that issued it worked.');
    } else if (isFailed(o.userinfo)) {
      checks.push({ id: 'userinfo', title: 'Token accepted by userinfo', status: 'failed', detail: describeError(o.userinfo) });
      if (o.userinfo.errorCode === 'UNEXPECTED_RESPONSE') confirm('WRONG_INSTANCE', `userinfo: ${o.userinfo.message}.`);
      const specific = causeOfError(o.userinfo);
      if (specific) confirm(specific, `userinfo answered ${describeError(o.userinfo)}.`);
      else if (isRejection(o.userinfo)) tokenValid = false;
    } else checks.push({ id: 'userinfo', title: 'Token accepted by userinfo', status: 'skipped', detail: skipReason(o.userinfo) });

    if (isOk(o.restApi)) {
      checks.push({ id: 'rest-api', title: 'REST API usable with the token', status: 'passed', detail: `GET /services/data/v${o.apiVersion}/ answered` });
      refute('SESSION_NOT_API_ENABLED', 'the REST API accepted the session.');
      refute('API_DISABLED', 'the REST API answered for this user and org.');
      refute('WRONG_INSTANCE', `the REST API answered on ${o.instanceUrl}.`);
      if (tokenValid === undefined) tokenValid = true;
    } else if (isFailed(o.restApi)) {
      checks.push({ id: 'rest-api', title: 'REST API usable with the token', status: 'failed', detail: describeError(o.restApi) });
      const specific = causeOfError(o.restApi);
      if (specific) confirm(specific, `the REST API answered ${describeError(o.restApi)}.`);
      else if (tokenValid && isRejection(o.restApi)) {
        // userinfo accepts the token but the REST API does not: the session may not call the API.
        confirm('SESSION_NOT_API_ENABLED', `userinfo accepted the token but the REST API rejected it (${describeError(o.restApi)}).`);
      } else if (isRejection(o.restApi)) tokenValid = false;
    } else checks.push({ id: 'rest-api', title: 'REST API usable with the token', status: 'skipped', detail: skipReason(o.restApi) });
  } else {
    const why = 'no token under investigation (pass --access-token)';
    checks.push(
      { id: 'userinfo', title: 'Token accepted by userinfo', status: 'skipped', detail: why },
      { id: 'rest-api', title: 'REST API usable with the token', status: 'skipped', detail: why },
    );
  }

  // 2. The org: compare its id with the token's prefix and the org prefixes of tokens in the error text.
  let org: ProbeReport['org'];
  if (isOk(o.organization)) {
    const row = o.organization.value;
    org = { id: row.Id, name: row.Name, isSandbox: row.IsSandbox, instanceName: row.InstanceName };
    checks.push({
      id: 'organization',
      title: 'Organization',
      status: 'passed',
      detail: `${row.Name ?? ''} (${row.Id})${row.IsSandbox ? ', sandbox' : ''}${row.InstanceName ? `, instance ${row.InstanceName}` : ''}`.trim(),
    });
    const prefixes = new Set<string>();
    if (o.tokenOrgPrefix) prefixes.add(o.tokenOrgPrefix);
    if (o.errorText) for (const t of readContext(o.errorText).tokenOrgs) prefixes.add(t.id15);
    for (const p of prefixes) {
      if (p !== id15(row.Id)) {
        confirm(
          'SANDBOX_REFRESH',
          `a token was issued by org ${p}, but ${o.instanceUrl} is org ${id15(row.Id)}${row.IsSandbox ? ' (a sandbox: refreshing it creates a new org id)' : ''}.`,
        );
      } else refute('SANDBOX_REFRESH', `the token's org prefix ${p} is this org's id.`);
    }
    // A JWT assertion in the error text names a login server: production and sandboxes have their own.
    if (o.errorText && row.IsSandbox !== undefined) {
      const orgKind = row.IsSandbox ? 'sandbox' : 'production';
      for (const aud of audiencesIn(o.errorText)) {
        const kind = orgKindOf(aud.value);
        if (kind && kind !== orgKind) {
          confirm('JWT_MISCONFIGURED', `the JWT assertion in the error text has audience ${aud.value} (${kind}), but ${o.instanceUrl} is a ${orgKind} org.`);
          break;
        }
      }
    }
  } else if (isFailed(o.organization)) {
    checks.push({ id: 'organization', title: 'Organization', status: 'failed', detail: describeError(o.organization) });
  } else checks.push({ id: 'organization', title: 'Organization', status: 'skipped', detail: skipReason(o.organization) });

  // 3. The integration user: active, frozen, locked out (User.IsActive; UserLogin.IsFrozen, IsPasswordLocked).
  let user: ProbeReport['user'];
  if (isOk(o.user)) {
    const u = o.user.value;
    user = {
      username: u.Username,
      active: u.IsActive,
      ...(u.IsFrozen !== undefined ? { frozen: u.IsFrozen } : {}),
      ...(u.IsPasswordLocked !== undefined ? { locked: u.IsPasswordLocked } : {}),
    };
    const state = [
      u.IsActive ? 'active' : 'inactive',
      ...(u.IsFrozen ? ['frozen'] : u.IsFrozen === false ? ['not frozen'] : []),
      ...(u.IsPasswordLocked ? ['locked out'] : u.IsPasswordLocked === false ? ['not locked out'] : []),
    ].join(', ');
    const blocked = !u.IsActive || u.IsFrozen || u.IsPasswordLocked;
    checks.push({ id: 'user', title: 'Integration user', status: blocked ? 'failed' : 'passed', detail: `${u.Username}: ${state}` });
    if (!u.IsActive) confirm('USER_INACTIVE', `${u.Username} is inactive: it cannot log in, and deactivating it revoked its tokens.`);
    if (u.IsFrozen) confirm('USER_INACTIVE', `${u.Username} is frozen: a frozen user cannot log in or use its tokens.`);
    if (u.IsPasswordLocked) confirm('USER_INACTIVE', `${u.Username} is locked out after too many failed logins.`);
  } else if (isFailed(o.user)) {
    checks.push({ id: 'user', title: 'Integration user', status: 'failed', detail: describeError(o.user) });
  } else checks.push({ id: 'user', title: 'Integration user', status: 'skipped', detail: skipReason(o.user) });

  // 4. Login history: the newest failures, if newer than the newest success, name the cause.
  if (isOk(o.loginHistory)) {
    const rows = [...o.loginHistory.value].sort((a, b) => (a.LoginTime < b.LoginTime ? 1 : a.LoginTime > b.LoginTime ? -1 : 0));
    const lastSuccess = rows.find((r) => /^Success$/i.test(r.Status.trim()));
    const recentFailures = rows.filter((r) => !/^Success$/i.test(r.Status.trim()) && (!lastSuccess || r.LoginTime > lastSuccess.LoginTime));
    const detail = rows.length
      ? `${rows.length} recent login${rows.length === 1 ? '' : 's'}; newest: ${rows[0].LoginTime} ${rows[0].Status}${rows[0].SourceIp ? ` from ${rows[0].SourceIp}` : ''}`
      : 'no logins recorded for the user';
    checks.push({ id: 'login-history', title: 'Login history', status: recentFailures.length ? 'failed' : 'passed', detail });
    for (const r of recentFailures) {
      const cause = causeOfError({ errorCode: 'Status', message: r.Status });
      const where = `${r.LoginTime}${r.SourceIp ? ` from ${r.SourceIp}` : ''}${r.Application ? ` (${r.Application})` : ''}`;
      if (cause) confirm(cause, `login history: "${r.Status}" at ${where}, after the last successful login.`);
    }
    if (rows.length && !recentFailures.length)
      refute('IP_RESTRICTION', `the newest login (${rows[0].LoginTime}${rows[0].SourceIp ? ` from ${rows[0].SourceIp}` : ''}) succeeded.`);
  } else if (isFailed(o.loginHistory)) {
    const hint = /INSUFFICIENT_ACCESS|INVALID_TYPE|not supported/i.test(`${o.loginHistory.errorCode} ${o.loginHistory.message}`)
      ? ' (reading LoginHistory needs the "Manage Users" permission)'
      : '';
    checks.push({ id: 'login-history', title: 'Login history', status: 'failed', detail: describeError(o.loginHistory) + hint });
  } else checks.push({ id: 'login-history', title: 'Login history', status: 'skipped', detail: skipReason(o.loginHistory) });

  // 5. API limits.
  if (isOk(o.limits)) {
    const daily = o.limits.value.DailyApiRequests;
    if (daily) {
      const exhausted = daily.Remaining <= 0;
      checks.push({
        id: 'limits',
        title: 'Daily API requests',
        status: exhausted ? 'failed' : 'passed',
        detail: `${daily.Remaining} of ${daily.Max} remaining`,
      });
      if (exhausted) confirm('RATE_LIMITED', `no daily API requests left (0 of ${daily.Max}).`);
      else refute('RATE_LIMITED', `${daily.Remaining} of ${daily.Max} daily API requests remain.`);
    } else checks.push({ id: 'limits', title: 'Daily API requests', status: 'passed', detail: 'the org reports no DailyApiRequests limit' });
  } else if (isFailed(o.limits)) {
    checks.push({ id: 'limits', title: 'Daily API requests', status: 'failed', detail: describeError(o.limits) });
    const specific = causeOfError(o.limits);
    if (specific) confirm(specific, `limits answered ${describeError(o.limits)}.`);
  } else checks.push({ id: 'limits', title: 'Daily API requests', status: 'skipped', detail: skipReason(o.limits) });

  for (const c of confirmed.keys()) refuted.delete(c);
  const toList = (m: Map<Cause, string[]>) => [...m].map(([cause, evidence]) => ({ cause, evidence }));
  const undecided = CAUSES.filter((c) => c !== 'UNKNOWN' && !confirmed.has(c) && !refuted.has(c));
  return {
    instanceUrl: o.instanceUrl,
    apiVersion: o.apiVersion,
    ...(tokenValid !== undefined ? { tokenValid } : {}),
    ...(org ? { org } : {}),
    ...(user ? { user } : {}),
    checks,
    confirmed: toList(confirmed),
    refuted: toList(refuted),
    undecided,
    summary: summarize(tokenValid, confirmed, checks),
  };
}

/** A 401/403 or a session error: the server refused the token itself. */
function isRejection(r: { errorCode: string; message: string; status?: number }): boolean {
  return (
    r.status === 401 || r.status === 403 || /INVALID_SESSION_ID|Bad_OAuth_Token|INVALID_AUTH_HEADER|ERROR_HTTP_40[13]/i.test(`${r.errorCode} ${r.message}`)
  );
}

function summarize(tokenValid: boolean | undefined, confirmed: Map<Cause, string[]>, checks: readonly ProbeCheck[]): string {
  const causes = [...confirmed.keys()];
  const token = tokenValid === true ? 'The token is valid. ' : tokenValid === false ? 'The token was rejected. ' : '';
  if (causes.length) return `${token}Confirmed: ${causes.join(', ')}.`;
  if (checks.every((c) => c.status === 'skipped')) return `${token}No check could run.`;
  if (tokenValid === false)
    return `${token}No specific cause was confirmed: the token expired, was revoked, or was logged out. Check the org-level results above, or probe with an admin login (--target-org) and --user for the integration user.`;
  return `${token}No cause was confirmed.`;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
