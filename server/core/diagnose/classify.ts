/**
 * The classifier: every signal of the table is matched (as words and phrases), computed signals
 * are added from the context, scores are summed per cause, and the strongest cause is reported
 * with its evidence (offsets into the original text, secrets masked) and the others as
 * alternatives. Generic markers (INVALID_SESSION_ID, INVALID_LOGIN, …) only corroborate: once any
 * specific cue is present, causes backed by generic markers alone drop out. Data-driven: the
 * weights live in signals.ts.
 */
import { CAUSE_INFO, type Cause } from './causes';
import { readContext, type DiagnoseContext, type Span } from './context';
import { audiencesIn, orgKindOf, tokenEndpointsIn } from './login-hosts';
import { redact, redactWithOffsets } from './redact';
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
  /**
   * What a reader may conclude about retrying: `yes`/`no` from the cause when the diagnosis is confident enough
   * to act on, `unconfirmed` when it is a guess (below 50 %): an auto-recoverable cause guessed from a bare
   * INVALID_SESSION_ID may as well be an IP lock that no retry fixes.
   */
  readonly recoverable: 'yes' | 'no' | 'unconfirmed';
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
  readonly generic?: boolean;
}

const MAX_EVIDENCE_PER_SIGNAL = 3;
/** Below this confidence a diagnosis is a lead to confirm, not a cause to act on. */
const CONFIDENT = 0.5;

