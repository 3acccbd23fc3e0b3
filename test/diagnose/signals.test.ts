/**
 * The signal table against Salesforce's own vocabulary: every signal finds its documented example,
 * every LoginHistory status points where the table says (or nowhere), no phrase names two causes, and
 * a specific cue always outweighs every generic marker together.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_ERRORS, FAULT_CODES, OAUTH_ERRORS } from '../../server/core/diagnose/api-errors';
import { diagnose } from '../../server/core/diagnose/classify';
import { LOGIN_STATUSES, NOT_APPROVED_STATUS } from '../../server/core/diagnose/login-statuses';
import { GENERIC_SIGNALS, SIGNALS } from '../../server/core/diagnose/signals';

/**
 * Every generic marker but "expired authorization code", which names a cause once the text shows its flow (a JWT
 * login, a refresh: tested below) — next to the sf CLI's JWT marker it is a JWT problem, as it should be.
 */
const ALL_GENERIC = SIGNALS.filter((s) => s.generic && s.id !== 'expired-authorization-code')
  .map((s) => s.example)
  .join('\n');

describe('Diagnose: the signal table', () => {
  it('has unique ids, and generic markers weigh at most 0.5', () => {
    assert.equal(new Set(SIGNALS.map((s) => s.id)).size, SIGNALS.length);
    for (const s of SIGNALS) if (s.generic) assert.ok(s.weight <= 0.5, s.id);
    for (const id of ['invalid-session-id', 'session-expired-or-invalid', 'invalid-login', 'expired-session-exception', 'auth-failed-exception'])
      assert.ok(GENERIC_SIGNALS.has(id), id);
  });

  for (const s of SIGNALS) {
    it(`${s.id} finds its example${s.generic ? ' (a generic marker)' : ` and names ${s.cause}, even next to every generic marker`}`, () => {
      s.pattern.lastIndex = 0;
      assert.ok(s.pattern.test(s.example), `${s.pattern} on ${JSON.stringify(s.example)}`);
      const alone = diagnose(s.example);
      if (s.generic) {
        assert.equal(alone.cause, s.cause);
        assert.ok(alone.confidence < 0.5 && /low confidence/.test(alone.summary), `${alone.confidence}: ${alone.summary}`);
        return;
      }
      assert.equal(alone.cause, s.cause);
      assert.ok(alone.confidence >= 0.5, `${alone.confidence}`);
      const withGeneric = diagnose(`${ALL_GENERIC}\n${s.example}`);
      assert.equal(withGeneric.cause, s.cause);
      assert.ok(
        withGeneric.alternatives.every((a) => a.cause !== 'TOKEN_EXPIRED' || s.cause === 'TOKEN_EXPIRED'),
        'generic markers do not compete with a specific cue',
      );
    });
  }

  it('never lets one code or phrase name two causes', () => {
    const seen = new Map<string, string>();
    const claim = (key: string, cause: string) => {
      const k = key.toLowerCase();
      assert.ok(!seen.has(k) || seen.get(k) === cause, `"${key}" names ${seen.get(k)} and ${cause}`);
      seen.set(k, cause);
    };
    for (const v of [...FAULT_CODES, ...OAUTH_ERRORS, ...CLIENT_ERRORS]) for (const k of [...(v.codes ?? []), ...(v.phrases ?? [])]) claim(k, v.cause);
    for (const s of LOGIN_STATUSES) if (s.cause) for (const k of [s.code, ...(s.detail ? [s.detail] : [])]) claim(k, s.cause);
  });
});

describe('Diagnose: LoginHistory statuses (Login Event Type — LOGIN_STATUS Values)', () => {
  it('lists each code once, and says why a status names no cause', () => {
    assert.equal(new Set(LOGIN_STATUSES.map((s) => s.code)).size, LOGIN_STATUSES.length);
    assert.ok(LOGIN_STATUSES.length >= 119, `${LOGIN_STATUSES.length} statuses (the documentation lists 119)`);
    for (const s of LOGIN_STATUSES) if (s.cause === null) assert.ok(s.why, s.code);
  });

  for (const s of LOGIN_STATUSES) {
    const forms = [`LOGIN_STATUS=${s.code}`, ...(s.detail ? [`Login Type: Remote Access 2.0  Status: ${s.detail}`] : [])];
    if (s.cause) {
      it(`${s.code}${s.detail ? ` ("${s.detail}")` : ''} points at ${s.cause}`, () => {
        for (const f of forms) assert.equal(diagnose(f).cause, s.cause, f);
      });
    } else if (s.detail) {
      it(`"${s.detail}" (${s.code}) points nowhere: ${s.why}`, () => {
        for (const f of forms) assert.equal(diagnose(f).cause, 'UNKNOWN', f);
      });
    }
  }

  it(`"${NOT_APPROVED_STATUS}" points at APP_NOT_APPROVED`, () => {
    assert.equal(diagnose(`Status: ${NOT_APPROVED_STATUS}`).cause, 'APP_NOT_APPROVED');
  });

  it('a status outweighs the generic INVALID_LOGIN the same login printed', () => {
    const d = diagnose(
      'sf:INVALID_LOGIN: Invalid username, password, security token; or user locked out.\nLogin History for int@acme.com: 11/20/2026 03:14  Remote Access 2.0  User is frozen',
    );
    assert.equal(d.cause, 'USER_INACTIVE');
    assert.ok(d.confidence >= 0.8, `${d.confidence}`);
    assert.deepEqual(d.alternatives, [], 'INVALID_LOGIN alone does not compete');
  });
});

