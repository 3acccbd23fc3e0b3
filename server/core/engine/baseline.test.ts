import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../findings';
import { applyBaseline, parseBaseline, renderBaseline, updateBaseline } from './baseline';

function finding(ruleId: string, fingerprint: string | undefined, line = 1): Finding {
  return {
    ruleId,
    severity: 'warning',
    message: `m ${ruleId}`,
    path: '/w/a.xml',
    start: 0,
    end: 1,
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    related: [],
    suggestions: [],
    ...(fingerprint ? { fingerprint } : {}),
  };
}

describe('baseline matching', () => {
  it('matches by file, rule and fingerprint, each recorded finding at most once', () => {
    const base = updateBaseline(undefined, [{ path: 'a.xml', findings: [finding('r/a', 'f1'), finding('r/a', 'f1')] }]);
    const out = applyBaseline(base, [
      { path: 'a.xml', findings: [finding('r/a', 'f1', 9), finding('r/a', 'f1', 12), finding('r/a', 'f1', 15), finding('r/b', 'f1')] },
    ]);
    assert.deepEqual(
      out.findings[0].map((f) => `${f.ruleId}:${f.line}`),
      ['r/a:15', 'r/b:1'],
    );
    assert.equal(out.suppressed, 2);
  });
  it('counts recorded findings of checked files that are gone, not those of files the run did not check', () => {
    const base = updateBaseline(undefined, [
      { path: 'a.xml', findings: [finding('r/a', 'f1')] },
      { path: 'b.xml', findings: [finding('r/a', 'f2')] },
    ]);
    const out = applyBaseline(base, [{ path: 'a.xml', findings: [] }]);
    assert.deepEqual(
      out.gone.map((e) => e.path),
      ['a.xml'],
    );
  });
  it('always reports findings without a fingerprint (internal errors), and never records them', () => {
    const base = updateBaseline(undefined, [{ path: 'a.xml', findings: [finding('internal-error', undefined)] }]);
    assert.equal(base.findings.length, 0);
    assert.equal(applyBaseline(base, [{ path: 'a.xml', findings: [finding('internal-error', undefined)] }]).findings[0].length, 1);
  });
  it('round-trips through its text, sorted, and refuses what it cannot read', () => {
    const base = updateBaseline(undefined, [{ path: 'z.xml', findings: [finding('r/b', 'f2'), finding('r/a', 'f1')] }]);
    const again = parseBaseline(JSON.parse(renderBaseline(base)));
    assert.deepEqual(again, base);
    assert.deepEqual(
      base.findings.map((f) => f.ruleId),
      ['r/a', 'r/b'],
    );
    assert.equal(parseBaseline({ version: 1, findings: [{ path: 'a' }] }), 'findings[0] needs "path", "ruleId" and "fingerprint" strings');
    assert.equal(parseBaseline([]), 'is not a JSON object');
  });
});
