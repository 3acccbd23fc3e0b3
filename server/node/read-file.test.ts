import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readFileBytes, readLimited } from './read-file';

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

describe('readLimited', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-limited-'));
  const write = (name: string, data: string | Buffer) => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  };

  it('reads a file within the limit whole', () => {
    const r = readLimited(write('ok.xml', 'é<a/>'), 100, 4);
    assert.deepEqual([r.bytes, r.tooLarge, r.size], [Buffer.from('é<a/>'), false, 6]);
    const exact = readLimited(write('exact.xml', 'x'.repeat(100)), 100, 4);
    assert.equal(exact.tooLarge, false, 'exactly the limit is within it');
    assert.equal(exact.bytes.length, 100);
  });

  it('gives only the head and the size of a file above the limit', () => {
    const r = readLimited(write('big.xml', 'abcdefghij'.repeat(100)), 100, 8);
    assert.deepEqual([r.bytes.toString(), r.tooLarge, r.size], ['abcdefgh', true, 1000]);
  });

  it('reads a file larger than the shared buffer but within the limit whole', () => {
    const big = Buffer.alloc(3 * (1 << 20) + 5, 0x61);
    big[big.length - 1] = 0x7a;
    const r = readLimited(write('large-ok.xml', big), 4_000_000, 64);
    assert.equal(r.tooLarge, false);
    assert.ok(r.bytes.equals(big));
  });

  it('throws as readFileSync does', () => {
    assert.throws(() => readLimited(join(dir, 'missing.xml'), 10, 4), { code: 'ENOENT' });
  });
});
