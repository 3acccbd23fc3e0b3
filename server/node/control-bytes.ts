/**
 * The search for control characters XML forbids, done on a file's UTF-8 bytes while they are still at
 * hand: four bytes at a time, about four times faster than the scanner's regular expression on the
 * decoded text (which a lint run would otherwise apply to every byte it reads). The scanner is then told
 * that the text has none (`TextFacts`) and looks only for the two non-characters it also forbids.
 *
 * In UTF-8 a byte below 0x20 is always that control character itself (every byte of a multi-byte
 * sequence is 0x80 or above), so the bytes answer for the decoded text.
 */

/** Offset of the first byte in 0x00–0x08, 0x0B, 0x0C or 0x0E–0x1F (tab, line feed and carriage return are allowed), or -1. */
export function firstControlByte(bytes: Uint8Array): number {
  const n = bytes.length;
  // Bytes before the first 4-byte boundary of the underlying memory, one by one.
  let k = 0;
  while (k < n && (bytes.byteOffset + k) % 4 !== 0) {
    if (isForbidden(bytes[k])) return k;
    k++;
  }
  const words = (n - k) >> 2;
  if (words > 0) {
    const w = new Uint32Array(bytes.buffer, bytes.byteOffset + k, words);
    for (let i = 0; i < words; i++) {
      const x = w[i];
      // Any byte below 0x20 (true for most words holding a line break), then exactly the forbidden ones.
      if (((x - 0x20202020) & ~x & 0x80808080) === 0 || !hasForbiddenByte(x)) continue;
      for (let j = k + i * 4, end = j + 4; j < end; j++) if (isForbidden(bytes[j])) return j;
    }
    k += words * 4;
  }
  for (; k < n; k++) if (isForbidden(bytes[k])) return k;
  return -1;
}

function isForbidden(c: number): boolean {
  return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
}

/** Whether any byte of the word is one `isForbidden` accepts (each test below is exact for "any byte"). */
function hasForbiddenByte(x: number): boolean {
  const below9 = (x - 0x09090909) & ~x; // 0x00–0x08
  const from0x10 = hasZeroByte((x & 0xf0f0f0f0) ^ 0x10101010); // 0x10–0x1F
  const others = hasZeroByte(x ^ 0x0b0b0b0b) | hasZeroByte(x ^ 0x0c0c0c0c) | hasZeroByte((x & 0xfefefefe) ^ 0x0e0e0e0e); // 0x0B, 0x0C, 0x0E, 0x0F
  return ((below9 | from0x10 | others) & 0x80808080) !== 0;
}

function hasZeroByte(v: number): number {
  return (v - 0x01010101) & ~v;
}
