/**
 * Facts about Anypoint Connector for Salesforce 9.x–12.x as published in its reference pages:
 * the operations (XML elements usable as processors), the sources and the connection providers.
 */

/** Operations of connector 10.x–11.x (reference "List of Supported Operations"), plus 9.x names. */
export const SALESFORCE_OPERATIONS: ReadonlySet<string> = new Set([
  'abort-job',
  'abort-job-bulk-api-v2',
  'abort-query-job-bulk-api-v2',
  'batch-info',
  'batch-info-list',
  'batch-result',
  'batch-result-stream',
  'change-own-password',
  'close-job',
  'convert-lead',
  'create',
  'create-batch',
  'create-batch-for-query',
  'create-batch-stream',
  'create-job',
  'create-job-bulk-api-v2',
  'create-metadata',
  'create-query-job-bulk-api-v2',
  'delete',
  'delete-job-bulk-api-v2',
  'delete-metadata',
  'delete-query-job-bulk-api-v2',
  'deploy-metadata',
  'describe-global',
  'describe-layout',
  'describe-metadata',
  'describe-sobject',
  'empty-recycle-bin',
  'find-duplicates',
  'find-duplicates-by-ids',
  'get-all-jobs-bulk-api-v2',
  'get-all-query-jobs-bulk-api-v2',
  'get-deleted',
  'get-deleted-range',
  'get-job-state-bulk-api-v2',
  'get-query-job-info-bulk-api-v2',
  'get-query-job-results-bulk-api-v2',
  'get-server-timestamp',
  'get-session-id',
  'get-updated',
  'get-updated-objects',
  'get-updated-range',
  'get-user-info',
  'invoke-apex-rest-method',
  'invoke-apex-soap-method',
  'job-info',
  'list-metadata',
  'merge',
  'merge-multiple',
  'publish-platform-event-message',
  'publish-streaming-channel',
  'publish-topic',
  'push-generic-event',
  'query',
  'query-all',
  'query-result-list',
  'query-result-stream',
  'query-result-stream-by-id',
  'query-single',
  'query-xml-stream',
  'read-metadata',
  'rename-metadata',
  'reset-password',
  'retrieve',
  'retrieve-job-failed-results-bulk-v2',
  'retrieve-job-successful-results-bulk-v2',
  'retrieve-job-unprocessed-results-bulk-v2',
  'retrieve-metadata',
  'search',
  'set-password',
  'unauthorize',
  'update',
  'update-metadata',
  'upsert',
  'upsert-metadata',
]);

/**
 * Operations of connector 9.x that 10.0 removed or renamed ("Upgrading and Migrating Salesforce Connector to
 * 10.x", tables "Changed Operations" and "Removed Operations"): an app that pins a 9.x connector deploys with
 * them, so they are never reported as unknown.
 */
export const SALESFORCE_9X_OPERATIONS: ReadonlySet<string> = new Set([
  'abort-job-v2',
  'abort-query-job',
  'bulk-info',
  'bulk-info-list',
  'bulk-result',
  'bulk-result-stream',
  'create-bulk',
  'create-bulk-for-query',
  'create-single',
  'create-multiple',
  'create-multiple-batch',
  'create-multiple-batch-stream',
  'create-multiple-bulk',
  'delete-multiple',
  'get-all-jobs-v2',
  'get-all-query-jobs',
  'get-bulk-job-state-bulk-v2',
  'get-query-job-info',
  'get-query-job-result',
  'hard-delete-bulk',
  'hard-delete-multiple',
  'non-paginated-query',
  'query-multiple-result-stream',
  'retrieve-record-failure-bulk-v2',
  'retrieve-record-success-bulk-v2',
  'update-bulk',
  'update-multiple',
  'update-multiple-bulk',
  'update-single',
  'upsert-bulk',
  'upsert-multiple',
  'upsert-multiple-bulk',
]);

export const SALESFORCE_SOURCES: ReadonlySet<string> = new Set([
  'deleted-object-listener',
  'modified-object-listener',
  'new-object-listener',
  'replay-channel-listener',
  'replay-topic-listener',
  'subscribe-channel-listener',
  'subscribe-topic-listener',
  'subscribe-channel',
  'subscribe-topic',
  'replay-channel',
  'replay-topic',
]);

/** Connection providers of `salesforce:sfdc-config`. */
export const SALESFORCE_CONNECTIONS: ReadonlySet<string> = new Set([
  'basic-connection',
  'oauth-user-pass-connection',
  'jwt-connection',
  'saml-connection',
  'oauth-client-credentials-connection',
  'config-with-oauth-connection',
]);

/**
 * The authorization-code grant: one token per resource owner (a real user). The Mule SDK refreshes its access
 * token with the refresh token and re-runs the operation when it expires ("Handling Expired Access Tokens"):
 * only a refresh token that is revoked or expired by policy fails, and no reconnection logs in again then.
 */
export const PER_USER_CONNECTION = 'config-with-oauth-connection';

/**
 * Names seen in copied recipes that are not connector operations. These are reported even when a
 * newer connector could in principle add an operation of a similar shape.
 */
export const KNOWN_FAKE_OPERATIONS: ReadonlyMap<string, string> = new Map([
  [
    'invalidate-connection',
    'The runtime invalidates a connection itself when an operation fails with a connection error; a bounded reconnection strategy makes the connector log in again and re-run the operation.',
  ],
  ['invalidate-session', 'Sessions are invalidated by the runtime on a connection error; configure a bounded reconnection strategy instead.'],
  ['refresh-session', 'The connector refreshes the session itself when a reconnection strategy is configured.'],
  ['refresh-token', 'The connector refreshes OAuth tokens itself; configure a bounded reconnection strategy.'],
  ['reconnect', 'Reconnection is configured with <reconnection><reconnect count=".." frequency=".."/></reconnection>, not called as an operation.'],
  ['login', 'The connector logs in when it creates a connection; there is no login operation.'],
  ['logout', 'There is no logout operation; salesforce:unauthorize only deletes per-user OAuth tokens.'],
  ['reauthenticate', 'Re-authentication happens through the reconnection strategy.'],
  ['re-authenticate', 'Re-authentication happens through the reconnection strategy.'],
  ['reset-connection', 'The runtime invalidates a failed connection itself; configure a bounded reconnection strategy.'],
  ['renew-session', 'The connector renews the session through its reconnection strategy.'],
]);

/**
 * Families where another connector release may have operations we do not list; an unknown name in
 * one of them is left alone rather than guessed at.
 */
export function mayBeNewerOperation(local: string): boolean {
  // `-bulk`: connector 9.x had Bulk API v1 operations such as Create Bulk and Upsert Bulk (10.0 merged
  // and renamed operations; MuleSoft's own templates still use <salesforce:upsert-bulk>).
  return /(bulk-api-v2|bulk-v2|-bulk$|-metadata$|-job|job-|batch|-listener$|streaming|event)/.test(local);
}
