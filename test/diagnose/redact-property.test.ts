/**
 * Redaction, proven with generated logs (fast-check, seeded: SG_FUZZ_SEED; SG_FUZZ_RUNS scales the
 * runs): random secrets are planted into log lines of every shape they take in real logs (JSON,
 * escaped JSON, Python reprs, SOAP bodies, YAML, properties, environment files, HTTP headers in any
 * case, cookies, URLs, form bodies, Java maps, JWTs, refresh tokens, session ids), mixed with real
 * Salesforce errors, and no planted value may survive in any output: the redacted text, the CLI's
 * text and JSON formats, and the runbook panel's data (the message posted to the webview and the
 * alert payload it copies). The reverse property: prose made of the same words keeps every word.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { alertPayload } from '../../client/src/runbook/alert';
import type { ToWebview } from '../../client/src/runbook/messages';
import { diagnose } from '../../server/core/diagnose/classify';
import { formatDiagnosisText } from '../../server/core/diagnose/format-text';
import { redact } from '../../server/core/diagnose/redact';

const SEED = Number(process.env.SG_FUZZ_SEED ?? 20261122);
const SCALE = Number(process.env.SG_FUZZ_RUNS ?? 10_000) / 10_000;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

// ---- secrets ---------------------------------------------------------------------------------------

/** An opaque token: letters, digits and token punctuation, at least one digit (as real tokens have). */
const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{10,44}[0-9][A-Za-z0-9]{1,4}$/);
/** A password: any printable ASCII but quotes, backslash and spaces (those are shaped per format below). */
const password = fc.stringMatching(/^[A-Za-z0-9!#$%&()*+,./:;<=>?@[\]^_`{|}~-]{9,30}$/).filter((p) => /\d/.test(p) && /[A-Za-z]/.test(p));
const base64url = (s: string) => Buffer.from(s).toString('base64url');
const orgPrefix = fc.constantFrom('00D5g000004XyZa', '00D7Q000009AbCdUAK', '00DHu000002lKmN');

/** The case a header name or scheme is written in. */
const casing = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.toLowerCase(),
  (s) => s.toUpperCase(),
);
const secretKey = fc.constantFrom(
  'access_token',
  'refresh_token',
  'id_token',
  'accessToken',
  'refreshToken',
  'sessionId',
  'session_id',
  'sid',
  'password',
  'passwd',
  'pwd',
  'client_secret',
  'consumerSecret',
  'securityToken',
  'security_token',
  'private_key',
  'api_key',
  'assertion',
  'client_assertion',
);
const prefixedKey = fc.constantFrom(
  'salesforce.password',
  'sfdc.oauth.refreshToken',
  'mule.sf.securityToken',
  'SF_PASSWORD',
  'SALESFORCE_CLIENT_SECRET',
  'SF_ACCESS_TOKEN',
);
const opaqueKey = fc.constantFrom('token', 'code', 'auth.token');

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---- log lines: each says what must disappear and what must stay -------------------------------

interface Line {
  readonly text: string;
  readonly planted: readonly string[];
  readonly kept?: readonly string[];
}

const shapes: fc.Arbitrary<Line>[] = [
  // JSON, compact and pretty.
  fc.tuple(secretKey, token).map(([k, s]) => ({
    text: `{"${k}":"${s}","instance_url":"https://acme.my.salesforce.com","token_type":"Bearer"}`,
    planted: [s],
    kept: ['https://acme.my.salesforce.com'],
  })),
  fc.tuple(secretKey, password).map(([k, s]) => ({ text: `{\n  "${k}": "${s}",\n  "issued_at": "1732072447000"\n}`, planted: [s] })),
  // Escaped JSON inside a JSON string, one and two levels deep.
  fc.tuple(secretKey, token).map(([k, s]) => ({ text: `"payload": "{\\"${k}\\":\\"${s}\\",\\"scope\\":\\"api refresh_token\\"}"`, planted: [s] })),
  fc.tuple(secretKey, token).map(([k, s]) => ({ text: `"log": "{\\\\\\"${k}\\\\\\":\\\\\\"${s}\\\\\\"}"`, planted: [s] })),
  // Python dict printouts (simple-salesforce) and keyword arguments.
  fc.tuple(token, token).map(([a, r]) => ({
    text: `{'access_token': '${a}', 'refresh_token': '${r}', 'instance_url': 'https://acme.my.salesforce.com', 'token_type': 'Bearer'}`,
    planted: [a, r],
  })),
  fc.tuple(fc.constantFrom('session_id', 'password', 'security_token', 'consumer_secret'), password).map(([k, s]) => ({
    text: `sf = Salesforce(instance='acme.my.salesforce.com', ${k}='${s}')`,
    planted: [s],
  })),
  // SOAP login request and response, also HTML-escaped in a log.
  password.map((p) => ({
    text: `<soapenv:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>int@acme.com</n1:username><n1:password>${xmlEscape(p)}</n1:password></n1:login></soapenv:Body>`,
    planted: [xmlEscape(p)],
    kept: ['int@acme.com'],
  })),
  fc.tuple(orgPrefix, token).map(([o, s]) => ({
    text: `<result><serverUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/${o}</serverUrl><sessionId>${o}!${s}</sessionId></result>`,
    planted: [s],
    kept: [`${o}!`],
  })),
  token.map((s) => ({ text: `request: &lt;urn:SessionHeader&gt;&lt;urn:sessionId&gt;${s}&lt;/urn:sessionId&gt;&lt;/urn:SessionHeader&gt;`, planted: [s] })),
  // YAML and properties, quoted and not; environment files.
  fc
    .tuple(secretKey, password, fc.constantFrom('"', "'", ''))
    .map(([k, s, q]) => ({ text: `salesforce:\n  ${k}: ${q}${s}${q}\n  username: int@acme.com`, planted: [s], kept: ['int@acme.com'] })),
  fc.tuple(opaqueKey, token).map(([k, s]) => ({ text: `connection:\n  ${k}: "${s}"`, planted: [s] })),
  fc.tuple(prefixedKey, password, fc.constantFrom('=', ' = ', ': ')).map(([k, s, sep]) => ({ text: `${k}${sep}${s}`, planted: [s] })),
  fc.tuple(prefixedKey, password).map(([k, s]) => ({ text: `export ${k}="${s}"`, planted: [s] })),
  // HTTP headers, in any case.
  fc
    .tuple(casing, casing, fc.constantFrom('Bearer', 'OAuth'), token)
    .map(([h, c, scheme, s]) => ({ text: `> ${h('Authorization')}: ${c(scheme)} ${s}`, planted: [s] })),
  fc.tuple(casing, orgPrefix, token).map(([h, o, s]) => ({ text: `${h('Authorization')}: OAuth ${o}!${s}`, planted: [s], kept: [`${o}!`] })),
  fc.tuple(casing, password).map(([h, p]) => {
    const basic = Buffer.from(`int@acme.com:${p}`).toString('base64');
    return { text: `${h('Authorization')}: Basic ${basic}`, planted: [basic] };
  }),
  fc.tuple(casing, token, fc.constantFrom('="', '=', ' ')).map(([c, s, sep]) => ({
    text: `Authorization: ${c('Bearer')} realm="Salesforce", token${sep}${s}${sep === '="' ? '"' : ''}`,
    planted: [s],
    kept: ['realm="Salesforce"'],
  })),
  token.map((s) => ({ text: `Authorization: OAuth realm="acme", oauth_token="${s}"`, planted: [s], kept: ['realm="acme"'] })),
  fc.tuple(casing, token).map(([h, s]) => ({ text: `${h('X-SFDC-Session')}: ${s}`, planted: [s] })),
  // Cookies.
  fc.tuple(token, orgPrefix).map(([s, o]) => ({ text: `Cookie: BrowserId=Xy12; sid=${s}; sid_Client=a1; oid=${o}`, planted: [s], kept: [`oid=${o}`] })),
  token.map((s) => ({ text: `Set-Cookie: sid=${s}; domain=.salesforce.com; path=/; secure; HttpOnly`, planted: [s] })),
  // URLs: frontdoor, callback fragments (URL-encoded), query strings.
  token.map((s) => ({ text: `GET https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=${s}&retURL=%2Flightning%2Fpage%2Fhome`, planted: [s] })),
  fc.tuple(orgPrefix, token, token).map(([o, a, r]) => ({
    text: `https://app.example.com/oauth/callback#access_token=${o}%21${a}&refresh_token=${encodeURIComponent(r)}&instance_url=https%3A%2F%2Facme.my.salesforce.com&token_type=Bearer`,
    planted: [a, encodeURIComponent(r)],
    kept: [`${o}%21`],
  })),
  fc
    .tuple(fc.constantFrom('access_token', 'code', 'sid'), token)
    .map(([k, s]) => ({ text: `https://acme.my.salesforce.com/services/data/v62.0/query?${k}=${s}&q=SELECT+Id+FROM+Account`, planted: [s] })),
  // Form bodies.
  fc.tuple(token, password).map(([s, p]) => ({
    text: `grant_type=password&client_id=3MVG9xyzABC&client_secret=${s}&username=int%40acme.com&password=${encodeURIComponent(p)}`,
    planted: [s, encodeURIComponent(p)],
  })),
  // A Java map printed by a Mule logger.
  fc.tuple(token, orgPrefix).map(([s, o]) => ({
    text: `Token response: {access_token=${o}!${s}, instance_url=https://acme.my.salesforce.com, id=https://login.salesforce.com/id/${o}/005000000000001, token_type=Bearer}`,
    planted: [s],
    kept: [`${o}!`],
  })),
  // JWTs, alone or under a key.
  fc.tuple(fc.emailAddress(), token, fc.constantFrom('https://login.salesforce.com', 'https://test.salesforce.com')).map(([sub, sig, aud]) => {
    const payload = base64url(JSON.stringify({ iss: '3MVG9xyzABC', sub, aud, exp: 1795000000 }));
    const jwt = `${base64url('{"alg":"RS256"}')}.${payload}.${base64url(sig)}`;
    return {
      text: `POST ${aud}/services/oauth2/token grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=${jwt}`,
      planted: [jwt, payload, base64url(sig)],
    };
  }),
  fc.tuple(token).map(([sig]) => {
    const jwt = `${base64url('{"alg":"RS256","typ":"JWT"}')}.${base64url('{"sub":"int@acme.com"}')}.${base64url(sig)}`;
    return { text: `id token ${jwt} accepted`, planted: [jwt, base64url(sig)] };
  }),
  // Refresh tokens and session ids standing alone.
  token.map((s) => ({ text: `stored refresh token 5Aep861${s} in the vault`, planted: [`5Aep861${s}`, s] })),
  fc.tuple(orgPrefix, token).map(([o, s]) => ({ text: `session ${o}!${s} was issued at 03:10`, planted: [s], kept: [`${o}!`] })),
];

/** Real error lines the secrets travel with, so diagnose finds causes and evidence around them. */
const errors = fc.constantFrom(
  '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
  'Error: Unable to refresh session due to: invalid_grant: ip restricted or invalid login hours',
  '{"error":"invalid_grant","error_description":"user hasn\'t approved this consumer"}',
  'ERROR running org list: Error authenticating with the refresh token due to: inactive user',
  'simple_salesforce.exceptions.SalesforceAuthenticationFailed: INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
  '{"error":"invalid_grant","error_description":"audience is invalid"}',
  'Login History: Status: Password Lockout',
  'org.mule.runtime.api.connection.ConnectionException: Invalid status code: 400, response body: {"error":"invalid_grant","error_description":"expired access/refresh token"}',
);

const log = fc.tuple(fc.array(fc.oneof(...shapes), { minLength: 1, maxLength: 4 }), errors, fc.boolean()).map(([lines, error, errorFirst]) => {
  const body = lines.map((l) => l.text);
  return {
    text: (errorFirst ? [error, ...body] : [...body, error]).join('\n'),
    planted: lines.flatMap((l) => l.planted),
    kept: lines.flatMap((l) => l.kept ?? []),
  };
});

/** Every output a diagnosis reaches: redacted text, CLI text (plain and coloured) and JSON, the panel's data. */
function outputs(text: string): Record<string, string> {
  const d = diagnose(text);
  const panel: ToWebview = { type: 'diagnosis', diagnosis: d, locations: [], canProbe: true };
  return {
    redacted: redact(text),
    'diagnose --format text': formatDiagnosisText(d, text, false),
    'diagnose --format text (colour)': formatDiagnosisText(d, text, true),
    'diagnose --format json': JSON.stringify(d, null, 2),
    'runbook panel message': JSON.stringify(panel),
    'runbook alert payload': alertPayload(d, []),
  };
}

describe('Diagnose: no planted secret survives in any output (fast-check)', () => {
  it('every shape of log line, every output format', () => {
    fc.assert(
      fc.property(log, ({ text, planted, kept }) => {
        const out = outputs(text);
        for (const [format, s] of Object.entries(out))
          for (const secret of planted) assert.ok(!s.includes(secret), `${format} leaks ${JSON.stringify(secret)} from:\n${text}\n---\n${s}`);
        for (const k of kept) assert.ok(out.redacted.includes(k), `over-masked ${JSON.stringify(k)} in:\n${out.redacted}`);
      }),
      { seed: SEED, numRuns: runs(400) },
    );
  });

  it('each shape on its own, so none hides behind another', () => {
    for (const [i, shape] of shapes.entries()) {
      fc.assert(
        fc.property(shape, ({ text, planted, kept }) => {
          const red = redact(text);
          for (const secret of planted) assert.ok(!red.includes(secret), `shape ${i} leaks ${JSON.stringify(secret)}: ${red}`);
          for (const k of kept ?? []) assert.ok(red.includes(k), `shape ${i} over-masks ${JSON.stringify(k)}: ${red}`);
        }),
        { seed: SEED + i, numRuns: runs(60) },
      );
    }
  });
});

describe('Diagnose: prose keeps every word (fast-check)', () => {
  // Words of the same vocabulary, written as prose: key words without a separator, schemes before
  // words, error codes with their messages. None of them is a secret.
  const words = fc.constantFrom(
    'OAuth',
    'connection',
    'Basic',
    'authentication',
    'Bearer',
    'token',
    'tokens',
    'authorization-code',
    'refresh',
    'password',
    'policy',
    'session',
    'id',
    'Session',
    'ID',
    'security',
    'client',
    'secret',
    'expired',
    'invalid',
    'assertion',
    'code',
    'sid',
    'cookie',
    'the',
    'was',
    'user',
    'locked',
    'out',
    'scheme',
    'flow',
    '2.0',
    'api',
    'key',
    'private',
    'consumer',
    'INVALID_SESSION_ID:',
    'INVALID_LOGIN:',
    'LOGIN_MUST_USE_SECURITY_TOKEN:',
    'invalid_grant:',
    'grant_type=authorization_code',
    'response_type=code',
    'token_type=Bearer',
    'code: 400',
    'token: expired',
    '"errorCode":"INVALID_SESSION_ID"',
    '"detail": "INVALID_SESSION_ID: Session expired or invalid"',
    'Status: Invalid Password',
  );
  const prose = fc
    .array(fc.tuple(words, fc.constantFrom(' ', ' ', ', ', '; ', '. ', '\n')), { minLength: 1, maxLength: 30 })
    .map((ws) => ws.map(([w, sep]) => w + sep).join(''));

  it('redaction changes nothing in it', () => {
    fc.assert(
      fc.property(prose, (text) => assert.equal(redact(text), text)),
      { seed: SEED, numRuns: runs(500) },
    );
  });
});

describe('Diagnose: redaction stays cheap on lint messages', () => {
  it('masks 20,000 secret-free messages quickly (a generous bound, not a benchmark)', () => {
    const messages = Array.from(
      { length: 20_000 },
      (_, i) => `Flow 'Sync_${i}' calls callout:Billing through a per-user credential: the running user has no token (see password policy ${i}).`,
    );
    const t = performance.now();
    for (const m of messages) assert.equal(redact(m), m);
    assert.ok(performance.now() - t < 5000, `${Math.round(performance.now() - t)} ms`);
  });
});
