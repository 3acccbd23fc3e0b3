/** Builders for small SFDX fixtures: flows, credentials, registrations, Apex classes. */
import { at } from './fixtures';

export const PKG = 'sf/force-app/main/default';
export const SFDX_PROJECT = { 'sf/sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], namespace: '' }) };
const XMLNS = 'http://soap.sforce.com/2006/04/metadata';

export const flowPath = (name: string) => `${PKG}/flows/${name}.flow-meta.xml`;
export const ncPath = (name: string) => `${PKG}/namedCredentials/${name}.namedCredential-meta.xml`;
export const ecPath = (name: string) => `${PKG}/externalCredentials/${name}.externalCredential-meta.xml`;
export const esPath = (name: string) => `${PKG}/externalServiceRegistrations/${name}.externalServiceRegistration-meta.xml`;
export const clsPath = (name: string) => `${PKG}/classes/${name}.cls`;
export const psPath = (name: string) => `${PKG}/permissionsets/${name}.permissionset-meta.xml`;
export const psgPath = (name: string) => `${PKG}/permissionsetgroups/${name}.permissionsetgroup-meta.xml`;
export const profilePath = (name: string) => `${PKG}/profiles/${name}.profile-meta.xml`;

/** A profile granting External Credential principals. */
export function profile(grants: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Profile xmlns="${XMLNS}">`,
    '    <custom>true</custom>',
    ...grants.map(
      (g) =>
        `    <externalCredentialPrincipalAccesses>\n        <enabled>true</enabled>\n        <externalCredentialPrincipal>${g}</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>`,
    ),
    '    <userLicense>Salesforce</userLicense>',
    '</Profile>',
    '',
  ].join('\n');
}

/** A permission set granting External Credential principals (`Credential-Principal`), in metadata order. */
export function permissionSet(grants: readonly (string | { principal: string; enabled: boolean })[], label = 'Integration'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<PermissionSet xmlns="${XMLNS}">`,
    '    <classAccesses>',
    '        <apexClass>ErpClient</apexClass>',
    '        <enabled>true</enabled>',
    '    </classAccesses>',
    ...grants.map((g) => {
      const { principal, enabled } = typeof g === 'string' ? { principal: g, enabled: true } : g;
      return `    <externalCredentialPrincipalAccesses>\n        <enabled>${enabled}</enabled>\n        <externalCredentialPrincipal>${principal}</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>`;
    }),
    '    <hasActivationRequired>false</hasActivationRequired>',
    `    <label>${label}</label>`,
    '</PermissionSet>',
    '',
  ].join('\n');
}

export interface FlowSpec {
  readonly processType?: string;
  /** Inner XML of <start> (without locationX/Y), or undefined for none. */
  readonly start?: string;
  readonly apiVersion?: string;
  /** Flow elements (action calls, decisions …), in file order. */
  readonly elements: readonly string[];
}

