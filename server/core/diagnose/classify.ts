/**
 * The classifier: every signal of the table is matched (as words and phrases), computed signals
 * are added from the context, scores are summed per cause, and the strongest cause is reported
 * with its evidence (offsets into the original text, secrets masked) and the others as
 * alternatives. Data-driven: the weights live in signals.ts.
 */
import { CAUSE_INFO, type Cause } from './causes';
import { readContext, type DiagnoseContext, type Span } from './context';
import { redact, redactedOffsetMapper } from './redact';
import { SIGNALS } from './signals';

export interface Evidence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly signal: string;
  /** What the signal means, in words. */
  readonly means: string;
  /** The cause the signal points to (the diagnosed one, or an alternative). */
  readonly cause: Cause;
  /** The same span in `redacted` (where a panel highlights it). */
  readonly redactedStart: number;
  readonly redactedEnd: number;
}

export interface Diagnosis {
  readonly cause: Cause;
  readonly title: string;
  readonly confidence: number;
  readonly autoRecoverable: boolean;
  readonly summary: string;
  readonly evidence: Evidence[];
  readonly recovery: string;
  readonly runbook: string[];
  /** Label of the recovery snippet that fits (snippets/*.json), if any. */
  readonly snippet?: string;
  readonly alternatives: { cause: Cause; confidence: number }[];
  readonly redacted: string;
  /** Where the failure happened, when the text says (Mule element, flow, org, user). */
  readonly context: {
    readonly muleElement?: { app: string; file: string; line: number; path: string };
    readonly flowApiName?: string;
    readonly orgId?: string;
    readonly user?: string;
    readonly muleErrorType?: string;
  };
}

interface Hit {
  readonly cause: Cause;
  readonly signal: string;
  readonly means: string;
  readonly weight: number;
  readonly span: Span;
}

const MAX_EVIDENCE_PER_SIGNAL = 3;

export function diagnose(text: string): Diagnosis {
  const hits: Hit[] = [];
  for (const s of SIGNALS) {
    s.pattern.lastIndex = 0;
    let n = 0;
    for (const m of text.matchAll(s.pattern)) {
      hits.push({ cause: s.cause, signal: s.id, means: s.means, weight: n === 0 ? s.weight : 0, span: { start: m.index!, end: m.index! + m[0].length } });
      if (++n >= MAX_EVIDENCE_PER_SIGNAL) break;
    }
  }
  const ctx = readContext(text);
  hits.push(...computedSignals(text, ctx));

  const scores = new Map<Cause, number>();
  for (const h of hits) scores.set(h.cause, (scores.get(h.cause) ?? 0) + h.weight);
  const ranked = [...scores].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((a, [, s]) => a + s, 0);
  const confidenceOf = (s: number) => round((1 - Math.exp(-s / 2.5)) * (total > 0 ? s / total : 0));
  const [top, topScore] = ranked[0] ?? (['UNKNOWN', 0] as [Cause, number]);
  const info = CAUSE_INFO[top];
  const confidence = ranked.length ? confidenceOf(topScore) : 0;
  const toRedacted = redactedOffsetMapper(text);
  const evidence = hits
    .filter((h) => h.cause === top || ranked.slice(1).some(([c]) => c === h.cause))
    .sort((a, b) => (a.cause === top ? 0 : 1) - (b.cause === top ? 0 : 1) || a.span.start - b.span.start)
    .map((h) => ({
      text: redact(text.slice(h.span.start, h.span.end)),
      start: h.span.start,
      end: h.span.end,
      signal: h.signal,
      means: h.means,
      cause: h.cause,
      redactedStart: toRedacted(h.span.start),
      redactedEnd: toRedacted(h.span.end, true),
    }));
  return {
    cause: top,
    title: info.title,
    confidence,
    autoRecoverable: info.autoRecoverable,
    summary: summaryFor(top, confidence, ranked.length > 0, hits),
    evidence,
    recovery: info.recovery,
    runbook: [...info.runbook],
    ...(info.snippet ? { snippet: info.snippet } : {}),
    alternatives: ranked
      .slice(1)
      .map(([cause, s]) => ({ cause, confidence: confidenceOf(s) }))
      .filter((a) => a.confidence > 0),
    redacted: redact(text),
    context: {
      ...(ctx.muleElement
        ? { muleElement: { app: ctx.muleElement.app, file: ctx.muleElement.file, line: ctx.muleElement.line, path: ctx.muleElement.path } }
        : {}),
      ...(ctx.flowApiName ? { flowApiName: ctx.flowApiName.value } : {}),
      ...(ctx.orgIds[0] ? { orgId: ctx.orgIds[0].id15 } : {}),
      ...(ctx.currentUser ? { user: redact(ctx.currentUser.value) } : {}),
      ...(ctx.muleErrorType ? { muleErrorType: ctx.muleErrorType.value } : {}),
    },
  };
}

/** Signals that need more than a phrase: they combine facts found in the text. */
function computedSignals(text: string, ctx: DiagnoseContext): Hit[] {
  const out: Hit[] = [];
  // A token from one org presented to another: the sandbox was refreshed (new org id).
  for (const t of ctx.tokenOrgs) {
    const other = ctx.orgIds.find((o) => o.id15 !== t.id15 && o.id15.slice(0, 3) === '00D');
    if (other) {
      const means = `the token belongs to org ${t.id15}, but the text names org ${other.id15}: the org was re-created`;
      out.push({ cause: 'SANDBOX_REFRESH', signal: 'token-org-mismatch', means, weight: 7, span: t.span });
      out.push({ cause: 'SANDBOX_REFRESH', signal: 'token-org-mismatch', means, weight: 0, span: other.span });
      break;
    }
  }
  // A callout through a Named Credential answered 401 while running as the Automated Process user.
  const unauthorized =
    ctx.httpStatuses.find((s) => s.code === 401) ??
    (/\bStatus=Unauthorized\b/.exec(text) ? { code: 401, span: spanOf(/\bStatus=Unauthorized\b/.exec(text)!) } : undefined);
  if (ctx.callouts.length && unauthorized && ctx.automatedUser) {
    const means = `callout:${ctx.callouts[0].name} was refused (401) while running as the Automated Process user, who cannot hold a per-user token`;
    out.push({ cause: 'PER_USER_CREDENTIAL', signal: 'callout-401-automated-user', means, weight: 6, span: ctx.callouts[0].span });
    out.push({ cause: 'PER_USER_CREDENTIAL', signal: 'callout-401-automated-user', means, weight: 0, span: ctx.automatedUser });
  }
  return out;
}

function spanOf(m: RegExpExecArray): Span {
  return { start: m.index, end: m.index + m[0].length };
}

function summaryFor(cause: Cause, confidence: number, anySignal: boolean, hits: readonly Hit[]): string {
  const info = CAUSE_INFO[cause];
  if (!anySignal) return info.summary;
  const onlyGeneric = hits.filter((h) => h.weight > 0).every((h) => h.weight <= 0.5);
  if (cause === 'TOKEN_EXPIRED' && onlyGeneric) {
    return `Only the generic INVALID_SESSION_ID / "Session expired or invalid" message is present, so this is most likely an expired token (low confidence: ${pct(confidence)}). The same message is returned for IP restrictions, revoked tokens, sandbox refreshes and per-user credentials; run \`session-guard probe\` against the org to confirm.`;
  }
  return `${info.title} (${pct(confidence)} confidence). ${info.summary}`;
}

const pct = (c: number) => `${Math.round(c * 100)}%`;
const round = (n: number) => Math.round(n * 100) / 100;
