/**
 * `session-guard probe` against a fake org on 127.0.0.1: each scenario is the org state behind one
 * root cause, and the probe must confirm it (or rule it out) without ever printing a token.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, REPO } from '../support/cli';
import { INVALID_SESSION, startFakeSalesforce, type FakeOrg, type FakeSalesforce } from '../support/fake-salesforce';

const ORG = '00D7Q000009AbCdUAK';
const OLD_ORG = '00D5g000004XyZaEAK';
const INTEGRATION = { Id: '0057Q000001XyZaQAK', Username: 'integration@acme.com.uat', IsActive: true };
const ADMIN = { Id: '0057Q000001AdMnQAK', Username: 'admin@acme.com.uat', IsActive: true };
const GOOD = `${ORG.slice(0, 15)}!AQ4AQGoodTokenForTheIntegrationUser.abcdefghijklmnopqrstuvwxyz0123456789`;
const ADMIN_TOKEN = `${ORG.slice(0, 15)}!AQ4AQAdminTokenFromTheSalesforceCli.zyxwvutsrqponmlkjihgfedcba9876543210`;
const STALE = `${ORG.slice(0, 15)}!AQ4AQExpiredTokenThatWasLoggedOut.0123456789abcdefghijklmnopqrstuvwxyz`;
const OLD_ORG_TOKEN = `${OLD_ORG.slice(0, 15)}!AQ4AQTokenFromBeforeTheSandboxRefresh.abcdefghijklmnopqrstuvwxyz012345`;
const SECRETS = [GOOD, ADMIN_TOKEN, STALE, OLD_ORG_TOKEN].map((t) => t.split('!')[1]);

const base: FakeOrg = {
  orgId: ORG,
  name: 'Acme UAT',
  isSandbox: true,
  instanceName: 'CS42',
  tokens: { [GOOD]: INTEGRATION.Username, [ADMIN_TOKEN]: ADMIN.Username },
  users: [INTEGRATION, ADMIN],
  loginHistory: {
    [INTEGRATION.Id]: [
      {
        LoginTime: '2026-11-20T02:00:00.000+0000',
        Status: 'Success',
        SourceIp: '52.1.14.77',
        LoginType: 'Remote Access 2.0',
        Application: 'MuleSoft Order Sync',
      },
    ],
  },
};

/** A stand-in `sf` on PATH: `sf org display --json --target-org uat-admin` returns the admin login. */
function fakeSfCli(instanceUrl: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-sf-'));
  const script = `#!/usr/bin/env node
const args = process.argv.slice(2);
const alias = args[args.indexOf('--target-org') + 1];
if (alias !== 'uat-admin') {
  console.log(JSON.stringify({ status: 1, name: 'NamedOrgNotFoundError', message: 'No authorization information found for ' + alias + '. Session ${ADMIN_TOKEN} is not it.' }));
  process.exit(1);
}
console.log(JSON.stringify({ status: 0, result: { id: '${ORG}', accessToken: '${ADMIN_TOKEN}', instanceUrl: '${instanceUrl}', username: '${ADMIN.Username}', alias: 'uat-admin', connectedStatus: 'Connected' } }));
`;
  writeFileSync(join(dir, 'sf'), script);
  chmodSync(join(dir, 'sf'), 0o755);
  return { PATH: `${dir}${delimiter}${process.env.PATH}` };
}

async function probe(org: FakeOrg, args: (url: string) => string[], opts: { sf?: boolean; stdin?: string; env?: Record<string, string> } = {}) {
  const fake = await startFakeSalesforce(org);
  try {
    const env = { ...(opts.sf ? fakeSfCli(fake.url) : { PATH: '' }), ...opts.env };
    const r = await cli(['probe', ...args(fake.url), '--timeout', '5'], undefined, opts.stdin ?? '', env);
    for (const s of SECRETS) assert.ok(!(r.stdout + r.stderr).includes(s), `a token leaked: ${s.slice(0, 12)}…`);
    assert.ok(
      fake.requests.every((q) => !q.tokenInUrl),
      'tokens travel in the Authorization header only',
    );
    return { ...r, requests: fake.requests };
  } finally {
    await fake.close();
  }
}

