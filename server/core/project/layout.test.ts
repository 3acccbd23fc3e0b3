import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiNameOf, roleAndApiName, unitKeyOf } from './layout';

describe('file roles', () => {
  const cases: [string, string, string | undefined][] = [
    ['/p/classes/Orders.cls', 'apex', 'Orders'],
    ['/p/classes/Legacy.CLS', 'apex', 'Legacy'],
    ['/p/flows/Sync.flow-meta.xml', 'flow', 'Sync'],
    ['/p/nc/Erp.namedCredential-meta.xml', 'named-credential', 'Erp'],
    ['/p/nc/ERP.NAMEDCREDENTIAL-META.XML', 'named-credential', 'ERP'],
    ['/p/ec/Erp_EC.externalCredential-meta.xml', 'external-credential', 'Erp_EC'],
    ['/p/es/Bank.externalServiceRegistration-meta.xml', 'external-service', 'Bank'],
    ['/p/ps/Integration.permissionset-meta.xml', 'permission-set', 'Integration'],
    ['/p/psg/Ops.permissionsetgroup-meta.xml', 'permission-set-group', 'Ops'],
    ['/p/classes/Orders.cls-meta.xml', 'other', undefined],
    ['/p/objects/Account.object-meta.xml', 'other', undefined],
    ['/p/flow-meta.xml', 'other', undefined],
    ['/a/src/main/mule/orders.xml', 'xml', undefined],
    ['/a/pom.xml', 'mule-marker', undefined],
    ['/a/mule-artifact.json', 'mule-marker', undefined],
    ['/p/sfdx-project.json', 'sfdx-marker', undefined],
    ['/a/src/main/resources/config.yaml', 'property', undefined],
    ['/a/src/main/resources/dev.properties', 'property', undefined],
    ['/a/README.md', 'other', undefined],
    // Metadata API names, in their type's folder only.
    ['/p/src/flows/Sync.flow', 'flow', 'Sync'],
    ['/p/force-app/main/default/namedCredentials/Erp.namedCredential', 'named-credential', 'Erp'],
    ['/p/force-app/main/default/externalCredentials/Erp_EC.externalCredential', 'external-credential', 'Erp_EC'],
    ['/p/src/externalServiceRegistrations/Bank.externalServiceRegistration', 'external-service', 'Bank'],
    ['/p/src/permissionsets/Integration.permissionset', 'permission-set', 'Integration'],
    ['/p/src/permissionsetgroups/Ops.permissionsetgroup', 'permission-set-group', 'Ops'],
    ['/p/src/profiles/Admin.profile', 'profile', 'Admin'],
    ['/p/src/flowDefinitions/Sync.flowDefinition', 'flow-definition', 'Sync'],
    ['/p/force-app/main/default/flowDefinitions/Sync.flowDefinition-meta.xml', 'flow-definition', 'Sync'],
    ['/web/lib/index.js.flow', 'other', undefined],
    ['/p/src/classes/Sync.flow', 'other', undefined],
    ['/p/flows/Sync.flowx', 'other', undefined],
  ];
  for (const [path, role, apiName] of cases) {
    it(`${path} is ${role}${apiName ? ` named ${apiName}` : ''}`, () => {
      assert.deepEqual(roleAndApiName(path), { role, apiName });
      // The models name a file as the index does (the file name when its suffix names no type).
      assert.equal(apiNameOf(path), apiName ?? path.slice(path.lastIndexOf('/') + 1));
    });
  }
});

describe('unit keys', () => {
  const project = { root: '/p', namespace: undefined, packageDirs: ['/p/force-app'] };
  const locate = (path: string) => (path.startsWith('/p/') ? project : undefined);
  it('groups a Mule app by the folder above src/main/mule, with its properties and markers', () => {
    assert.equal(unitKeyOf('/a/src/main/mule/x.xml', locate), 'mule:/a');
    assert.equal(unitKeyOf('/a/src/main/resources/config.yaml', locate), 'mule:/a');
    assert.equal(unitKeyOf('/a/pom.xml', locate), 'mule:/a');
    assert.equal(unitKeyOf('/a/src/test/munit/t.xml', locate), 'file:/a/src/test/munit/t.xml');
  });
  it('groups Salesforce metadata by project, alone outside its package directories, together outside any project', () => {
    assert.equal(unitKeyOf('/p/force-app/main/default/flows/F.flow-meta.xml', locate), 'sfdx:/p');
    assert.equal(unitKeyOf('/p/scratch/F.flow-meta.xml', locate), 'file:/p/scratch/F.flow-meta.xml');
    assert.equal(unitKeyOf('/loose/F.flow-meta.xml', locate), 'sfdx:');
    assert.equal(unitKeyOf('/p/sfdx-project.json', locate), 'sfdx:/p');
  });
});
