/**
 * Labelled cases for Salesforce's own vocabulary, in the shapes real tools print it: LoginHistory rows
 * and event-monitoring exports, OAuth token endpoint answers (raw, through jsforce, the Salesforce CLI,
 * simple-salesforce and a Mule connection), SOAP faults, JWT bearer assertions; and the secrets such
 * logs carry in every shape (Python dicts, escaped JSON, SOAP login bodies, cookies, callback URLs).
 */
import type { LabelledCase } from './corpus';
import { muleLog, REFRESH, TOKEN_A, TOKEN_B } from './corpus-shapes';

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const jwt = (claims: object, signature: string) => `${b64('{"alg":"RS256"}')}.${b64(JSON.stringify(claims))}.${b64(signature)}`;
const SANDBOX_ASSERTION = jwt(
  { iss: '3MVG9xyzConsumerKey', sub: 'integration@acme.com.uat', aud: 'https://test.salesforce.com', exp: 1795000000 },
  'sig-01-uat',
);
const PROD_ASSERTION = jwt({ iss: '3MVG9xyzConsumerKey', sub: 'integration@acme.com', aud: 'https://login.salesforce.com', exp: 1795000000 }, 'sig-02-prd');
const SECRET_PW = 'Tr0ub4dor&3horse';
const CLIENT_SECRET = 'F00DFACE1234567890ABCDEF';

const loginHistoryCsv = (status: string, app = 'MuleSoft Order Sync') =>
  `USERNAME,LOGIN_TIME,SOURCE_IP,LOGIN_TYPE,STATUS,APPLICATION\nintegration@acme.com,2026-11-20T03:14:02Z,34.227.13.9,Remote Access 2.0,${status},${app}\nintegration@acme.com,2026-11-19T23:02:41Z,52.1.14.77,Remote Access 2.0,Success,${app}`;

