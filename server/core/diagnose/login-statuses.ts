/**
 * Salesforce's login status vocabulary, complete: every API error code of a login attempt and the text
 * LoginHistory.Status shows for it ("Details"), as listed in "Login Event Type — LOGIN_STATUS Values"
 * (Object Reference):
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_login_status.htm
 *
 * Each status names the cause it points at, or `null` with the reason when it is no session failure of
 * an integration (other clients, SSO configuration, the org's own state), so the choice stays visible
 * and a test can check the table is complete. signals.ts turns the entries into signals; the probe reads
 * LoginHistory.Status through the same signals.
 */
import type { Cause } from './causes';

export interface LoginStatus {
  /** The API error code (LOGIN_STATUS in event monitoring). */
  readonly code: string;
  /** What LoginHistory.Status shows, when the documentation gives it. */
  readonly detail?: string;
  readonly cause: Cause | null;
  /** Signal weight; a status is a specific cue (6) unless it says less. */
  readonly weight?: number;
  /** For a `null` cause: why no cause fits. For a weaker weight: why. */
  readonly why?: string;
}

const OTHER_CLIENT = 'a login of another client or channel (mobile, offline, Outlook, Experience Cloud), not an API integration';
const SSO = 'SSO, delegated authentication or SAML configuration, not the integration user’s session';
const ORG_STATE = 'the org itself is closed, locked, suspended, in maintenance or expired: no cause of a session fits';
const PROTOCOL = 'an OAuth protocol error of a client under development (OAuth 1.0a parameters, PKCE, device, callback), not a production session failure';
const NO_DETAIL = 'documented without details: its meaning for an API login is not stated';

