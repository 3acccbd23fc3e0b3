/**
 * Secrets never leave in any output: lint reports in every format, diagnose text and JSON, the
 * language server's diagnostics and logs; and neither the CLI nor the language server opens a network
 * connection (only the explicit probe talks to an org, and only to its own host: test/cli/probe.test.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, REPO } from '../support/cli';
import { LspClient } from '../support/lsp-client';

const NO_NETWORK = join(REPO, 'test/support/no-network.cjs');
const TOKEN_SECRET = 'AQ4AQLz8vXqJ1b2c3d4eSecretPartOfTheToken';
const SHAPES: [string, string][] = [
  ['session id', `00D5g000004XyZa!${TOKEN_SECRET}`],
  ['18-char org token', `00D5g000004XyZaEAK!${TOKEN_SECRET}`],
  ['Bearer', 'Bearer eyJhbGciOiJSUzI1NiJ9.SecretJwtBody.Sig'],
  ['refresh token', '5Aep861TSESvWeug_xvFHRBTTbf_SecretRefreshToken'],
  ['password', 'password=Hunter2SecretPassword'],
  ['client secret', 'client_secret=C0FFEE99SecretClient'],
  ['sid cookie', 'sid=SecretCookieValue12345'],
  ['SOAP session', '<sessionId>SecretSoapSession123</sessionId>'],
];
const secretOf = (shape: string) => shape.match(/(Secret\w+)/)![1];

function appWithSecretInAType(dir: string): void {
  mkdirSync(join(dir, 'app/src/main/mule'), { recursive: true });
  // A token pasted into an error type: unknown-error-type quotes the attribute in its message.
  writeFileSync(
    join(dir, 'app/src/main/mule/flows.xml'),
    `<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce">
  <flow name="f">
    <salesforce:query config-ref="sf"/>
    <error-handler>
      <on-error-continue type="SALESFORCE:00D5g000004XyZa!${TOKEN_SECRET}"/>
    </error-handler>
  </flow>
</mule>
`,
  );
}

/** Secrets hard-coded into a Mule app: mule/hardcoded-salesforce-secret reports them without quoting them. */
const HARDCODED = ['Tr0ub4dorSecretPassword', 'aB3dE5SecretSecurityToken', 'C1i3ntSecretClientValue', '5Aep861SecretRefreshToken'];

function appWithHardcodedSecrets(dir: string): void {
  mkdirSync(join(dir, 'app/src/main/mule'), { recursive: true });
  writeFileSync(
    join(dir, 'app/src/main/mule/flows.xml'),
    `<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce" xmlns:http="http://www.mulesoft.org/schema/mule/http">
  <salesforce:sfdc-config name="sf">
    <salesforce:basic-connection username="integration@acme.com" password="${HARDCODED[0]}" securityToken="${HARDCODED[1]}"/>
  </salesforce:sfdc-config>
  <flow name="login">
    <http:request method="POST" url="https://login.salesforce.com/services/oauth2/token?grant_type=refresh_token&amp;client_secret=${HARDCODED[2]}&amp;refresh_token=${HARDCODED[3]}"/>
  </flow>
</mule>
`,
  );
}