export function flow(spec: FlowSpec): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Flow xmlns="${XMLNS}">`,
    ...spec.elements,
    `    <apiVersion>${spec.apiVersion ?? '60.0'}</apiVersion>`,
    `    <processType>${spec.processType ?? 'AutoLaunchedFlow'}</processType>`,
    ...(spec.start !== undefined ? ['    <start>', '        <locationX>50</locationX>', '        <locationY>0</locationY>', spec.start, '    </start>'] : []),
    '</Flow>',
    '',
  ].join('\n');
}

export const connector = (target: string, tag = 'connector', goTo = false) =>
  `        <${tag}>\n            ${goTo ? '<isGoTo>true</isGoTo>\n            ' : ''}<targetReference>${target}</targetReference>\n        </${tag}>`;

export function action(name: string, actionType: string, actionName: string, opts: { next?: string; fault?: string } = {}): string {
  return [
    '    <actionCalls>',
    `        <name>${name}</name>`,
    `        <label>${name}</label>`,
    '        <locationX>0</locationX>',
    '        <locationY>0</locationY>',
    `        <actionName>${actionName}</actionName>`,
    `        <actionType>${actionType}</actionType>`,
    ...(opts.next ? [connector(opts.next)] : []),
    ...(opts.fault ? [connector(opts.fault, 'faultConnector')] : []),
    '        <flowTransactionModel>Automatic</flowTransactionModel>',
    '    </actionCalls>',
  ].join('\n');
}

/** A `subflows` element running the flow `flowName`. */
export function subflow(name: string, flowName: string, opts: { next?: string; fault?: string } = {}): string {
  return [
    '    <subflows>',
    `        <name>${name}</name>`,
    `        <label>${name}</label>`,
    '        <locationX>0</locationX>',
    '        <locationY>0</locationY>',
    ...(opts.next ? [connector(opts.next)] : []),
    ...(opts.fault ? [connector(opts.fault, 'faultConnector')] : []),
    `        <flowName>${flowName}</flowName>`,
    '    </subflows>',
  ].join('\n');
}

/** An autolaunched flow with no trigger (what a subflow is), starting at `target`. */
export function autolaunched(target: string, elements: readonly string[]): string {
  return flow({ start: connector(target), elements });
}

/** An Apex class whose @InvocableMethod runs `body` (and the class has `extra` members). */
export function invocableClass(name: string, body: string, extra = ''): string {
  return `public with sharing class ${name} {\n    @InvocableMethod(label='${name}')\n    public static void run(List<Id> ids) {\n        ${body}\n    }\n${extra}}\n`;
}

export function element(type: string, name: string, inner = ''): string {
  return [
    `    <${type}>`,
    `        <name>${name}</name>`,
    `        <label>${name}</label>`,
    '        <locationX>0</locationX>',
    '        <locationY>0</locationY>',
    ...(inner ? [inner] : []),
    `    </${type}>`,
  ].join('\n');
}

export const recordStart = (target: string, extra = '') =>
  [
    connector(target),
    '        <object>Account</object>',
    '        <recordTriggerType>CreateAndUpdate</recordTriggerType>',
    extra,
    '        <triggerType>RecordAfterSave</triggerType>',
  ]
    .filter(Boolean)
    .join('\n');
export const asyncPath = (target: string) =>
  [
    '        <scheduledPaths>',
    connector(target).replace(/^ {8}/gm, '            '),
    '            <pathType>AsyncAfterCommit</pathType>',
    '        </scheduledPaths>',
  ].join('\n');
export const scheduledStart = (target: string) =>
  [
    connector(target),
    '        <schedule><frequency>Daily</frequency><startDate>2026-01-01</startDate><startTime>02:00:00.000Z</startTime></schedule>',
    '        <triggerType>Scheduled</triggerType>',
  ].join('\n');

export function legacyNc(principalType: string, protocol = 'Oauth', extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="${XMLNS}">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>
    <endpoint>https://api.example.com</endpoint>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>NC</label>
    <principalType>${principalType}</principalType>
    <protocol>${protocol}</protocol>${extra}
</NamedCredential>
`;
}

export function securedNc(externalCredential: string, url = 'https://api.example.com', generate = 'true'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="${XMLNS}">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>
    <calloutStatus>Enabled</calloutStatus>
    <generateAuthorizationHeader>${generate}</generateAuthorizationHeader>
    <label>NC</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>${url}</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>${externalCredential}</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`;
}

export function externalCredential(principals: readonly string[], protocol = 'Oauth'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="${XMLNS}">
    <authenticationProtocol>${protocol}</authenticationProtocol>
${principals
  .map(
    (p, i) =>
      `    <externalCredentialParameters>\n        <parameterGroup>P${i}</parameterGroup>\n        <parameterName>P${i}</parameterName>\n        <parameterType>${p}</parameterType>\n        <sequenceNumber>${i + 1}</sequenceNumber>\n    </externalCredentialParameters>`,
  )
  .join('\n')}
    <label>EC</label>
</ExternalCredential>
`;
}

export function registration(namedCredential: string, operations: readonly string[] = ['addAccount']): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ExternalServiceRegistration xmlns="${XMLNS}">
    <label>Svc</label>
    <namedCredential>${namedCredential}</namedCredential>
${operations.map((o) => `    <operations>\n        <active>true</active>\n        <name>${o.toLowerCase()}</name>\n    </operations>`).join('\n')}
    <registrationProviderType>Custom</registrationProviderType>
    <schema>{}</schema>
    <schemaType>OpenApi3</schemaType>
    <status>Complete</status>
</ExternalServiceRegistration>
`;
}

/** Position of an element's `<name>` text: what flow findings point at. */
export function nameAt(text: string, name: string, nth = 0) {
  const p = at(text, `<name>${name}</name>`, nth);
  return { line: p.line, column: p.column + 6, endLine: p.line, endColumn: p.column + 6 + name.length };
}
