import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../findings';
import { formatStylish } from './stylish';

function finding(message: string, line: number, severity: Finding['severity'] = 'warning'): Finding {
  return {
    ruleId: 'mule/x',
    severity,
    message,
    path: '/w/a.xml',
    start: 0,
    end: 1,
    line,
    column: 3,
    endLine: line,
    endColumn: 4,
    related: [],
    suggestions: [],
  };
}

describe('stylish formatter', () => {
  it('puts a message with line breaks on one line and aligns the rule ids', () => {
    const out = formatStylish({
      results: [{ displayPath: 'a.xml', findings: [finding('first  \r\n   second\n\nthird', 1, 'error'), finding('short message', 12)] }],
      rules: [],
      toolVersion: '0',
    });
    const lines = out.split('\n');
    assert.deepEqual(lines.slice(1, 4), ['a.xml', '   1:3  error    first second third  mule/x', '  12:3  warning  short message       mule/x']);
    assert.match(out, /✖ 2 problems \(1 error, 1 warning, 0 infos\)/);
  });

  it('leaves one-line messages, spaces included, as they are', () => {
    const out = formatStylish({ results: [{ displayPath: 'a.xml', findings: [finding('keeps  two   spaces ', 1)] }], rules: [], toolVersion: '0' });
    assert.equal(out.split('\n')[2], '  1:3  warning  keeps  two   spaces   mule/x');
  });

  it('closes with the number of files checked, and says what --quiet hides', () => {
    const clean = formatStylish({
      results: [
        { displayPath: 'a.xml', findings: [] },
        { displayPath: 'b.xml', findings: [] },
      ],
      rules: [],
      toolVersion: '0',
    });
    assert.equal(clean, '✔ 2 files checked, no problems\n');
    const quiet = formatStylish({ results: [{ displayPath: 'a.xml', findings: [finding('w', 1)] }], rules: [], toolVersion: '0', quiet: true });
    assert.equal(quiet, '✔ 1 file checked, no errors (--quiet hides 1 warning or info)\n');
  });
});
