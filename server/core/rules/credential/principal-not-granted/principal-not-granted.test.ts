import { at } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { ecPath, externalCredential, permissionSet, profile, profilePath, psPath, SFDX_PROJECT } from '../../../../../test/support/sfdx';

/** An External Credential `ErpEc` with a named principal P0 and a per-user principal P1. */
const ec = externalCredential(['NamedPrincipal', 'PerUserPrincipal']);
const principalAt = (text: string, nth: number) => at(text, '<externalCredentialParameters', nth);
/** The grant the fix or a suggestion inserts for P1, indented like the file. */
const grantP1 =
  '    <externalCredentialPrincipalAccesses>\n        <enabled>true</enabled>\n        <externalCredentialPrincipal>ErpEc-P1</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>\n';

/** A permission set that grants P0 and lists P1 with enabled false. */
const disabledP1 = permissionSet(['ErpEc-P0']).replace(
  '</PermissionSet>',
  '    <externalCredentialPrincipalAccesses>\n        <enabled>false</enabled>\n        <externalCredentialPrincipal>ErpEc-P1</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>\n</PermissionSet>',
);

/** An External Credential whose only principal is called `Erp_Principal`. */
const namedEc = externalCredential(['NamedPrincipal']).replace(/P0/g, 'Erp_Principal');