export function diagnose(text: string): Diagnosis {
  const hits: Hit[] = [];
  // Salesforce's own explanation inside a fault lists every cause it can think of: no cue for any of them.
  const boilerplate = [...text.matchAll(SALESFORCE_BOILERPLATE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const inBoilerplate = (start: number, end: number) => boilerplate.some((b) => start >= b.start && end <= b.end);
  for (const s of SIGNALS) {
    s.pattern.lastIndex = 0;
    let n = 0;
    for (const m of text.matchAll(s.pattern)) {
      if (inBoilerplate(m.index!, m.index! + m[0].length)) continue;
      hits.push({
        cause: s.cause,
        signal: s.id,
        means: s.means,
        weight: n === 0 ? s.weight : 0,
        span: { start: m.index!, end: m.index! + m[0].length },
        ...(s.generic ? { generic: true } : {}),
      });
      if (++n >= MAX_EVIDENCE_PER_SIGNAL) break;
    }
  }
  const ctx = readContext(text);
  hits.push(...computedSignals(text, ctx, hits));

  // Generic markers fit every cause: next to a specific cue they support only the causes it names.
  const specific = new Set(hits.filter((h) => !h.generic && h.weight > 0).map((h) => h.cause));
  const counted = specific.size ? hits.filter((h) => specific.has(h.cause)) : hits;
  const scores = new Map<Cause, number>();
  for (const h of counted) scores.set(h.cause, (scores.get(h.cause) ?? 0) + h.weight);
  const ranked = [...scores].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((a, [, s]) => a + s, 0);
  const confidenceOf = (s: number) => round((1 - Math.exp(-s / 2.5)) * (total > 0 ? s / total : 0));
  const [top, topScore] = ranked[0] ?? (['UNKNOWN', 0] as [Cause, number]);
  const info = CAUSE_INFO[top];
  const confidence = ranked.length ? confidenceOf(topScore) : 0;
  const { text: redacted, offsetAt: toRedacted } = redactWithOffsets(text);
  const evidence = counted
    .filter((h) => ranked.some(([c]) => c === h.cause))
    .sort((a, b) => (a.cause === top ? 0 : 1) - (b.cause === top ? 0 : 1) || a.span.start - b.span.start)
    .map((h) => {
      const redactedStart = toRedacted(h.span.start);
      const redactedEnd = toRedacted(h.span.end, true);
      // Cut from the redacted text: a slice on its own could hide part of a secret from redaction.
      return {
        text: redacted.slice(redactedStart, redactedEnd),
        start: h.span.start,
        end: h.span.end,
        signal: h.signal,
        means: h.means,
        cause: h.cause,
        redactedStart,
        redactedEnd,
      };
    });
  const onlyGeneric = ranked.length > 0 && specific.size === 0;
  return {
    cause: top,
    title: info.title,
    confidence,
    autoRecoverable: info.autoRecoverable,
    recoverable: confidence < CONFIDENT ? 'unconfirmed' : info.autoRecoverable ? 'yes' : 'no',
    summary: summaryFor(top, confidence, ranked.length > 0, onlyGeneric),
    evidence,
    recovery: info.recovery,
    runbook: [...info.runbook],
    ...(info.snippet ? { snippet: info.snippet } : {}),
    alternatives: ranked
      .slice(1)
      .map(([cause, s]) => ({ cause, confidence: confidenceOf(s) }))
      .filter((a) => a.confidence > 0),
    redacted,
    context: {
      ...(ctx.muleElement
        ? { muleElement: { app: ctx.muleElement.app, file: ctx.muleElement.file, line: ctx.muleElement.line, path: ctx.muleElement.path } }
        : {}),
      ...(ctx.flowApiName ? { flowApiName: ctx.flowApiName.value } : {}),
      ...(ctx.orgIds[0] ? { orgId: ctx.orgIds[0].id15 } : {}),
      ...(ctx.currentUser ? { user: redactedValue(ctx.currentUser.value, ctx.currentUser.span, text, redacted, toRedacted) } : {}),
      ...(ctx.muleErrorType ? { muleErrorType: ctx.muleErrorType.value } : {}),
    },
  };
}

/** A value read from the text, as the redacted text shows it (the value is the trimmed start of its span). */
function redactedValue(value: string, span: Span, text: string, redacted: string, toRedacted: (o: number, end?: boolean) => number): string {
  const at = text.indexOf(value, span.start);
  if (at < 0) return redact(value);
  return redacted.slice(toRedacted(at), toRedacted(at + value.length, true));
}

/** Signals that need more than a phrase: they combine facts found in the text. */
function computedSignals(text: string, ctx: DiagnoseContext, matched: readonly Hit[]): Hit[] {
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
  // A per-user credential next to a record-triggered flow: the flow runs as whoever saved the record.
  if (ctx.perUserIdentity && ctx.recordTriggered) {
    const means = 'a per-user credential used by a record-triggered flow, which runs as the user who saved the record: that user holds no token for it';
    out.push({ cause: 'PER_USER_CREDENTIAL', signal: 'per-user-in-record-triggered-flow', means, weight: 5, span: ctx.perUserIdentity });
    out.push({ cause: 'PER_USER_CREDENTIAL', signal: 'per-user-in-record-triggered-flow', means, weight: 0, span: ctx.recordTriggered });
  }
  // "expired authorization code": a JWT bearer login whose assertion has expired, or a refresh that raced another.
  const expired = matched.find((h) => h.signal === 'expired-authorization-code');
  if (expired) {
    const span = expired.span;
    if (JWT_CONTEXT.test(text))
      out.push({
        cause: 'JWT_MISCONFIGURED',
        signal: 'jwt-assertion-expired',
        means:
          "in a JWT bearer login: the assertion's exp claim is already past when Salesforce reads it (computed in the wrong time zone, or a clock off by minutes)",
        weight: 5,
        span,
      });
    else if (REFRESH_CONTEXT.test(text))
      out.push({
        cause: 'CONCURRENT_SESSION_LIMIT',
        signal: 'refresh-grant-expired',
        means: 'a token refresh found its grant already used: another worker refreshed first',
        weight: 4,
        span,
      });
  }
  // A JWT assertion whose audience is another kind of org than the token endpoint it was posted to.
  const endpoints = tokenEndpointsIn(text);
  if (endpoints.length) {
    outer: for (const aud of audiencesIn(text)) {
      const audKind = orgKindOf(aud.value);
      for (const e of endpoints) {
        const endpointKind = orgKindOf(e.value);
        if (audKind && endpointKind && audKind !== endpointKind) {
          const means = `the assertion's audience ${aud.value} is a ${audKind} login server, but it was posted to ${e.value} (${endpointKind})`;
          out.push({ cause: 'JWT_MISCONFIGURED', signal: 'jwt-audience-mismatch', means, weight: 7, span: e.span });
          break outer;
        }
      }
    }
  }
  return out;
}

/**
 * The SOAP API's explanation of "Illegal Session" ("This is expected, it can happen if the session has expired and
 * swept away, or if the user logs out, or if its just someone trying to hack in."): a list of possibilities,
 * printed whatever the cause.
 */
const SALESFORCE_BOILERPLATE = /\bit can happen if the session has expired[^.\n]*(?:\.|$)/gim;

/** Text that shows a JWT bearer login: the grant type, an assertion, JWT claims printed, a JWT error of a client. */
const JWT_CONTEXT = /\b(?:jwt|jwt-bearer|JwtAuthError|assertion)\b|['"]exp['"]\s*:|\bprivate_?key/i;
/** Text that shows a token refresh failing. */
const REFRESH_CONTEXT = /\b(?:unable to refresh|failed to refresh|refresh(?:ing)? (?:the )?(?:access )?token|grant_type=refresh_token)\b/i;

function spanOf(m: RegExpExecArray): Span {
  return { start: m.index, end: m.index + m[0].length };
}

function summaryFor(cause: Cause, confidence: number, anySignal: boolean, onlyGeneric: boolean): string {
  const info = CAUSE_INFO[cause];
  if (!anySignal) return info.summary;
  if (onlyGeneric) {
    return (
      info.genericSummary?.replace('{confidence}', pct(confidence)) ??
      `Only generic failure markers point at this cause (low confidence: ${pct(confidence)}). ${info.summary} Run \`session-guard probe\` against the org to confirm.`
    );
  }
  return `${info.title} (${pct(confidence)} confidence). ${info.summary}`;
}

const pct = (c: number) => `${Math.round(c * 100)}%`;
const round = (n: number) => Math.round(n * 100) / 100;
