import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFile } from '../project/source-file';
import { indentUnit } from './xml-edits';

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
