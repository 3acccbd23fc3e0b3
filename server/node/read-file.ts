/**
 * File reads for a lint run. One buffer is reused for every file that fits in it: `readFileSync` asks the
 * size first and allocates a buffer per file (10,000 of them in a large run), this reads into the same
 * memory until end of file.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

const SHARED_BYTES = 1 << 20;
let shared: Buffer | undefined;

/**
 * The bytes of `path`: a view of a buffer that the next call reuses (decode it before reading another
 * file), or a buffer of its own for a file larger than 1 MB. Throws as `readFileSync` does.
 */
export function readFileBytes(path: string): Buffer {
  shared ??= Buffer.allocUnsafeSlow(SHARED_BYTES);
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    for (;;) {
      const got = readSync(fd, shared, n, SHARED_BYTES - n, null);
      if (got === 0) return shared.subarray(0, n);
      n += got;
      if (n === SHARED_BYTES) break;
    }
  } finally {
    closeSync(fd);
  }
  return readFileSync(path); // larger than the shared buffer: read again, whole
}

export interface LimitedRead {
  /** The file's bytes, or (too large) its first `head` bytes, in a buffer of its own. */
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
  /** The file's size in bytes. */
  readonly size: number;
}

/**
 * The bytes of `path` if it has at most `limit` of them (a view of the shared buffer, as `readFileBytes`
 * gives), or its first `head` bytes and its size if it has more: one open, and no more than `limit + 1`
 * bytes read before the size is known, so a 400 MB generated file costs a few kilobytes.
 */
export function readLimited(path: string, limit: number, head: number): LimitedRead {
  shared ??= Buffer.allocUnsafeSlow(SHARED_BYTES);
  const fd = openSync(path, 'r');
  try {
    const cap = Math.min(SHARED_BYTES, limit + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, shared, n, cap - n, null);
      if (got === 0) return { bytes: shared.subarray(0, n), tooLarge: false, size: n };
      n += got;
      if (n === cap) break;
    }
    const size = Math.max(n, fstatSync(fd).size);
    if (size > limit) return { bytes: Buffer.from(shared.subarray(0, Math.min(head, n))), tooLarge: true, size };
    // Within the limit but larger than the shared buffer: the rest, into a buffer of the file's size.
    const whole = Buffer.allocUnsafe(size);
    shared.copy(whole, 0, 0, n);
    while (n < size) {
      const got = readSync(fd, whole, n, size - n, null);
      if (got === 0) break;
      n += got;
    }
    return { bytes: whole.subarray(0, n), tooLarge: false, size: n };
  } finally {
    closeSync(fd);
  }
}