describe('secrets in outputs', () => {
  it('hard-coded Salesforce secrets are reported but never printed, in every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-secret-hardcoded-'));
    appWithHardcodedSecrets(dir);
    for (const format of ['stylish', 'json', 'sarif', 'junit']) {
      const r = await cli(['lint', 'app', '--format', format], dir);
      assert.equal(r.code, 1, `${format}: the findings are errors`);
      assert.equal(r.stdout.split('hardcoded-salesforce-secret').length - 1 >= 4, true, `${format} reports the four secrets`);
      for (const secret of HARDCODED) assert.ok(!(r.stdout + r.stderr).includes(secret), `${format} leaks ${secret.slice(0, 6)}…`);
    }
  });

  it('lint reports mask a token quoted from a file, in every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-secret-'));
    appWithSecretInAType(dir);
    for (const format of ['stylish', 'json', 'sarif', 'junit']) {
      const r = await cli(['lint', 'app', '--format', format], dir);
      assert.equal(r.code, 1, format);
      assert.ok(r.stdout.includes('00D5g000004XyZa!****'), `${format} shows the masked token`);
      assert.ok(!(r.stdout + r.stderr).includes(TOKEN_SECRET), `${format} leaks the token`);
    }
  });

  it('diagnose masks every secret shape in text and JSON output', async () => {
    for (const [name, shape] of SHAPES) {
      const text = `INVALID_SESSION_ID: Session expired or invalid\nrequest: ${shape}\n`;
      for (const format of ['text', 'json']) {
        const r = await cli(['diagnose', '-', '--format', format], undefined, text);
        assert.equal(r.code, 0);
        assert.ok(!r.stdout.includes(secretOf(shape)), `${name} leaks in ${format}`);
      }
    }
  });

  it('the language server neither leaks the token in diagnostics or logs nor opens a network connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-secret-lsp-'));
    appWithSecretInAType(dir);
    const netLog = join(dir, 'network.log');
    const logFile = join(dir, 'server.log');
    const client = new LspClient(
      {},
      { NODE_OPTIONS: `--require ${NO_NETWORK}`, SG_NETWORK_LOG: netLog, SESSION_GUARD_LOG_FILE: logFile, SESSION_GUARD_TRACE: '1' },
    );
    await client.start(dir);
    try {
      await client.waitFor('indexing', () => client.progress.some((p) => p.kind === 'end'));
      const file = join(dir, 'app/src/main/mule/flows.xml');
      await client.open(file, readFileSync(file, 'utf8'));
      const d = await client.pull(file);
      assert.ok(d.some((x) => String(x.message).includes('00D5g000004XyZa!****')));
      await client.conn.sendRequest('workspace/executeCommand', { command: 'sessionGuard.server.lintWorkspace', arguments: [] });
      await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] });
      assert.ok(!JSON.stringify(d).includes(TOKEN_SECRET));
      assert.ok(!client.logs.join('\n').includes(TOKEN_SECRET));
      assert.ok(existsSync(logFile) && !readFileSync(logFile, 'utf8').includes(TOKEN_SECRET));
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
    assert.equal(existsSync(netLog) ? readFileSync(netLog, 'utf8') : '', '', 'no network connection was attempted');
  });

  it('session-guard lint and diagnose make no network connection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-secret-net-'));
    cpSync(join(REPO, 'examples'), join(dir, 'examples'), { recursive: true });
    const netLog = join(dir, 'network.log');
    const env = { ...process.env, NODE_OPTIONS: `--require ${NO_NETWORK}`, SG_NETWORK_LOG: netLog };
    const lint = spawnSync(process.execPath, [join(REPO, 'bin/session-guard.js'), 'lint', 'examples', '--format', 'sarif'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    assert.equal(lint.status, 1, lint.stderr);
    const diagnose = spawnSync(process.execPath, [join(REPO, 'bin/session-guard.js'), 'diagnose', '-'], {
      cwd: dir,
      env,
      input: 'INVALID_SESSION_ID',
      encoding: 'utf8',
    });
    assert.equal(diagnose.status, 0, diagnose.stderr);
    assert.equal(existsSync(netLog) ? readFileSync(netLog, 'utf8') : '', '');
  });

  it('the network guard used above does catch a connection attempt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-secret-guard-'));
    const netLog = join(dir, 'network.log');
    const r = spawnSync(process.execPath, ['-e', "require('node:https').get('https://example.invalid/')"], {
      env: { ...process.env, NODE_OPTIONS: `--require ${NO_NETWORK}`, SG_NETWORK_LOG: netLog },
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.match(readFileSync(netLog, 'utf8'), /node:https get https:\/\/example\.invalid\//);
  });
});
