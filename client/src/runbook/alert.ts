/**
 * The alert payload the runbook panel copies: what an on-call channel or an incident tool needs,
 * as JSON, built only from the redacted diagnosis (no raw error text, so no secrets).
 */
import type { Diagnosis, FailureLocationInfo } from '../../../server/lsp/protocol';

export function alertPayload(d: Diagnosis, locations: readonly FailureLocationInfo[]): string {
  const payload = {
    source: 'session-guard',
    title: `Salesforce session failure: ${d.title}`,
    cause: d.cause,
    confidence: d.confidence,
    autoRecoverable: d.autoRecoverable,
    action:
      d.recoverable === 'yes'
        ? 'A bounded retry or re-authentication can recover; watch for repeats.'
        : d.recoverable === 'no'
          ? 'Retrying cannot succeed: a person has to act. Do not replay messages until the cause is fixed.'
          : 'Confirm the cause first (the diagnosis is a guess): do not replay messages until it is known.',
    summary: d.summary,
    recovery: d.recovery,
    runbook: d.runbook,
    where: {
      ...(d.context.muleElement
        ? { muleElement: `${d.context.muleElement.app}:${d.context.muleElement.file}:${d.context.muleElement.line} (${d.context.muleElement.path})` }
        : {}),
      ...(d.context.muleErrorType ? { muleErrorType: d.context.muleErrorType } : {}),
      ...(d.context.flowApiName ? { flow: d.context.flowApiName } : {}),
      ...(d.context.orgId ? { orgId: d.context.orgId } : {}),
      ...(d.context.user ? { user: d.context.user } : {}),
      ...(locations.length ? { workspace: locations.map((l) => l.label) } : {}),
    },
    evidence: d.evidence.map((e) => e.text),
  };
  return JSON.stringify(payload, null, 2);
}
