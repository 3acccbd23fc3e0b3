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
  'APP_NOT_APPROVED',
  'USER_INACTIVE',
  'JWT_MISCONFIGURED',
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
  /**
   * Said instead of the summary when only generic markers (signals flagged `generic`) point at this
   * cause: which other causes produce the same message, and how to tell them apart.
   */
  readonly genericSummary?: string;
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
    genericSummary:
      'Only the generic INVALID_SESSION_ID / "Session expired or invalid" message is present, so this is most likely an expired token (low confidence: {confidence}). The same message is returned for IP restrictions, revoked tokens, sandbox refreshes and per-user credentials; run `session-guard probe` against the org to confirm.',
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
    title: 'Token revoked or grant removed',
    autoRecoverable: false,
    summary:
      'The refresh token (or the whole grant) is gone: revoked, rotated and not saved, expired by the refresh token policy, pushed out by the per-app grant cap, or the connected app was removed or blocked.',
    recovery:
      'Re-authorize the integration user (new refresh token), or reinstall or unblock the connected app; then store the new token where the integration reads it.',
    runbook: [
      "Check the connected app's OAuth usage (Setup > Connected Apps OAuth Usage): is the grant for the integration user still there?",
      'Check the refresh token policy (expiry, rotation) and how many grants the user holds for this app (the oldest are revoked past the cap).',
      'Check that the connected app is still installed and not blocked.',
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
      "Check the connected app's IP Relaxation: with IP restrictions enforced, a token used from an address outside the user's login IP ranges can be refused this way.",
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
    title: 'Invalid credentials',
    autoRecoverable: false,
    summary: 'The login itself fails: wrong username or password, a missing security token or identity verification, or a wrong consumer key or secret.',
    recovery: 'Fix the credentials: password and security token (or allow-list the IP), consumer key and secret of the connected app.',
    runbook: [
      'Check the login history of the integration user: "Invalid Password", "Failed: API security token required" or "Failed: Computer activation required" say which part is wrong.',
      'Verify username, password and security token (or IP allow-listing) for username/password flows.',
      'Verify the consumer key and secret of the connected app the integration uses.',
      'Store the corrected secret where the integration reads it (secure properties, vault) and redeploy.',
      'If the credentials are right, check what the login history says instead: a profile that requires a high assurance session, or a login IP range, refuses an OAuth login with the same "authentication failure".',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
    genericSummary:
      'Only the generic INVALID_LOGIN / "Invalid username, password, security token; or user locked out" message (or a client library\'s generic login failure) is present, so this is most likely a credentials problem (low confidence: {confidence}). Salesforce returns the same message for a locked-out, frozen or inactive user and for a missing security token; the integration user\'s login history says which, or run `session-guard probe --user`.',
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
  APP_NOT_APPROVED: {
    title: 'Connected app not approved for the user',
    autoRecoverable: false,
    summary:
      'The connected app is not pre-authorized for the integration user ("Admin approved users are pre-authorized" without the user\'s profile or permission set), or the user never approved it. JWT bearer, client credentials and refresh token logins fail until an admin acts.',
    recovery:
      "Pre-authorize the integration user for the connected app: assign the user's profile or a permission set to the app (Manage Connected Apps > the app > Profiles / Permission Sets), or let the user approve the app once.",
    runbook: [
      'Find the connected app the integration logs in with (its consumer key) in Setup > Manage Connected Apps.',
      'Check its OAuth policy: "Permitted Users" set to "Admin approved users are pre-authorized"?',
      "Add the integration user's profile, or a permission set assigned to the user, to the app's Profiles / Permission Sets.",
      'For the web server or user-agent flow: log in once as the user and approve the app.',
      'Look for "Failed: Not approved for access" in the integration user\'s login history to confirm.',
      "If the app is pre-authorized and it is a JWT bearer login: check that the token endpoint and the assertion's aud are the org's kind (login.salesforce.com for production, test.salesforce.com or the sandbox's My Domain for a sandbox); a login posted to the other kind of org gets the same message.",
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  USER_INACTIVE: {
    title: 'Integration user inactive, frozen, locked or with an expired password',
    autoRecoverable: false,
    summary:
      'The integration user cannot log in: it was deactivated or frozen, it is locked out after failed logins, or its password expired. Deactivating a user also revokes its OAuth tokens.',
    recovery:
      'Reactivate or unfreeze the integration user, unlock it (or wait for the lockout period), or set a new password; give integration users a password policy that never expires. Then re-authorize if tokens were revoked.',
    runbook: [
      'Open the integration user in Setup > Users: Active, frozen ("Unfreeze"), locked ("Unlock").',
      'Check the login history: "User is inactive", "User is frozen", "Password lockout" say which.',
      'If the password expired, set a new one (and a new security token) and store both where the integration reads them; give the profile a password policy that never expires.',
      'After reactivating, re-authorize the integration: deactivation revoked its refresh tokens.',
      'Find who deactivated or froze the user (Setup Audit Trail) so it does not happen again.',
    ],
    snippet: 'Alert sub-flow for Salesforce session failures',
  },
  JWT_MISCONFIGURED: {
    title: 'JWT bearer assertion rejected',
    autoRecoverable: false,
    summary:
      'Salesforce rejected the JWT assertion itself: the audience is wrong (a sandbox audience sent to login.salesforce.com, or the reverse), the signature does not match the certificate uploaded to the connected app, the exp/iat claims are expired or in the future, or the subject is not a username of the org.',
    recovery:
      'Fix the assertion: aud https://login.salesforce.com for production, https://test.salesforce.com for sandboxes; sign with the private key of the certificate uploaded to the connected app; exp a few minutes ahead of a correct clock; iss the consumer key; sub the username in this org.',
    runbook: [
      'Decode the assertion (header and claims only; never paste the signature anywhere) and check aud against the org type: login.salesforce.com for production, test.salesforce.com for sandboxes.',
      "Check sub is the integration user's username in this org (sandbox usernames carry the sandbox suffix) and iss is the connected app's consumer key.",
      'Check the clock of the integration runtime and that exp lies a few minutes in the future.',
      'Check the certificate uploaded to the connected app matches the private key that signs the assertion (after a certificate rotation, upload the new one).',
    ],
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
