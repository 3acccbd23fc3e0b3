/**
 * A labelled corpus of realistic error texts, one per case, across every cause and the wrappers they
 * arrive in (Mule logs, Flow fault e-mails, Apex debug logs, jsforce, simple-salesforce, restforce,
 * sf CLI JSON, SOAP and Bulk faults, login history), with traps that must not mislead the classifier.
 * Tokens and passwords below are fake but shaped like real ones, so redaction is exercised too.
 */
import type { Cause } from '../../server/core/diagnose/causes';
import { faultMail, muleLog, REFRESH, TOKEN_A, TOKEN_B } from './corpus-shapes';
import { VOCABULARY_CASES } from './corpus-vocabulary';

export interface LabelledCase {
  readonly id: string;
  readonly wrapper: string;
  readonly expected: Cause;
  readonly text: string;
  /** Substrings that must not appear in any output (secrets). */
  readonly secrets?: readonly string[];
}

export const CASES: readonly LabelledCase[] = [
  // ---------------- TOKEN_EXPIRED ----------------
  {
    id: 'expired-bare-rest',
    wrapper: 'raw HTTP',
    expected: 'TOKEN_EXPIRED',
    text: '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
  },
  {
    id: 'expired-mule-bare',
    wrapper: 'Mule log',
    expected: 'TOKEN_EXPIRED',
    text: muleLog('SALESFORCE:CONNECTIVITY', 'INVALID_SESSION_ID: Session expired or invalid'),
  },
  {
    id: 'expired-soap-fault',
    wrapper: 'SOAP fault',
    expected: 'TOKEN_EXPIRED',
    text: '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash: t+O2k1u9c</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
  },
  {
    id: 'expired-bulk-v1',
    wrapper: 'Bulk v1 XML',
    expected: 'TOKEN_EXPIRED',
    text: '<?xml version="1.0" encoding="UTF-8"?><error xmlns="http://www.force.com/2009/06/asyncapi/dataload"><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>',
  },
  {
    id: 'expired-simple-salesforce',
    wrapper: 'simple-salesforce',
    expected: 'TOKEN_EXPIRED',
    text: `Traceback (most recent call last):\n  File "sync.py", line 88, in push\n    sf.Contact.update(rec_id, payload)\n  File "/usr/lib/python3.11/site-packages/simple_salesforce/api.py", line 868, in _call_salesforce\n    exception_handler(result, self.name)\nsimple_salesforce.exceptions.SalesforceExpiredSession: Expired session for https://acme.my.salesforce.com/services/data/v59.0/sobjects/Contact/0035g00000XyZ12AAB. Response content: [{'message': 'Session expired or invalid', 'errorCode': 'INVALID_SESSION_ID'}]`,
  },
  {
    id: 'expired-jsforce-access',
    wrapper: 'jsforce',
    expected: 'TOKEN_EXPIRED',
    text: 'INVALID_SESSION_ID: Session expired or invalid\n    at HttpApi.getError (/app/node_modules/jsforce/lib/http-api.js:258:16)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\nNote: the access token has expired (session timeout is 2 hours) and no refresh token was configured.',
  },
  {
    id: 'expired-curl-verbose',
    wrapper: 'curl -v',
    expected: 'TOKEN_EXPIRED',
    text: `> GET /services/data/v62.0/sobjects/Account/001xx000003DGb2AAG HTTP/1.1\n> Host: acme.my.salesforce.com\n> Authorization: Bearer ${TOKEN_B}\n> Cookie: sid=${TOKEN_B}\n>\n< HTTP/1.1 401 Unauthorized\n< Content-Type: application/json;charset=UTF-8\n[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`,
    secrets: [TOKEN_B.split('!')[1]],
  },
  {
    id: 'expired-userinfo',
    wrapper: 'identity endpoint',
    expected: 'TOKEN_EXPIRED',
    text: `GET https://login.salesforce.com/services/oauth2/userinfo\nAuthorization: Bearer ${TOKEN_A}\n\nHTTP/1.1 403 Forbidden\nContent-Type: text/plain\n\nBad_OAuth_Token`,
    secrets: [TOKEN_A.split('!')[1]],
  },
  {
    id: 'expired-restforce',
    wrapper: 'restforce',
    expected: 'TOKEN_EXPIRED',
    text: "Restforce::UnauthorizedError: INVALID_SESSION_ID: Session expired or invalid\n  from /gems/restforce-7.3.0/lib/restforce/middleware/raise_error.rb:17:in `on_complete'\nRetrying after the session timed out... the access token expired after 2 hours of inactivity",
  },
  {
    id: 'expired-logout',
    wrapper: 'Mule log',
    expected: 'TOKEN_EXPIRED',
    text: muleLog(
      'SALESFORCE:CONNECTIVITY',
      'INVALID_SESSION_ID: Session expired or invalid. An administrator used "Log out all sessions" for the integration user at 03:10.',
    ),
  },

  // ---------------- CONCURRENT_SESSION_LIMIT ----------------
  {
    id: 'race-auth-code',
    wrapper: 'jsforce',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: 'Error: Unable to refresh session due to: invalid_grant: expired authorization code\n    at OAuth2._postParams (/srv/worker/node_modules/jsforce/lib/oauth2.js:214:19)\nworker-3 and worker-5 refreshed the token within the same second.',
  },
  {
    id: 'race-token-request',
    wrapper: 'raw HTTP',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: 'POST https://acme.my.salesforce.com/services/oauth2/token\nHTTP/1.1 400 Bad Request\n{"error":"invalid_grant","error_description":"Token request is already being processed"}',
  },
  {
    id: 'race-login-rate',
    wrapper: 'SOAP fault',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: '<soapenv:Fault><faultcode>sf:LOGIN_RATE_EXCEEDED</faultcode><faultstring>LOGIN_RATE_EXCEEDED: You have made too many login calls for this user in the last hour</faultstring><detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>LOGIN_RATE_EXCEEDED</sf:exceptionCode></sf:LoginFault></detail></soapenv:Fault>',
  },
  {
    id: 'race-mule-retry-storm',
    wrapper: 'Mule log',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: muleLog(
      'SALESFORCE:CONNECTIVITY',
      'Failed to refresh access token: invalid_grant: expired authorization code. 16 concurrent refreshes were attempted by the reconnection strategy.',
    ),
  },
  {
    id: 'race-session-cap',
    wrapper: 'login history',
    expected: 'CONCURRENT_SESSION_LIMIT',
    text: 'Login History for integration@acme.com\nLogin Time: 11/20/2026 03:14:02 GMT  Source IP: 52.1.14.77  Login Type: Remote Access 2.0  Status: Failed: maximum number of concurrent sessions reached\nLogin Time: 11/20/2026 03:13:59 GMT  Source IP: 52.1.14.77  Login Type: Remote Access 2.0  Status: Success',
  },

  // ---------------- SANDBOX_REFRESH ----------------
  {
    id: 'sandbox-explicit',
    wrapper: 'Mule log',
    expected: 'SANDBOX_REFRESH',
    text:
      muleLog('SALESFORCE:CONNECTIVITY', 'INVALID_SESSION_ID: Session expired or invalid') +
      '\nNote from the platform team: the UAT sandbox was refreshed from production on Saturday.',
  },
  {
    id: 'sandbox-token-mismatch',
    wrapper: 'sf CLI JSON',
    expected: 'SANDBOX_REFRESH',
    text: `{\n  "status": 1,\n  "name": "INVALID_SESSION_ID",\n  "message": "INVALID_SESSION_ID: Session expired or invalid",\n  "result": { "orgId": "00D7Q000009AbCdUAK", "accessToken": "${TOKEN_A}", "instanceUrl": "https://acme--uat.sandbox.my.salesforce.com", "username": "integration@acme.com.uat" }\n}`,
    secrets: [TOKEN_A.split('!')[1]],
  },
  {
    id: 'sandbox-fault-mail',
    wrapper: 'Flow fault e-mail',
    expected: 'SANDBOX_REFRESH',
    text: faultMail(
      'Sync_Invoices',
      `An Apex action error occurred: System.CalloutException: INVALID_SESSION_ID: Session expired or invalid. The stored session ${TOKEN_A} was issued before the sandbox was refreshed.`,
      'Integration User (0055g00000AbCdE)',
      'Acme UAT (00D7Q000009AbCd)',
    ),
    secrets: [TOKEN_A.split('!')[1]],
  },
  {
    id: 'sandbox-recreated',
    wrapper: 'ticket',
    expected: 'SANDBOX_REFRESH',
    text: 'After we refreshed the sandbox last night every call from MuleSoft returns INVALID_SESSION_ID: Session expired or invalid. The refresh token stored in the secure properties has not changed.',
  },
  {
    id: 'sandbox-log-two-orgs',
    wrapper: 'Apex debug log',
    expected: 'SANDBOX_REFRESH',
    text: `62.0 APEX_CODE,DEBUG\n03:14:07.0 (1)|USER_INFO|[EXTERNAL]|0057Q000001XyZa|integration@acme.com.uat|(GMT+00:00) GMT|GMT+00:00\n03:14:07.0 (2)|EXECUTION_STARTED\n03:14:07.0 (121)|USER_DEBUG|[12]|DEBUG|Org: 00D7Q000009AbCd, cached session ${TOKEN_A}\n03:14:07.0 (903)|CALLOUT_RESPONSE|[44]|System.HttpResponse[Status=Unauthorized, StatusCode=401]\n03:14:07.0 (907)|USER_DEBUG|[45]|DEBUG|[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`,
    secrets: [TOKEN_A.split('!')[1]],
  },

  // ---------------- IP_RESTRICTION ----------------
  {
    id: 'ip-jsforce-grant',
    wrapper: 'jsforce',
    expected: 'IP_RESTRICTION',
    text: 'Error: Unable to refresh session due to: invalid_grant: ip restricted or invalid login hours\n    at OAuth2._postParams (/app/node_modules/jsforce/lib/oauth2.js:214:19)',
  },
  {
    id: 'ip-login-history',
    wrapper: 'login history',
    expected: 'IP_RESTRICTION',
    text: 'USERNAME,LOGIN_TIME,SOURCE_IP,LOGIN_TYPE,STATUS,APPLICATION\nintegration@acme.com,2026-11-20T03:14:02Z,34.227.13.9,Remote Access 2.0,Restricted IP,MuleSoft Order Sync\nintegration@acme.com,2026-11-19T23:02:41Z,52.1.14.77,Remote Access 2.0,Success,MuleSoft Order Sync',
  },
  {
    id: 'ip-soap-login-hours',
    wrapper: 'SOAP fault',
    expected: 'IP_RESTRICTION',
    text: '<soapenv:Fault><faultcode>sf:LOGIN_DURING_RESTRICTED_TIME</faultcode><faultstring>LOGIN_DURING_RESTRICTED_TIME: Login denied during restricted hours</faultstring></soapenv:Fault>',
  },
  {
    id: 'ip-mule-lock',
    wrapper: 'Mule log',
    expected: 'IP_RESTRICTION',
    text:
      muleLog('SALESFORCE:CONNECTIVITY', 'INVALID_SESSION_ID: Session expired or invalid') +
      '\nThe org has "Lock sessions to the IP address from which they originated" enabled and CloudHub uses two egress IPs.',
  },
  {
    id: 'ip-not-allowed-http',
    wrapper: 'raw HTTP',
    expected: 'IP_RESTRICTION',
    text: 'HTTP/1.1 400 Bad Request\n{"error":"invalid_grant","error_description":"IP Address Not Allowed"}',
  },
  {
    id: 'ip-trap-description',
    wrapper: 'Mule log (trap)',
    expected: 'IP_RESTRICTION',
    text: muleLog(
      'SALESFORCE:CONNECTIVITY',
      'Unable to refresh: invalid_grant - ip restricted or invalid login hours. See error.description for the full description of the failing ship-to record.',
    ),
  },

  // ---------------- TOKEN_REVOKED ----------------
  {
    id: 'revoked-expired-refresh',
    wrapper: 'jsforce',
    expected: 'TOKEN_REVOKED',
    text: `Error: Unable to refresh session due to: invalid_grant: expired access/refresh token\n    at OAuth2._postParams (/app/node_modules/jsforce/lib/oauth2.js:214:19)\nrefresh_token=${REFRESH}`,
    secrets: [REFRESH],
  },
  {
    id: 'inactive-refresh-http',
    wrapper: 'raw HTTP',
    expected: 'USER_INACTIVE',
    text:
      'POST /services/oauth2/token HTTP/1.1\ngrant_type=refresh_token&client_id=3MVG9xyz&refresh_token=' +
      REFRESH +
      '\n\nHTTP/1.1 400 Bad Request\n{"error":"invalid_grant","error_description":"inactive user"}',
    secrets: [REFRESH],
  },
  {
    id: 'inactive-frozen-mule',
    wrapper: 'Mule log',
    expected: 'USER_INACTIVE',
    text: muleLog('SALESFORCE:CONNECTIVITY', 'Failed to establish a connection: invalid_grant: User is frozen'),
  },
  {
    id: 'revoked-app-blocked',
    wrapper: 'sf CLI JSON',
    expected: 'TOKEN_REVOKED',
    text: '{"status":1,"name":"OAUTH_APP_BLOCKED","message":"OAUTH_APP_BLOCKED: this app is blocked by admin","exitCode":1}',
  },
  {
    id: 'revoked-consumer-deleted',
    wrapper: 'login history',
    expected: 'TOKEN_REVOKED',
    text: 'Login Time: 11/20/2026 03:14:02 GMT  Source IP: 52.1.14.77  Login Type: Remote Access 2.0  Application: MuleSoft Order Sync  Status: Failed: Consumer Deleted',
  },
  {
    id: 'revoked-policy',
    wrapper: 'restforce',
    expected: 'TOKEN_REVOKED',
    text: 'Restforce::AuthenticationError: invalid_grant: expired access/refresh token\nThe connected app policy expires refresh tokens after 90 days.',
  },
  {
    id: 'revoked-trap-disabled',
    wrapper: 'jsforce (trap)',
    expected: 'TOKEN_REVOKED',
    text: 'Error: Unable to refresh session due to: invalid_grant: expired access/refresh token\nField history tracking is disabled for Account; the feature flag "async-upsert" is disabled in this environment.',
  },

  // ---------------- PER_USER_CREDENTIAL ----------------
  {
    id: 'peruser-fault-mail',
    wrapper: 'Flow fault e-mail',
    expected: 'PER_USER_CREDENTIAL',
    text: faultMail(
      'Nightly_Invoice_Sync',
      "We couldn't access the credential(s). You might not have the required permissions, or the external system might be unavailable. Contact your Salesforce admin for help.",
      'Automated Process (0055g00000XyZaB)',
    ),
  },
  {
    id: 'peruser-apex-log',
    wrapper: 'Apex debug log',
    expected: 'PER_USER_CREDENTIAL',
    text: '62.0 APEX_CODE,FINE;CALLOUT,INFO\n02:00:01.0 (1)|USER_INFO|[EXTERNAL]|0055g00000XyZaB|autoproc@00d5g000004xyzaeak|(GMT+00:00) GMT|GMT+00:00\n02:00:01.0 (4411)|CALLOUT_REQUEST|[22]|System.HttpRequest[Endpoint=callout:Billing/invoices/a015g00000AbCdE, Method=POST]\n02:00:01.0 (88012)|CALLOUT_RESPONSE|[22]|System.HttpResponse[Status=Unauthorized, StatusCode=401]\n02:00:01.0 (88125)|USER_DEBUG|[25]|DEBUG|{"error":"invalid_token"}',
  },
  {
    id: 'peruser-session-unavailable',
    wrapper: 'Apex exception',
    expected: 'PER_USER_CREDENTIAL',
    text: 'System.CalloutException: Current session unavailable\nClass.InvoiceSender.send: line 9, column 1\nScheduled job: Nightly Invoice Sync (running as Automated Process)',
  },
  {
    id: 'peruser-mule-sfdc-flow',
    wrapper: 'Flow fault e-mail',
    expected: 'PER_USER_CREDENTIAL',
    text: faultMail(
      'Account_To_Erp',
      "The flow tried to call ErpService.upsertAccount. An error occurred: We couldn't access the credential(s). The user hasn't authenticated to the named credential Erp.",
      'Data Loader User (0055g00000QwErT)',
    ),
  },
  {
    id: 'peruser-principal-note',
    wrapper: 'ticket',
    expected: 'PER_USER_CREDENTIAL',
    text: 'Callouts from the scheduled flow fail with 401 since we switched the Billing named credential to a per-user principal; the same callout works when I run it from a screen flow.',
  },

  // ---------------- SESSION_NOT_API_ENABLED ----------------
  {
    id: 'notapi-rest',
    wrapper: 'raw HTTP',
    expected: 'SESSION_NOT_API_ENABLED',
    text: '[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]',
  },
  {
    id: 'notapi-lightning',
    wrapper: 'LWC/Apex',
    expected: 'SESSION_NOT_API_ENABLED',
    text: 'We pass UserInfo.getSessionId() from a Lightning component to the ERP, which calls back /services/data/v60.0/query and gets: INVALID_SESSION_ID: This session is not valid for use with the REST API. (Lightning session id)',
  },
  {
    id: 'notapi-access-control',
    wrapper: 'Mule log',
    expected: 'SESSION_NOT_API_ENABLED',
    text:
      muleLog('SALESFORCE:CONNECTIVITY', 'INVALID_SESSION_ID: This session is not valid for use with the API') +
      '\nSecurity enabled API Access Control last week; the connected app is not in the allowed list.',
  },
  {
    id: 'notapi-high-assurance',
    wrapper: 'jsforce',
    expected: 'SESSION_NOT_API_ENABLED',
    text: 'Error: INVALID_SESSION_ID: This session is not valid for use with the REST API\nThe connected app requires a High Assurance session security level.',
  },
  {
    id: 'notapi-scope',
    wrapper: 'raw HTTP',
    expected: 'SESSION_NOT_API_ENABLED',
    text: 'HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error="insufficient_scope"\n[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]',
  },

  // ---------------- WRONG_INSTANCE ----------------
  {
    id: 'wrong-url-not-reset',
    wrapper: 'SOAP fault',
    expected: 'WRONG_INSTANCE',
    text: '<soapenv:Fault><faultcode>UNKNOWN_EXCEPTION</faultcode><faultstring>UNKNOWN_EXCEPTION: Destination URL not reset. The URL returned from login must be set in the SforceService</faultstring></soapenv:Fault>',
  },
  {
    id: 'wrong-lightning-host',
    wrapper: 'Mule log',
    expected: 'WRONG_INSTANCE',
    text: muleLog('SALESFORCE:CONNECTIVITY', 'INVALID_SESSION_ID: Session expired or invalid (instance https://acme.lightning.force.com)'),
  },
  {
    id: 'wrong-html',
    wrapper: 'jsforce',
    expected: 'WRONG_INSTANCE',
    text: 'Error: HTTP response contains HTML content. Check that the instance URL is correct.\n<!DOCTYPE html><html><head><title>Login | Salesforce</title>',
  },
  {
    id: 'wrong-migrated',
    wrapper: 'ticket',
    expected: 'WRONG_INSTANCE',
    text: 'Since the org migrated from CS42 to a Hyperforce instance, calls to https://cs42.salesforce.com return INVALID_SESSION_ID; the instance URL changed and our config still has the old one.',
  },
  {
    id: 'wrong-url-not-reset-code',
    wrapper: 'Apex',
    expected: 'WRONG_INSTANCE',
    text: 'URL_NOT_RESET: Destination URL not reset. The URL returned from login must be set',
  },

  // ---------------- INVALID_CREDENTIALS ----------------
  {
    id: 'creds-auth-failure',
    wrapper: 'jsforce',
    expected: 'INVALID_CREDENTIALS',
    text: 'Error: invalid_grant: authentication failure\n    at OAuth2._postParams (/app/node_modules/jsforce/lib/oauth2.js:214:19)\n    at async Connection.login',
  },
  {
    id: 'creds-soap-invalid-login',
    wrapper: 'SOAP fault',
    expected: 'INVALID_CREDENTIALS',
    text: '<soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring><detail><sf:LoginFault><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode></sf:LoginFault></detail></soapenv:Fault>',
  },
  {
    id: 'creds-security-token',
    wrapper: 'Mule log',
    expected: 'INVALID_CREDENTIALS',
    text:
      muleLog(
        'SALESFORCE:CONNECTIVITY',
        "LOGIN_MUST_USE_SECURITY_TOKEN: Invalid username, password, security token; or user locked out. Are you at a new location? When accessing Salesforce--either via a desktop client or the API--from outside of your company's trusted networks, you must add a security token to your password to log in.",
        'global.xml',
        9,
        'Connect',
      ) + '\nsalesforce.password=Hunter2!Secret',
    secrets: ['Hunter2!Secret'],
  },
  {
    id: 'creds-invalid-client',
    wrapper: 'raw HTTP',
    expected: 'INVALID_CREDENTIALS',
    text: 'POST /services/oauth2/token\nclient_id=3MVG9abc&client_secret=9F8E7D6C5B4A39281706&grant_type=password\n\nHTTP/1.1 400 Bad Request\n{"error":"invalid_client_id","error_description":"client identifier invalid"}',
    secrets: ['9F8E7D6C5B4A39281706'],
  },
  { id: 'approval-jsforce', wrapper: 'jsforce', expected: 'APP_NOT_APPROVED', text: "Error: invalid_app_access: user hasn't approved this consumer" },
  {
    id: 'jwt-invalid-assertion-mule',
    wrapper: 'Mule log',
    expected: 'JWT_MISCONFIGURED',
    text: muleLog('SALESFORCE:CONNECTIVITY', 'Failed to obtain access token: invalid_grant: invalid assertion', 'global.xml', 14, 'Connect'),
  },
  {
    id: 'creds-simple-salesforce',
    wrapper: 'simple-salesforce',
    expected: 'INVALID_CREDENTIALS',
    text: 'simple_salesforce.exceptions.SalesforceAuthenticationFailed: INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
  },
  {
    id: 'inactive-password-expired-soap',
    wrapper: 'SOAP fault',
    expected: 'USER_INACTIVE',
    text: '<faultstring>INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired, you must call SetPassword before attempting any other API operations</faultstring>',
  },
  {
    id: 'creds-trap-expired-word',
    wrapper: 'login history (trap)',
    expected: 'INVALID_CREDENTIALS',
    text: 'Login Time: 11/20/2026 03:14:02 GMT  Login Type: Remote Access 2.0  Status: Invalid Password\nNote: the certificate expired in 2025 and was rotated; the old session expired or invalid warning in the log is from before.',
  },

  // ---------------- RATE_LIMITED ----------------
  {
    id: 'rate-rest',
    wrapper: 'raw HTTP',
    expected: 'RATE_LIMITED',
    text: 'HTTP/1.1 403 Forbidden\n[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]',
  },
  {
    id: 'rate-mule',
    wrapper: 'Mule log',
    expected: 'RATE_LIMITED',
    text: muleLog('SALESFORCE:LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.'),
  },
  { id: 'rate-long-txn', wrapper: 'Apex', expected: 'RATE_LIMITED', text: 'System.LimitException: ConcurrentPerOrgLongTxn Limit exceeded.' },
  {
    id: 'rate-sf-cli',
    wrapper: 'sf CLI JSON',
    expected: 'RATE_LIMITED',
    text: '{"status":1,"name":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded.","exitCode":1,"context":"DataQuery"}',
  },
  {
    id: 'rate-trap-session',
    wrapper: 'jsforce (trap)',
    expected: 'RATE_LIMITED',
    text: 'Error: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.\nThe integration then logged in again (new session) and got the same error: re-authenticating does not help.',
  },

  // ---------------- API_DISABLED ----------------
  {
    id: 'apidisabled-org',
    wrapper: 'raw HTTP',
    expected: 'API_DISABLED',
    text: '[{"message":"The REST API is not enabled for this Organization.","errorCode":"API_DISABLED_FOR_ORG"}]',
  },
  {
    id: 'apidisabled-user',
    wrapper: 'SOAP fault',
    expected: 'API_DISABLED',
    text: '<faultcode>sf:API_CURRENTLY_DISABLED</faultcode><faultstring>API_CURRENTLY_DISABLED: API is disabled for this User</faultstring>',
  },
  {
    id: 'apidisabled-mule',
    wrapper: 'Mule log',
    expected: 'API_DISABLED',
    text: muleLog('SALESFORCE:CONNECTIVITY', 'API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner'),
  },
  {
    id: 'apidisabled-jsforce',
    wrapper: 'jsforce',
    expected: 'API_DISABLED',
    text: 'Error: API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner\n    at HttpApi.getError',
  },

  // ---------------- UNKNOWN ----------------
  {
    id: 'unknown-validation',
    wrapper: 'raw HTTP',
    expected: 'UNKNOWN',
    text: '[{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]',
  },
  {
    id: 'unknown-mule-timeout',
    wrapper: 'Mule log',
    expected: 'UNKNOWN',
    text: muleLog('SALESFORCE:TIMEOUT', 'Read timed out after 30000 ms waiting for the response of query job 7505g00000AbCdE'),
  },
  { id: 'unknown-empty', wrapper: 'empty', expected: 'UNKNOWN', text: '' },
  {
    id: 'unknown-trap-sandbox-url',
    wrapper: 'trap',
    expected: 'UNKNOWN',
    text: 'Deployed to https://acme--uat.sandbox.my.salesforce.com: 12 components, 0 errors. The description field mentions IP ranges; login hours are not relevant here.',
  },
  {
    id: 'unknown-trap-picklist',
    wrapper: 'trap',
    expected: 'UNKNOWN',
    text: '[{"message":"bad value for restricted picklist field: Region__c","errorCode":"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"}]',
  },
  // Salesforce's own vocabulary: login statuses, OAuth errors, fault codes, client libraries.
  ...VOCABULARY_CASES,
];
