import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
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
  it('derives the index of an edited text from the old one exactly as a fresh scan would', () => {
    const starts = (idx: LineIndex) => Array.from({ length: idx.lineCount }, (_, i) => idx.lineStart(i + 1));
    const piece = fc.constantFrom('a', 'b', '\n', '\r', '\r\n', '  ');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: fc.array(piece, { maxLength: 3 }) }), { maxLength: 8 }),
        (init, edits) => {
          let text = init.join('');
          let idx = new LineIndex(text);
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert.join('') + text.slice(Math.min(text.length, at + e.remove));
            idx = LineIndex.afterEdit(idx, text);
            assert.deepEqual(starts(idx), starts(new LineIndex(text)), JSON.stringify(text));
          }
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
  it('answers positions asked in any order, before the whole text is indexed, as the full index does', () => {
    const piece = fc.constantFrom('a', 'bc', '\n', '\n\n', '  ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.boolean(), (parts, asks, edit) => {
        const text = parts.join('');
        const full = new LineIndex(text);
        const expected = (o: number) => {
          const line = full.lineCount; // indexes `full` completely
          assert.ok(line >= 1);
          return full.positionAt(o);
        };
        const lazy = new LineIndex(text);
        for (const a of asks) {
          const o = a % (text.length + 2);
          assert.deepEqual(lazy.positionAt(o), expected(o), `${JSON.stringify(text)} at ${o}`);
        }
        // What needs the whole index still gets it after a partial one.
        if (edit) assert.deepEqual(LineIndex.afterEdit(lazy, `${text}x\n`).lineCount, new LineIndex(`${text}x\n`).lineCount);
        else assert.equal(lazy.lineCount, full.lineCount);
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
