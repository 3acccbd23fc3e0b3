import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateFailure } from '../../server/core/diagnose/locate';
import { Program } from '../../server/core/program/program';
import { mule } from '../support/fixtures';

const ORDERS = mule(`
<flow name="sync-orders">
  <scheduler/>
  <salesforce:query config-ref="sf">
    <salesforce:salesforce-query>SELECT Id FROM Account</salesforce:salesforce-query>
  </salesforce:query>
</flow>`);

describe('locateFailure', () => {
  const ws = new Program();
  ws.setFile('/w/order-sync/src/main/mule/orders.xml', ORDERS);
  ws.setFile('/w/billing/src/main/mule/orders.xml', ORDERS);
  ws.setFile(
    '/w/force-app/main/default/flows/Sync_Invoices.flow-meta.xml',
    '<?xml version="1.0"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata"><label>x</label></Flow>\n',
  );

  it('finds the Mule element a log names, in the app named like the deployed app first', () => {
    const locs = locateFailure(ws, { muleElement: { app: 'order-sync', file: 'orders.xml', line: 4, path: 'sync-orders/processors/1' } });
    assert.deepEqual(
      locs.map((l) => l.path),
      ['/w/order-sync/src/main/mule/orders.xml', '/w/billing/src/main/mule/orders.xml'],
    );
    const text = ws.file(locs[0].path)!.text;
    assert.ok(text.slice(locs[0].start, locs[0].end).startsWith('<salesforce:query config-ref="sf">'));
    assert.ok(text.slice(locs[0].start, locs[0].end).endsWith('</salesforce:query>'), 'the whole element, children included');
    assert.equal(locs[0].label, 'orders.xml:4 (sync-orders/processors/1)');
  });

  it('falls back to the line when no element starts on it, and to nothing for a line past the end', () => {
    const [endTag] = locateFailure(ws, { muleElement: { app: 'order-sync', file: 'orders.xml', line: 6, path: 'x' } });
    assert.equal(ws.file(endTag.path)!.text.slice(endTag.start, endTag.end), '</salesforce:query>');
    const [past] = locateFailure(ws, { muleElement: { app: 'order-sync', file: 'orders.xml', line: 999, path: 'x' } });
    assert.deepEqual([past.start, past.end], [0, 0]);
  });

  it('names the Salesforce connection the failing operation uses, in another file of the app', () => {
    const p = new Program();
    p.setFile('/w/app/src/main/mule/orders.xml', ORDERS);
    p.setFile(
      '/w/app/src/main/mule/global.xml',
      mule('\n<salesforce:sfdc-config name="sf">\n  <salesforce:basic-connection username="u" password="p"/>\n</salesforce:sfdc-config>'),
    );
    const [loc] = locateFailure(p, { muleElement: { app: 'app', file: 'orders.xml', line: 4, path: 'sync-orders/processors/1' } });
    const c = loc.connection!;
    assert.equal(c.path, '/w/app/src/main/mule/global.xml');
    assert.match(p.file(c.path)!.text.slice(c.start, c.end), /^<salesforce:sfdc-config name="sf">[\s\S]*<\/salesforce:sfdc-config>$/);
    assert.equal(c.label, `Salesforce connection 'sf' (global.xml:${c.line})`);
    const [noOperation] = locateFailure(p, { muleElement: { app: 'app', file: 'orders.xml', line: 3, path: 'sync-orders/source' } });
    assert.equal(noOperation.connection, undefined, 'a scheduler uses no Salesforce connection');
  });

  it('finds a Flow by its API name', () => {
    const locs = locateFailure(ws, { flowApiName: 'Sync_Invoices' });
    assert.deepEqual(
      locs.map((l) => [l.kind, l.path, l.line]),
      [['flow', '/w/force-app/main/default/flows/Sync_Invoices.flow-meta.xml', 2]],
    );
  });

  it('returns nothing when the workspace does not hold the file', () => {
    assert.deepEqual(locateFailure(ws, { muleElement: { app: 'x', file: 'missing.xml', line: 1, path: 'p' }, flowApiName: 'Nope' }), []);
  });
});
