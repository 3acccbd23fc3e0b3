/**
 * What Salesforce and its client libraries print when a login or a session fails, by source, each with
 * the page that documents it. signals.ts turns these entries into signals (with the login statuses of
 * login-statuses.ts and its own phrases); a `generic` entry says only that something failed and stays a
 * low-confidence hint.
 */
import type { Cause } from './causes';

export interface Vocabulary {
  readonly id: string;
  readonly cause: Cause;
  readonly weight: number;
  /** Codes (error codes, exception names) and phrases, matched in any case as whole words. */
  readonly codes?: readonly string[];
  readonly phrases?: readonly string[];
  readonly means: string;
  /** Says only that a session or login failed, not why. */
  readonly generic?: boolean;
}

/**
 * The OAuth token endpoint's `error` / `error_description` pairs ("invalid_grant: ip restricted or
 * invalid login hours" counts as its two halves, the ip-restricted and login-hours phrases of
 * signals.ts). Sources:
 * - OAuth 2.0 Authorization Errors (the error codes and descriptions of the flows, with the JWT bearer
 *   flow's "Audience validation failed" and the refresh token flow's "expired access/refresh token"):
 *   https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm
 * - OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration (prior approval of the app; aud, iss, sub,
 *   exp claims and the certificate that signs them):
 *   https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 * - "user hasn't approved this consumer" from a Mule connection (Salesforce Help, knowledge article
 *   001121341): https://help.salesforce.com/s/articleView?id=001121341&type=1
 */
export const OAUTH_ERRORS: readonly Vocabulary[] = [
  {
    id: 'oauth-expired-refresh-token',
    cause: 'TOKEN_REVOKED',
    weight: 6,
    phrases: ['expired access/refresh token'],
    means: 'the refresh token is gone (revoked, rotated, expired by policy or past the grant cap)',
  },
  {
    id: 'oauth-inactive-user',
    cause: 'USER_INACTIVE',
    weight: 7,
    codes: ['inactive_user'],
    phrases: ['inactive user', 'user is inactive'],
    means: 'the integration user is inactive',
  },
  {
    id: 'oauth-not-approved',
    cause: 'APP_NOT_APPROVED',
    // Also what a JWT bearer login posted to the wrong login server gets (production vs sandbox, My Domain):
    // the text alone rarely tells the two apart, so it is a lead, not a certainty.
    weight: 3,
    phrases: ["user hasn't approved this consumer", 'user has not approved this consumer'],
    means: 'the user is not pre-authorized for the connected app and never approved it',
  },
  {
    id: 'oauth-app-access',
    cause: 'APP_NOT_APPROVED',
    weight: 7,
    codes: ['invalid_app_access'],
    phrases: ['user is not admin approved to access this app'],
    means: 'the connected app admits only pre-authorized users, and this user is not one',
  },
  {
    id: 'oauth-access-denied',
    cause: 'APP_NOT_APPROVED',
    weight: 5,
    phrases: ['end-user denied authorization', 'user denied authorization'],
    means: 'the user refused to approve the connected app',
  },
  {
    id: 'oauth-audience',
    cause: 'JWT_MISCONFIGURED',
    weight: 7,
    phrases: ['audience is invalid', 'audience validation failed', 'invalid audience'],
    means: "the JWT's aud claim is not this login server (login.salesforce.com for production, test.salesforce.com for sandboxes)",
  },
  {
    id: 'oauth-invalid-assertion',
    cause: 'JWT_MISCONFIGURED',
    weight: 6,
    phrases: ['invalid assertion'],
    means: 'the JWT assertion was rejected: signature/certificate, exp/iat or subject',
  },
  {
    id: 'oauth-rate-limit',
    cause: 'CONCURRENT_SESSION_LIMIT',
    weight: 6,
    codes: ['rate_limit_exceeded'],
    phrases: ['number of logins exceeded'],
    means: 'too many logins for the user',
  },
  {
    id: 'oauth-invalid-client',
    cause: 'INVALID_CREDENTIALS',
    weight: 6,
    codes: ['invalid_client_id', 'invalid_client_credentials', 'invalid_client'],
    phrases: ['client identifier invalid', 'invalid client credentials'],
    means: 'the consumer key or secret is wrong',
  },
  {
    id: 'oauth-invalid-user-credentials',
    cause: 'INVALID_CREDENTIALS',
    // Also a login the org's policies refuse (a profile that requires a high assurance session): a lead.
    weight: 3,
    phrases: ['invalid user credentials', 'authentication failure'],
    means: 'the username, password or security token was refused',
  },
];

/**
 * SOAP API fault codes (ExceptionCode, which the REST API and Bulk API report as `errorCode` as well):
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#exceptioncode_topic
 * Session expiry returns INVALID_SESSION_ID ("Error Handling for Session Expiration"):
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_concepts_errorhandling.htm
 * Bulk API 1.0 reports InvalidSessionId:
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/asynch_api_reference_errors.htm
 */