export const VOCABULARY_CASES: readonly LabelledCase[] = [
  // ---------------- APP_NOT_APPROVED ----------------
  {
    id: 'approval-mule-connection',
    wrapper: 'Mule log',
    expected: 'APP_NOT_APPROVED',
    text: muleLog(
      'SALESFORCE:CONNECTIVITY',
      'org.mule.runtime.api.connection.ConnectionException: Invalid status code: 400, response body: {"error":"invalid_grant","error_description":"user hasn\'t approved this consumer"}',
      'global.xml',
      12,
      'Connect',
    ),
  },
  {
    id: 'approval-sf-cli-jwt',
    wrapper: 'sf CLI JSON',
    expected: 'APP_NOT_APPROVED',
    text: '{\n  "name": "JwtAuthError",\n  "message": "Error authenticating with JWT config due to: user hasn\'t approved this consumer",\n  "exitCode": 1,\n  "context": "LoginJwt",\n  "status": 1\n}',
  },
  {
    id: 'approval-admin-approved-only',
    wrapper: 'raw HTTP',
    expected: 'APP_NOT_APPROVED',
    text: `POST https://acme.my.salesforce.com/services/oauth2/token HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=3MVG9xyzConsumerKey&client_secret=${CLIENT_SECRET}\n\nHTTP/1.1 400 Bad Request\n{"error":"invalid_app_access","error_description":"user is not admin approved to access this app"}`,
    secrets: [CLIENT_SECRET],
  },
  {
    id: 'approval-login-history',
    wrapper: 'login history',
    expected: 'APP_NOT_APPROVED',
    text: loginHistoryCsv('Failed: Not approved for access'),
  },
  {
    id: 'approval-simple-salesforce',
    wrapper: 'simple-salesforce',
    expected: 'APP_NOT_APPROVED',
    text: `Traceback (most recent call last):\n  File "sync.py", line 12, in <module>\n    sf = Salesforce(username="integration@acme.com", consumer_key="3MVG9xyzConsumerKey", privatekey_file="/etc/sync/server.key")\n  File "/usr/lib/python3.11/site-packages/simple_salesforce/login.py", line 202, in SalesforceLogin\n    raise SalesforceAuthenticationFailed(except_code, except_msg)\nsimple_salesforce.exceptions.SalesforceAuthenticationFailed: invalid_grant: user hasn't approved this consumer`,
  },

  // ---------------- USER_INACTIVE ----------------
  {
    id: 'inactive-sf-cli-refresh',
    wrapper: 'sf CLI',
    expected: 'USER_INACTIVE',
    text: 'Warning: Error authenticating with the refresh token due to: inactive user\nERROR running org list: Error (RefreshTokenAuthError): Error authenticating with the refresh token due to: inactive user',
  },
  {
    id: 'inactive-jsforce-refresh',
    wrapper: 'jsforce',
    expected: 'USER_INACTIVE',
    text: 'Error: Unable to refresh session due to: inactive user\n    at SessionRefreshDelegate.refresh (/app/node_modules/jsforce/lib/session-refresh-delegate.js:57:19)\n    at async Connection.request (/app/node_modules/jsforce/lib/connection.js:412:13)',
  },
  {
    id: 'inactive-login-history-frozen',
    wrapper: 'login history',
    expected: 'USER_INACTIVE',
    text: loginHistoryCsv('User is frozen'),
  },
  {
    id: 'inactive-password-lockout-soap',
    wrapper: 'SOAP fault',
    expected: 'USER_INACTIVE',
    text: '<soapenv:Fault><faultcode>sf:PASSWORD_LOCKOUT</faultcode><faultstring>PASSWORD_LOCKOUT: The user has exceeded the allowed number of login attempts. The user must contact the administrator to regain login access.</faultstring></soapenv:Fault>',
  },
  {
    id: 'inactive-expired-password-simple-salesforce',
    wrapper: 'simple-salesforce',
    expected: 'USER_INACTIVE',
    text: 'simple_salesforce.exceptions.SalesforceAuthenticationFailed: INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired, you must call SetPassword before attempting any other API operations',
  },
  {
    id: 'inactive-status-beats-invalid-login',
    wrapper: 'SOAP fault + login history (trap)',
    expected: 'USER_INACTIVE',
    text: `<faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring>\n\nLogin history of the integration user:\n${loginHistoryCsv('User is inactive')}`,
  },
  {
    id: 'inactive-event-log-file',
    wrapper: 'event monitoring CSV',
    expected: 'USER_INACTIVE',
    text: '"EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_STATUS","SOURCE_IP","API_TYPE"\n"Login","20261120031402.512","0055g00000AbCdE","LOGIN_ERROR_PASSWORD_LOCKOUT","34.227.13.9","P"',
  },
  {
    id: 'inactive-ticket',
    wrapper: 'ticket',
    expected: 'USER_INACTIVE',
    text: 'HR offboarding deactivated the integration user on Friday (it was tied to a leaver); since then every Mule call fails with INVALID_SESSION_ID and the token refresh is refused.',
  },

  // ---------------- JWT_MISCONFIGURED ----------------
  {
    id: 'jwt-audience-raw',
    wrapper: 'raw HTTP',
    expected: 'JWT_MISCONFIGURED',
    text: `POST https://login.salesforce.com/services/oauth2/token\ngrant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=${PROD_ASSERTION}\n\nHTTP/1.1 400 Bad Request\n{"error":"invalid_grant","error_description":"audience is invalid"}`,
    secrets: [PROD_ASSERTION, PROD_ASSERTION.split('.')[2]],
  },
  {
    id: 'jwt-sandbox-audience-to-production',
    wrapper: 'Mule log',
    expected: 'JWT_MISCONFIGURED',
    text:
      muleLog(
        'SALESFORCE:CONNECTIVITY',
        'org.mule.runtime.api.connection.ConnectionException: Invalid status code: 400, response body: {"error":"invalid_grant","error_description":"invalid assertion"}',
        'global.xml',
        12,
        'Connect',
      ) + `\nDEBUG POST https://login.salesforce.com/services/oauth2/token assertion=${SANDBOX_ASSERTION}`,
    secrets: [SANDBOX_ASSERTION],
  },
  {
    id: 'jwt-audience-validation-failed',
    wrapper: 'raw HTTP',
    expected: 'JWT_MISCONFIGURED',
    text: 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\nCache-Control: no-store\n\n{"error":"invalid_grant","error_description":"Audience validation failed"}',
  },
  {
    id: 'jwt-sf-cli',
    wrapper: 'sf CLI',
    expected: 'JWT_MISCONFIGURED',
    text: 'Error (JwtAuthError): Error authenticating with JWT config due to: invalid assertion\n\nTry this:\nCheck that the certificate uploaded to the connected app matches --jwt-key-file.',
  },

  // ---------------- existing causes, Salesforce's words ----------------
  {
    id: 'ip-restricted-time-event-log',
    wrapper: 'event monitoring CSV',
    expected: 'IP_RESTRICTION',
    text: '"EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_STATUS","SOURCE_IP","API_TYPE"\n"Login","20261120231402.001","0055g00000AbCdE","LOGIN_ERROR_RESTRICTED_TIME","52.1.14.77","R"',
  },
  {
    id: 'ip-oauth-ip-not-allowed-history',
    wrapper: 'login history',
    expected: 'IP_RESTRICTION',
    text: loginHistoryCsv('Failed: IP Address Not Allowed'),
  },
  {
    id: 'ip-soap-restricted-domain',
    wrapper: 'SOAP fault',
    expected: 'IP_RESTRICTION',
    text: '<soapenv:Fault><faultcode>sf:LOGIN_DURING_RESTRICTED_DOMAIN</faultcode><faultstring>LOGIN_DURING_RESTRICTED_DOMAIN: The user is not allowed to log in from this IP address.</faultstring></soapenv:Fault>',
  },
  {
    id: 'race-logins-exceeded',
    wrapper: 'login history',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: loginHistoryCsv('Maximum logins exceeded'),
  },
  {
    id: 'race-access-token-limit',
    wrapper: 'login history',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: loginHistoryCsv('Failed: Get Access Token Limit Exceeded'),
  },
  {
    id: 'race-oauth-rate-limit',
    wrapper: 'raw HTTP',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: 'HTTP/1.1 400 Bad Request\n{"error":"rate_limit_exceeded","error_description":"Number of logins exceeded"}',
  },
  {
    id: 'revoked-sf-cli',
    wrapper: 'sf CLI',
    expected: 'TOKEN_REVOKED',
    text: 'ERROR running org open: Error authenticating with the refresh token due to: expired access/refresh token',
  },
  {
    id: 'revoked-package-missing',
    wrapper: 'login history',
    expected: 'TOKEN_REVOKED',
    text: loginHistoryCsv('Package for this consumer is not installed in your organization'),
  },
  {
    id: 'apidisabled-oauth-history',
    wrapper: 'login history',
    expected: 'API_DISABLED',
    text: loginHistoryCsv('Failed: OAuth API access disabled'),
  },
  {
    id: 'creds-computer-activation',
    wrapper: 'login history',
    expected: 'INVALID_CREDENTIALS',
    text: loginHistoryCsv('Failed: Computer activation required'),
  },
  {
    id: 'creds-restforce-generic',
    wrapper: 'restforce',
    expected: 'INVALID_CREDENTIALS',
    text: 'Restforce::AuthenticationError: INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
  },
  {
    id: 'wrong-insecure-login',
    wrapper: 'login history',
    expected: 'WRONG_INSTANCE',
    text: loginHistoryCsv('Failed: Login over insecure channel'),
  },
  {
    id: 'peruser-record-triggered-flow',
    wrapper: 'Apex debug log',
    expected: 'PER_USER_CREDENTIAL',
    text: '62.0 APEX_CODE,FINE;CALLOUT,INFO;WORKFLOW,INFO\n03:14:07.0 (1)|USER_INFO|[EXTERNAL]|0055g00000QwErT|dataloader@acme.com|(GMT+00:00) GMT|GMT+00:00\n03:14:07.0 (220)|FLOW_START_INTERVIEW_BEGIN|Account_To_Erp (RecordAfterSave)\n03:14:07.0 (4411)|CALLOUT_REQUEST|[22]|System.HttpRequest[Endpoint=callout:Erp/accounts, Method=POST]\n03:14:07.0 (88012)|CALLOUT_RESPONSE|[22]|System.HttpResponse[Status=Unauthorized, StatusCode=401]\n03:14:07.0 (88125)|USER_DEBUG|[25]|DEBUG|External credential Erp: principal Erp_Users (PerUserPrincipal) has no authenticated user. INVALID_SESSION_ID',
  },
  {
    id: 'expired-restforce-generic',
    wrapper: 'restforce',
    expected: 'TOKEN_EXPIRED',
    text: 'Restforce::UnauthorizedError: INVALID_SESSION_ID: Session expired or invalid\n  from /gems/restforce-7.3.0/lib/restforce/middleware/raise_error.rb:17',
  },

  // ---------------- traps: Salesforce statuses that name no cause ----------------
  {
    id: 'unknown-trap-saml-signature',
    wrapper: 'login history (trap)',
    expected: 'UNKNOWN',
    text: loginHistoryCsv('Failed: Signature Invalid/Configured Certificate Mismatch', 'Okta SAML'),
  },
  {
    id: 'unknown-trap-org-maintenance',
    wrapper: 'login history (trap)',
    expected: 'UNKNOWN',
    text: loginHistoryCsv('Organization is in maintenance'),
  },

  // ---------------- secrets in every shape ----------------
  {
    id: 'revoked-python-dict',
    wrapper: 'simple-salesforce',
    expected: 'TOKEN_REVOKED',
    text: `DEBUG token response: {'access_token': '${TOKEN_A}', 'refresh_token': '${REFRESH}', 'instance_url': 'https://acme.my.salesforce.com', 'token_type': 'Bearer'}\nsimple_salesforce.exceptions.SalesforceAuthenticationFailed: invalid_grant: expired access/refresh token`,
    secrets: [TOKEN_A.split('!')[1], REFRESH],
  },
  {
    id: 'expired-escaped-json-mule',
    wrapper: 'Mule log',
    expected: 'TOKEN_EXPIRED',
    text:
      muleLog('SALESFORCE:CONNECTIVITY', 'INVALID_SESSION_ID: Session expired or invalid') +
      `\nINFO  payload: "{\\"access_token\\":\\"${TOKEN_B}\\",\\"instance_url\\":\\"https://acme.my.salesforce.com\\",\\"issued_at\\":\\"1732072447000\\"}"\nINFO  the access token has expired after the 2-hour session timeout`,
    secrets: [TOKEN_B.split('!')[1]],
  },
  {
    id: 'creds-soap-login-body',
    wrapper: 'SOAP request and fault',
    expected: 'INVALID_CREDENTIALS',
    text: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>integration@acme.com</n1:username><n1:password>${SECRET_PW.replace('&', '&amp;')}</n1:password></n1:login></soapenv:Body></soapenv:Envelope>\n<faultcode>sf:LOGIN_MUST_USE_SECURITY_TOKEN</faultcode>`,
    secrets: [SECRET_PW, SECRET_PW.replace('&', '&amp;')],
  },
  {
    id: 'expired-cookie-and-frontdoor',
    wrapper: 'curl -v',
    expected: 'TOKEN_EXPIRED',
    text: `> GET /secur/frontdoor.jsp?sid=${TOKEN_A.replace('!', '%21')}&retURL=%2Fhome HTTP/1.1\n> cookie: sid=${TOKEN_A}; oid=00D5g000004XyZa\n< HTTP/1.1 302 Found\nERROR: session timed out`,
    secrets: [TOKEN_A.split('!')[1]],
  },
];
