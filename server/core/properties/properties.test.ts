import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PropertyResolver } from '../mule/properties';
import { parseJavaProperties } from './java-properties';
import { parseYamlProperties } from './yaml-properties';

describe('property files', () => {
  it('parses Java .properties: separators, comments, continuations, escapes', () => {
    const p = parseJavaProperties('# c\n! c\na=1\nb : 2\nc 3\nd=multi \\\n   line\ne=\\u0041\\tB\nkey\\ with\\ space=x\nempty=\n');
    assert.deepEqual(Object.fromEntries(p), { a: '1', b: '2', c: '3', d: 'multi line', e: 'A\tB', 'key with space': 'x', empty: '' });
  });
  it('flattens YAML into dotted keys and stringifies scalars', () => {
    const p = parseYamlProperties('sf:\n  user: "u"\n  retry:\n    count: 3\n    on: true\nempty:\n');
    assert.deepEqual(Object.fromEntries(p), { 'sf.user': 'u', 'sf.retry.count': '3', 'sf.retry.on': 'true', empty: '' });
  });
  it('treats broken YAML as empty instead of throwing', () => {
    assert.equal(parseYamlProperties('a: [unclosed\n  b: {').size, 0);
  });
});

describe('PropertyResolver', () => {
  const r = new PropertyResolver([
    {
      path: 'dev.yaml',
      values: new Map([
        ['env', 'dev'],
        ['retries', '3'],
        ['types', 'SALESFORCE:${t}'],
        ['t', 'CONNECTIVITY'],
      ]),
    },
    { path: 'prod.yaml', values: new Map([['retries', '30']]) },
  ]);
  it('leaves literals alone', () => assert.deepEqual(r.expand('abc'), ['abc']));
  it('resolves nested placeholders', () => assert.deepEqual(r.expand('${types}'), ['SALESFORCE:CONNECTIVITY']));
  it('returns every environment value', () => assert.deepEqual(r.expand('${retries}')?.sort(), ['3', '30']));
  it('is unknown for missing keys and secure properties', () => {
    assert.equal(r.expand('${missing}'), null);
    assert.equal(r.expand('${secure::retries}'), null);
    assert.equal(r.single('${retries}'), null);
    assert.equal(r.single('${env}'), 'dev');
  });
  it('terminates on self-reference', () => {
    const loop = new PropertyResolver([{ path: 'x', values: new Map([['a', '${a}']]) }]);
    assert.equal(loop.expand('${a}'), null);
  });
});
