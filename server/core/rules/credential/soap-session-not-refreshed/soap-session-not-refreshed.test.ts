import { at } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { clsPath, ecPath, externalCredential, legacyNc, ncPath, securedNc, SFDX_PROJECT } from '../../../../../test/support/sfdx';

const soapUrl = 'https://acme.my.salesforce.com/services/Soap/u/60.0';
const legacySoap = legacyNc('NamedUser', 'Oauth').replace('https://api.example.com', soapUrl);
const securedSoap = securedNc('SfEc', soapUrl);
const apex =
  "public class Sync {\n  public void go() {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Sf/services/Soap/u/60.0');\n  }\n}\n";

ruleTests('credential/soap-session-not-refreshed', {
  valid: [
    {
      name: 'OAuth against REST',
      files: {
        ...SFDX_PROJECT,
        [ncPath('Sf')]: legacyNc('NamedUser', 'Oauth').replace('https://api.example.com', 'https://acme.my.salesforce.com/services/data/v60.0'),
      },
    },
    {
      name: 'password authentication against SOAP (the connector logs in again)',
      files: { ...SFDX_PROJECT, [ncPath('Sf')]: legacyNc('NamedUser', 'Password').replace('https://api.example.com', soapUrl) },
    },
    {
      name: 'Apex REST calls through an OAuth credential',
      files: {
        ...SFDX_PROJECT,
        [ncPath('Sf')]: legacyNc('NamedUser', 'Oauth'),
        [clsPath('Sync')]: apex.replace('/services/Soap/u/60.0', '/services/data/v60.0/query'),
      },
    },
  ],
  invalid: [
    {
      name: 'a legacy OAuth credential with a SOAP endpoint',
      files: { ...SFDX_PROJECT, [ncPath('Sf')]: legacySoap },
      findings: [
        {
          path: ncPath('Sf'),
          ...at(legacySoap, soapUrl),
          severity: 'info',
          message: "Named Credential 'Sf' calls SOAP with OAuth: its token is never refreshed when the session expires",
          detail: 'SOAP reports an expired session as HTTP 500',
        },
      ],
    },
    {
      name: 'a new-style credential through an OAuth External Credential',
      files: { ...SFDX_PROJECT, [ncPath('Sf')]: securedSoap, [ecPath('SfEc')]: externalCredential(['NamedPrincipal']) },
      findings: [{ path: ncPath('Sf'), ...at(securedSoap, soapUrl), message: "Named Credential 'Sf' calls SOAP", detail: 'Call the REST API instead' }],
    },
    {
      name: 'Apex posting SOAP through an OAuth credential',
      files: { ...SFDX_PROJECT, [ncPath('Sf')]: legacyNc('NamedUser', 'Oauth'), [clsPath('Sync')]: apex },
      findings: [
        {
          path: clsPath('Sync'),
          ...at(apex, 'callout:Sf/services/Soap/u/60.0'),
          message: "Apex class Sync calls SOAP through OAuth Named Credential 'Sf': the token is never refreshed when the session expires",
          detail: /only on 401/,
          related: ["Named Credential 'Sf'"],
        },
      ],
    },
  ],
});
