import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDirective } from './suppressions';

describe('suppression directives', () => {
  it('parses rules and drops the reason', () => {
    assert.deepEqual(parseDirective(' session-guard-disable-next-line mule/a, mule/b -- we alert elsewhere '), {
      kind: 'next-line',
      rules: ['mule/a', 'mule/b'],
    });
    assert.deepEqual(parseDirective('session-guard-disable mule/a'), { kind: 'file', rules: ['mule/a'] });
    assert.deepEqual(parseDirective('session-guard-disable'), { kind: 'file', rules: ['*'] });
    assert.deepEqual(parseDirective('session-guard-disable-next-line -- everything here'), { kind: 'next-line', rules: ['*'] });
  });
  it('ignores other comments', () => {
    assert.equal(parseDirective(' a comment about session-guard-disable '), undefined);
    assert.equal(parseDirective('session-guard-disabled mule/a'), undefined);
  });
});
