import { at } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { ecPath, externalCredential, legacyNc, ncPath, securedNc, SFDX_PROJECT } from '../../../../../test/support/sfdx';

const legacyOff = legacyNc('NamedUser', 'Oauth').replace('<generateAuthorizationHeader>true', '<generateAuthorizationHeader>false');
const securedOff = securedNc('ErpEc', 'https://erp.example.com', 'false');

ruleTests('credential/missing-authorization-header', {
  valid: [
    { name: 'the header is generated', files: { ...SFDX_PROJECT, [ncPath('Erp')]: legacyNc('NamedUser', 'Oauth') } },
    {
      name: 'no authentication protocol',
      files: {
        ...SFDX_PROJECT,
        [ncPath('Erp')]: legacyNc('Anonymous', 'NoAuthentication').replace('<generateAuthorizationHeader>true', '<generateAuthorizationHeader>false'),
      },
    },
    {
      name: 'merge fields allowed in headers',
      files: { ...SFDX_PROJECT, [ncPath('Erp')]: legacyOff.replace('<allowMergeFieldsInHeader>false', '<allowMergeFieldsInHeader>true') },
    },
    {
      name: 'a custom External Credential protocol sets its own headers',
      files: { ...SFDX_PROJECT, [ncPath('Erp')]: securedOff, [ecPath('ErpEc')]: externalCredential(['NamedPrincipal'], 'Custom') },
    },
    { name: 'the External Credential is not in the project', files: { ...SFDX_PROJECT, [ncPath('Erp')]: securedOff } },
  ],
  invalid: [
    {
      name: 'legacy OAuth without the header',
      files: { ...SFDX_PROJECT, [ncPath('Erp')]: legacyOff },
      findings: [
        {
          path: ncPath('Erp'),
          ...at(legacyOff, 'false</generateAuthorizationHeader>'),
          endColumn: at(legacyOff, 'false</generateAuthorizationHeader>').column + 5,
          message: "'Erp' authenticates with Oauth",
          fixOutput: { [ncPath('Erp')]: legacyNc('NamedUser', 'Oauth') },
        },
      ],
    },
    {
      name: 'new style through an OAuth External Credential',
      files: { ...SFDX_PROJECT, [ncPath('Erp')]: securedOff, [ecPath('ErpEc')]: externalCredential(['NamedPrincipal']) },
      findings: [
        {
          path: ncPath('Erp'),
          ...at(securedOff, 'false</generateAuthorizationHeader>'),
          endColumn: at(securedOff, 'false</generateAuthorizationHeader>').column + 5,
          fixOutput: { [ncPath('Erp')]: securedNc('ErpEc', 'https://erp.example.com', 'true') },
        },
      ],
    },
  ],
});
