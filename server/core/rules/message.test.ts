import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../diagnose/redact';
import { maskQuoted, msg, plain, prose } from './message';

const TOKEN = '00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d4eSecretPartOfTheToken';

describe('lint messages: masking quoted values, never prose', () => {
  it('passes only the quoted values to the masker, never the prose', () => {
    const m = msg`<salesforce:query> uses '${'sf'}', an OAuth authorization-code (per-user) connection`;
    const seen: string[] = [];
    const maskAll = (t: string) => (seen.push(t), '****');
    assert.equal(maskQuoted(m, maskAll), "<salesforce:query> uses '****', an OAuth authorization-code (per-user) connection");
    assert.deepEqual(seen, ['sf']);
    assert.equal(plain(m), "<salesforce:query> uses 'sf', an OAuth authorization-code (per-user) connection");
  });
  it('masks a secret quoted from a file', () => {
    const m = msg`SALESFORCE:${TOKEN.slice(0, 0)}${TOKEN} is not an error type`;
    assert.equal(maskQuoted(m, redact), 'SALESFORCE:00D5g000004XyZa!**** is not an error type');
  });
  it('keeps the quotes of a nested message and of prose fragments', () => {
    const inner = msg` for resource owner '${TOKEN}'`;
    const m = msg`uses '${'sf'}'${inner}${prose(', from a flow')}`;
    assert.equal(maskQuoted(m, redact), "uses 'sf' for resource owner '00D5g000004XyZa!****', from a flow");
  });
  it('masks a message not built with msg as a whole, and no mark ever leaks', () => {
    assert.equal(maskQuoted(`plain ${TOKEN}`, redact), 'plain 00D5g000004XyZa!****');
    const joined = [msg`'${'a'}'`, msg`'${'b'}'`].join(', ');
    const out = maskQuoted(msg`flows ${joined}`, redact);
    assert.equal(out, "flows 'a', 'b'");
    assert.doesNotMatch(out, /[\uE000-\uE002]/);
  });
  it('strips marks a file value carries, so they cannot break the quoting', () => {
    assert.equal(maskQuoted(msg`name '${'a\uE001b\uE000c'}'`, redact), "name 'abc'");
  });
});
