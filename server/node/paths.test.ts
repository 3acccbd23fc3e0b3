import assert from 'node:assert/strict';
import { resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { toCorePath } from './paths';

describe('toCorePath', () => {
  it('gives what resolving the path gives, for normal and unusual paths', { skip: sep !== '/' && 'POSIX paths' }, () => {
    const cases = [
      '/',
      '/a/b.xml',
      '/a/b/',
      '/a//b',
      '/a/./b',
      '/a/../b',
      '/a/.',
      '/a/..',
      '/a/.hidden/x.xml',
      '/a/b..c/x',
      'rel/x.xml',
      './x',
      '../x',
      '/a/b/.',
    ];
    for (const p of cases) assert.equal(toCorePath(p), resolve(p), p);
  });
});
