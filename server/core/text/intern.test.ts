import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intern } from './intern';

describe('intern', () => {
  it('returns an equal string for names, URIs, index-like and special keys', () => {
    const doc = ' xmlns="http://www.mulesoft.org/schema/mule/core" ';
    for (const s of [doc.slice(8, 48), 'flow-ref', '__proto__', '0', '12', '', 'constructor', 'a:b']) assert.equal(intern(s), s);
  });
});
