/**
 * The signal table: every phrase or token that points at a cause, with its weight. Patterns match
 * whole words and phrases (never bare substrings: "description" contains "ip", "disabled" is not
 * "revoked"). Generic session-failure markers weigh little, so any specific signal outranks them.
 */
import type { Cause } from './causes';

export interface Signal {
  readonly id: string;
  readonly cause: Cause;
  readonly weight: number;
  readonly pattern: RegExp;
  /** What the match means, shown next to the evidence. */
  readonly means: string;
}

const S = (id: string, cause: Cause, weight: number, pattern: RegExp, means: string): Signal => ({ id, cause, weight, pattern, means });

export const SIGNALS: readonly Signal[] = [
  // Generic: the session is not usable (cause unknown from these alone).
  S('invalid-session-id', 'TOKEN_EXPIRED', 0.5, /\b(?:sf:)?INVALID_SESSION_ID\b/g, 'Salesforce rejected the session id'),
  S('session-expired-or-invalid', 'TOKEN_EXPIRED', 0.5, /\bSession expired or invalid\b/gi, 'the generic message for an unusable session'),
  S('bulk-invalid-session', 'TOKEN_EXPIRED', 0.5, /\bInvalidSessionId\b/g, 'Bulk API v1 rejected the session'),
  S('bad-oauth-token', 'TOKEN_EXPIRED', 0.5, /\bBad_OAuth_Token\b/g, 'the identity endpoint rejected the access token'),
  S('mule-connectivity', 'TOKEN_EXPIRED', 0.3, /\bSALESFORCE:(?:CONNECTIVITY|RETRY_EXHAUSTED)\b/g, 'Mule reports a Salesforce connection failure'),
  // Token expiry proper.
  S(
    'access-token-expired',
    'TOKEN_EXPIRED',
    3,
    /\b(?:access token|session)\s+(?:has\s+)?(?:expired|timed out)\b(?!\s+or invalid)/gi,
    'the access token reached its timeout',
  ),
  S('expired-session-exception', 'TOKEN_EXPIRED', 2.5, /\bSalesforceExpiredSession\b/g, 'simple-salesforce: the session expired'),
  S('session-timeout-setting', 'TOKEN_EXPIRED', 2, /\bsession timeout\b/gi, 'the session timeout policy'),
  S('logged-out', 'TOKEN_EXPIRED', 2, /\b(?:logged out|log out all sessions|logout)\b/gi, 'the session was ended by a logout'),
  // Concurrency: refresh races, login and session caps.
  S(
    'expired-authorization-code',
    'CONCURRENT_SESSION_LIMIT',
    5,
    /\bexpired authorization code\b/gi,
    'a refresh reused an authorization code another worker already consumed',
  ),
  S('token-request-in-progress', 'CONCURRENT_SESSION_LIMIT', 6, /\bToken request is already being processed\b/gi, 'two refreshes raced for the same token'),
  S('login-rate-exceeded', 'CONCURRENT_SESSION_LIMIT', 5, /\b(?:LOGIN_RATE_EXCEEDED|login rate exceeded)\b/gi, 'too many logins for the user in the last hour'),
  S(
    'session-limit',
    'CONCURRENT_SESSION_LIMIT',
    5,
    /\b(?:maximum number of (?:concurrent )?sessions|concurrent sessions? limit|session limit (?:reached|exceeded))\b/gi,
    'the user reached the concurrent session cap',
  ),
  S('refresh-race', 'CONCURRENT_SESSION_LIMIT', 3, /\b(?:concurrent|simultaneous|parallel) (?:token )?refresh(?:es)?\b/gi, 'several clients refreshed at once'),
  // Sandbox refresh.
  S(
    'sandbox-refresh',
    'SANDBOX_REFRESH',
    6,
    /\b(?:sandbox (?:was |has been )?refresh(?:ed)?|refresh(?:ed)? (?:the |our |a )?sandbox|(?:org|sandbox) (?:was |has been )?re-?created)\b/gi,
    'the sandbox was refreshed (a new org)',
  ),
  // IP / login-hour restrictions.
  S(
    'ip-restricted',
    'IP_RESTRICTION',
    6,
    /\b(?:ip restricted|restricted ip|IP Address Not Allowed|INVALID_LOGIN_IP|not allowed from this ip|ip address (?:is )?not allowed)\b/gi,
    'the login came from an IP outside the allowed ranges',
  ),
  S(
    'login-hours',
    'IP_RESTRICTION',
    6,
    /\b(?:LOGIN_DURING_RESTRICTED_TIME|LOGIN_DURING_RESTRICTED_DOMAIN|restricted time|invalid login hours|outside (?:of )?(?:the )?(?:allowed )?login hours)\b/gi,
    'the login happened outside the allowed login hours',
  ),
  S(
    'session-ip-lock',
    'IP_RESTRICTION',
    5,
    /\b(?:lock(?:ed)? sessions? to the IP|session (?:is )?locked to (?:the|its) (?:originating )?IP|sessions? locked to IP)\b/gi,
    'the session is locked to the IP it started from',
  ),
  // Revoked grants and users.
  S(
    'expired-refresh-token',
    'TOKEN_REVOKED',
    6,
    /\bexpired access\/refresh token\b/gi,
    'the refresh token is gone (revoked, rotated, expired by policy or past the grant cap)',
  ),
  S(
    'token-revoked',
    'TOKEN_REVOKED',
    5,
    /\b(?:token (?:has been |was )?revoked|revoked (?:refresh |access )?token|refresh token (?:has )?expired)\b/gi,
    'the token was revoked or expired by policy',
  ),
  S('inactive-user', 'TOKEN_REVOKED', 6, /\b(?:inactive user|user is inactive|INACTIVE_USER|user (?:is )?deactivated)\b/gi, 'the integration user is inactive'),
  S('frozen-user', 'TOKEN_REVOKED', 6, /\b(?:user is frozen|frozen user|USER_FROZEN)\b/gi, 'the integration user is frozen'),
  S(
    'consumer-deleted',
    'TOKEN_REVOKED',
    6,
    /\b(?:Consumer Deleted|connected app (?:was |has been )?(?:deleted|uninstalled))\b/gi,
    'the connected app was removed',
  ),
  S('oauth-app-blocked', 'TOKEN_REVOKED', 6, /\b(?:OAUTH_APP_BLOCKED|app(?:lication)? (?:is |has been )?blocked)\b/gi, 'the connected app is blocked'),
  // Per-user credentials in automation.
  S(
    'credential-access',
    'PER_USER_CREDENTIAL',
    7,
    /\bWe couldn'?t access the credential\(?s?\)?/gi,
    'the running user has no authenticated principal for the credential',
  ),
  S('current-session-unavailable', 'PER_USER_CREDENTIAL', 5, /\bCurrent session unavailable\b/gi, 'there is no user session to take a per-user token from'),
  S(
    'per-user-principal',
    'PER_USER_CREDENTIAL',
    3,
    /\b(?:per-user (?:principal|credential|authentication)|PerUserPrincipal|principalType\s*[:=]?\s*PerUser)\b/gi,
    'a per-user credential is involved',
  ),
  S(
    'named-credential-auth',
    'PER_USER_CREDENTIAL',
    3,
    /\b(?:hasn'?t|has not|didn'?t) authenticat\w+ (?:to|with|for) (?:the |this )?(?:named|external) credential\b/gi,
    'the user never authenticated the credential',
  ),
  // Session not usable for the API.
  S(
    'not-valid-for-api',
    'SESSION_NOT_API_ENABLED',
    7,
    /\bThis session is not valid for use with the (?:REST |SOAP |Bulk )?API\b/gi,
    'the session may not call this API',
  ),
  S('api-access-control', 'SESSION_NOT_API_ENABLED', 4, /\bAPI Access Control\b/gi, 'API Access Control restricts which apps may use the API'),
  S(
    'high-assurance',
    'SESSION_NOT_API_ENABLED',
    4,
    /\b(?:high assurance|session security level|HIGH_ASSURANCE_REQUIRED|security level (?:is )?too low)\b/gi,
    'the API requires a higher session security level',
  ),
  S('lightning-session', 'SESSION_NOT_API_ENABLED', 3, /\b(?:lightning session(?: id)?|UI session id)\b/gi, 'a UI session id was used for an API call'),
  S(
    'missing-api-scope',
    'SESSION_NOT_API_ENABLED',
    4,
    /\b(?:missing (?:the )?(?:api|required) scope|insufficient_scope|scope (?:does not include|lacks) api)\b/gi,
    'the token lacks the api scope',
  ),
  // Wrong instance.
  S('url-not-reset', 'WRONG_INSTANCE', 6, /\b(?:URL_NOT_RESET|Destination URL not reset)\b/g, 'the API was called on the login URL, not the instance'),
  S(
    'html-content',
    'WRONG_INSTANCE',
    3,
    /\b(?:HTML content|received HTML|returned an HTML (?:page|document)|<!DOCTYPE html>)/gi,
    'an HTML page came back where the API answers JSON or XML',
  ),
  S('lightning-host', 'WRONG_INSTANCE', 5, /\bhttps?:\/\/[\w.-]+\.lightning\.force\.com\b/gi, 'a Lightning UI host is not the API instance'),
  S(
    'wrong-instance',
    'WRONG_INSTANCE',
    4,
    /\b(?:wrong instance|instance (?:url )?(?:has )?changed|org (?:was )?migrated)\b/gi,
    'the org moved to another instance',
  ),
  // Credentials and app configuration.
  S('authentication-failure', 'INVALID_CREDENTIALS', 5, /\bauthentication failure\b/gi, 'the login was refused'),
  S(
    'invalid-login',
    'INVALID_CREDENTIALS',
    6,
    /\b(?:INVALID_LOGIN|Invalid username, password, security token(?:; or user locked out)?)\b/gi,
    'wrong username, password or security token',
  ),
  S(
    'security-token-required',
    'INVALID_CREDENTIALS',
    7,
    /\b(?:LOGIN_MUST_USE_SECURITY_TOKEN|API security token required)\b/gi,
    'the login needs a security token (or an allow-listed IP)',
  ),
  S(
    'invalid-client',
    'INVALID_CREDENTIALS',
    6,
    /\b(?:invalid_client(?:_id|_credentials)?|client identifier invalid|invalid client credentials)\b/gi,
    'the consumer key or secret is wrong',
  ),
  S('not-approved', 'INVALID_CREDENTIALS', 7, /\buser hasn'?t approved this consumer\b/gi, 'the user is not pre-authorized for the connected app'),
  S(
    'invalid-assertion',
    'INVALID_CREDENTIALS',
    6,
    /\b(?:invalid assertion|invalid_grant: audience is invalid|invalid jwt)\b/gi,
    'the JWT assertion was rejected (certificate, audience or subject)',
  ),
  S(
    'password-expired',
    'INVALID_CREDENTIALS',
    6,
    /\b(?:INVALID_OPERATION_WITH_EXPIRED_PASSWORD|password (?:has )?expired|Password Lockout|user locked out)\b/gi,
    "the user's password expired or the user is locked out",
  ),
  S(
    'invalid-password',
    'INVALID_CREDENTIALS',
    5,
    /\b(?:Status:\s*Invalid Password|Failed: Computer activation required)\b/gi,
    'the login history shows rejected passwords',
  ),
  S(
    'auth-failed-exception',
    'INVALID_CREDENTIALS',
    3,
    /\b(?:SalesforceAuthenticationFailed|AuthenticationError|LoginFault)\b/g,
    'the client library could not log in',
  ),
  // Rate limits.
  S('request-limit', 'RATE_LIMITED', 7, /\b(?:REQUEST_LIMIT_EXCEEDED|TotalRequests Limit exceeded)\b/gi, 'the org ran out of API requests'),
  S('concurrent-long-requests', 'RATE_LIMITED', 6, /\bConcurrentPerOrgLongTxn\b/g, 'too many concurrent long-running requests'),
  // API disabled.
  S(
    'api-disabled',
    'API_DISABLED',
    7,
    /\b(?:API_DISABLED_FOR_ORG|API_CURRENTLY_DISABLED|API is not enabled for this Organization(?: or Partner)?|The REST API is not enabled for this Organization)\b/gi,
    'the org or the user may not use the API',
  ),
];
