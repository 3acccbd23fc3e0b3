import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { sameDiagnostics } from './same-diagnostics';

const diag = (version: number, over: Partial<Diagnostic> = {}, index = 0): Diagnostic => ({
  range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } },
  severity: 1,
  source: 'session-guard',
  code: 'mule/unknown-error-type',
  codeDescription: { href: 'https://example.test/rule' },
  message: 'Unknown error type',
  relatedInformation: [{ location: { uri: 'file:///a.xml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } } }, message: 'here' }],
  data: { ruleId: 'mule/unknown-error-type', version, index },
  ...over,
});

describe('sameDiagnostics', () => {
  it('holds when only the document version in the data differs', () => {
    assert.equal(sameDiagnostics([diag(1), diag(1, {}, 1)], [diag(7), diag(7, {}, 1)]), true);
  });

  it('fails on any shown difference: message, range, related location, severity, order or count', () => {
    const base = [diag(1)];
    assert.equal(sameDiagnostics(base, [diag(2, { message: 'Unknown error type!' })]), false);
    assert.equal(sameDiagnostics(base, [diag(2, { range: { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } } })]), false);
    assert.equal(sameDiagnostics(base, [diag(2, { relatedInformation: [] })]), false);
    assert.equal(sameDiagnostics(base, [diag(2, { severity: 2 })]), false);
    assert.equal(sameDiagnostics(base, [diag(2, {}, 1)]), false, 'the data index must lead to the same place');
    assert.equal(sameDiagnostics(base, [diag(2, { tags: [] })]), false, 'a field more');
    assert.equal(sameDiagnostics(base, [diag(2), diag(2, {}, 1)]), false);
    assert.equal(sameDiagnostics([], []), true);
  });
});
