/**
 * A live probe: investigates an access token (userinfo, REST API) and reads the org (Organization,
 * the integration user, its login history, API limits) with that token or with a Salesforce CLI
 * login, then judges which causes are confirmed or refuted. Bundled separately (dist/probe.js) and
 * loaded on first use, so jsforce never slows down linting or the language server's start.
 */
import { judgeProbe, type CallResult, type ProbeObservations, type ProbeReport, type UserInfo, type UserRow } from '../../core/diagnose/probe-verdict';
import { connect, limits, loginHistory, organization, restApiRoot, user, userinfo, type CallOptions } from './salesforce';
import { sfOrgDisplay, type SfLogin } from './sf-cli';

export { SfCliError } from './sf-cli';

export interface ProbeOptions {
  readonly instanceUrl?: string;
  /** The token under investigation (never printed). */
  readonly accessToken?: string;
  /** A Salesforce CLI alias or username: a working login for the org-level checks. */
  readonly targetOrg?: string;
  /** Username of the integration user whose state and login history to read. */
  readonly user?: string;
  /** The error text being investigated: token org prefixes in it are compared with the org id. */
  readonly errorText?: string;
  readonly apiVersion?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface ProbeOutcome {
  readonly report: ProbeReport;
  /** Set when the org could not be reached at all (network, DNS, TLS, timeout). */
  readonly unreachable?: string;
  /** The secrets used, so hosts can scrub them from anything they print. */
  readonly secrets: readonly string[];
}

export class ProbeUsageError extends Error {}

const DEFAULT_API_VERSION = '62.0';

export async function runProbe(opts: ProbeOptions): Promise<ProbeOutcome> {
  if (!opts.accessToken && !opts.targetOrg)
    throw new ProbeUsageError('Pass --access-token (or SESSION_GUARD_ACCESS_TOKEN) with --instance-url, or --target-org ALIAS.');
  if (opts.accessToken && !opts.instanceUrl && !opts.targetOrg) throw new ProbeUsageError('--instance-url is required with --access-token.');
  const apiVersion = opts.apiVersion ?? DEFAULT_API_VERSION;
  if (!/^\d{2,3}\.0$/.test(apiVersion)) throw new ProbeUsageError(`--api-version expects a version like ${DEFAULT_API_VERSION}, got '${apiVersion}'.`);
  if (opts.instanceUrl) checkInstanceUrl(opts.instanceUrl);
  const callOpts: CallOptions = { apiVersion, timeoutMs: opts.timeoutMs ?? 30_000, env: opts.env };

  const sf: SfLogin | undefined = opts.targetOrg ? await sfOrgDisplay(opts.targetOrg, opts.env) : undefined;
  if (sf && !opts.instanceUrl) checkInstanceUrl(sf.instanceUrl);
  const instanceUrl = (opts.instanceUrl ?? sf!.instanceUrl).replace(/\/+$/, '');
  const secrets = [opts.accessToken, sf?.accessToken].filter((s): s is string => !!s);
  const skipped = (why: string) => ({ skipped: why });

  let ui: CallResult<UserInfo> = skipped('no token under investigation (pass --access-token)');
  let rest: CallResult<unknown> = skipped('no token under investigation (pass --access-token)');
  let tokenConn: ReturnType<typeof connect> | undefined;
  if (opts.accessToken) {
    tokenConn = connect({ instanceUrl, accessToken: opts.accessToken }, callOpts);
    ui = await userinfo(tokenConn);
    const down = unreachable(ui);
    if (down) return unreachableOutcome(instanceUrl, apiVersion, down, ui, opts, secrets);
    rest = await restApiRoot(tokenConn, apiVersion);
  }
  const tokenWorks = ('ok' in ui && ui.ok) || ('ok' in rest && rest.ok);
  const orgConn = sf ? connect(sf, callOpts) : tokenWorks ? tokenConn : undefined;
  const noOrgLogin =
    'needs a working login: the token was rejected; add --target-org ALIAS (a Salesforce CLI login with "View Setup" and "Manage Users") for org checks';

  let org: ProbeObservations['organization'] = skipped(noOrgLogin);
  let usr: CallResult<UserRow> = skipped(noOrgLogin);
  let history: ProbeObservations['loginHistory'] = skipped(noOrgLogin);
  let lim: ProbeObservations['limits'] = skipped(noOrgLogin);
  if (orgConn) {
    org = await organization(orgConn);
    const down = unreachable(org);
    if (down) return unreachableOutcome(instanceUrl, apiVersion, down, ui, opts, secrets);
    const who = opts.user
      ? { username: opts.user }
      : 'ok' in ui && ui.ok && ui.value.user_id
        ? { id: ui.value.user_id }
        : sf?.username
          ? { username: sf.username }
          : {};
    usr = await user(orgConn, who);
    history = 'ok' in usr && usr.ok ? await loginHistory(orgConn, usr.value.Id) : skipped('the integration user was not found');
    lim = await limits(orgConn);
  }

  const report = judgeProbe({
    instanceUrl,
    apiVersion,
    investigatesToken: !!opts.accessToken,
    ...(tokenOrgPrefix(opts.accessToken) ? { tokenOrgPrefix: tokenOrgPrefix(opts.accessToken) } : {}),
    userinfo: ui,
    restApi: rest,
    organization: org,
    user: usr,
    loginHistory: history,
    limits: lim,
    ...(opts.errorText ? { errorText: opts.errorText } : {}),
  });
  return { report, secrets };
}

/** Tokens go over TLS only, except to this machine (local test servers, tunnels). */
function checkInstanceUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ProbeUsageError(`--instance-url is not a URL: '${url}'. Use the org's My Domain URL, e.g. https://acme.my.salesforce.com.`);
  }
  if (u.protocol === 'https:') return;
  if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return;
  throw new ProbeUsageError(`Refusing to send a token to ${u.protocol}//${u.host}: use https:// (plain http is allowed only for localhost).`);
}

function tokenOrgPrefix(token: string | undefined): string | undefined {
  return token ? /^(00D[A-Za-z0-9]{12})(?:[A-Za-z0-9]{3})?!/.exec(token)?.[1] : undefined;
}

function unreachable(r: CallResult<unknown>): string | undefined {
  return 'ok' in r && !r.ok && (r.errorCode === 'NETWORK' || r.errorCode === 'TIMEOUT') ? r.message : undefined;
}

function unreachableOutcome(
  instanceUrl: string,
  apiVersion: string,
  why: string,
  ui: CallResult<UserInfo>,
  opts: ProbeOptions,
  secrets: string[],
): ProbeOutcome {
  const skip = { skipped: `${instanceUrl} could not be reached` };
  const report = judgeProbe({
    instanceUrl,
    apiVersion,
    investigatesToken: !!opts.accessToken,
    userinfo: ui,
    restApi: skip,
    organization: skip,
    user: skip,
    loginHistory: skip,
    limits: skip,
  });
  return { report: { ...report, summary: `Could not reach ${instanceUrl}: ${why}` }, unreachable: why, secrets };
}
