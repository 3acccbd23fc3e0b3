import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, redact, redactedOffsetMapper, secretSpans } from '../../server/core/diagnose/redact';

describe('Diagnose: redaction', () => {
  const cases: [string, string, string][] = [
    ['15-char org prefix token', 'sid 00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d4e5f end', `sid 00D5g000004XyZa!${MASK} end`],
    ['18-char org prefix token', 'token 00D5g000004XyZaEAK!AQ4AQLz8vXqJ1b2c.d4e5f', `token 00D5g000004XyZaEAK!${MASK}`],
    ['Bearer header', 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.abc.def', `Authorization: Bearer ${MASK}`],
    ['OAuth header', 'Authorization: OAuth 00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d', `Authorization: OAuth ${MASK}`],
    ['Basic header', 'Authorization: Basic aW50ZWdyYXRpb246SHVudGVyMg==', `Authorization: Basic ${MASK}`],
    ['SOAP sessionId', '<urn:sessionId>00D5g000004XyZa!AQ4AQLz8vXq</urn:sessionId>', `<urn:sessionId>${MASK}</urn:sessionId>`],
    [
      'form body',
      'grant_type=refresh_token&refresh_token=5Aep861abc.def&client_secret=C0FFEE99',
      `grant_type=refresh_token&refresh_token=${MASK}&client_secret=${MASK}`,
    ],
    ['JSON fields', '{"access_token":"abc.def.ghi","password":"Hunter2!"}', `{"access_token":"${MASK}","password":"${MASK}"}`],
    [
      'property file',
      'salesforce.password=Hunter2!Secret\nsalesforce.securityToken=XyZ123abc',
      `salesforce.password=${MASK}\nsalesforce.securityToken=${MASK}`,
    ],
    ['cookie', 'Cookie: sid=00D5g000004XyZa!AQ4AQLz8vXqJ; oid=00D5g000004XyZa', `Cookie: sid=${MASK}; oid=00D5g000004XyZa`],
    ['bare refresh token', 'stored 5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJo7Xr34 in vault', `stored ${MASK} in vault`],
    ['JSON consumer secret', '{"consumerSecret": "C0FFEE99", "sessionId": "abc123"}', `{"consumerSecret": "${MASK}", "sessionId": "${MASK}"}`],
    ['lower-case scheme', 'authorization: bearer abc.def-123456', `authorization: bearer ${MASK}`],
  ];
  for (const [name, input, expected] of cases) {
    it(`masks a ${name}`, () => assert.equal(redact(input), expected));
  }

  // Every key word of the key=value rule in other cases and spellings, each on its own: `KEY<sep>secret`.
  const keys: [key: string, secret: string][] = [
    ['PWD=', 'hunter22'],
    ['Passwd: ', 'abc123'],
    ['SESSION_ID=', 'xyz123'],
    ['sessionid=', 'q1w2e3'],
    ['ID_TOKEN=', 'eyJ.a.b'],
    ['Code=', 'abc123'],
    ['ASSERTION=', 'eyJabc'],
    ['Private_Key: ', 'abcdefg'],
    ['Consumer_Secret=', 'c0ffee'],
    ['ConsumerSecret=', 'c0ffee'],
    ['security_token=', 'tok123'],
    ['Access_Token=', 'at123'],
  ];
  for (const [key, secret] of keys) {
    it(`masks the value after ${key.trim()}`, () => assert.equal(redact(`x ${key}${secret} y`), `x ${key}${MASK} y`));
  }

  it('leaves words that only look like keys alone', () => {
    const text =
      'The description says the password policy changed; ip restricted hours. Org 00D5g000004XyZa. The per-user OAuth connection uses Basic authentication and a Bearer scheme.';
    assert.equal(redact(text), text);
    assert.deepEqual(secretSpans(text), []);
  });

  it('reports sorted, non-overlapping spans', () => {
    const text = 'Authorization: OAuth 00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d and sid=QWERTYUIOP123';
    const spans = secretSpans(text);
    assert.equal(spans.length, 2);
    assert.ok(spans[0].end <= spans[1].start);
    assert.equal(text.slice(spans[1].start, spans[1].end), 'QWERTYUIOP123');
  });
});

describe('Diagnose: offsets in the redacted text', () => {
  it('maps offsets before, inside and after masked secrets', () => {
    const text = 'a sid=QWERTYUIOP123 then password=Hunter2Secret end';
    const red = redact(text);
    const map = redactedOffsetMapper(text);
    const at = (s: string) => text.indexOf(s);
    assert.equal(red.slice(map(at('then')), map(at('then') + 4, true)), 'then');
    assert.equal(red.slice(map(at('end')), map(text.length, true)), 'end');
    assert.equal(red.slice(map(at('QWERTY')), map(at('123') + 3, true)), MASK, 'a span that is the secret maps onto its mask');
    assert.equal(red.slice(map(at('sid')), map(at('then') - 1, true)), `sid=${MASK}`);
    assert.equal(map(0), 0);
  });
});