ruleTests('credential/principal-not-granted', {
  valid: [
    { name: 'every principal is granted', files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec, [psPath('Integration')]: permissionSet(['ErpEc-P0', 'ErpEc-P1']) } },
    { name: 'no permission set in the project: access is managed elsewhere', files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec } },
    {
      name: 'grants spread over several permission sets, written in another case',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec, [psPath('A')]: permissionSet(['erpec-p0']), [psPath('B')]: permissionSet(['ERPEC-P1']) },
    },
    {
      name: "a grant written with the project's namespace prefix",
      files: {
        'sf/sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }], namespace: 'acme' }),
        [ecPath('ErpEc')]: ec,
        [psPath('Integration')]: permissionSet(['acme__ErpEc-P0', 'acme__ErpEc-P1']),
      },
    },
    {
      name: 'API 56.0: the principal is mapped to a permission set on the credential itself',
      files: {
        ...SFDX_PROJECT,
        [ecPath('ErpEc')]: externalCredential(['NamedPrincipal']).replace(
          '<parameterType>NamedPrincipal</parameterType>',
          '<parameterType>NamedPrincipal</parameterType>\n        <principal>Integration</principal>',
        ),
        [psPath('Integration')]: permissionSet([]),
      },
    },
    {
      name: 'a profile grants the principal',
      files: {
        ...SFDX_PROJECT,
        [ecPath('ErpEc')]: ec,
        [psPath('Integration')]: permissionSet(['ErpEc-P0']),
        [profilePath('Integration User')]: profile(['ErpEc-P1']),
      },
    },
    {
      name: 'profiles in the project and no principal granted anywhere in the source: access is managed in the org',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec, [psPath('Sales')]: permissionSet([]), [profilePath('Admin')]: profile([]) },
    },
    {
      name: 'AWS STS principals are not granted through permission sets',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: externalCredential(['AwsStsPrincipal'], 'AwsSv4'), [psPath('Integration')]: permissionSet([]) },
    },
  ],
  invalid: [
    {
      name: 'another principal of the credential is granted: its users call out through that one, so info, with no fix or suggestion',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec, [psPath('Integration')]: permissionSet(['ErpEc-P0']) },
      findings: [
        {
          path: ecPath('ErpEc'),
          ...principalAt(ec, 1),
          severity: 'info',
          message: "Principal 'P1' of External Credential 'ErpEc' is granted to no one in the project, while 'ErpEc-P0' is",
          detail:
            /^It is a PerUserPrincipal that no permission set, permission set group or profile of the project grants\. permission set 'Integration' grants 'ErpEc-P0' of the same credential, so its users call out through that one: nothing fails for want of 'P1'.*sequence numbers/,
          related: ["permission set 'Integration' grants 'ErpEc-P0' of the same credential"],
          fixOutput: null,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a profile grants the other principal: info too',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec, [psPath('Sales')]: permissionSet([]), [profilePath('Admin')]: profile(['ErpEc-P0']) },
      findings: [
        { path: ecPath('ErpEc'), ...principalAt(ec, 1), severity: 'info', message: "while 'ErpEc-P0' is", related: ["profile 'Admin' grants 'ErpEc-P0'"] },
      ],
    },
    {
      name: 'another principal is granted, and this one is listed disabled: still a warning, with the enable suggestion',
      files: {
        ...SFDX_PROJECT,
        [ecPath('ErpEc')]: ec,
        [psPath('Integration')]: disabledP1,
      },
      findings: [
        {
          path: ecPath('ErpEc'),
          ...principalAt(ec, 1),
          severity: 'warning',
          message: "Principal 'P1' of External Credential 'ErpEc' is not granted in the project",
          suggestions: [
            {
              title: "Enable 'ErpEc-P1' in permission set 'Integration'",
              output: { [psPath('Integration')]: disabledP1.replace('<enabled>false</enabled>', '<enabled>true</enabled>') },
            },
          ],
        },
      ],
    },
    {
      name: 'several permission sets, none of which grants the credential: the exact XML, no fix and no edit to guess',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: ec, [psPath('A')]: permissionSet([]), [psPath('B')]: permissionSet(['Other-P0']) },
      findings: [
        {
          path: ecPath('ErpEc'),
          ...principalAt(ec, 0),
          detail:
            '<externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>ErpEc-P0</externalCredentialPrincipal></externalCredentialPrincipalAccesses>.',
          fixOutput: null,
          suggestions: [],
        },
        { path: ecPath('ErpEc'), ...principalAt(ec, 1), message: "Principal 'P1' of", detail: 'It is a PerUserPrincipal,', fixOutput: null, suggestions: [] },
      ],
    },
    {
      name: 'the only permission set grants nothing of the credential: a suggestion, in metadata order',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: externalCredential(['NamedPrincipal']), [psPath('Integration')]: permissionSet([]) },
      findings: [
        {
          path: ecPath('ErpEc'),
          ...principalAt(externalCredential(['NamedPrincipal']), 0),
          fixOutput: null,
          suggestions: [
            {
              title: "Grant 'ErpEc-P0' (NamedPrincipal) in permission set 'Integration'",
              output: {
                [psPath('Integration')]: permissionSet([]).replace('    <hasActivationRequired>', `${grantP1.replace('P1', 'P0')}    <hasActivationRequired>`),
              },
            },
          ],
        },
      ],
    },
    {
      name: "did you mean: the grant names the principal's label instead of its name",
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: namedEc, [psPath('Integration')]: permissionSet(['ErpEc-Erp Principal']) },
      findings: [
        {
          path: ecPath('ErpEc'),
          ...principalAt(namedEc, 0),
          detail: "automation users included. permission set 'Integration' grants 'ErpEc-Erp Principal': did you mean 'ErpEc-Erp_Principal'? Grant it",
          related: ["permission set 'Integration' grants 'ErpEc-Erp Principal'", 'of the same credential'],
          fixOutput: null,
          suggestions: [
            {
              title: "Rename 'ErpEc-Erp Principal' to 'ErpEc-Erp_Principal' in permission set 'Integration'",
              output: { [psPath('Integration')]: permissionSet(['ErpEc-Erp_Principal']) },
            },
          ],
        },
      ],
    },
    {
      name: 'a grant listed with enabled false',
      files: { ...SFDX_PROJECT, [ecPath('ErpEc')]: namedEc, [psPath('Integration')]: permissionSet([{ principal: 'ErpEc-Erp_Principal', enabled: false }]) },
      findings: [
        {
          path: ecPath('ErpEc'),
          ...principalAt(namedEc, 0),
          detail: "permission set 'Integration' lists it with enabled false.",
          fixOutput: null,
          suggestions: [
            {
              title: "Enable 'ErpEc-Erp_Principal' in permission set 'Integration'",
              output: { [psPath('Integration')]: permissionSet(['ErpEc-Erp_Principal']) },
            },
          ],
        },
      ],
    },
  ],
});
