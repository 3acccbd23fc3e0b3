import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeForTerminal } from './terminal';

describe('escapeForTerminal', () => {
  it('shows ESC, CSI, BEL, line breaks and bidi overrides as escapes', () => {
    assert.equal(escapeForTerminal('a\u001b]0;pwned\u0007b'), 'a\\x1b]0;pwned\\x07b');
    assert.equal(escapeForTerminal('x\u009b2Jy'), 'x\\x9b2Jy');
    assert.equal(escapeForTerminal('l1\r\nl2'), 'l1\\r\\nl2');
    assert.equal(escapeForTerminal('abc\u202Edef'), 'abc\\u{202e}def');
  });
  it('leaves ordinary text, tabs and non-Latin letters alone (the same string)', () => {
    const s = "flow 'Überweisung'\tcafé 注文 ✔";
    assert.equal(escapeForTerminal(s), s);
  });
});
