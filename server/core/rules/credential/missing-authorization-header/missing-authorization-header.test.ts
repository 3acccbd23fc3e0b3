import { at } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { ecPath, externalCredential, legacyNc, ncPath, securedNc, SFDX_PROJECT } from '../../../../../test/support/sfdx';

const legacyOff = legacyNc('NamedUser', 'Oauth').replace('<generateAuthorizationHeader>true', '<generateAuthorizationHeader>false');
const securedOff = securedNc('ErpEc', 'https://erp.example.com', 'false');
/** How Apex calls an OAuth token endpoint: the client credentials travel in the body, from merge fields. */
const tokenEndpoint = (protocol: string) =>
  legacyNc('NamedUser', protocol)
    .replace('<allowMergeFieldsInBody>false', '<allowMergeFieldsInBody>true')
    .replace('<generateAuthorizationHeader>true', '<generateAuthorizationHeader>false')
    .replace('https://api.example.com', 'https://auth.example.com/oauth2/token');

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
    {
      name: 'a token endpoint: Password credential whose merge fields in the body carry client_id and client_secret',
      files: { ...SFDX_PROJECT, [ncPath('AuthZ')]: tokenEndpoint('Password') },
    },
    {
      name: 'a token endpoint through a Basic External Credential with merge fields in the body',
      files: {
        ...SFDX_PROJECT,
        [ncPath('AuthZ')]: securedOff.replace('<allowMergeFieldsInBody>false', '<allowMergeFieldsInBody>true'),
        [ecPath('ErpEc')]: externalCredential(['NamedPrincipal'], 'Basic'),
      },
    },
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
          message: "Named Credential 'Erp' authenticates with Oauth but sends no Authorization header, so the endpoint answers 401 on every call",
          detail:
            'It does not generate the Authorization header, and merge fields are not allowed in headers: no token reaches the endpoint, which answers 401 on every call. Set generateAuthorizationHeader to true (or allow merge fields and send the header yourself).',
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
    {
      name: 'OAuth with merge fields allowed in the body: reported, but no fix (never a second client authentication)',
      files: { ...SFDX_PROJECT, [ncPath('Erp')]: tokenEndpoint('Oauth') },
      findings: [
        {
          path: ncPath('Erp'),
          ...at(tokenEndpoint('Oauth'), 'false</generateAuthorizationHeader>'),
          endColumn: at(tokenEndpoint('Oauth'), 'false</generateAuthorizationHeader>').column + 5,
          message:
            "Named Credential 'Erp' authenticates with Oauth but sends no Authorization header: unless the Apex sends the token in the body, every call gets 401",
          detail:
            /unless the Apex that uses it sends the token in the request body .*No automatic fix: generating the header as well would authenticate the client twice/,
          fixOutput: null,
        },
      ],
    },
  ],
});
