import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offsetOfPath, positionOf, syntaxErrorPosition } from './json-position';

const TEXT = '{\n  "ignore": ["a/**"],\n  "rules": {\n    "mule/a": "warn",\n    "mule/b": ["error", { "max": 3 }]\n  }\n}\n';

describe('positions in JSON text', () => {
  it('finds the key a path names, through objects and arrays', () => {
    assert.deepEqual(positionOf(TEXT, offsetOfPath(TEXT, ['rules', 'mule/b'])), { line: 5, column: 5 });
    assert.deepEqual(positionOf(TEXT, offsetOfPath(TEXT, ['rules', 'mule/b', 1, 'max'])), { line: 5, column: 27 });
    assert.deepEqual(positionOf(TEXT, offsetOfPath(TEXT, ['rules', 'mule/b', 0])), { line: 5, column: 16 });
    assert.deepEqual(positionOf(TEXT, offsetOfPath(TEXT, ['ignore'])), { line: 2, column: 3 });
  });
  it('falls back to the deepest part that exists', () => {
    assert.deepEqual(positionOf(TEXT, offsetOfPath(TEXT, ['rules', 'mule/zzz'])), { line: 3, column: 3 });
  });
  it('says where JSON.parse stopped', () => {
    const bad = '{\n  "rules": {\n    "mule/a": "warn"\n    "mule/b": "off"\n  }\n}';
    let error: Error | undefined;
    try {
      JSON.parse(bad);
    } catch (e) {
      error = e as Error;
    }
    assert.deepEqual(syntaxErrorPosition(bad, error!), { line: 4, column: 5 });
  });
});
