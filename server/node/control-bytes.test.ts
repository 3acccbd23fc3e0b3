import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstControlByte } from './control-bytes';

/** The definition, a byte at a time. */
function naive(bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) {
    const c = bytes[k];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return k;
  }
  return -1;
}

describe('firstControlByte', () => {
  it('finds every byte value XML forbids, at every position of a word and every alignment', () => {
    const memory = new Uint8Array(64);
    for (let value = 0; value < 256; value++) {
      const forbidden = value < 0x20 && value !== 0x09 && value !== 0x0a && value !== 0x0d;
      for (let shift = 0; shift < 4; shift++) {
        for (const at of [0, 1, 2, 3, 4, 7, 13, 20, 21, 22, 23]) {
          memory.fill(0x61);
          memory[30] = 0x0a;
          const view = memory.subarray(shift, shift + 24);
          view[at] = value;
          assert.equal(firstControlByte(view), forbidden ? at : -1, `byte 0x${value.toString(16)} at ${at}, view at +${shift}`);
        }
      }
    }
  });

  it('reports the first of several, and nothing for tab, line feed, carriage return and non-ASCII bytes', () => {
    assert.equal(firstControlByte(Buffer.from('ab\u0002cd\u0001')), 2);
    assert.equal(firstControlByte(Buffer.from('<a x="\t">\r\nÄ😀\uFFFD</a>\n')), -1);
    assert.equal(firstControlByte(new Uint8Array(0)), -1);
  });

  it('agrees with the byte-by-byte definition on random buffers', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 2000; round++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 80));
      // Mostly text, with line breaks, tabs, high bytes and now and then a control byte.
      for (let i = 0; i < bytes.length; i++) {
        const r = random();
        bytes[i] =
          r < 0.01
            ? Math.floor(random() * 0x20)
            : r < 0.1
              ? [0x09, 0x0a, 0x0d][Math.floor(random() * 3)]
              : r < 0.2
                ? 0x80 + Math.floor(random() * 0x80)
                : 0x20 + Math.floor(random() * 0x5f);
      }
      const offset = Math.floor(random() * 4);
      const view = new Uint8Array(bytes.length + offset).subarray(offset);
      view.set(bytes);
      assert.equal(firstControlByte(view), naive(view), `round ${round}`);
    }
  });
});
