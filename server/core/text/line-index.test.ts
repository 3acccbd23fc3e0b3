import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from './line-index';

describe('LineIndex', () => {
  const text = 'ab\ncd\r\nef\rgh';
  const idx = new LineIndex(text);
  it('maps offsets to 1-based line/column for LF, CRLF and CR', () => {
    assert.deepEqual(idx.positionAt(0), { line: 1, column: 1 });
    assert.deepEqual(idx.positionAt(3), { line: 2, column: 1 });
    assert.deepEqual(idx.positionAt(7), { line: 3, column: 1 });
    assert.deepEqual(idx.positionAt(10), { line: 4, column: 1 });
    assert.deepEqual(idx.positionAt(text.length), { line: 4, column: 3 });
    assert.equal(idx.lineCount, 4);
  });
  it('maps back and clamps', () => {
    assert.equal(idx.offsetAt(2, 2), 4);
    assert.equal(idx.offsetAt(99, 1), 10);
    assert.equal(idx.lineEnd(2), 5);
    assert.deepEqual(idx.positionAt(-5), { line: 1, column: 1 });
  });
  it('reads indentation', () => assert.equal(new LineIndex('a\n\t  b').indentOf(2), '\t  '));
});
