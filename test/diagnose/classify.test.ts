import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CAUSE_INFO, CAUSES } from '../../server/core/diagnose/causes';
import { diagnose } from '../../server/core/diagnose/classify';
import { GENERIC_SIGNALS } from '../../server/core/diagnose/signals';
import { REPO } from '../support/cli';
import { CASES } from './corpus';

describe('Diagnose: labelled corpus', () => {
  it('has at least 60 cases covering every cause and many wrappers', () => {
    assert.ok(CASES.length >= 60, `${CASES.length} cases`);
    for (const c of CAUSES)
      assert.ok(
        CASES.some((x) => x.expected === c),
        `a case for ${c}`,
      );
    assert.ok(new Set(CASES.map((c) => c.wrapper.replace(/ \(trap\)$/, ''))).size >= 12);
    assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length, 'unique ids');
  });

  const results = CASES.map((c) => ({ c, d: diagnose(c.text) }));
  const correct = results.filter((r) => r.d.cause === r.c.expected);
  const accuracy = correct.length / CASES.length;

  it(`classifies at least 95% correctly (measured: ${(accuracy * 100).toFixed(1)}%)`, () => {
    const wrong = results.filter((r) => r.d.cause !== r.c.expected).map((r) => `${r.c.id}: expected ${r.c.expected}, got ${r.d.cause} (${r.d.confidence})`);
    assert.ok(accuracy >= 0.95, `accuracy ${accuracy}:\n${wrong.join('\n')}`);
  });

  it('never lets a secret of the corpus into any output', () => {
    for (const { c, d } of results) {
      const out = JSON.stringify(d);
      for (const s of c.secrets ?? []) assert.ok(!out.includes(s), `${c.id} leaks ${s.slice(0, 8)}…`);
    }
  });

  it('keeps cases with only the generic message at low confidence, and specific ones above it', () => {
    for (const { c, d } of results) {
      const generic = d.evidence.every((e) => GENERIC_SIGNALS.has(e.signal));
      if (d.cause === 'UNKNOWN') assert.equal(d.confidence, 0, c.id);
      else if (generic) assert.ok(d.confidence < 0.5 && /low confidence/.test(d.summary), `${c.id}: ${d.confidence}`);
      else assert.ok(d.confidence >= 0.5, `${c.id}: ${d.confidence}`);
      for (const a of d.alternatives) assert.ok(a.confidence > 0 && a.confidence < d.confidence, c.id);
    }
  });

  it('evidence offsets point into the original text and name their signal', () => {
    for (const { c, d } of results) {
      for (const e of d.evidence) {
        assert.ok(e.start >= 0 && e.end <= c.text.length && e.start < e.end, c.id);
        assert.ok(e.signal.length > 0);
        if (!(c.secrets ?? []).some((s) => c.text.slice(e.start, e.end).includes(s))) assert.equal(e.text, c.text.slice(e.start, e.end), c.id);
        assert.equal(d.redacted.slice(e.redactedStart, e.redactedEnd), e.text, `${c.id}: the span in the redacted text is the evidence text`);
      }
    }
  });
});

describe('Diagnose: cause catalogue', () => {
  const labels = new Set(['mule-recovery.json', 'flow-recovery.json'].flatMap((f) => Object.keys(JSON.parse(readFileSync(join(REPO, 'snippets', f), 'utf8')))));
  for (const cause of CAUSES) {
    it(`${cause} has a title, recovery, runbook and an existing snippet (if any)`, () => {
      const info = CAUSE_INFO[cause];
      assert.ok(info.title && info.summary && info.recovery && info.runbook.length > 0);
      if (info.snippet) assert.ok(labels.has(info.snippet), `snippet '${info.snippet}' exists`);
      else assert.equal(cause, 'UNKNOWN', 'only UNKNOWN has no recovery snippet');
    });
  }

  it('auto-recoverable exactly for expired tokens, concurrency and rate limits', () => {
    assert.deepEqual(
      CAUSES.filter((c) => CAUSE_INFO[c].autoRecoverable),
      ['TOKEN_EXPIRED', 'CONCURRENT_SESSION_LIMIT', 'RATE_LIMITED'],
    );
  });
});

describe('Diagnose: what a reader may conclude about retrying', () => {
  it('a guess is unconfirmed, even for a cause a retry could fix', () => {
    const d = diagnose('INVALID_SESSION_ID: Session expired or invalid');
    assert.equal(d.cause, 'TOKEN_EXPIRED');
    assert.ok(d.confidence < 0.5, `confidence ${d.confidence}`);
    assert.deepEqual([d.autoRecoverable, d.recoverable], [true, 'unconfirmed']);
  });
  it('a confident diagnosis says yes or no from its cause', () => {
    assert.equal(diagnose('{"error":"invalid_grant","error_description":"ip restricted or invalid login hours"}').recoverable, 'no');
    assert.equal(diagnose('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.').recoverable, 'yes');
  });
});

describe("Diagnose: Salesforce's own list of possibilities is no evidence", () => {
  it('the SOAP "Illegal Session" explanation does not count as a cue for an expired session or a logout', () => {
    const d = diagnose(
      'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session key: 00Do0000000YN1J!abc\nThis is expected, it can happen if the session has expired and swept away, or if the user logs out, or if its just someone trying to hack in.',
    );
    assert.equal(d.cause, 'TOKEN_EXPIRED');
    assert.ok(d.confidence < 0.5, `confidence ${d.confidence}`);
    assert.ok(!d.evidence.some((e) => e.signal === 'logged-out' || e.signal === 'access-token-expired'));
  });
  it('a real mention after the explanation still counts, whichever comes first', () => {
    const fault = 'INVALID_SESSION_ID: Illegal Session\nThis is expected, it can happen if the session has expired and swept away, or if the user logs out.';
    const mention = 'The access token has expired overnight.';
    const after = diagnose(`${fault}\n${mention}`);
    const before = diagnose(`${mention}\n${fault}`);
    assert.equal(after.cause, 'TOKEN_EXPIRED');
    assert.equal(after.confidence, before.confidence);
    assert.ok(after.confidence >= 0.5, `confidence ${after.confidence}`);
  });
});
