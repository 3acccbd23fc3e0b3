/** Which `salesforce:*` processor names are treated as real operations by the session rules. */
import { KNOWN_FAKE_OPERATIONS, mayBeNewerOperation, SALESFORCE_9X_OPERATIONS, SALESFORCE_OPERATIONS } from './salesforce-connector';

/**
 * A listed operation (of connector 10.x–12.x or of 9.x), or an unlisted name in a family a newer connector may extend. Fake
 * operations and typos are not operations: they cannot deploy, and `mule/unknown-salesforce-element`
 * reports them.
 */
export function isOperationName(local: string): boolean {
  return SALESFORCE_OPERATIONS.has(local) || SALESFORCE_9X_OPERATIONS.has(local) || (!KNOWN_FAKE_OPERATIONS.has(local) && mayBeNewerOperation(local));
}
