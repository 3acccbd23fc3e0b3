/**
 * The signal table: every phrase or token that points at a cause, with its weight. It is built from
 * Salesforce's own vocabulary (login-statuses.ts: LoginHistory statuses; api-errors.ts: OAuth token
 * endpoint errors, SOAP/REST fault codes, client libraries' messages) plus the phrases below, which come
 * from the wrappers errors travel in and from people describing an incident. Patterns match whole
 * words and phrases (never bare substrings: "description" contains "ip", "disabled" is not "revoked").
 *
 * A `generic` signal says only that a session or login failed (INVALID_SESSION_ID, INVALID_LOGIN, a
 * client library's 401 exception): it weighs little, never competes with a specific cue of another
 * cause (classify.ts), and alone it gives a low confidence.
 */
import { CLIENT_ERRORS, FAULT_CODES, OAUTH_ERRORS, type Vocabulary } from './api-errors';
import type { Cause } from './causes';
import { LOGIN_STATUSES, NOT_APPROVED_STATUS } from './login-statuses';

export interface Signal {
  readonly id: string;
  readonly cause: Cause;
  readonly weight: number;
  readonly pattern: RegExp;
  /** What the match means, shown next to the evidence. */
  readonly means: string;
  readonly generic?: boolean;
  /** A text the pattern matches, as Salesforce or a tool prints it (the tests diagnose it). */
  readonly example: string;
}

/**
 * Text that names a per-user identity: the metadata vocabulary (NamedCredential.principalType `PerUser`,
 * the External Credential principal type `PerUserPrincipal`), Setup's "Identity Type: Per User", and how
 * people write it. One pattern for the signal and for the context (`readContext`).
 */
export const PER_USER_PHRASE =
  /\b(?:PerUserPrincipal|principalType\W{0,3}PerUser|Identity Type\W{0,3}Per User|per-user (?:principal|identity|authentication|credential))\b/i;

