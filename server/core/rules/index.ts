/** Every rule, in id order. Adding a rule means adding its folder and one line here. */
import missingAuthorizationHeader from './credential/missing-authorization-header';
import principalNotGranted from './credential/principal-not-granted';
import soapSessionNotRefreshed from './credential/soap-session-not-refreshed';
import tooLarge from './file/too-large';
import calloutInLoop from './flow/callout-in-loop';
import calloutWithoutFaultPath from './flow/callout-without-fault-path';
import perUserCredentialInAutomation from './flow/per-user-credential-in-automation';
import syncCalloutInRecordTrigger from './flow/sync-callout-in-record-trigger';
import unboundedFaultRetry from './flow/unbounded-fault-retry';
import blindSessionRetry from './mule/blind-session-retry';
import hardcodedSalesforceSecret from './mule/hardcoded-salesforce-secret';
import missingReconnection from './mule/missing-reconnection';
import perUserOauthInAutomation from './mule/per-user-oauth-in-automation';
import retryWithoutBackoff from './mule/retry-without-backoff';
import salesforceHttpWithoutReauth from './mule/salesforce-http-without-reauth';
import salesforceLoginPerMessage from './mule/salesforce-login-per-message';
import swallowedSessionError from './mule/swallowed-session-error';
import unboundedRetry from './mule/unbounded-retry';
import unhandledSessionError from './mule/unhandled-session-error';
import unknownErrorType from './mule/unknown-error-type';
import unknownSalesforceElement from './mule/unknown-salesforce-element';
import type { Rule } from './rule';
import malformed from './xml/malformed';

export const RULES: readonly Rule[] = [
  missingAuthorizationHeader,
  principalNotGranted,
  soapSessionNotRefreshed,
  tooLarge,
  calloutInLoop,
  calloutWithoutFaultPath,
  perUserCredentialInAutomation,
  syncCalloutInRecordTrigger,
  unboundedFaultRetry,
  blindSessionRetry,
  hardcodedSalesforceSecret,
  missingReconnection,
  perUserOauthInAutomation,
  retryWithoutBackoff,
  salesforceHttpWithoutReauth,
  salesforceLoginPerMessage,
  swallowedSessionError,
  unboundedRetry,
  unhandledSessionError,
  unknownErrorType,
  unknownSalesforceElement,
  malformed,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
