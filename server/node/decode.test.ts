import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText, encodeText, type Encoding } from './decode';

describe('decode / encode', () => {
  const text = 'Grüße <flow name="ä"/> 😀\r\n';
  for (const enc of ['utf8', 'utf8bom', 'utf16le', 'utf16be'] as Encoding[]) {
    it(`round-trips ${enc}`, () => {
      const bytes = encodeText(text, enc);
      const d = decodeText(bytes);
      assert.deepEqual(d, { text, encoding: enc, lossless: true, facts: enc.startsWith('utf8') ? { noControlChars: true } : {} });
      assert.ok(encodeText(d.text, d.encoding).equals(bytes));
    });
  }

  it('flags invalid UTF-8 as lossy but keeps a literal U+FFFD lossless', () => {
    assert.equal(decodeText(Buffer.from([0x61, 0xe9, 0x62])).lossless, false);
    assert.equal(decodeText(Buffer.from('a\ufffdb', 'utf8')).lossless, true);
  });

  it('vouches for the absence of control characters only when the UTF-8 bytes have none', () => {
    assert.deepEqual(decodeText(Buffer.from('<a>\t\r\n</a>')).facts, { noControlChars: true });
    assert.deepEqual(decodeText(Buffer.from('<a>\u0001</a>')).facts, {});
    assert.deepEqual(decodeText(Buffer.from('\ufeff<a>\u001f</a>')).facts, {}, 'after a BOM');
    assert.deepEqual(decodeText(encodeText('<a>x</a>', 'utf16le')).facts, {}, 'UTF-16 is left to the scanner');
  });

  it('flags a UTF-16 file with an odd byte count as lossy', () => {
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62])).lossless, false);
  });
});
