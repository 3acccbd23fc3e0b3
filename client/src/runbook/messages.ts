/** Messages between the runbook panel (webview) and the extension. Everything in them is redacted. */
import type { Diagnosis, FailureLocationInfo, ProbeReport } from '../../../server/lsp/protocol';

export type ToWebview =
  | {
      readonly type: 'diagnosis';
      readonly diagnosis: Diagnosis;
      readonly locations: readonly FailureLocationInfo[];
      readonly canProbe: boolean;
      readonly probeBlockedReason?: string;
    }
  | { readonly type: 'probe-running' }
  | { readonly type: 'probe'; readonly report: ProbeReport }
  | { readonly type: 'probe-failed'; readonly message: string }
  | { readonly type: 'notice'; readonly message: string };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'open-location'; readonly index: number }
  | { readonly type: 'open-connection'; readonly index: number }
  | { readonly type: 'insert-snippet' }
  | { readonly type: 'copy-alert' }
  | { readonly type: 'probe' }
  | { readonly type: 'open-docs'; readonly ruleId: string };

export function isFromWebview(m: unknown): m is FromWebview {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'open-location' || t === 'open-connection') return Number.isInteger((m as { index?: unknown }).index);
  if (t === 'open-docs') return typeof (m as { ruleId?: unknown }).ruleId === 'string';
  return t === 'ready' || t === 'insert-snippet' || t === 'copy-alert' || t === 'probe';
}
