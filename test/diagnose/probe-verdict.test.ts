import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeProbe, type ProbeObservations } from '../../server/core/diagnose/probe-verdict';

const skip = { skipped: 'not run' };
const base: ProbeObservations = {
  instanceUrl: 'https://acme.my.salesforce.com',
  apiVersion: '62.0',
  investigatesToken: true,
  userinfo: { ok: true, value: { user_id: '005000000000001AAA', organization_id: '00D000000000001AAA', preferred_username: 'int@acme.com' } },
  restApi: { ok: true, value: {} },
  organization: skip,
  user: skip,
  loginHistory: skip,
  limits: skip,
};
const causes = (l: { cause: string }[]) => l.map((c) => c.cause);

describe('judgeProbe', () => {
  it('a Lightning UI host is a wrong instance before any call', () => {
    const r = judgeProbe({ ...base, instanceUrl: 'https://acme.lightning.force.com', restApi: skip });
    assert.deepEqual(causes(r.confirmed), ['WRONG_INSTANCE']);
  });

  it('a confirmed cause is never also listed as ruled out', () => {
    const r = judgeProbe({ ...base, instanceUrl: 'https://acme.lightning.force.com' });
    assert.ok(causes(r.confirmed).includes('WRONG_INSTANCE'));
    assert.ok(!causes(r.refuted).includes('WRONG_INSTANCE'));
  });

  it('login failures older than the newest success do not confirm anything, and rule out IP restriction', () => {
    const r = judgeProbe({
      ...base,
      loginHistory: {
        ok: true,
        value: [
          { LoginTime: '2026-11-19T01:00:00.000+0000', Status: 'Restricted IP' },
          { LoginTime: '2026-11-20T01:00:00.000+0000', Status: 'Success', SourceIp: '52.1.14.77' },
        ],
      },
    });
    assert.deepEqual(r.confirmed, []);
    assert.match(
      r.refuted.find((c) => c.cause === 'IP_RESTRICTION')!.evidence[0],
      /newest login \(2026-11-20T01:00:00\.000\+0000 from 52\.1\.14\.77\) succeeded/,
    );
  });

  it('reads login statuses with the diagnose signal table: passwords, security tokens, login hours', () => {
    const r = judgeProbe({
      ...base,
      loginHistory: {
        ok: true,
        value: [
          { LoginTime: '2026-11-20T03:00:00.000+0000', Status: 'Invalid Password' },
          { LoginTime: '2026-11-20T04:00:00.000+0000', Status: 'Failed: API security token required' },
          { LoginTime: '2026-11-20T05:00:00.000+0000', Status: 'Restricted Time' },
          { LoginTime: '2026-11-20T06:00:00.000+0000', Status: 'Some status nobody documented' },
        ],
      },
    });
    assert.deepEqual(causes(r.confirmed).sort(), ['INVALID_CREDENTIALS', 'IP_RESTRICTION']);
    assert.equal(r.confirmed.find((c) => c.cause === 'INVALID_CREDENTIALS')!.evidence.length, 2);
  });

  it('reads the statuses of the new causes: a frozen user, a password lockout, an app not approved', () => {
    const r = judgeProbe({
      ...base,
      loginHistory: {
        ok: true,
        value: [
          { LoginTime: '2026-11-20T03:00:00.000+0000', Status: 'User is frozen' },
          { LoginTime: '2026-11-20T04:00:00.000+0000', Status: 'Password Lockout' },
          { LoginTime: '2026-11-20T05:00:00.000+0000', Status: 'Failed: Not approved for access' },
          { LoginTime: '2026-11-20T06:00:00.000+0000', Status: 'Failed: Signature Invalid/Configured Certificate Mismatch' },
        ],
      },
    });
    assert.deepEqual(causes(r.confirmed).sort(), ['APP_NOT_APPROVED', 'USER_INACTIVE']);
    assert.equal(r.confirmed.find((c) => c.cause === 'USER_INACTIVE')!.evidence.length, 2);
  });

  it('an inactive, frozen or locked-out integration user is USER_INACTIVE, each with its own evidence', () => {
    const r = judgeProbe({
      ...base,
      investigatesToken: false,
      user: { ok: true, value: { Id: '005000000000001AAA', Username: 'int@acme.com', IsActive: false, IsFrozen: true, IsPasswordLocked: true } },
    });
    assert.deepEqual(causes(r.confirmed), ['USER_INACTIVE']);
    assert.deepEqual(
      r.confirmed[0].evidence.map((e) => /is (inactive|frozen|locked out)/.exec(e)![1]),
      ['inactive', 'frozen', 'locked out'],
    );
    assert.deepEqual(r.user, { username: 'int@acme.com', active: false, frozen: true, locked: true });
    assert.match(r.checks.find((c) => c.id === 'user')!.detail, /int@acme\.com: inactive, frozen, locked out/);
  });

  it('a valid token rules out the login-time causes: user inactive, app not approved, JWT misconfigured', () => {
    const r = judgeProbe(base);
    for (const c of ['USER_INACTIVE', 'APP_NOT_APPROVED', 'JWT_MISCONFIGURED', 'INVALID_CREDENTIALS']) assert.ok(causes(r.refuted).includes(c), c);
  });

  it("a JWT assertion's audience of the other kind of org than the probed one confirms JWT_MISCONFIGURED", () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const assertion = (aud: string) => `${b64('{"alg":"RS256"}')}.${b64(JSON.stringify({ aud, sub: 'int@acme.com' }))}.${b64('sig')}`;
    const org = (IsSandbox: boolean) => ({ ok: true as const, value: { Id: '00D000000000001AAA', IsSandbox } });
    const wrong = judgeProbe({ ...base, organization: org(true), errorText: `assertion=${assertion('https://login.salesforce.com')}` });
    assert.ok(causes(wrong.confirmed).includes('JWT_MISCONFIGURED'));
    const right = judgeProbe({ ...base, organization: org(true), errorText: `assertion=${assertion('https://test.salesforce.com')}` });
    assert.ok(!causes(right.confirmed).includes('JWT_MISCONFIGURED'));
    const prod = judgeProbe({ ...base, organization: org(false), errorText: `"aud": "https://test.salesforce.com"` });
    assert.ok(causes(prod.confirmed).includes('JWT_MISCONFIGURED'));
  });

  it('userinfo accepting the token while the REST API rejects it means the session is not API-enabled', () => {
    const r = judgeProbe({ ...base, restApi: { ok: false, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' } });
    assert.deepEqual(causes(r.confirmed), ['SESSION_NOT_API_ENABLED']);
    assert.equal(r.tokenValid, true);
  });

  it('a generic rejection of both calls marks the token invalid without guessing a cause', () => {
    const r = judgeProbe({
      ...base,
      userinfo: { ok: false, errorCode: 'ERROR_HTTP_403', message: 'Bad_OAuth_Token', status: 403 },
      restApi: { ok: false, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' },
    });
    assert.equal(r.tokenValid, false);
    assert.deepEqual(r.confirmed, []);
    assert.match(r.summary, /The token was rejected\. No specific cause was confirmed/);
    assert.ok(r.undecided.includes('TOKEN_EXPIRED') && r.undecided.includes('TOKEN_REVOKED'));
  });

  it('the token prefix matching the org rules out a sandbox refresh', () => {
    const r = judgeProbe({ ...base, tokenOrgPrefix: '00D000000000001', organization: { ok: true, value: { Id: '00D000000000001AAA', IsSandbox: true } } });
    assert.ok(causes(r.refuted).includes('SANDBOX_REFRESH'));
  });

  it('masks secrets that reach error details', () => {
    const r = judgeProbe({ ...base, limits: { ok: false, errorCode: 'ERROR', message: 'failed for Bearer 00D000000000001!SECRETSECRETSECRET' } });
    assert.ok(!JSON.stringify(r).includes('SECRETSECRETSECRET'));
  });
});