export const LOGIN_STATUSES: readonly LoginStatus[] = [
  { code: 'LOGIN_CHALLENGE_ISSUED', detail: 'Failed: Computer activation required', cause: 'INVALID_CREDENTIALS' },
  { code: 'LOGIN_CHALLENGE_PENDING', detail: 'Failed: Computer activation pending', cause: 'INVALID_CREDENTIALS' },
  { code: 'LOGIN_DATA_DOWNLOAD_ONLY', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_END_SESSION_TXN_SECURITY_POLICY', cause: null, why: 'a transaction security policy ended the session: a policy decision, not a failure' },
  {
    code: 'LOGIN_ERROR_API_TOO_OLD',
    detail: 'Failed: API Version Removed',
    cause: null,
    why: 'the client calls a retired API version: an upgrade, not a session failure',
  },
  { code: 'LOGIN_ERROR_APPEXCHANGE_DOWN', detail: 'Unable to process your login request', cause: null, why: 'a service outage' },
  { code: 'LOGIN_ERROR_ASYNC_USER_CREATE', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_AVANTGO_DISABLED', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_AVANTGO_TRIAL_EXP', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_CLIENT_NO_ACCESS', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_CLIENT_REQ_UPDATE', detail: 'Failed: Client update required', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_CSS_FROZEN', cause: 'USER_INACTIVE' },
  { code: 'LOGIN_ERROR_CSS_PW_LOCKOUT', cause: 'USER_INACTIVE' },
  { code: 'LOGIN_ERROR_DUPLICATE_USERNAME', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_EXPORT_RESTRICTED', detail: 'Restricted country', cause: 'IP_RESTRICTION' },
  {
    code: 'LOGIN_ERROR_GLOBAL_BLOCK_DOMAIN',
    detail: 'Restricted domain',
    cause: null,
    why: 'the same detail as LOGIN_ERROR_ORG_DOMAIN_ONLY; the code alone is not explained',
  },
  { code: 'LOGIN_ERROR_HT_DOWN', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_HTP_METHD_INVALID', detail: 'Failed: Invalid HTTP method', cause: null, why: PROTOCOL },
  {
    code: 'LOGIN_ERROR_INSECURE_LOGIN',
    detail: 'Failed: Login over insecure channel',
    cause: 'WRONG_INSTANCE',
    weight: 5,
    why: 'the login went to an http:// URL: the URL is wrong',
  },
  { code: 'LOGIN_ERROR_INVALID_GATEWAY', detail: 'Invalid gateway', cause: null, why: SSO },
  { code: 'LOGIN_ERROR_INVALID_ID_FIELD', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_INVALID_PASSWORD', detail: 'Invalid password', cause: 'INVALID_CREDENTIALS' },
  { code: 'LOGIN_ERROR_LOGINS_EXCEEDED', detail: 'Maximum logins exceeded', cause: 'CONCURRENT_SESSION_LIMIT' },
  { code: 'LOGIN_ERROR_MUST_USE_API_TOKEN', detail: 'Failed: API security token required', cause: 'INVALID_CREDENTIALS', weight: 7 },
  {
    code: 'LOGIN_ERROR_MUTUAL_AUTHENTICATION',
    detail: 'Mutual authentication failed',
    cause: null,
    why: 'a client certificate (mutual TLS) setting, not a session',
  },
  { code: 'LOGIN_ERROR_NETWORK_INACTIVE', detail: 'Invalid - Experience Cloud site offline', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_NO_HT_ACCESS', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_NO_NETWORK_ACCESS', detail: 'No Experience Cloud site access', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_NO_NETWORK_INFO', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_NO_PORTAL_ACCESS', detail: 'Invalid profile association', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_NO_SET_COOKIES', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_OFFLINE_DISABLED', detail: 'Offline disabled', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_OFFLINE_TRIAL_EXP', detail: 'Offline trial expired', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_ORG_CLOSED', detail: 'Organization closed', cause: null, why: ORG_STATE },
  {
    code: 'LOGIN_ERROR_ORG_DOMAIN_ONLY',
    cause: 'WRONG_INSTANCE',
    weight: 5,
    why: 'the org accepts logins only on its My Domain: the login URL is wrong (the detail "Restricted domain" is shared, so only the code counts)',
  },
  { code: 'LOGIN_ERROR_ORG_IN_MAINTENANCE', detail: 'Organization is in maintenance', cause: null, why: ORG_STATE },
  { code: 'LOGIN_ERROR_ORG_INACTIVE', detail: 'Organization is inactive', cause: null, why: ORG_STATE },
  { code: 'LOGIN_ERROR_ORG_IS_DOT_ORG', detail: 'Organization is a DOT', cause: null, why: ORG_STATE },
  { code: 'LOGIN_ERROR_ORG_LOCKOUT', detail: 'Organization locked', cause: null, why: ORG_STATE },
  { code: 'LOGIN_ERROR_ORG_SIGNING_UP', cause: null, why: ORG_STATE },
  { code: 'LOGIN_ERROR_ORG_SUSPENDED', detail: 'Organization suspended', cause: null, why: ORG_STATE },
  { code: 'LOGIN_ERROR_OUTLOOK_DISABLED', detail: 'Outlook integration disabled', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_PAGE_REQUIRES_LOGIN', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_PASSWORD_EMPTY', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_PASSWORD_LOCKOUT', detail: 'Password lockout', cause: 'USER_INACTIVE', weight: 7 },
  { code: 'LOGIN_ERROR_PORTAL_INACTIVE', detail: 'Invalid - Portal disabled', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_RATE_EXCEEDED', detail: 'Login rate exceeded', cause: 'CONCURRENT_SESSION_LIMIT' },
  { code: 'LOGIN_ERROR_RESTRICTED_DOMAIN', detail: 'Restricted IP', cause: 'IP_RESTRICTION' },
  { code: 'LOGIN_ERROR_RESTRICTED_TIME', detail: 'Restricted time', cause: 'IP_RESTRICTION' },
  { code: 'LOGIN_ERROR_SESSION_TIMEOUT', cause: 'TOKEN_EXPIRED', weight: 3, why: 'documented without details; the code names a session timeout' },
  { code: 'LOGIN_ERROR_SSO_PWD_INVALID', detail: 'Invalid password', cause: 'INVALID_CREDENTIALS' },
  { code: 'LOGIN_ERROR_SSO_SVC_DOWN', detail: "Your company's authentication service is down", cause: null, why: SSO },
  { code: 'LOGIN_ERROR_SSO_URL_INVALID', detail: 'The Single Sign-On Gateway URL is invalid', cause: null, why: SSO },
  { code: 'LOGIN_ERROR_STORE', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_STORE_DOWN', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_SWITCH_SFDC_INSTANCE', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_SWITCH_SFDC_LOGIN', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_SYNCOFFLINE_DISBLD', detail: 'Failed: Mobile disabled', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_SYSTEM_DOWN', cause: null, why: 'a service outage' },
  {
    code: 'LOGIN_ERROR_UNKNOWN_ERROR',
    detail: 'Login invalid',
    cause: 'INVALID_CREDENTIALS',
    weight: 0.5,
    why: 'says only that the login failed: a generic marker',
  },
  { code: 'LOGIN_ERROR_USER_API_ONLY', detail: 'Failed: API-only user', cause: null, why: 'an API-only user tried the UI: the API itself is fine' },
  { code: 'LOGIN_ERROR_USER_FROZEN', detail: 'User is frozen', cause: 'USER_INACTIVE', weight: 7 },
  { code: 'LOGIN_ERROR_USER_INACTIVE', detail: 'User is inactive', cause: 'USER_INACTIVE', weight: 7 },
  { code: 'LOGIN_ERROR_USER_NON_MOBILE', detail: 'Failed: Mobile license required', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_USER_STORE_ACCESS', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_USERNAME_EMPTY', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_ERROR_WIRELESS_DISABLED', detail: 'Wireless disabled', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_ERROR_WIRELESS_TRIAL_EXP', detail: 'Wireless trial expired', cause: null, why: OTHER_CLIENT },
  { code: 'LOGIN_LIGHTNING_LOGIN', detail: 'Lightning Login required', cause: null, why: 'an interactive login method' },
  { code: 'LOGIN_NO_ERROR', cause: null, why: 'a successful login' },
  { code: 'LOGIN_OAUTH_API_DISABLED', detail: 'Failed: OAuth API access disabled', cause: 'API_DISABLED' },
  { code: 'LOGIN_OAUTH_CONSUMER_DELETED', detail: 'Failed: Consumer Deleted', cause: 'TOKEN_REVOKED' },
  { code: 'LOGIN_OAUTH_DS_NOT_EXPECTED', detail: 'Failed: Activation secret not expected', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_EXCEED_GET_AT_LMT', detail: 'Failed: Get Access Token Limit Exceeded', cause: 'CONCURRENT_SESSION_LIMIT' },
  { code: 'LOGIN_OAUTH_INVALID_CODE_CHALLENGE', detail: 'Failed: Invalid Code Challenge', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_INVALID_CODE_VERIFIER', detail: 'Failed: Invalid Code Verifier', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_INVALID_DEVICE', detail: 'Failed: Device Id missing or not registered', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_INVALID_DS', detail: 'Failed: Activation secret invalid', cause: null, why: PROTOCOL },
  {
    code: 'LOGIN_OAUTH_INVALID_DSIG',
    detail: 'Failed: Signature Invalid',
    cause: 'JWT_MISCONFIGURED',
    weight: 4,
    why: 'an OAuth login whose signature failed; for a server-to-server integration that is the JWT assertion (SAML logins share the detail, so it weighs less)',
  },
  { code: 'LOGIN_OAUTH_INVALID_IP', detail: 'Failed: IP Address Not Allowed', cause: 'IP_RESTRICTION' },
  { code: 'LOGIN_OAUTH_INVALID_NONCE', detail: 'Failed: Invalid Nonce', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_INVALID_SIG_METHOD', detail: 'Failed: Invalid Signature Method', cause: null, why: PROTOCOL },
  {
    code: 'LOGIN_OAUTH_INVALID_TIMESTAMP',
    detail: 'Failed: Invalid Timestamp',
    cause: 'JWT_MISCONFIGURED',
    weight: 4,
    why: 'an OAuth login with a timestamp out of range; for a server-to-server integration the assertion’s exp/iat',
  },
  {
    code: 'LOGIN_OAUTH_INVALID_TOKEN',
    detail: 'Failed: Invalid Token',
    cause: 'TOKEN_REVOKED',
    weight: 4,
    why: 'an OAuth login with a token the org no longer knows',
  },
  { code: 'LOGIN_OAUTH_INVALID_VERIFIER', detail: 'Failed: Invalid Verifier', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_INVALID_VERSION', detail: 'Failed: Version Not Supported', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_MISSING_DS', detail: 'Activation secret missing', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_NO_CALLBACK_URL', detail: 'Failed: Invalid Callback URL', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_NO_CONSUMER', detail: 'Missing Consumer Key Parameter', cause: 'INVALID_CREDENTIALS', weight: 5 },
  { code: 'LOGIN_OAUTH_NO_TOKEN', detail: 'Missing OAuth Token Parameter', cause: null, why: PROTOCOL },
  { code: 'LOGIN_OAUTH_NONCE_REPLAY', detail: 'Failed: Nonce Replay Detected', cause: null, why: PROTOCOL },
  {
    code: 'LOGIN_OAUTH_PACKAGE_MISSING',
    detail: 'Package for this consumer is not installed in your organization',
    cause: 'TOKEN_REVOKED',
    why: 'the connected app is not installed (any more)',
  },
  { code: 'LOGIN_OAUTH_PACKAGE_OLD', detail: 'Installed package for this consumer is out of date', cause: null, why: 'a package upgrade' },
  { code: 'LOGIN_OAUTH_UNEXPECTED_PARAM', detail: 'Failed: Unexpected parameter', cause: null, why: PROTOCOL },
  { code: 'LOGIN_ORG_TRIAL_EXP', detail: 'Trial Expired', cause: null, why: ORG_STATE },
  { code: 'LOGIN_READONLY_CANNOT_VALIDATE', cause: null, why: NO_DETAIL },
  { code: 'LOGIN_SAML_INVALID_AUDIENCE', detail: 'Failed: Audience Invalid', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_CONFIG', detail: 'Failed: Configuration Error/Perm Disabled', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_FORMAT', detail: 'Failed: Assertion Invalid', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_IN_RES_TO', detail: 'Failed: InResponseTo Invalid', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_ISSUER', detail: 'Failed: Issuer Mismatched', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_ORG_ID', detail: 'Failed: Invalid Organization Id', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_PORTAL_ID', detail: 'Failed: Invalid Portal Id', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_RECIPIENT', detail: 'Failed: Recipient Mismatched', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_SESSION_LEVEL', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_SIGNATURE', cause: null, why: `${SSO} (its detail is the same as LOGIN_OAUTH_INVALID_DSIG's)` },
  { code: 'LOGIN_SAML_INVALID_SITE_URL', detail: 'Failed: Invalid Site URL', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_STATUS', detail: 'Failed: Status Invalid', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_SUB_CONFIRM', detail: 'Failed: Subject Confirmation Error', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_TIMESTAMP', detail: 'Failed: Assertion Expired', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_USERNAME', detail: 'Failed: Username Or SSO Id Invalid', cause: null, why: SSO },
  { code: 'LOGIN_SAML_INVALID_VERSION', cause: null, why: SSO },
  { code: 'LOGIN_SAML_MISMATCH_CERT', detail: 'Failed: Signature Invalid/Configured Certificate Mismatch', cause: null, why: SSO },
  { code: 'LOGIN_SAML_MISSING_ORG_ID', detail: 'Failed: Missing Organization Id for Portal login', cause: null, why: SSO },
  { code: 'LOGIN_SAML_MISSING_PORTAL_ID', detail: 'Failed: Missing Portal Id', cause: null, why: SSO },
  { code: 'LOGIN_SAML_PROVISION_ERROR', detail: 'Failed: SAML Provision Error', cause: null, why: SSO },
  { code: 'LOGIN_SAML_REPLAY_ATTEMPTED', detail: 'Failed: Replay Detected', cause: null, why: SSO },
  { code: 'LOGIN_SAML_SITE_INACTIVE', detail: 'Failed: Specified Site is Inactive', cause: null, why: SSO },
  {
    code: 'LOGIN_TWOFACTOR_REQ',
    detail: 'Multi-factor (formerly called two-factor) is required',
    cause: null,
    why: 'an interactive verification requirement; no session cause fits',
  },
];

/**
 * A status Salesforce shows in LoginHistory that the LOGIN_STATUS table does not list: "Failed: Not
 * approved for access", for an API user not pre-authorized for the connected app (Salesforce Help,
 * "Why do users get the 'Failed: Not approved for access' error message?", knowledge article 000212208:
 * https://help.salesforce.com/apex/HTViewSolution?id=000212208).
 */
export const NOT_APPROVED_STATUS = 'Failed: Not approved for access';
