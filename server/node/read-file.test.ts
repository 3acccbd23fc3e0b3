import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readFileBytes } from './read-file';

describe('readFileBytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-read-'));
  const write = (name: string, data: string | Buffer) => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  };

  it('reads small, empty and exactly-1-MB files byte for byte', () => {
    const small = write('small.xml', 'é<a/>');
    assert.deepEqual(readFileBytes(small), Buffer.from('é<a/>'));
    assert.equal(readFileBytes(write('empty.xml', '')).length, 0);
    const exact = Buffer.alloc(1 << 20, 0x61);
    exact[exact.length - 1] = 0x62;
    assert.ok(readFileBytes(write('exact.xml', exact)).equals(exact));
  });

  it('reads a file larger than the shared buffer whole', () => {
    const big = Buffer.alloc(3 * (1 << 20) + 17, 0x78);
    big[big.length - 1] = 0x79;
    assert.ok(readFileBytes(write('big.xml', big)).equals(big));
  });

  it('gives a view the next read reuses: decoded text stays, the view does not', () => {
    const first = readFileBytes(write('one.xml', 'first file'));
    const text = first.toString('utf8');
    readFileBytes(write('two.xml', 'SECOND'));
    assert.equal(text, 'first file');
    assert.equal(first.toString('utf8', 0, 6), 'SECOND', 'the same memory: decode before the next read');
  });

  it('throws like readFileSync for a missing file and a folder', () => {
    assert.throws(() => readFileBytes(join(dir, 'missing.xml')), { code: 'ENOENT' });
    assert.throws(() => readFileBytes(dir), { code: 'EISDIR' });
  });
});