describe('Diagnose: computed cues', () => {
  it('a JWT whose audience is a sandbox, posted to login.salesforce.com, is a misconfigured JWT', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const jwt = `${b64('{"alg":"RS256"}')}.${b64('{"iss":"3MVG9abc","sub":"int@acme.com","aud":"https://test.salesforce.com","exp":1795000000}')}.${b64('sig-bytes-0123456789')}`;
    const text = `POST https://login.salesforce.com/services/oauth2/token\ngrant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=${jwt}\n\nHTTP/1.1 400 Bad Request\n{"error":"invalid_grant","error_description":"invalid assertion"}`;
    const d = diagnose(text);
    assert.equal(d.cause, 'JWT_MISCONFIGURED');
    const e = d.evidence.find((x) => x.signal === 'jwt-audience-mismatch');
    assert.ok(e, 'the audience mismatch is evidence');
    assert.match(e.means, /audience https:\/\/test\.salesforce\.com is a sandbox login server, but it was posted to https:\/\/login\.salesforce\.com/);
    assert.ok(!JSON.stringify(d).includes(jwt.split('.')[2]), 'the assertion itself is masked');
    // The same assertion posted to the sandbox's My Domain is fine.
    const fine = diagnose(text.replace('https://login.salesforce.com/', 'https://acme--uat.sandbox.my.salesforce.com/'));
    assert.ok(!fine.evidence.some((x) => x.signal === 'jwt-audience-mismatch'));
  });

  it('a per-user credential next to a record-triggered flow is a per-user credential in automation', () => {
    const d = diagnose(
      'Flow Account_To_Erp (triggerType RecordAfterSave) calls callout:Erp; the Erp external credential has one principal, PerUserPrincipal. INVALID_SESSION_ID',
    );
    assert.equal(d.cause, 'PER_USER_CREDENTIAL');
    assert.ok(d.evidence.some((x) => x.signal === 'per-user-in-record-triggered-flow'));
  });

  for (const phrase of ['Identity Type: Per User', 'a per-user credential', 'principalType=PerUser', 'PerUserPrincipal', 'per-user identity']) {
    it(`"${phrase}" is a per-user credential for the signal and, in a record-triggered flow, for the context`, () => {
      assert.ok(
        diagnose(`callout:Erp uses ${phrase}. INVALID_SESSION_ID`).evidence.some((x) => x.signal === 'per-user-principal'),
        'per-user-principal',
      );
      assert.ok(
        diagnose(`RecordAfterSave flow calls callout:Erp (${phrase}). INVALID_SESSION_ID`).evidence.some(
          (x) => x.signal === 'per-user-in-record-triggered-flow',
        ),
        'per-user-in-record-triggered-flow',
      );
    });
  }
});

describe('Diagnose: "expired authorization code" is read in its flow', () => {
  it('alone it cannot tell: UNKNOWN, at low confidence', () => {
    const d = diagnose('{"error":"invalid_grant","error_description":"expired authorization code"}');
    assert.equal(d.cause, 'UNKNOWN');
    assert.ok(d.confidence < 0.5);
  });
  it("in a JWT bearer login: the assertion's exp is past (a clock or time zone error)", () => {
    const d = diagnose(
      "{'iss': 'X', 'sub': 'int@acme.com', 'aud': 'https://test.salesforce.com', 'exp': '1584974785'}\nSalesforceAuthenticationFailed: invalid_grant: expired authorization code",
    );
    assert.equal(d.cause, 'JWT_MISCONFIGURED');
    assert.ok(d.confidence >= 0.5);
    assert.ok(d.evidence.some((e) => e.signal === 'jwt-assertion-expired'));
  });
  it('in a token refresh: another worker refreshed first', () => {
    const d = diagnose('Error: Unable to refresh session due to: invalid_grant: expired authorization code');
    assert.equal(d.cause, 'CONCURRENT_SESSION_LIMIT');
  });
});
