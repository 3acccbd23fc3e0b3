import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../test/support/rule-tester';
import { applyEdits } from '../edits/xml-edits';
import { SourceFile } from '../project/source-file';
import { RULES } from '../rules';
import { disableFileEdit, parseDirective } from './suppressions';

describe('suppression directives', () => {
  it('parses rules and drops the reason', () => {
    assert.deepEqual(parseDirective(' session-guard-disable-next-line mule/a, mule/b -- we alert elsewhere '), {
      kind: 'next-line',
      rules: ['mule/a', 'mule/b'],
    });
    assert.deepEqual(parseDirective('session-guard-disable mule/a'), { kind: 'file', rules: ['mule/a'] });
    assert.deepEqual(parseDirective('session-guard-disable'), { kind: 'file', rules: ['*'] });
    assert.deepEqual(parseDirective('session-guard-disable-next-line -- everything here'), { kind: 'next-line', rules: ['*'] });
  });
  it('ignores other comments', () => {
    assert.equal(parseDirective(' a comment about session-guard-disable '), undefined);
    assert.equal(parseDirective('session-guard-disabled mule/a'), undefined);
  });
});

describe('disable for this file', () => {
  const mule = (decl: string) =>
    `${decl}<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce">\n  <flow name="a">\n    <salesforce:invalidate-connection config-ref="sf"/>\n  </flow>\n</mule>\n`;
  const run = (text: string, path = 'app/src/main/mule/main.xml') =>
    lintFiles(
      { [path]: text },
      RULES.find((r) => r.meta.id === 'mule/unknown-salesforce-element'),
    );
  for (const [name, decl] of [
    ['after the XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n'],
    ['on a declaration line without a line break after it', '<?xml version="1.0"?>'],
    ['at the top of a file without one', ''],
  ] as const) {
    it(`puts the directive ${name}, and the finding is gone while the root is still Mule configuration`, () => {
      const text = mule(decl);
      const { findings, program } = run(text);
      assert.equal(findings.length, 1);
      const edit = disableFileEdit(program.file(findings[0].path)!, 'mule/unknown-salesforce-element');
      const fixed = applyEdits(text, [edit]);
      assert.match(fixed, /<!-- session-guard-disable mule\/unknown-salesforce-element -- reason -->\n<mule /);
      assert.ok(fixed.startsWith(decl.replace(/\n$/, '')));
      assert.deepEqual(run(fixed).findings, []);
      assert.equal(run(fixed, 'loose/main.xml').findings.length, 0, 'outside src/main/mule too: the root is still <mule>');
      assert.equal(run(mule(decl), 'loose/main.xml').findings.length, 1);
    });
  }
  it('in Apex, a // comment on the first line', () => {
    const cls = 'public class A {}\n';
    const edit = disableFileEdit(new SourceFile('/w/A.cls', cls), 'credential/x');
    assert.equal(applyEdits(cls, [edit]), '// session-guard-disable credential/x -- reason\npublic class A {}\n');
  });
});
