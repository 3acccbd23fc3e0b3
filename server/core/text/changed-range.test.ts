import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { changedRange } from './changed-range';

/** The same region found one character at a time. */
function naive(a: string, b: string) {
  if (a === b) return undefined;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let oldEnd = a.length;
  let newEnd = b.length;
  while (oldEnd > start && newEnd > start && a[oldEnd - 1] === b[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

describe('changedRange', () => {
  it('finds the region one keystroke changed in a large text', () => {
    const text = 'x'.repeat(100_000) + 'started, correlation' + 'y'.repeat(100_000);
    const edited = text.replace('started, correlation', 'started (1), correlation');
    assert.deepEqual(changedRange(text, edited), { start: 100_007, oldEnd: 100_007, newEnd: 100_011 });
    assert.equal(changedRange(text, text), undefined);
  });

  it('equals a character-by-character comparison on any pair of versions', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', 'x'.repeat(700), 'y'.repeat(1500));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.nat(), fc.nat({ max: 3000 }), fc.array(piece, { maxLength: 3 }), (parts, at, remove, insert) => {
        const a = parts.join('');
        const i = at % (a.length + 1);
        const b = a.slice(0, i) + insert.join('') + a.slice(Math.min(a.length, i + remove));
        assert.deepEqual(changedRange(a, b), naive(a, b));
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});
