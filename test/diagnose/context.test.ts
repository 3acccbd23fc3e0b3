import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readContext } from '../../server/core/diagnose/context';
import { diagnose } from '../../server/core/diagnose/classify';

describe('Diagnose: context read from wrappers', () => {
  it('locates a Mule element and error type', () => {
    const text = 'Message : INVALID_SESSION_ID\nElement : sync/processors/2 @ order-sync:orders/sync.xml:42 (Query)\nError type : SALESFORCE:CONNECTIVITY';
    const ctx = readContext(text);
    assert.deepEqual(
      { ...ctx.muleElement, span: undefined },
      { path: 'sync/processors/2', app: 'order-sync', file: 'orders/sync.xml', line: 42, span: undefined },
    );
    assert.equal(ctx.muleErrorType?.value, 'SALESFORCE:CONNECTIVITY');
    assert.equal(text.slice(ctx.muleErrorType!.span.start, ctx.muleErrorType!.span.end), 'SALESFORCE:CONNECTIVITY');
  });

  it('reads Flow fault e-mail fields', () => {
    const text = 'Flow API Name: Sync_Invoices\nCurrent User: Integration User (0055g00000AbCdE)\nOrg: Acme (00D5g000004XyZa)';
    const ctx = readContext(text);
    assert.equal(ctx.flowApiName?.value, 'Sync_Invoices');
    assert.equal(ctx.currentUser?.value, 'Integration User');
    assert.deepEqual(
      ctx.orgIds.map((o) => o.id15),
      ['00D5g000004XyZa'],
    );
  });

  it('keeps token org prefixes apart from plain org ids, for 15- and 18-character prefixes', () => {
    const ctx = readContext('orgId 00D7Q000009AbCdUAK token 00D5g000004XyZaEAK!AQ4AQLz8vXqJ1b2c and 00D5g000004XyZb!QWERTYUIOPAS');
    assert.deepEqual(
      ctx.tokenOrgs.map((t) => t.id15),
      ['00D5g000004XyZa', '00D5g000004XyZb'],
    );
    assert.deepEqual(
      ctx.orgIds.map((o) => o.id15),
      ['00D7Q000009AbCd'],
    );
  });

  it('finds HTTP statuses, callouts and the Automated Process user', () => {
    const ctx = readContext(
      'USER_INFO|autoproc@00d5g000004xyza\nCALLOUT_REQUEST|System.HttpRequest[Endpoint=callout:Billing_API/v1, Method=POST]\nSystem.HttpResponse[Status=Unauthorized, StatusCode=401]',
    );
    assert.deepEqual(
      ctx.httpStatuses.map((s) => s.code),
      [401],
    );
    assert.deepEqual(
      ctx.callouts.map((c) => c.name),
      ['Billing_API'],
    );
    assert.ok(ctx.automatedUser);
  });

  it('surfaces the location in the diagnosis and masks secrets in the user field', () => {
    const d = diagnose('Flow API Name: Sync_Invoices\nCurrent User: sid=QWERTYUIOP1234\nError Occurred: INVALID_SESSION_ID: Session expired or invalid');
    assert.equal(d.context.flowApiName, 'Sync_Invoices');
    assert.ok(!JSON.stringify(d).includes('QWERTYUIOP1234'));
  });

  it('says a bare message is a low-confidence expired token and points to probe', () => {
    const d = diagnose('INVALID_SESSION_ID: Session expired or invalid');
    assert.equal(d.cause, 'TOKEN_EXPIRED');
    assert.ok(d.confidence < 0.5, String(d.confidence));
    assert.match(d.summary, /low confidence/);
    assert.match(d.summary, /session-guard probe/);
  });

  it('returns UNKNOWN with zero confidence when nothing matches', () => {
    const d = diagnose('NullPointerException at line 3');
    assert.equal(d.cause, 'UNKNOWN');
    assert.equal(d.confidence, 0);
    assert.deepEqual(d.evidence, []);
  });
});
