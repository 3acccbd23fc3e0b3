import { apexDesign } from '../../../../../test/support/apex-probes';
import { ruleTests } from '../../../../../test/support/rule-tester';
import {
  autolaunched,
  subflow,
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
const spacedOperation = scheduled.replace('BankService.addAccount', 'BankService.Get Weather Data');
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

/** A nightly flow runs the Apex action `Action` (directly, or through subflow `Push_Orders`). */
const nightlyApex = (api = '60.0') =>
  flow({ start: scheduledStart('Push'), apiVersion: api, elements: [action('Push', 'apex', 'Action', { fault: 'Log' }), element('assignments', 'Log')] });
const nightlySubflow = flow({ start: scheduledStart('Sync'), elements: [subflow('Sync', 'Push_Orders', { fault: 'Log' }), element('assignments', 'Log')] });
const pushOrders = autolaunched('Push', [action('Push', 'apex', 'Action', { fault: 'Log' }), element('assignments', 'Log')]);
const perUserErp = { [ncPath('Erp')]: legacyNc('PerUser') };

ruleTests('flow/per-user-credential-in-automation', {
  valid: [
    {
      name: 'a before-save flow cannot call out at all (flow/sync-callout-in-record-trigger says so)',
      files: {
        ...SFDX_PROJECT,
        [flowPath('OnOrder')]: flow({
          start: recordStart('Push').replace('RecordAfterSave', 'RecordBeforeSave'),
          elements: [action('Push', 'apex', 'Action')],
        }),
        ...apexDesign('sync'),
        ...perUserErp,
      },
    },
    {
      name: 'a subflow run by a screen flow (a user is present)',
      files: {
        ...SFDX_PROJECT,
        [flowPath('Screen')]: flow({
          processType: 'Flow',
          elements: [subflow('Sync', 'Push_Orders'), '    <startElementReference>Sync</startElementReference>'],
        }),
        [flowPath('Push_Orders')]: pushOrders,
        ...apexDesign('sync'),
        ...perUserErp,
      },
    },
    { name: 'a named principal in a scheduled flow', files: { ...perUserLegacy, [ncPath('Bank')]: legacyNc('NamedUser') } },
    {
      name: 'a legacy credential that sends no authentication has no principal to be missing, whatever its type says',
      files: { ...perUserLegacy, [ncPath('Bank')]: legacyNc('PerUser', 'NoAuthentication') },
    },
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
            "External Service action 'Call_Bank' (BankService.addAccount) uses per-user credential 'Bank': the callout fails unless the running user authenticated it",
          detail:
            "In schedule-triggered flow 'Nightly' it authenticates through 'Bank', a per-user credential. This flow runs as the Default Workflow User (or the Automated Process user when no Default Workflow User is set): a per-user token exists only if that one user authenticated the principal; otherwise every callout fails (\"We couldn't access the credential(s)\", or 401 INVALID_SESSION_ID). Use a named principal (NamedUser / NamedPrincipal) for automation.",
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
          message: 'the callout fails for users who have not authenticated it',
          detail: 'On its Run Asynchronously path this flow runs as the user whose change triggered it, including integration users',
          related: ['calls through Named Credential', "External Credential 'BankEc' (used by 'Bank') authenticates with a PerUserPrincipal"],
        },
      ],
    },
    {
      name: 'the same project with Metadata API file names (flows/Nightly.flow, namedCredentials/Bank.namedCredential)',
      files: {
        ...SFDX_PROJECT,
        [flowPath('Nightly').replace('.flow-meta.xml', '.flow')]: scheduled,
        [esPath('BankService').replace('-meta.xml', '')]: registration('Bank'),
        [ncPath('Bank').replace('-meta.xml', '')]: legacyNc('PerUser'),
      },
      findings: [
        {
          path: flowPath('Nightly').replace('.flow-meta.xml', '.flow'),
          ...nameAt(scheduled, 'Call_Bank'),
          message: "External Service action 'Call_Bank' (BankService.addAccount) uses per-user credential 'Bank'",
        },
      ],
    },
    {
      name: 'an operation named with spaces in the Flow, stored encoded in the registration (getx20weatherx20data)',
      files: {
        ...perUserLegacy,
        [flowPath('Nightly')]: spacedOperation,
        [esPath('BankService')]: registration('Bank', ['getx20weatherx20data']),
      },
      findings: [
        {
          path: flowPath('Nightly'),
          ...nameAt(spacedOperation, 'Call_Bank'),
          message: "External Service action 'Call_Bank' (BankService.Get Weather Data) uses per-user credential 'Bank'",
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
          message: "Apex action 'Sync' (OrderSync) uses per-user credential 'Erp': the callout fails for users who have not authenticated it",
          detail: "In platform event-triggered flow 'OnOrderEvent' it authenticates through 'Erp'",
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
    {
      name: 'the credential rules follow asynchronous Apex: a Queueable runs as the user who enqueued it',
      files: { ...SFDX_PROJECT, [flowPath('Nightly')]: nightlyApex(), ...apexDesign('queueable'), ...perUserErp },
      findings: [
        {
          path: flowPath('Nightly'),
          ...nameAt(nightlyApex(), 'Push'),
          message:
            "Apex action 'Push' (Action) in schedule-triggered flow 'Nightly' uses per-user credential 'Erp': the callout fails unless the running user authenticated it",
          detail: "authenticates through 'Erp', a per-user credential in asynchronous Apex it hands work to (which runs as the same user)",
          related: ["Apex class Action (through ErpClient) calls out through 'Erp' in asynchronous Apex it hands work to", 'principal type PerUser'],
        },
      ],
    },
    {
      name: 'an old schedule-triggered flow runs as the Automated Process user, which never holds a per-user token',
      files: { ...SFDX_PROJECT, [flowPath('Nightly')]: nightlyApex('52.0'), ...apexDesign('future'), ...perUserErp },
      findings: [
        {
          path: flowPath('Nightly'),
          ...nameAt(nightlyApex('52.0'), 'Push'),
          message: "Apex action 'Push' (Action) in schedule-triggered flow 'Nightly' uses per-user credential 'Erp': every callout fails",
          detail: 'This flow runs as the Automated Process user (schedule-triggered flows saved at API version 52.0 or earlier): that user cannot log in',
        },
      ],
    },
    {
      name: "a per-user callout inside a subflow is reported on the parent's subflow element",
      files: { ...SFDX_PROJECT, [flowPath('Nightly')]: nightlySubflow, [flowPath('Push_Orders')]: pushOrders, ...apexDesign('sync'), ...perUserErp },
      findings: [
        {
          path: flowPath('Nightly'),
          ...nameAt(nightlySubflow, 'Sync'),
          message: "Subflow 'Sync' (flow 'Push_Orders') uses per-user credential 'Erp': the callout fails unless the running user authenticated it",
          detail: "Its callout is Apex action 'Push' (Action) in flow 'Push_Orders'. In schedule-triggered flow 'Nightly' it authenticates through 'Erp'",
          related: ["Apex action 'Push' (Action) in subflow 'Push_Orders'", "calls out through 'Erp'", 'principal type PerUser'],
        },
      ],
    },
  ],
});
