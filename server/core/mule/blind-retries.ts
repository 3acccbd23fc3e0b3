/**
 * Retries that retry everything: an until-successful reached, with certainty, by a Salesforce failure
 * that no retry can fix. Two rules need the answer: `mule/blind-session-retry` reports these scopes,
 * and `mule/unbounded-retry` leaves them to it (one loop, one finding).
 */
import type { XmlElement } from '../xml/types';
import type { MuleApp, SalesforceOperation } from './app';
import { isOperationName } from './operations';
import { firstDefiniteRetry, mapOperationError } from './propagation';

/** A failure no retry can fix; if it is retried, every error is. */
const NON_TRANSIENT_PROBE = 'SALESFORCE:INVALID_INPUT';

/** Every until-successful that retries a non-transient Salesforce failure, with the first operation that reaches it. */
export function blindRetryScopes(app: MuleApp): Map<XmlElement, SalesforceOperation> {
  const blind = new Map<XmlElement, SalesforceOperation>();
  for (const op of app.operations) {
    if (!isOperationName(op.el.local) || op.notSalesforceConfig) continue;
    const probe = mapOperationError(app, op.el, NON_TRANSIENT_PROBE);
    const first = firstDefiniteRetry(app, op.el, probe);
    if (first && !blind.has(first.scope)) blind.set(first.scope, op);
  }
  return blind;
}
