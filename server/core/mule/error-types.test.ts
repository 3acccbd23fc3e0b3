import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expressionMatches, isKnownType, lineage, parseTypeExpression } from './error-types';
import { bigText, retainedMb } from '../../../test/support/heap';

const matches = (expr: string, thrown: string) => expressionMatches(parseTypeExpression(expr), thrown);

describe('Mule error types', () => {
  it('places Salesforce session failures under MULE:CONNECTIVITY', () => {
    assert.deepEqual(lineage('SALESFORCE:CONNECTIVITY'), ['SALESFORCE:CONNECTIVITY', 'MULE:CONNECTIVITY', 'MULE:ANY']);
    assert.deepEqual(lineage('SALESFORCE:RETRY_EXHAUSTED'), ['SALESFORCE:RETRY_EXHAUSTED', 'MULE:RETRY_EXHAUSTED', 'MULE:CONNECTIVITY', 'MULE:ANY']);
    assert.deepEqual(lineage('SALESFORCE:TIMEOUT'), ['SALESFORCE:TIMEOUT', 'MULE:ANY']);
    assert.deepEqual(lineage('APP:MINE'), ['APP:MINE', 'MULE:ANY']);
  });
  it("places the HTTP connector's 401 under client security, and its 500 under ANY", () => {
    assert.deepEqual(lineage('HTTP:UNAUTHORIZED'), ['HTTP:UNAUTHORIZED', 'HTTP:CLIENT_SECURITY', 'MULE:CLIENT_SECURITY', 'MULE:SECURITY', 'MULE:ANY']);
    assert.deepEqual(lineage('HTTP:INTERNAL_SERVER_ERROR'), ['HTTP:INTERNAL_SERVER_ERROR', 'MULE:ANY']);
    assert.ok(matches('CLIENT_SECURITY', 'HTTP:UNAUTHORIZED'));
    assert.ok(matches('*:SECURITY', 'HTTP:UNAUTHORIZED'));
    assert.ok(!matches('HTTP:FORBIDDEN', 'HTTP:UNAUTHORIZED'));
    assert.ok(!matches('MULE:SECURITY', 'HTTP:INTERNAL_SERVER_ERROR'));
  });
  it('matches with Mule semantics', () => {
    assert.ok(matches('ANY', 'SALESFORCE:CONNECTIVITY'));
    assert.ok(matches('CONNECTIVITY', 'SALESFORCE:RETRY_EXHAUSTED'));
    assert.ok(matches('MULE:RETRY_EXHAUSTED', 'SALESFORCE:RETRY_EXHAUSTED'));
    assert.ok(!matches('SALESFORCE:CONNECTIVITY', 'SALESFORCE:RETRY_EXHAUSTED'));
    assert.ok(!matches('MULE:TIMEOUT', 'SALESFORCE:TIMEOUT'));
    assert.ok(matches('*:CONNECTIVITY', 'SALESFORCE:CONNECTIVITY'));
    assert.ok(matches('*:CONNECTIVITY', 'SALESFORCE:RETRY_EXHAUSTED'), 'wildcards match through ancestors');
    assert.ok(matches('SALESFORCE:*', 'SALESFORCE:TIMEOUT'));
    assert.ok(!matches('HTTP:*', 'SALESFORCE:TIMEOUT'));
    assert.ok(matches('HTTP:NOT_FOUND, SALESFORCE:CONNECTIVITY', 'SALESFORCE:CONNECTIVITY'));
    assert.ok(!matches('EXPRESSION', 'SALESFORCE:CONNECTIVITY'));
  });
  it('parses comma lists with offsets and finds OR separators', () => {
    const e = parseTypeExpression(' A:B ,C OR D:E');
    assert.deepEqual(
      e.refs.map((r) => [r.raw, r.namespace, r.identifier, r.start, r.end]),
      [
        ['A:B', 'A', 'B', 1, 4],
        ['C', 'MULE', 'C', 6, 7],
        ['D:E', 'D', 'E', 11, 14],
      ],
    );
    assert.deepEqual(
      e.orSeparators.map((s) => [s.start, s.end]),
      [[7, 11]],
    );
  });
  it('knows which types exist', () => {
    const k = (t: string) => isKnownType(parseTypeExpression(t).refs[0]);
    assert.equal(k('SALESFORCE:CONNECTIVITY'), 'known');
    assert.equal(k('SALESFORCE:INVALID_SESSION'), 'unknown');
    assert.equal(k('RETRY_EXHAUSTED'), 'known');
    assert.equal(k('MULE:NOPE'), 'unknown');
    assert.equal(k('HTTP:UNAUTHORIZED'), 'unverifiable');
    assert.equal(k('*:CONNECTIVITY'), 'known');
    assert.equal(k('*:WHATEVER'), 'unverifiable');
  });
});

describe('Mule error types memory', () => {
  it('its process-wide caches do not keep the documents the type values came from alive', () => {
    // Typing `type="SALESFORCE:CONN…"` in a large file makes a new value per keystroke.
    const mb = retainedMb(() => {
      for (let i = 0; i < 40; i++) {
        const text = bigText(`<on-error-continue type="SALESFORCE:CONNECTIVITY, APP:TYPED_${i}"/>`);
        const start = text.indexOf('SALESFORCE:');
        const value = text.slice(start, text.indexOf('"', start));
        assert.equal(parseTypeExpression(value).refs[1].identifier, `TYPED_${i}`);
        assert.equal(lineage(value.slice(value.indexOf('APP:')))[0], `APP:TYPED_${i}`);
      }
    });
    assert.ok(mb < 30, `heap grew by ${mb.toFixed(0)} MB after 40 values from texts of 2 MB (80 MB if each were kept)`);
  });
});