export const FAULT_CODES: readonly Vocabulary[] = [
  {
    id: 'invalid-session-id',
    cause: 'TOKEN_EXPIRED',
    weight: 0.5,
    generic: true,
    codes: ['INVALID_SESSION_ID', 'sf:INVALID_SESSION_ID'],
    means: 'Salesforce rejected the session id (any cause)',
  },
  {
    id: 'session-expired-or-invalid',
    cause: 'TOKEN_EXPIRED',
    weight: 0.5,
    generic: true,
    phrases: ['Session expired or invalid'],
    means: 'the generic message for an unusable session',
  },
  {
    id: 'bulk-invalid-session',
    cause: 'TOKEN_EXPIRED',
    weight: 0.5,
    generic: true,
    codes: ['InvalidSessionId'],
    means: 'Bulk API 1.0 rejected the session',
  },
  {
    id: 'invalid-login',
    cause: 'INVALID_CREDENTIALS',
    weight: 0.5,
    generic: true,
    codes: ['INVALID_LOGIN'],
    phrases: ['Invalid username, password, security token; or user locked out'],
    means: 'the login was refused (wrong password or security token, or a locked, frozen or inactive user)',
  },
  {
    id: 'security-token-required',
    cause: 'INVALID_CREDENTIALS',
    weight: 7,
    codes: ['LOGIN_MUST_USE_SECURITY_TOKEN'],
    means: 'the login needs a security token (or an allow-listed IP)',
  },
  {
    id: 'password-expired',
    cause: 'USER_INACTIVE',
    weight: 7,
    codes: ['INVALID_OPERATION_WITH_EXPIRED_PASSWORD'],
    phrases: ['password has expired', 'password expired', 'expired password'],
    means: "the integration user's password expired",
  },
  {
    id: 'password-lockout',
    cause: 'USER_INACTIVE',
    weight: 7,
    codes: ['PASSWORD_LOCKOUT'],
    means: 'the user is locked out after too many failed logins',
  },
  {
    id: 'login-restricted-ip',
    cause: 'IP_RESTRICTION',
    weight: 6,
    codes: ['LOGIN_DURING_RESTRICTED_DOMAIN'],
    means: 'the user may not log in from this IP address',
  },
  {
    id: 'login-restricted-time',
    cause: 'IP_RESTRICTION',
    weight: 6,
    codes: ['LOGIN_DURING_RESTRICTED_TIME'],
    means: 'the user may not log in at this time (login hours)',
  },
  {
    id: 'api-disabled',
    cause: 'API_DISABLED',
    weight: 7,
    codes: ['API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED'],
    phrases: [
      'API is not enabled for this Organization or Partner',
      'API is not enabled for this Organization',
      'The REST API is not enabled for this Organization',
    ],
    means: 'the org or the user may not use the API',
  },
  {
    id: 'request-limit',
    cause: 'RATE_LIMITED',
    weight: 7,
    codes: ['REQUEST_LIMIT_EXCEEDED'],
    phrases: ['TotalRequests Limit exceeded'],
    means: 'the org ran out of API requests',
  },
];

/**
 * Client libraries: how they report a failed login or refresh.
 * - jsforce: a failed refresh is thrown as "Unable to refresh session due to: <error_description>", an
 *   OAuth error with its `error` as the name (lib/session-refresh-delegate.js, lib/oauth2.js of jsforce 3).
 * - Salesforce CLI (@salesforce/core, messages/core.md): "Error authenticating with the refresh token due
 *   to: %s" (RefreshTokenAuthError), "Error authenticating with JWT config due to: %s" (JwtAuthError):
 *   https://github.com/forcedotcom/sfdx-core/blob/main/messages/core.md
 * - simple-salesforce raises SalesforceExpiredSession for every HTTP 401 and SalesforceAuthenticationFailed
 *   ("CODE: message") for every failed login: its exceptions map HTTP status codes, not causes
 *   (simple_salesforce/exceptions.py): https://github.com/simple-salesforce/simple-salesforce. Its other
 *   classes (SalesforceRefusedRequest 403, SalesforceMalformedRequest 400, SalesforceResourceNotFound 404,
 *   SalesforceGeneralError) say nothing about a session; the message they carry decides.
 * - restforce: Restforce::UnauthorizedError (401), Restforce::AuthenticationError (a failed OAuth login):
 *   https://github.com/restforce/restforce
 * - Force.com WSC (Java): LoginFault for every failed SOAP login.
 * - The identity URL and userinfo endpoint answer 403 "Bad_OAuth_Token" for a token they do not accept
 *   (Identity URLs, error codes): https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm
 */
export const CLIENT_ERRORS: readonly Vocabulary[] = [
  {
    id: 'bad-oauth-token',
    cause: 'TOKEN_EXPIRED',
    weight: 0.5,
    generic: true,
    codes: ['Bad_OAuth_Token'],
    means: 'the identity endpoint rejected the access token (any cause)',
  },
  {
    id: 'expired-session-exception',
    cause: 'TOKEN_EXPIRED',
    weight: 0.5,
    generic: true,
    codes: ['SalesforceExpiredSession', 'Restforce::UnauthorizedError'],
    means: 'the client library got an HTTP 401 (any cause)',
  },
  {
    id: 'auth-failed-exception',
    cause: 'INVALID_CREDENTIALS',
    weight: 0.5,
    generic: true,
    codes: ['SalesforceAuthenticationFailed', 'Restforce::AuthenticationError', 'LoginFault'],
    means: 'the client library could not log in (any cause)',
  },
  {
    id: 'refresh-failed',
    cause: 'TOKEN_REVOKED',
    weight: 0.5,
    generic: true,
    codes: ['RefreshTokenAuthError'],
    phrases: ['Error authenticating with the refresh token', 'Unable to refresh session'],
    means: 'the client could not refresh its session (the reason follows "due to:")',
  },
  {
    id: 'sf-cli-jwt-failed',
    cause: 'JWT_MISCONFIGURED',
    weight: 0.5,
    generic: true,
    codes: ['JwtAuthError'],
    phrases: ['Error authenticating with JWT config'],
    means: 'the Salesforce CLI could not log in with its JWT (the reason follows "due to:")',
  },
];
