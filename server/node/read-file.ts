/**
 * File reads for a lint run. One buffer is reused for every file that fits in it: `readFileSync` asks the
 * size first and allocates a buffer per file (10,000 of them in a large run), this reads into the same
 * memory until end of file.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

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
