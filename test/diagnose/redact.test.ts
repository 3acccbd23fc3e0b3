import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MASK, mayHoldSecret, redact, redactWithOffsets, secretSpans } from '../../server/core/diagnose/redact';

describe('Diagnose: redaction by value shape', () => {
  const cases: [string, string, string][] = [
    ['15-char org prefix token', 'sid 00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d4e5f end', `sid 00D5g000004XyZa!${MASK} end`],
    ['18-char org prefix token', 'token 00D5g000004XyZaEAK!AQ4AQLz8vXqJ1b2c.d4e5f', `token 00D5g000004XyZaEAK!${MASK}`],
    ['URL-encoded session id', 'x=00D5g000004XyZa%21AQ4AQLz8vXqJ1b2c3d y', `x=00D5g000004XyZa%21${MASK} y`],
    ['JWT', 'posting eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpbnRAYWNtZS5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz to the token endpoint', `posting ${MASK} to the token endpoint`],
    ['bare refresh token', 'stored 5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJo7Xr34 in vault', `stored ${MASK} in vault`],
  ];
  for (const [name, input, expected] of cases) it(`masks a ${name}`, () => assert.equal(redact(input), expected));
});

describe('Diagnose: redaction after an authentication scheme', () => {
  const cases: [string, string, string][] = [
    ['Bearer header', 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.abc.def', `Authorization: Bearer ${MASK}`],
    ['OAuth header with a session id', 'Authorization: OAuth 00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d', `Authorization: OAuth 00D5g000004XyZa!${MASK}`],
    ['Basic header', 'Authorization: Basic aW50ZWdyYXRpb246SHVudGVyMg==', `Authorization: Basic ${MASK}`],
    ['Basic header without digits', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', `Authorization: Basic ${MASK}`],
    ['lower-case header and scheme', 'authorization: bearer abc.def-123456', `authorization: bearer ${MASK}`],
    ['upper-case header and scheme', 'AUTHORIZATION: BEARER Zx81kQpL0mNvB', `AUTHORIZATION: BEARER ${MASK}`],
    [
      'Java map of headers',
      '{Authorization=Bearer abcdef123456, Content-Type=application/json}',
      `{Authorization=Bearer ${MASK}, Content-Type=application/json}`,
    ],
    [
      'token parameter next to a realm',
      'Authorization: Bearer realm="Salesforce", token="AQ4AQLz8vXqJ1b2c3d"',
      `Authorization: Bearer realm="Salesforce", token="${MASK}"`,
    ],
    [
      'token parameter without "="',
      'Authorization: Bearer realm=Salesforce, token AQ4AQLz8vXqJ1b2c3d',
      `Authorization: Bearer realm=Salesforce, token ${MASK}`,
    ],
    ['OAuth 1.0a-style parameters', 'Authorization: OAuth realm="", oauth_token="ab12cd34ef56"', `Authorization: OAuth realm="", oauth_token="${MASK}"`],
  ];
  for (const [name, input, expected] of cases) it(`masks a ${name}`, () => assert.equal(redact(input), expected));

  it('leaves a challenge without credentials alone (realm, error, scope)', () => {
    const text = 'WWW-Authenticate: Bearer realm="Salesforce", error="invalid_token", error_description="expired", scope="api"';
    assert.equal(redact(text), text);
  });
});

describe('Diagnose: redaction by the key a value stands under', () => {
  const cases: [string, string, string][] = [
    [
      'form body',
      'grant_type=refresh_token&refresh_token=5Aep861abc.def&client_secret=C0FFEE99',
      `grant_type=refresh_token&refresh_token=${MASK}&client_secret=${MASK}`,
    ],
    ['JSON fields', '{"access_token":"abc.def.ghi","password":"Hunter2!"}', `{"access_token":"${MASK}","password":"${MASK}"}`],
    ['JSON consumer secret', '{"consumerSecret": "C0FFEE99", "sessionId": "abc123"}', `{"consumerSecret": "${MASK}", "sessionId": "${MASK}"}`],
    [
      'escaped JSON',
      '"body":"{\\"access_token\\":\\"abc123DEF\\",\\"token_type\\":\\"Bearer\\"}"',
      `"body":"{\\"access_token\\":\\"${MASK}\\",\\"token_type\\":\\"Bearer\\"}"`,
    ],
    ['doubly escaped JSON', '{\\\\\\"refresh_token\\\\\\":\\\\\\"r3fr3sh\\\\\\"}', `{\\\\\\"refresh_token\\\\\\":\\\\\\"${MASK}\\\\\\"}`],
    [
      'Python dict',
      "{'access_token': 'AbC123xyz789', 'instance_url': 'https://acme.my.salesforce.com'}",
      `{'access_token': '${MASK}', 'instance_url': 'https://acme.my.salesforce.com'}`,
    ],
    [
      'Python keyword arguments',
      "Salesforce(session_id='QwE123', instance='acme.my.salesforce.com')",
      `Salesforce(session_id='${MASK}', instance='acme.my.salesforce.com')`,
    ],
    ['SOAP login password', '<n1:password>p@ss&amp;w0rd</n1:password>', `<n1:password>${MASK}</n1:password>`],
    ['SOAP sessionId', '<urn:sessionId>00D5g000004XyZa!AQ4AQLz8vXq</urn:sessionId>', `<urn:sessionId>00D5g000004XyZa!${MASK}</urn:sessionId>`],
    ['HTML-escaped SOAP', '&lt;sessionId&gt;QwErTy123456&lt;/sessionId&gt;', `&lt;sessionId&gt;${MASK}&lt;/sessionId&gt;`],
    [
      'property file',
      'salesforce.password=Hunter2!Secret\nsalesforce.securityToken=XyZ123abc',
      `salesforce.password=${MASK}\nsalesforce.securityToken=${MASK}`,
    ],
    ['YAML, quoted and unquoted', 'sf:\n  token: "Ab12345678cd"\n  password: two words', `sf:\n  token: "${MASK}"\n  password: ${MASK}`],
    [
      'environment variables',
      'export SALESFORCE_CLIENT_SECRET="s3cr3t!#"\nSF_PASSWORD: Hunter2',
      `export SALESFORCE_CLIENT_SECRET="${MASK}"\nSF_PASSWORD: ${MASK}`,
    ],
    ['Ruby hash', "{ password => 'Hunter2', username => 'int' }", `{ password => '${MASK}', username => 'int' }`],
    ['Bulk API session header', 'X-SFDC-Session: QwErTy123456', `X-SFDC-Session: ${MASK}`],
    ['cookie', 'Cookie: sid=00D5g000004XyZa!AQ4AQLz8vXqJ; oid=00D5g000004XyZa', `Cookie: sid=00D5g000004XyZa!${MASK}; oid=00D5g000004XyZa`],
    [
      'frontdoor URL',
      'https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=QwErTy123456&retURL=%2Fhome',
      `https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=${MASK}&retURL=%2Fhome`,
    ],
    [
      'callback fragment',
      'https://app/cb#access_token=00D5g000004XyZa%21AQ4AQabc123def&refresh_token=r3fr3sh&instance_url=x',
      `https://app/cb#access_token=00D5g000004XyZa%21${MASK}&refresh_token=${MASK}&instance_url=x`,
    ],
    ['authorization code', 'GET /callback?code=aPrx4sMIEeq9PiQ&state=s1', `GET /callback?code=${MASK}&state=s1`],
  ];
  for (const [name, input, expected] of cases) it(`masks a ${name}`, () => assert.equal(redact(input), expected));

  // Every key word in other cases and spellings, each on its own: `KEY<sep>secret`.
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
    ['apiKey=', 'k3y'],
    ['client_assertion=', 'abc'],
    ['keystorePassword=', 'changeit'],
  ];
  for (const [key, secret] of keys) {
    it(`masks the value after ${key.trim()}`, () => assert.equal(redact(`x ${key}${secret} y`), `x ${key}${MASK} y`));
  }
});

describe('Diagnose: what redaction leaves alone', () => {
  const prose = [
    'The description says the password policy changed; ip restricted hours. Org 00D5g000004XyZa.',
    'The per-user OAuth connection uses Basic authentication and a Bearer scheme.',
    'Use the authorization-code flow (grant_type=authorization_code, response_type=code), not OAuth 2.0 username-password.',
    'INVALID_SESSION_ID: Session expired or invalid',
    '{"status": "failed", "detail": "INVALID_SESSION_ID: Session expired or invalid"}',
    'LOGIN_MUST_USE_SECURITY_TOKEN: Invalid username, password, security token; or user locked out.',
    'INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired',
    'Error authenticating with the refresh token due to: expired access/refresh token',
    'Failed to obtain access token: invalid_grant: invalid assertion',
    'refresh token: expired; token: invalid; code: 400',
    '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
    '{"error":"invalid_grant","error_description":"user hasn\'t approved this consumer","token_type":"Bearer","scope":"api refresh_token"}',
    'Status: Invalid Password; Login Type: Remote Access 2.0',
    'Bearer token-based authentication; the OAuth token expired; a Basic auth header',
    'Message               : Unable to refresh session due to: invalid_grant: ip restricted or invalid login hours',
  ];
  for (const text of prose) {
    it(`keeps ${JSON.stringify(text.slice(0, 60))}…`, () => {
      assert.equal(redact(text), text);
      assert.deepEqual(secretSpans(text), []);
    });
  }

  it('reports sorted, non-overlapping spans', () => {
    const text = 'Authorization: OAuth 00D5g000004XyZa!AQ4AQLz8vXqJ1b2c3d and sid=QWERTYUIOP123';
    const spans = secretSpans(text);
    assert.equal(spans.length, 2);
    assert.ok(spans[0].end <= spans[1].start);
    assert.equal(text.slice(spans[0].start, spans[0].end), 'AQ4AQLz8vXqJ1b2c3d');
    assert.equal(text.slice(spans[1].start, spans[1].end), 'QWERTYUIOP123');
  });
});

describe('Diagnose: offsets in the redacted text', () => {
  it('maps offsets before, inside and after masked secrets', () => {
    const text = 'a sid=QWERTYUIOP123 then password=Hunter2Secret end';
    const red = redact(text);
    const map = redactWithOffsets(text).offsetAt;
    const at = (s: string) => text.indexOf(s);
    assert.equal(red.slice(map(at('then')), map(at('then') + 4, true)), 'then');
    assert.equal(red.slice(map(at('end')), map(text.length, true)), 'end');
    assert.equal(red.slice(map(at('QWERTY')), map(at('123') + 3, true)), MASK, 'a span that is the secret maps onto its mask');
    assert.equal(red.slice(map(at('sid')), map(at('then') - 1, true)), `sid=${MASK}`);
    assert.equal(map(0), 0);
  });
});

describe('Diagnose: the cheap test before masking', () => {
  it('never says "nothing to mask" of a text redaction would change', () => {
    const samples = [
      'Bearer 00D5g000001abcd!AQ8AQ.abcdefgh1234',
      'access_token=abcdef123456',
      '<sessionId>00D5g000001abcd!AQ8AQxyz1234</sessionId>',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJSx',
      'password: hunter2hunter2',
      'sfdc.sid=00D5g000001abcd%21AQ8AQxyz1234',
      "{'refresh_token': '5Aep861TSESvWeug_xvFHRBTT'}",
    ];
    for (const s of samples) {
      assert.notEqual(redact(s), s, `the sample is masked: ${s}`);
      assert.equal(mayHoldSecret(s), true, s);
    }
    for (const name of ['sync-orders', 'Salesforce_Config', 'post:\\orders:application\\json:api-config', 'Push_Account'])
      assert.equal(mayHoldSecret(name), false, name);
  });
});

describe('Diagnose: the cheap test is an over-approximation of redaction', () => {
  it('redaction leaves alone every generated text the cheap test passes over', () => {
    const part = fc.constantFrom(
      'token',
      'Token',
      'sid',
      'password',
      'key',
      'code',
      'session',
      '=',
      ':',
      ' ',
      '"',
      "'",
      '<',
      '>',
      '!',
      '00D5g000001abcd',
      'AQ8AQ.abcdefgh1234',
      'Bearer ',
      'eyJ',
      '5Aep',
      'abc',
      '%21',
      '&lt;',
      'x.y',
      'secret',
      'assertion',
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        if (!mayHoldSecret(text)) assert.equal(redact(text), text);
      }),
      { numRuns: 5000, seed: 22 },
    );
  });
});