const json = (stdout: string) => JSON.parse(stdout);

describe('session-guard probe', () => {
  it('a healthy token: every check passes, token causes are ruled out, exit 0', async () => {
    const r = await probe(base, (url) => ['--instance-url', url, '--access-token', GOOD]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ Token accepted by userinfo +user integration@acme\.com\.uat in org 00D7Q000009AbCdUAK/);
    assert.match(r.stdout, /✔ Organization +Acme UAT \(00D7Q000009AbCdUAK\), sandbox, instance CS42/);
    assert.match(r.stdout, /✔ Login history +1 recent login; newest: 2026-11-20T02:00:00\.000\+0000 Success from 52\.1\.14\.77/);
    assert.match(r.stdout, /✔ Daily API requests +14000 of 15000 remaining/);
    assert.match(r.stdout, /Ruled out\n {2}TOKEN_EXPIRED\n {4}userinfo accepted the token/);
    for (const cause of ['USER_INACTIVE', 'APP_NOT_APPROVED', 'JWT_MISCONFIGURED']) assert.match(r.stdout, new RegExp(`^ {2}${cause}$`, 'm'), cause);
    assert.match(r.stdout, /The token is valid\. No cause was confirmed\./);
    assert.match(r.stderr, /a token on the command line ends up in shell history/);
  });

  it('an expired token alone: rejected (403 Bad_OAuth_Token / 401 INVALID_SESSION_ID), org checks need another login, exit 1', async () => {
    const r = await probe(base, (url) => ['--instance-url', url, '--format', 'json'], { env: { SESSION_GUARD_ACCESS_TOKEN: STALE } });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '', 'no command-line warning when the token comes from the environment');
    const rep = json(r.stdout);
    assert.equal(rep.tokenValid, false);
    assert.deepEqual(
      rep.checks.slice(0, 2).map((c: { status: string; detail: string }) => [c.status, c.detail]),
      [
        ['failed', 'HTTP 403 ERROR_HTTP_403: Bad_OAuth_Token'],
        ['failed', 'INVALID_SESSION_ID: Session expired or invalid'],
      ],
    );
    assert.match(rep.checks[2].detail, /add --target-org ALIAS/);
    assert.deepEqual(rep.confirmed, []);
    assert.ok(rep.undecided.includes('TOKEN_EXPIRED'));
  });

  it('IP restriction: the integration user’s newest logins are "Restricted IP" after the last success', async () => {
    const org: FakeOrg = {
      ...base,
      loginHistory: {
        [INTEGRATION.Id]: [
          { LoginTime: '2026-11-20T02:00:00.000+0000', Status: 'Success', SourceIp: '52.1.14.77', Application: 'MuleSoft Order Sync' },
          { LoginTime: '2026-11-20T03:14:02.000+0000', Status: 'Restricted IP', SourceIp: '34.227.13.9', Application: 'MuleSoft Order Sync' },
        ],
      },
    };
    const r = await probe(
      org,
      (url) => ['--instance-url', url, '--access-token', '-', '--target-org', 'uat-admin', '--user', INTEGRATION.Username, '-f', 'json'],
      { sf: true, stdin: `${STALE}\n` },
    );
    assert.equal(r.code, 1, r.stderr);
    const rep = json(r.stdout);
    assert.equal(rep.tokenValid, false);
    assert.deepEqual(
      rep.confirmed.map((c: { cause: string }) => c.cause),
      ['IP_RESTRICTION'],
    );
    assert.match(
      rep.confirmed[0].evidence[0],
      /"Restricted IP" at 2026-11-20T03:14:02\.000\+0000 from 34\.227\.13\.9 \(MuleSoft Order Sync\), after the last successful login/,
    );
    assert.equal(rep.user.username, INTEGRATION.Username);
  });

  it('sandbox refresh: the token was issued by another org than the one at the instance URL', async () => {
    const r = await probe(
      base,
      (url) => ['--instance-url', url, '--access-token', OLD_ORG_TOKEN, '--target-org', 'uat-admin', '--user', INTEGRATION.Username],
      { sf: true },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stdout,
      /Confirmed\n {2}SANDBOX_REFRESH\n {4}a token was issued by org 00D5g000004XyZa, but http:\/\/127\.0\.0\.1:\d+ is org 00D7Q000009AbCd \(a sandbox: refreshing it creates a new org id\)\./,
    );
  });

  it('sandbox refresh from an error text: --error with an old token, probed with an sf CLI login only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-probe-err-'));
    writeFileSync(join(dir, 'error.log'), `Message : INVALID_SESSION_ID: Session expired or invalid\nAuthorization: OAuth ${OLD_ORG_TOKEN}\n`);
    const fake = await startFakeSalesforce(base);
    try {
      const r = await cli(
        ['probe', '--target-org', 'uat-admin', '--error', 'error.log', '--user', INTEGRATION.Username, '-f', 'json'],
        dir,
        '',
        fakeSfCli(fake.url),
      );
      assert.equal(r.code, 1, r.stderr);
      const rep = json(r.stdout);
      assert.equal(rep.tokenValid, undefined, 'no token under investigation');
      assert.deepEqual(
        rep.confirmed.map((c: { cause: string }) => c.cause),
        ['SANDBOX_REFRESH'],
      );
      assert.equal(rep.checks[0].status, 'skipped');
      for (const s of SECRETS) assert.ok(!r.stdout.includes(s));
    } finally {
      await fake.close();
    }
  });

  it('--error - reads the error text from standard input; with --access-token - as well it is a usage error', async () => {
    const r = await probe(base, (url) => ['--instance-url', url, '--target-org', 'uat-admin', '--error', '-', '-f', 'json'], {
      sf: true,
      stdin: `Authorization: Bearer ${OLD_ORG_TOKEN}`,
    });
    assert.deepEqual(
      json(r.stdout).confirmed.map((c: { cause: string }) => c.cause),
      ['SANDBOX_REFRESH'],
    );
    const both = await cli(['probe', '--instance-url', 'https://acme.my.salesforce.com', '--access-token', '-', '--error', '-']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /both read standard input/);
  });

  it('rate limit: REQUEST_LIMIT_EXCEEDED and no daily API requests left; the token itself is fine', async () => {
    const org: FakeOrg = {
      ...base,
      restError: { status: 403, body: JSON.stringify([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]) },
      dailyApi: { Max: 15000, Remaining: 0 },
    };
    const rep = json((await probe(org, (url) => ['--instance-url', url, '--access-token', GOOD, '-f', 'json'])).stdout);
    assert.equal(rep.tokenValid, true);
    assert.deepEqual(
      rep.confirmed.map((c: { cause: string }) => c.cause),
      ['RATE_LIMITED'],
    );
    assert.equal(rep.confirmed[0].evidence.length, 2);
    assert.ok(rep.refuted.some((c: { cause: string }) => c.cause === 'TOKEN_EXPIRED'));
  });

  it('user inactive: the integration user is deactivated, frozen, or locked out', async () => {
    for (const [state, said] of [
      [{ IsActive: false }, /is inactive/],
      [{ IsFrozen: true }, /is frozen/],
      [{ IsPasswordLocked: true }, /is locked out after too many failed logins/],
    ] as const) {
      const org: FakeOrg = { ...base, users: [{ ...INTEGRATION, ...state }, ADMIN] };
      const r = await probe(org, (url) => ['--target-org', 'uat-admin', '--instance-url', url, '--user', INTEGRATION.Username, '-f', 'json'], { sf: true });
      assert.equal(r.code, 1);
      const rep = json(r.stdout);
      assert.deepEqual(
        rep.confirmed.map((c: { cause: string }) => c.cause),
        ['USER_INACTIVE'],
      );
      assert.match(rep.confirmed[0].evidence[0], said);
      assert.equal(rep.checks.find((c: { id: string }) => c.id === 'user').status, 'failed');
    }
  });

  it('app not approved: the newest logins say "Failed: Not approved for access"', async () => {
    const org: FakeOrg = {
      ...base,
      loginHistory: {
        [INTEGRATION.Id]: [
          { LoginTime: '2026-11-20T02:00:00.000+0000', Status: 'Success', SourceIp: '52.1.14.77' },
          { LoginTime: '2026-11-20T03:14:02.000+0000', Status: 'Failed: Not approved for access', SourceIp: '52.1.14.77', Application: 'MuleSoft Order Sync' },
        ],
      },
    };
    const rep = json(
      (await probe(org, (url) => ['--target-org', 'uat-admin', '--instance-url', url, '--user', INTEGRATION.Username, '-f', 'json'], { sf: true })).stdout,
    );
    assert.deepEqual(
      rep.confirmed.map((c: { cause: string }) => c.cause),
      ['APP_NOT_APPROVED'],
    );
  });

  it('JWT misconfigured: the assertion in --error names production, the org is a sandbox', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const assertion = `${b64('{"alg":"RS256"}')}.${b64(JSON.stringify({ iss: '3MVG9abc', sub: INTEGRATION.Username, aud: 'https://login.salesforce.com', exp: 1795000000 }))}.${b64('signature-bytes-000')}`;
    const r = await probe(base, (url) => ['--instance-url', url, '--target-org', 'uat-admin', '--error', '-', '-f', 'json'], {
      sf: true,
      stdin: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=${assertion}
{"error":"invalid_grant","error_description":"invalid assertion"}`,
    });
    const rep = json(r.stdout);
    assert.deepEqual(
      rep.confirmed.map((c: { cause: string }) => c.cause),
      ['JWT_MISCONFIGURED'],
    );
    assert.match(rep.confirmed[0].evidence[0], /audience https:\/\/login\.salesforce\.com \(production\), but http:\/\/127\.0\.0\.1:\d+ is a sandbox org/);
    assert.ok(!r.stdout.includes(assertion.split('.')[2]));
  });

  it('a session not valid for the REST API: userinfo accepts it, the REST API does not', async () => {
    const org: FakeOrg = {
      ...base,
      restError: { status: 401, body: JSON.stringify([{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }]) },
    };
    const rep = json((await probe(org, (url) => ['--instance-url', url, '--access-token', GOOD, '-f', 'json'])).stdout);
    assert.deepEqual(
      rep.confirmed.map((c: { cause: string }) => c.cause),
      ['SESSION_NOT_API_ENABLED'],
    );
  });

  it('API disabled for the org', async () => {
    const org: FakeOrg = {
      ...base,
      restError: { status: 403, body: JSON.stringify([{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }]) },
    };
    const rep = json((await probe(org, (url) => ['--instance-url', url, '--access-token', GOOD, '-f', 'json'])).stdout);
    assert.deepEqual(
      rep.confirmed.map((c: { cause: string }) => c.cause),
      ['API_DISABLED'],
    );
  });

  it('wrong instance: an HTML page answers instead of the API', async () => {
    const r = await probe({ ...base, html: true }, (url) => ['--instance-url', url, '--access-token', GOOD, '-f', 'json']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      json(r.stdout).confirmed.map((c: { cause: string }) => c.cause),
      ['WRONG_INSTANCE'],
    );
  });

  it('a redirect is never followed: the token stays with the instance host, and the instance is reported wrong', async () => {
    const elsewhere = await startFakeSalesforce(base);
    try {
      const r = await probe({ ...base, redirectTo: elsewhere.url }, (url) => ['--instance-url', url, '--access-token', GOOD, '-f', 'json']);
      assert.deepEqual(elsewhere.requests, [], 'nothing reached the other host');
      const rep = json(r.stdout);
      assert.ok(rep.confirmed.some((c: { cause: string }) => c.cause === 'WRONG_INSTANCE'));
      assert.match(rep.checks[0].detail, /UNEXPECTED_RESPONSE: the answer is not user information \(a redirect, which is never followed/);
      assert.ok(
        r.requests.every((q) => q.authorization === `Bearer ${GOOD}`),
        'the instance itself got the token in the header',
      );
    } finally {
      await elsewhere.close();
    }
  });

  it('login history that needs Manage Users is reported as unreadable, not as clean', async () => {
    const org: FakeOrg = {
      ...base,
      loginHistoryError: {
        status: 403,
        body: JSON.stringify([{ message: 'Insufficient access rights on cross-reference id', errorCode: 'INSUFFICIENT_ACCESS' }]),
      },
    };
    const rep = json((await probe(org, (url) => ['--instance-url', url, '--access-token', GOOD, '-f', 'json'])).stdout);
    const lh = rep.checks.find((c: { id: string }) => c.id === 'login-history');
    assert.equal(lh.status, 'failed');
    assert.match(lh.detail, /INSUFFICIENT_ACCESS.*needs the "Manage Users" permission/);
    assert.ok(!rep.refuted.some((c: { cause: string }) => c.cause === 'IP_RESTRICTION'));
  });

  it('an unreachable org: exit 2 and says so', async () => {
    const fake = await startFakeSalesforce(base);
    const url = fake.url;
    await fake.close();
    const r = await cli(['probe', '--instance-url', url, '--access-token', GOOD, '--timeout', '5'], undefined, '', { PATH: '' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /could not reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    assert.match(r.stdout, /Could not reach/);
    assert.ok(!(r.stdout + r.stderr).includes(SECRETS[0]));
  });

  it('--target-org without the Salesforce CLI installed: a clear message, exit 2', async () => {
    const r = await cli(['probe', '--target-org', 'uat-admin'], undefined, '', { PATH: mkdtempSync(join(tmpdir(), 'sg-empty-path-')) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /The Salesforce CLI \(sf\) was not found on PATH\. Install it \(npm install --global @salesforce\/cli\)/);
  });

  it('an unknown sf alias: the CLI’s message, with any token in it masked', async () => {
    const r = await cli(['probe', '--target-org', 'prod'], undefined, '', fakeSfCli('https://acme.my.salesforce.com'));
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /`sf org display --target-org prod` failed: No authorization information found for prod\. Session 00D7Q000009AbCd!\*\*\*\* is not it\./,
    );
  });

  it('usage errors: nothing to probe with, a token over plain http, a bad API version', async () => {
    const none = await cli(['probe']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Pass --access-token .* or --target-org ALIAS/);
    const http = await cli(['probe', '--instance-url', 'http://acme.my.salesforce.com', '--access-token', GOOD]);
    assert.equal(http.code, 2);
    assert.match(http.stderr, /Refusing to send a token to http:\/\/acme\.my\.salesforce\.com: use https:\/\//);
    const version = await cli(['probe', '--instance-url', 'https://acme.my.salesforce.com', '--access-token', GOOD, '--api-version', 'v62']);
    assert.equal(version.code, 2);
    assert.match(version.stderr, /--api-version expects a version like 62\.0, got 'v62'/);
    for (const r of [none, http, version]) assert.ok(!r.stderr.includes(SECRETS[0]));
  });

  it('the built binary loads the separate probe bundle and probes', async () => {
    const fake = await startFakeSalesforce(base);
    try {
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(REPO, 'bin', 'session-guard.js'), 'probe', '--instance-url', fake.url, '-f', 'json'], {
          env: { ...process.env, SESSION_GUARD_ACCESS_TOKEN: GOOD },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(json(r.stdout).org.id, ORG);
      assert.ok(!r.stdout.includes(SECRETS[0]));
    } finally {
      await fake.close();
    }
  });
});

describe('fake Salesforce answers like the real endpoints', () => {
  let fake: FakeSalesforce;
  before(async () => (fake = await startFakeSalesforce(base)));
  after(() => fake.close());

  it('401 INVALID_SESSION_ID JSON for the REST API and 403 text/plain Bad_OAuth_Token for userinfo', async () => {
    const rest = await fetch(`${fake.url}/services/data/v62.0/`, { headers: { authorization: `Bearer ${STALE}` } });
    assert.equal(rest.status, 401);
    assert.equal(await rest.text(), INVALID_SESSION.body);
    const ui = await fetch(`${fake.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${STALE}` } });
    assert.deepEqual([ui.status, ui.headers.get('content-type'), await ui.text()], [403, 'text/plain;charset=UTF-8', 'Bad_OAuth_Token']);
  });
});
