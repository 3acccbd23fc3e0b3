/** What each root cause of an INVALID_SESSION_ID-family failure means, and what to do about it. */

export const CAUSES = [
  'TOKEN_EXPIRED',
  'CONCURRENT_SESSION_LIMIT',
  'SANDBOX_REFRESH',
  'IP_RESTRICTION',
  'TOKEN_REVOKED',
  'PER_USER_CREDENTIAL',
  'SESSION_NOT_API_ENABLED',
  'WRONG_INSTANCE',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'API_DISABLED',
  'UNKNOWN',
] as const;

export type Cause = (typeof CAUSES)[number];

export interface CauseInfo {
  readonly title: string;
  /** Whether retrying (re-authenticating, or waiting for rate limits) can succeed without a person. */
  readonly autoRecoverable: boolean;
  readonly summary: string;
  readonly recovery: string;
  readonly runbook: readonly string[];
  /** The recovery snippet that fits (label in snippets/*.json), if any. */
  readonly snippet?: string;
}

export const CAUSE_INFO: Record<Cause, CauseInfo> = {
  TOKEN_EXPIRED: {
    title: 'Access token expired',
    autoRecoverable: true,
    summary: 'The access token or session reached its timeout (session timeout policy, or an explicit logout). Logging in again fixes it.',
    recovery:
      'Let the connection re-authenticate: give the Salesforce connection a bounded reconnection strategy (Mule), or let the client refresh the OAuth token on 401 and replay the request once.',
    runbook: [
      'Check that the integration re-authenticates by itself: a bounded <reconnection> on the Mule Salesforce connection, or token refresh on 401 in the client library.',
      "Compare the session timeout (Setup > Session Settings, or the connected app's policy) with the longest gap between calls.",
      'Replay the failed message once the connection has logged in again.',
      'If it happens every few minutes, look for a second client logging out the same user ("Log out all sessions", password resets).',
    ],
    snippet: 'Reconnection strategy for a Salesforce connection',
  },
  CONCURRENT_SESSION_LIMIT: {
    title: 'Concurrent refresh or session/login limit',
    autoRecoverable: true,
    summary: 'Several workers refreshed or logged in at the same time, or the user hit a login or session cap; one refresh invalidated the others.',
    recovery:
      'Serialize token refreshes (one refresh per client, shared by all workers), space retries out with backoff, and keep the number of concurrent logins for the integration user low.',
    runbook: [
      'Find how many workers or apps log in as the same integration user at once.',
      'Share one token (or one connection pool) per user and refresh it behind a lock.',
      'Add backoff of at least a few seconds between retries; avoid retry storms after an outage.',
      'Check login rate limits and "Maximum concurrent sessions" settings for the user.',
    ],
    snippet: 'Bounded until-successful with backoff and classification',
  },
  SANDBOX_REFRESH: {
    title: 'Sandbox refreshed (new org id)',
    autoRecoverable: false,
    summary: 'The sandbox was refreshed: it is a new org with a new id, and every token, session and stored refresh token of the old org is void.',
    recovery: 'Re-authorize the integration against the refreshed sandbox (new refresh token / JWT user mapping) and update any stored org id or instance URL.',
    runbook: [
      "Confirm the refresh: the token's 15-character org prefix differs from the sandbox's current org id (Setup > Company Information).",
      'Re-run the OAuth authorization (or re-upload the JWT certificate mapping) for the integration user in the refreshed sandbox.',
      'Update stored instance URLs and org ids in the integration configuration.',
      'Add the re-authorization step to the sandbox refresh checklist.',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  IP_RESTRICTION: {
    title: 'IP or login-hours restriction',
    autoRecoverable: false,
    summary:
      "The login or session was rejected because of where or when it came from: the profile's login IP ranges, login hours, or sessions locked to the IP they started from.",
    recovery:
      "Add the integration's egress IP ranges to the user's profile (or the connected app's IP relaxation), adjust login hours, or turn off \"Lock sessions to the IP address from which they originated\" for this user.",
    runbook: [
      'Look at the login history of the integration user: Status "Restricted IP" or "Restricted Time".',
      "List the integration runtime's egress IPs (CloudHub static IPs, NAT gateway).",
      "Add them to the profile's Login IP Ranges, or set the connected app's IP Relaxation.",
      'Check whether sessions are locked to their originating IP and the runtime has several egress IPs.',
      'Do not retry until the restriction is changed: it fails the same way every time.',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  TOKEN_REVOKED: {
    title: 'Token revoked or user deactivated',
    autoRecoverable: false,
    summary:
      'The refresh token (or the whole grant) is gone: revoked, rotated and not saved, expired by policy, pushed out by the refresh-token cap, or the user is inactive or frozen, or the connected app was removed.',
    recovery:
      'Re-authorize the integration user (new refresh token), reactivate or unfreeze the user, or reinstall the connected app; then store the new token where the integration reads it.',
    runbook: [
      'Check the integration user: active, not frozen, license assigned.',
      "Check the connected app's OAuth usage (Setup > Connected Apps OAuth Usage): is the grant still there?",
      'Check the refresh token policy (expiry, rotation) and how many grants the user holds for this app (the oldest are revoked past the cap).',
      'Re-authorize and store the new refresh token; alert when it fails again instead of retrying.',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  PER_USER_CREDENTIAL: {
    title: 'Per-user credential used without a user',
    autoRecoverable: false,
    summary:
      'A Named/External Credential that authenticates per user was used by automation (a scheduled or record-triggered flow, Apex run as the Automated Process user) that has no token of its own.',
    recovery:
      'Use a named principal (NamedUser / NamedPrincipal) for automated callouts, or run the callout in the context of a user who has authenticated the credential.',
    runbook: [
      'Find the Named Credential in the failing callout (callout:Name) and its principal type.',
      'Find who runs the automation: the triggering user, the Default Workflow User or the Automated Process user.',
      'Switch the credential (or a copy used by automation) to a named principal, with a permission set for the running user.',
      'Run `session-guard lint` on the project: flow/per-user-credential-in-automation finds the other places.',
    ],
    snippet: 'Flow: fault connector to a logging element',
  },
  SESSION_NOT_API_ENABLED: {
    title: 'Session not valid for the API',
    autoRecoverable: false,
    summary:
      "The session exists but may not call this API: API Access Control, a high-assurance requirement, a Lightning/UI session id, or a token without the API scope. Refreshing it won't help.",
    recovery:
      'Obtain a token for the API (a connected app with the api scope, approved under API Access Control, meeting the session security level), not a UI session id.',
    runbook: [
      'Check where the session id comes from (a UI or Lightning session cannot call the API).',
      "Check the connected app's OAuth scopes include api (and refresh_token).",
      'If API Access Control is on, make sure the connected app is approved for the user.',
      'Check the session security level required for the API or the connected app (high assurance).',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  WRONG_INSTANCE: {
    title: 'Wrong instance or URL',
    autoRecoverable: false,
    summary:
      'The request went to the wrong host: a Lightning (lightning.force.com) URL instead of the API instance, a stale instance after an org migration, or a login URL.',
    recovery:
      'Use the instance URL returned with the token (or the My Domain URL, *.my.salesforce.com) for API calls, and login/test.salesforce.com only for authentication.',
    runbook: [
      'Compare the URL the integration calls with the instance_url returned at login.',
      'Replace *.lightning.force.com and old instance hosts (na1, cs12 …) with the My Domain URL.',
      'Check that redirects (HTML login pages) are not being parsed as API responses.',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  INVALID_CREDENTIALS: {
    title: 'Invalid credentials or connected app configuration',
    autoRecoverable: false,
    summary:
      'The login itself fails: wrong or expired password, missing security token, wrong consumer key/secret, the user has not approved the connected app, or an invalid JWT assertion.',
    recovery:
      'Fix the credentials or the connected app configuration (password and security token, consumer key/secret, pre-authorization of the user, JWT certificate and audience).',
    runbook: [
      'Check the login history of the integration user for "Invalid Password" or "Failed: Computer activation required".',
      'Verify username, password and security token (or IP allow-listing) for username/password flows.',
      'Verify the consumer key and secret, and that the user is pre-authorized (Admin approved users) for the connected app.',
      'For JWT: certificate uploaded to the connected app, audience login/test.salesforce.com, subject is the username.',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  RATE_LIMITED: {
    title: 'API request limit exceeded',
    autoRecoverable: true,
    summary: 'The org ran out of API requests (or concurrent long-running requests). The session is fine: re-authenticating changes nothing.',
    recovery: 'Back off and retry later (hours for the daily limit), reduce calls (bulk operations, caching), or raise the limit. Do not log in again.',
    runbook: [
      'Check Setup > Company Information (API requests, last 24 hours) or the /limits resource.',
      'Find the top API consumers (Event Monitoring / API usage reports).',
      'Retry with long backoff; move high-volume paths to Bulk API.',
    ],
    snippet: 'Object-store attempt counter with give-up and alert',
  },
  API_DISABLED: {
    title: 'API disabled',
    autoRecoverable: false,
    summary: 'The org or the user cannot use the API: the edition does not include it, or the user\'s profile lacks "API Enabled".',
    recovery: 'Enable "API Enabled" on the integration user\'s profile or permission set, or use an edition that includes API access.',
    runbook: ['Check the integration user\'s profile or permission sets for "API Enabled".', 'Check the org edition includes API access.'],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  UNKNOWN: {
    title: 'No known cause found',
    autoRecoverable: false,
    summary: 'The text does not carry a recognisable Salesforce session failure.',
    recovery: 'Capture the full error (response body, Mule error type, login history of the user) and diagnose again, or run a live probe against the org.',
    runbook: [
      'Capture the full response body and the Mule error type.',
      "Check the integration user's login history.",
      'Run `session-guard probe` against the org.',
    ],
  },
};