const S = (id: string, cause: Cause, weight: number, pattern: RegExp, means: string, example: string, generic = false): Signal => ({
  id,
  cause,
  weight,
  pattern,
  means,
  example,
  ...(generic ? { generic } : {}),
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase as a whole-word pattern source: any run of spaces, either apostrophe, no word (or "/…") after it. */
function phraseSource(p: string): string {
  const body = escape(p).replace(/ +/g, '\\s+').replace(/'/g, "['’]?");
  return `${/^\w/.test(p) ? '\\b' : ''}${body}(?![\\w/])`;
}

/** Codes and phrases in any case, as whole words, the longest first. */
function vocabularyPattern(codes: readonly string[], phrases: readonly string[]): RegExp {
  const parts = [...codes, ...phrases].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(parts.join('|'), 'gi');
}

const CUE: Record<Cause, string> = {
  TOKEN_EXPIRED: 'the session timed out',
  CONCURRENT_SESSION_LIMIT: 'a login or token limit of the user was reached',
  SANDBOX_REFRESH: 'the org was re-created',
  IP_RESTRICTION: 'the login came from a place or at a time the user may not log in from',
  TOKEN_REVOKED: 'the token or the connected app is gone',
  PER_USER_CREDENTIAL: 'the running user has no token for the credential',
  SESSION_NOT_API_ENABLED: 'the session may not call the API',
  WRONG_INSTANCE: 'the login or call went to the wrong URL',
  INVALID_CREDENTIALS: 'the credentials were refused',
  RATE_LIMITED: 'an API limit was reached',
  API_DISABLED: 'the API is disabled for the org or the user',
  APP_NOT_APPROVED: 'the user is not approved for the connected app',
  USER_INACTIVE: 'the integration user cannot log in (inactive, frozen, locked out)',
  JWT_MISCONFIGURED: 'the JWT assertion was rejected',
  UNKNOWN: 'no known cause',
};

/**
 * Turns vocabulary entries into signals. A code or phrase already taken by an earlier entry of the
 * same cause is dropped (the status "User is inactive" and the OAuth description "user is inactive"
 * are one cue, not two); test/diagnose/signals.test.ts checks no code or phrase names two causes.
 */
function fromVocabulary(entries: readonly Vocabulary[], taken: Set<string>): Signal[] {
  const out: Signal[] = [];
  for (const v of entries) {
    const fresh = (s: string) => {
      const key = s.toLowerCase();
      if (taken.has(key)) return false;
      taken.add(key);
      return true;
    };
    const codes = (v.codes ?? []).filter(fresh);
    const phrases = (v.phrases ?? []).filter(fresh);
    if (!codes.length && !phrases.length) continue;
    out.push(S(v.id, v.cause, v.weight, vocabularyPattern(codes, phrases), v.means, phrases[0] ?? codes[0], v.generic));
  }
  return out;
}

const statusId = (code: string) =>
  `login-status-${code
    .replace(/^LOGIN_(?:ERROR_)?/, '')
    .toLowerCase()
    .replace(/_/g, '-')}`;

/** LoginHistory statuses (and their event-monitoring codes) that point at a cause. */
const LOGIN_STATUS_VOCABULARY: readonly Vocabulary[] = [
  ...LOGIN_STATUSES.filter((s) => s.cause !== null).map((s): Vocabulary => ({
    id: statusId(s.code),
    cause: s.cause!,
    weight: s.weight ?? 6,
    codes: [s.code],
    phrases: s.detail ? [s.detail] : [],
    means: `login status ${s.code}${s.detail ? ` ("${s.detail}")` : ''}: ${CUE[s.cause!]}`,
    ...((s.weight ?? 6) <= 0.5 ? { generic: true } : {}),
  })),
  {
    id: 'login-status-not-approved',
    cause: 'APP_NOT_APPROVED',
    weight: 7,
    phrases: [NOT_APPROVED_STATUS],
    means: `login status "${NOT_APPROVED_STATUS}": ${CUE.APP_NOT_APPROVED}`,
  },
];

/**
 * Phrases from the wrappers errors travel in, and from people describing an incident, where
 * Salesforce's vocabulary tables do not reach. Sources:
 * - Mule 4 Salesforce Connector error types (SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED):
 *   https://docs.mulesoft.com/salesforce-connector/latest/salesforce-connector-troubleshoot, and a Mule log of
 *   one (Salesforce Help, knowledge article 001120544): https://help.salesforce.com/s/articleView?id=001120544&type=1
 * - The REST API's "This session is not valid for use with the REST API" (INVALID_SESSION_ID with a session
 *   from the UI), API Access Control and session security levels (high assurance): Salesforce Help,
 *   "API Access Control" https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.security_api_access_control_about.htm
 * - Named/External Credentials' "We couldn't access the credential(s)" and Apex's "Current session
 *   unavailable", and per-user principals (NamedCredential.principalType PerUser, PerUserPrincipal):
 *   https://help.salesforce.com/s/articleView?id=sf.named_credentials_about.htm
 * - URL_NOT_RESET ("Destination URL not reset", the SOAP API called on the login server): SOAP API
 *   ExceptionCode, https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm
 * - LOGIN_RATE_EXCEEDED and ConcurrentPerOrgLongTxn: Salesforce Developer Limits and Allocations Quick
 *   Reference, https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/
 * - "Token request is already being processed": what the OAuth token endpoint answers when two clients refresh
 *   the same grant at once, as integrations report it; the documented error table (api-errors.ts) does not list it.
 * - "expired authorization code": in public reports, a JWT bearer login whose `exp` was computed in the wrong time
 *   zone (simple-salesforce issues 371 and 491) or an authorization code used twice (forrest issue 169); the flow
 *   around it decides the cause (classify.ts).
 * The rest (a sandbox "was refreshed", "logged out", "deactivated user", "wrong instance", …) are how
 * people describe the cause in tickets and notes, not Salesforce messages; they weigh like one.
 */
const PHRASES: readonly Signal[] = [
  S(
    'mule-connectivity',
    'TOKEN_EXPIRED',
    0.3,
    /\bSALESFORCE:(?:CONNECTIVITY|RETRY_EXHAUSTED)\b/g,
    'Mule reports a Salesforce connection failure (any cause)',
    'SALESFORCE:CONNECTIVITY',
    true,
  ),
  // Token expiry proper.
  S(
    'access-token-expired',
    'TOKEN_EXPIRED',
    3,
    /\b(?:access token|session)\s+(?:has\s+)?(?:expired|timed out)\b(?!\s+or invalid)/gi,
    'the access token reached its timeout',
    'the access token has expired',
  ),
  S('session-timeout-setting', 'TOKEN_EXPIRED', 2, /\bsession timeout\b/gi, 'the session timeout policy', 'session timeout is 2 hours'),
  S(
    'logged-out',
    'TOKEN_EXPIRED',
    2,
    /\b(?:logged out|log out all sessions|logout)\b/gi,
    'the session was ended by a logout',
    'an admin used "Log out all sessions"',
  ),
  // "expired authorization code" says only that the token endpoint refused a grant as expired: a JWT bearer login
  // whose assertion's exp is already past (a clock or time zone error), an authorization code redeemed twice or too
  // late, a refresh racing another. Which one the text around it tells (classify.ts, computed signals).
  S(
    'expired-authorization-code',
    'UNKNOWN',
    0.5,
    /\bexpired authorization code\b/gi,
    'the token endpoint refused the grant as expired (which grant depends on the flow)',
    'invalid_grant: expired authorization code',
    true,
  ),
  // Concurrency: refresh races, login and session caps.
  S(
    'token-request-in-progress',
    'CONCURRENT_SESSION_LIMIT',
    6,
    /\bToken request is already being processed\b/gi,
    'two refreshes raced for the same token',
    'Token request is already being processed',
  ),
  S(
    'login-rate-exceeded',
    'CONCURRENT_SESSION_LIMIT',
    5,
    /\bLOGIN_RATE_EXCEEDED\b/g,
    'too many logins for the user in the last hour',
    'LOGIN_RATE_EXCEEDED: You have made too many login calls',
  ),
  S(
    'session-limit',
    'CONCURRENT_SESSION_LIMIT',
    5,
    /\b(?:maximum number of (?:concurrent )?sessions|concurrent sessions? limit|session limit (?:reached|exceeded))\b/gi,
    'the user reached the concurrent session cap',
    'maximum number of concurrent sessions reached',
  ),
  S(
    'refresh-race',
    'CONCURRENT_SESSION_LIMIT',
    4,
    /\b(?:concurrent|simultaneous|parallel) (?:token )?refresh(?:es)?\b/gi,
    'several clients refreshed at once',
    '16 concurrent refreshes',
  ),
  // Sandbox refresh.
  S(
    'sandbox-refresh',
    'SANDBOX_REFRESH',
    6,
    /\b(?:sandbox (?:was |has been )?refresh(?:ed)?|refresh(?:ed)? (?:the |our |a )?sandbox|(?:org|sandbox) (?:was |has been )?re-?created)\b/gi,
    'the sandbox was refreshed (a new org)',
    'the UAT sandbox was refreshed from production',
  ),
  // IP / login-hour restrictions: the OAuth description "ip restricted or invalid login hours" counts as
  // its two halves, so an error naming only one of them still counts.
  S(
    'ip-restricted',
    'IP_RESTRICTION',
    6,
    /\b(?:ip restricted|IP Address Not Allowed|not allowed from this ip|ip address is not allowed)\b/gi,
    'the login came from an IP outside the allowed ranges',
    'invalid_grant: ip restricted or invalid login hours',
  ),
  S(
    'login-hours',
    'IP_RESTRICTION',
    6,
    /\b(?:invalid login hours|outside (?:of )?(?:the )?(?:allowed )?login hours)\b/gi,
    'the login happened outside the allowed login hours',
    'invalid login hours',
  ),
  S(
    'session-ip-lock',
    'IP_RESTRICTION',
    5,
    /\b(?:lock(?:ed)? sessions? to the IP|session (?:is )?locked to (?:the|its) (?:originating )?IP|sessions? locked to IP)\b/gi,
    'the session is locked to the IP it started from',
    'Lock sessions to the IP address from which they originated',
  ),
  // Revoked grants and removed apps.
  S(
    'token-revoked',
    'TOKEN_REVOKED',
    5,
    /\b(?:token (?:has been |was )?revoked|revoked (?:refresh |access )?token|refresh token (?:has )?expired)\b/gi,
    'the token was revoked or expired by policy',
    'the refresh token was revoked',
  ),
  S(
    'consumer-deleted',
    'TOKEN_REVOKED',
    6,
    /\b(?:Consumer Deleted|connected app (?:was |has been )?(?:deleted|uninstalled))\b/gi,
    'the connected app was removed',
    'the connected app was deleted',
  ),
  S(
    'oauth-app-blocked',
    'TOKEN_REVOKED',
    6,
    /\b(?:OAUTH_APP_BLOCKED|app(?:lication)? (?:is |has been )?blocked)\b/gi,
    'the connected app is blocked',
    'OAUTH_APP_BLOCKED: this app is blocked by admin',
  ),
  // The integration user.
  S(
    'user-deactivated',
    'USER_INACTIVE',
    6,
    /\b(?:user (?:was |has been |is )?deactivated|deactivated (?:the )?(?:integration )?user|frozen user|user (?:was |has been )frozen)\b/gi,
    'the integration user was deactivated or frozen',
    'the integration user was deactivated',
  ),
  // Connected app approval.
  S(
    'app-pre-authorization',
    'APP_NOT_APPROVED',
    4,
    /\b(?:admin approved users are pre-?authori[sz]ed|not pre-?authori[sz]ed)\b/gi,
    'the connected app admits only pre-authorized users',
    'Permitted Users: Admin approved users are pre-authorized',
  ),
  // Per-user credentials in automation.
  S(
    'credential-access',
    'PER_USER_CREDENTIAL',
    7,
    /\bWe couldn'?t access the credential\(?s?\)?/gi,
    'the running user has no authenticated principal for the credential',
    "We couldn't access the credential(s).",
  ),
  S(
    'current-session-unavailable',
    'PER_USER_CREDENTIAL',
    5,
    /\bCurrent session unavailable\b/gi,
    'there is no user session to take a per-user token from',
    'System.CalloutException: Current session unavailable',
  ),
  S(
    'per-user-principal',
    'PER_USER_CREDENTIAL',
    4,
    new RegExp(PER_USER_PHRASE.source, 'gi'),
    'a per-user credential is involved',
    'the Billing named credential uses a per-user principal',
  ),
  S(
    'named-credential-auth',
    'PER_USER_CREDENTIAL',
    4,
    /\b(?:hasn'?t|has not|didn'?t) authenticat\w+ (?:to|with|for) (?:the |this )?(?:named|external) credential\b/gi,
    'the user never authenticated the credential',
    "The user hasn't authenticated to the named credential Erp.",
  ),
  // Session not usable for the API.
  S(
    'not-valid-for-api',
    'SESSION_NOT_API_ENABLED',
    // A UI session used for the API, API Access Control, a connected app's IP restrictions: several causes.
    3,
    /\bThis session is not valid for use with the (?:REST |SOAP |Bulk )?API\b/gi,
    'the session may not call this API',
    'This session is not valid for use with the REST API',
  ),
  S(
    'api-access-control',
    'SESSION_NOT_API_ENABLED',
    4,
    /\bAPI Access Control\b/gi,
    'API Access Control restricts which apps may use the API',
    'Security enabled API Access Control',
  ),
  S(
    'high-assurance',
    'SESSION_NOT_API_ENABLED',
    4,
    /\b(?:high assurance|session security level|HIGH_ASSURANCE_REQUIRED|security level (?:is )?too low)\b/gi,
    'the API requires a higher session security level',
    'requires a High Assurance session security level',
  ),
  S(
    'lightning-session',
    'SESSION_NOT_API_ENABLED',
    4,
    /\b(?:lightning session(?: id)?|UI session id)\b/gi,
    'a UI session id was used for an API call',
    'a Lightning session id',
  ),
  S(
    'missing-api-scope',
    'SESSION_NOT_API_ENABLED',
    4,
    /\b(?:missing (?:the )?(?:api|required) scope|insufficient_scope|scope (?:does not include|lacks) api)\b/gi,
    'the token lacks the api scope',
    'WWW-Authenticate: Bearer error="insufficient_scope"',
  ),
  // Wrong instance.
  S(
    'url-not-reset',
    'WRONG_INSTANCE',
    6,
    /\b(?:URL_NOT_RESET|Destination URL not reset)\b/g,
    'the API was called on the login URL, not the instance',
    'UNKNOWN_EXCEPTION: Destination URL not reset',
  ),
  S(
    'html-content',
    'WRONG_INSTANCE',
    4,
    /\b(?:HTML content|received HTML|returned an HTML (?:page|document)|<!DOCTYPE html>)/gi,
    'an HTML page came back where the API answers JSON or XML',
    'HTTP response contains HTML content',
  ),
  S(
    'lightning-host',
    'WRONG_INSTANCE',
    5,
    /\bhttps?:\/\/[\w.-]+\.lightning\.force\.com\b/gi,
    'a Lightning UI host is not the API instance',
    'instance https://acme.lightning.force.com',
  ),
  S(
    'wrong-instance',
    'WRONG_INSTANCE',
    4,
    /\b(?:wrong instance|instance (?:url )?(?:has )?changed|org (?:was )?migrated)\b/gi,
    'the org moved to another instance',
    'the instance URL changed',
  ),
  // Rate limits.
  S(
    'concurrent-long-requests',
    'RATE_LIMITED',
    6,
    /\bConcurrentPerOrgLongTxn\b/g,
    'too many concurrent long-running requests',
    'ConcurrentPerOrgLongTxn Limit exceeded',
  ),
];

export const SIGNALS: readonly Signal[] = fromAllVocabularies(new Set<string>());

function fromAllVocabularies(taken: Set<string>): Signal[] {
  return [
    ...fromVocabulary(LOGIN_STATUS_VOCABULARY, taken),
    ...fromVocabulary(FAULT_CODES, taken),
    ...fromVocabulary(OAUTH_ERRORS, taken),
    ...fromVocabulary(CLIENT_ERRORS, taken),
    ...PHRASES,
  ];
}

/** Ids of the signals that say only that something failed. */
export const GENERIC_SIGNALS: ReadonlySet<string> = new Set(SIGNALS.filter((s) => s.generic).map((s) => s.id));
