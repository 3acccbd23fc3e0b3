import { ruleTests } from '../../../../../test/support/rule-tester';
import {
  action,
  clsPath,
  ecPath,
  element,
  esPath,
  externalCredential,
  flow,
  flowPath,
  legacyNc,
  nameAt,
  ncPath,
  recordStart,
  registration,
  scheduledStart,
  securedNc,
  SFDX_PROJECT,
  asyncPath,
} from '../../../../../test/support/sfdx';

const scheduled = flow({
  start: scheduledStart('Call_Bank'),
  elements: [action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Log' }), element('assignments', 'Log')],
});
const perUserLegacy = {
  ...SFDX_PROJECT,
  [flowPath('Nightly')]: scheduled,
  [esPath('BankService')]: registration('Bank'),
  [ncPath('Bank')]: legacyNc('PerUser'),
};

const asyncRecord = flow({
  start: recordStart('Done', asyncPath('Call_Bank')),
  elements: [action('Call_Bank', 'externalService', 'bankservice.ADDACCOUNT', { fault: 'Done' }), element('assignments', 'Done')],
});
const perUserEc = {
  ...SFDX_PROJECT,
  [flowPath('OnAccount')]: asyncRecord,
  [esPath('BankService')]: registration('Bank'),
  [ncPath('Bank')]: securedNc('BankEc'),
  [ecPath('BankEc')]: externalCredential(['PerUserPrincipal']),
};

const apexFlow = flow({
  start:
    '        <triggerType>PlatformEvent</triggerType>\n        <object>Order__e</object>\n' +
    '        <connector><targetReference>Sync</targetReference></connector>',
  elements: [action('Sync', 'apex', 'OrderSync', { fault: 'Sync' })],
});
const apexClass =
  "public class OrderSync {\n  @InvocableMethod(callout=true)\n  public static void run(List<Id> ids) {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Erp/orders');\n  }\n}\n";
const perUserApex = {
  ...SFDX_PROJECT,
  [flowPath('OnOrderEvent')]: apexFlow,
  [clsPath('OrderSync')]: apexClass,
  [ncPath('Erp')]: legacyNc('PerUser', 'Password'),
};

const screenFlow = flow({
  processType: 'Flow',
  elements: [
    element('screens', 'Ask', '        <connector><targetReference>Call_Bank</targetReference></connector>'),
    action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Ask' }),
    '    <startElementReference>Ask</startElementReference>',
  ],
});

ruleTests('flow/per-user-credential-in-automation', {
  valid: [
    { name: 'a named principal in a scheduled flow', files: { ...perUserLegacy, [ncPath('Bank')]: legacyNc('NamedUser') } },
    { name: 'a per-user credential in a screen flow (a user is present)', files: { ...perUserLegacy, [flowPath('Nightly')]: screenFlow } },
    { name: 'the registration is not in the project: silent', files: { ...SFDX_PROJECT, [flowPath('Nightly')]: scheduled } },
    {
      name: 'the Named Credential is not in the project: silent',
      files: { ...SFDX_PROJECT, [flowPath('Nightly')]: scheduled, [esPath('BankService')]: registration('Bank') },
    },
    {
      name: 'an External Credential with named and per-user principals is not certain',
      files: { ...perUserEc, [ecPath('BankEc')]: externalCredential(['NamedPrincipal', 'PerUserPrincipal']) },
    },
    {
      name: 'a namespaced Apex class from another package: silent',
      files: { ...perUserApex, [flowPath('OnOrderEvent')]: apexFlow.replace('<actionName>OrderSync', '<actionName>other__OrderSync') },
    },
  ],
  invalid: [
    {
      name: 'a schedule-triggered flow through a legacy PerUser Named Credential',
      files: perUserLegacy,
      findings: [
        {
          path: flowPath('Nightly'),
          ...nameAt(scheduled, 'Call_Bank'),
          severity: 'error',
          message:
            "External Service action 'Call_Bank' (BankService.addAccount) in schedule-triggered flow 'Nightly' authenticates through 'Bank', a per-user credential. This flow runs as the Default Workflow User",
          related: ["External Service 'BankService' calls through Named Credential 'Bank'", "Named Credential 'Bank' uses principal type PerUser"],
        },
      ],
    },
    {
      name: 'the async path of a record-triggered flow through a new-style PerUserPrincipal (case-insensitive action name)',
      files: perUserEc,
      findings: [
        {
          path: flowPath('OnAccount'),
          ...nameAt(asyncRecord, 'Call_Bank'),
          message: 'whichever user saved the record',
          related: ['calls through Named Credential', "External Credential 'BankEc' (used by 'Bank') authenticates with a PerUserPrincipal"],
        },
      ],
    },
    {
      name: 'a platform event flow through an Apex callout',
      files: perUserApex,
      findings: [
        {
          path: flowPath('OnOrderEvent'),
          ...nameAt(apexFlow, 'Sync'),
          message: "Apex action 'Sync' (OrderSync) in platform event-triggered flow 'OnOrderEvent'",
          related: ["Apex class OrderSync calls out through 'Erp'", 'principal type PerUser'],
        },
      ],
    },
    {
      name: 'paths with spaces and several package directories',
      files: {
        'my proj/sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'app one' }, { path: 'shared' }] }),
        'my proj/app one/main/default/flows/Nightly.flow-meta.xml': scheduled,
        'my proj/shared/main/default/externalServiceRegistrations/BankService.externalServiceRegistration-meta.xml': registration('Bank'),
        'my proj/shared/main/default/namedCredentials/Bank.namedCredential-meta.xml': legacyNc('PerUser'),
      },
      findings: [{ path: 'my proj/app one/main/default/flows/Nightly.flow-meta.xml', ...nameAt(scheduled, 'Call_Bank'), related: 2 }],
    },
  ],
});
