import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFile } from '../project/source-file';
import type { Finding, TextEdit } from '../findings';
import { chooseFixes, indentUnit } from './xml-edits';

const unitOf = (text: string) => indentUnit(new SourceFile('/a.xml', text));

describe('indentUnit', () => {
  it('reads tabs, two and four spaces from the indented markup lines', () => {
    assert.equal(unitOf('<mule>\n\t<flow>\n\t\t<logger/>\n\t</flow>\n</mule>'), '\t');
    assert.equal(unitOf('<mule>\n  <flow>\n    <logger/>\n  </flow>\n</mule>'), '  ');
    assert.equal(unitOf('<mule>\r\n    <flow>\r\n        <logger/>\r\n    </flow>\r\n</mule>'), '    ');
  });

  it('ignores indented lines that do not start with markup, and defaults to four spaces', () => {
    assert.equal(unitOf('<mule>\n<flow>\n      text\n</flow></mule>'), '    ');
    assert.equal(unitOf('<mule>\n   text\n  <flow/>\n</mule>'), '  ');
    assert.equal(unitOf('<mule/>'), '    ');
  });

  it('takes the majority when tabs and spaces are mixed', () => {
    assert.equal(unitOf('<a>\n\t<b/>\n\t<b/>\n  <c/>\n</a>'), '\t');
    assert.equal(unitOf('<a>\n\t<b/>\n  <c/>\n  <c/>\n</a>'), '  ');
  });

  it('looks at no more than the first 100 indented markup lines', () => {
    // 50 lines each way inside the window (a tie keeps spaces); the 101st line would tip it to tabs.
    const text = '<a>\n' + '  <b/>\n'.repeat(50) + '\t<c/>\n'.repeat(51) + '</a>';
    assert.equal(unitOf(text), '  ');
  });
});

describe('chooseFixes', () => {
  const finding = (...edits: TextEdit[]): Finding => ({
    path: 'a.xml',
    start: 0,
    end: 1,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    ruleId: 'test/rule',
    severity: 'warning',
    message: 'm',
    related: [],
    suggestions: [],
    ...(edits.length ? { fix: { title: 'fix', edits } } : {}),
  });
  const edit = (path: string, start: number, end: number, newText = 'x'): TextEdit => ({ path, start, end, newText });

  it('takes whole fixes that overlap nothing chosen before, grouped per file, in the findings order', () => {
    const { edits, fixes } = chooseFixes([
      finding(edit('a.xml', 0, 2), edit('b.xml', 5, 6)),
      finding(edit('a.xml', 2, 4)), // touches the first: both apply
      finding(edit('a.xml', 8, 9), edit('b.xml', 5, 7)), // overlaps the first in b.xml: left out whole, a.xml too
      finding(),
    ]);
    assert.equal(fixes, 2);
    assert.deepEqual(edits.get('a.xml'), [edit('a.xml', 0, 2), edit('a.xml', 2, 4)]);
    assert.deepEqual(edits.get('b.xml'), [edit('b.xml', 5, 6)]);
  });

  it('takes one of two insertions at the same offset (two rules adding the same child element)', () => {
    const { edits, fixes } = chooseFixes([finding(edit('a.xml', 3, 3, '<r/>')), finding(edit('a.xml', 3, 3, '<r/>')), finding(edit('a.xml', 3, 5))]);
    assert.equal(fixes, 2);
    assert.deepEqual(edits.get('a.xml'), [edit('a.xml', 3, 3, '<r/>'), edit('a.xml', 3, 5)]);
  });

  it('leaves out a fix that edits a file it may not edit, whole', () => {
    const { edits, fixes } = chooseFixes([finding(edit('a.xml', 0, 1), edit('lossy.xml', 0, 1))], (p) => p !== 'lossy.xml');
    assert.equal(fixes, 0);
    assert.equal(edits.size, 0);
  });
});
