import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { binary, cli } from '../support/cli';

const LOG = 'test/fixtures/diagnose/mule-sandbox.log';
const SECRET = 'AQ4AQLz8vXqJ1b2c3d4e5f6g7h8i9j0kLmNoPqRsT';

describe('session-guard diagnose', () => {
  it('prints the cause, evidence with line:column, the Mule location and the runbook', async () => {
    const r = await cli(['diagnose', LOG]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^SANDBOX_REFRESH {2}Sandbox refreshed \(new org id\) {2}\(confidence \d+%\)$/m);
    assert.match(r.stdout, /Not recoverable by retrying/);
    assert.match(r.stdout, /^ +3:\d+ {2}"00D5g000004XyZa" {2}the token belongs to org 00D5g000004XyZa, but the text names org 00D7Q000009AbCd/m);
    assert.match(r.stdout, /^Where\n {2}Mule element sync-orders\/processors\/2 in order-sync, orders\.xml:42\n {2}Mule error type SALESFORCE:CONNECTIVITY$/m);
    assert.match(r.stdout, /^Runbook\n {2}1\. Confirm the refresh/m);
    assert.ok(!r.stdout.includes(SECRET), 'token masked');
  });

  it('writes the JSON of the design contract, with masked secrets and evidence offsets into the input', async () => {
    const r = await cli(['diagnose', LOG, '--format', 'json']);
    assert.equal(r.code, 0);
    const d = JSON.parse(r.stdout);
    for (const key of ['cause', 'confidence', 'autoRecoverable', 'summary', 'evidence', 'recovery', 'runbook', 'alternatives', 'redacted'])
      assert.ok(key in d, key);
    assert.equal(d.cause, 'SANDBOX_REFRESH');
    assert.equal(d.autoRecoverable, false);
    assert.ok(d.confidence > 0.5 && d.confidence <= 1);
    const input = readFileSync(LOG, 'utf8');
    for (const e of d.evidence) assert.equal(input.slice(e.start, e.end).length, e.end - e.start);
    assert.ok(d.evidence.some((e: { start: number; end: number }) => input.slice(e.start, e.end) === '00D5g000004XyZa'));
    assert.ok(!r.stdout.includes(SECRET));
    assert.ok(d.redacted.includes('00D5g000004XyZaEAK!****'));
    assert.deepEqual(d.context.muleElement, { app: 'order-sync', file: 'orders.xml', line: 42, path: 'sync-orders/processors/2' });
  });

  it('reads standard input when the file is - or omitted', async () => {
    const text =
      'simple_salesforce.exceptions.SalesforceExpiredSession: Expired session for https://acme.my.salesforce.com/services/data/v59.0/query/. Response content: [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]';
    for (const args of [
      ['diagnose', '-', '-f', 'json'],
      ['diagnose', '-f', 'json'],
    ]) {
      const r = await cli(args, undefined, text);
      assert.equal(r.code, 0);
      assert.equal(JSON.parse(r.stdout).cause, 'TOKEN_EXPIRED');
    }
  });

  it('says a low-confidence guess does not tell whether a retry can recover', async () => {
    const r = await cli(['diagnose', '-'], undefined, 'INVALID_SESSION_ID: Session expired or invalid');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^TOKEN_EXPIRED /m);
    assert.match(r.stdout, /Whether a retry can recover is unknown until the cause is confirmed/);
    assert.doesNotMatch(r.stdout, /Recoverable without a person/);
  });

  it('reads a UTF-16 file and masks secrets in text output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-diag-'));
    const text =
      'POST /services/oauth2/token\ngrant_type=password&username=int%40acme.com&password=Hunter2Secret&client_secret=C0FFEE99C0FFEE\n\n{"error":"invalid_grant","error_description":"authentication failure"}';
    writeFileSync(join(dir, 'err.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await cli(['diagnose', 'err.txt'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^INVALID_CREDENTIALS /m);
    assert.ok(!r.stdout.includes('Hunter2Secret') && !r.stdout.includes('C0FFEE99C0FFEE'));
  });

  it('exits 2 with a clear message for an unreadable file, empty input, an unknown format or two inputs', async () => {
    const missing = await cli(['diagnose', 'no-such-error.log']);
    assert.deepEqual([missing.code, missing.stdout], [2, '']);
    assert.match(missing.stderr, /cannot read no-such-error\.log: ENOENT/);
    const empty = await cli(['diagnose', '-'], undefined, '  \n');
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /the input is empty/);
    const format = await cli(['diagnose', LOG, '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /^session-guard: Unknown format 'xml'\. Use text or json\. Run 'session-guard diagnose --help' for usage\.\n$/);
    const two = await cli(['diagnose', LOG, LOG]);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /diagnose reads one input, got 2/);
  });

  it('says UNKNOWN, with exit 0, when the text holds no session failure', async () => {
    const r = await cli(['diagnose', '-', '--format', 'json'], undefined, 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Amount must be positive');
    assert.equal(r.code, 0);
    const d = JSON.parse(r.stdout);
    assert.deepEqual([d.cause, d.confidence, d.autoRecoverable], ['UNKNOWN', 0, false]);
  });

  it('works from the built binary with piped input', () => {
    const r = binary(['diagnose', '--format', 'json'], undefined, '{"error":"invalid_grant","error_description":"ip restricted or invalid login hours"}');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).cause, 'IP_RESTRICTION');
    assert.equal(r.stderr, '', 'no paste prompt when input is piped');
  });
});
