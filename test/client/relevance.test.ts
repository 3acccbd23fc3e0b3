import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentKind, isRelevantPath } from '../../client/src/relevance';

describe('which documents the extension hands to the server', () => {
  const cases: [string, ReturnType<typeof documentKind>][] = [
    ['/p/force-app/main/default/flows/Sync.flow-meta.xml', 'flow'],
    ['/p/src/flows/Sync.flow', 'flow'],
    ['C:\\p\\src\\flows\\Sync.flow', 'flow'],
    ['/p/force-app/main/default/namedCredentials/Erp.namedCredential-meta.xml', 'salesforce'],
    ['/p/force-app/main/default/namedCredentials/Erp.namedCredential', 'salesforce'],
    ['/p/src/externalCredentials/Erp.externalCredential', 'salesforce'],
    ['/p/src/externalServiceRegistrations/Bank.externalServiceRegistration', 'salesforce'],
    ['/p/classes/Orders.cls', 'salesforce'],
    ['/web/lib/index.js.flow', undefined],
    ['/p/src/classes/Sync.flow', undefined],
  ];
  for (const [path, kind] of cases) {
    it(`${path}: ${kind ?? 'not analysed'}`, () => {
      assert.equal(documentKind(path, ''), kind);
      assert.equal(isRelevantPath(path, ''), kind !== undefined);
    });
  }
  it('Mule configuration by its root element, wherever it is', () => {
    assert.equal(documentKind('/a/x.xml', '<?xml version="1.0"?>\n<mule xmlns="http://www.mulesoft.org/schema/mule/core">'), 'mule');
    assert.equal(isRelevantPath('/a/pom.xml', '<project>'), false);
  });
});
