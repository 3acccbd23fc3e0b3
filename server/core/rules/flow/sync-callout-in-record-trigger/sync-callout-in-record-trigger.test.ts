import { apexDesign, ASYNC_DESIGNS } from '../../../../../test/support/apex-probes';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { action, asyncPath, autolaunched, element, flow, flowPath, nameAt, recordStart, SFDX_PROJECT, subflow } from '../../../../../test/support/sfdx';

const immediate = flow({
  start: recordStart('Decide'),
  elements: [
    element('decisions', 'Decide', '        <defaultConnector><targetReference>Call_Bank</targetReference></defaultConnector>'),
    action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Decide' }),
  ],
});
const asyncOnly = flow({
  start: recordStart('Done', asyncPath('Call_Bank')),
  elements: [element('assignments', 'Done'), action('Call_Bank', 'externalService', 'BankService.addAccount')],
});

/** A record-triggered flow whose immediate path runs the Apex action `Action`. */
const apexOnSave = flow({ start: recordStart('Push'), elements: [action('Push', 'apex', 'Action', { fault: 'Log' }), element('assignments', 'Log')] });
/** A record-triggered flow whose immediate path runs subflow `Sync_Orders`, which runs `Push_Orders`, which calls back into `Sync_Orders` (a cycle). */
const parent = flow({ start: recordStart('Sync'), elements: [subflow('Sync', 'Sync_Orders', { fault: 'Log' }), element('assignments', 'Log')] });
const syncOrders = autolaunched('Again', [subflow('Again', 'Push_Orders')]);
const pushOrders = autolaunched('Push', [action('Push', 'apex', 'Action', { next: 'Back', fault: 'Back' }), subflow('Back', 'Sync_Orders')]);

ruleTests('flow/sync-callout-in-record-trigger', {
  valid: [
    ...ASYNC_DESIGNS.map((design) => ({
      name: `an Apex action that only hands the callout to asynchronous Apex (${design})`,
      files: { ...SFDX_PROJECT, [flowPath('OnOrder')]: apexOnSave, ...apexDesign(design) },
    })),
    {
      name: 'a subflow whose Apex action only enqueues a Queueable',
      files: {
        ...SFDX_PROJECT,
        [flowPath('OnOrder')]: parent,
        [flowPath('Sync_Orders')]: syncOrders,
        [flowPath('Push_Orders')]: pushOrders,
        ...apexDesign('queueable'),
      },
    },
    { name: 'a subflow that is not in the project: silent', files: { ...SFDX_PROJECT, [flowPath('OnOrder')]: parent } },
    { name: 'the callout is on the Run Asynchronously path', files: { ...SFDX_PROJECT, [flowPath('F')]: asyncOnly } },
    {
      name: 'a schedule-triggered flow may call out',
      files: { ...SFDX_PROJECT, [flowPath('F')]: immediate.replace('<triggerType>RecordAfterSave</triggerType>', '<triggerType>Scheduled</triggerType>') },
    },
  ],
  invalid: [
    {
      name: 'a callout reached from the start through a decision',
      files: { ...SFDX_PROJECT, [flowPath('OnAccount')]: immediate },
      findings: [
        {
          path: flowPath('OnAccount'),
          ...nameAt(immediate, 'Call_Bank'),
          severity: 'error',
          message: "runs on the immediate path of record-triggered flow 'OnAccount', where Salesforce refuses callouts",
          detail:
            'The immediate path of record-triggered flow \'OnAccount\' runs inside the transaction that saves the record: Salesforce refuses callouts there ("You have uncommitted work pending"), and a slow or failing call (an expired session) blocks or rolls back the save. Move it to a Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).',
          related: ['the immediate path starts here'],
        },
      ],
    },
    {
      name: 'an Apex action whose invocable method calls out through a service class',
      files: { ...SFDX_PROJECT, [flowPath('OnOrder')]: apexOnSave, ...apexDesign('sync') },
      findings: [
        {
          path: flowPath('OnOrder'),
          ...nameAt(apexOnSave, 'Push'),
          message: "Apex action 'Push' (Action) runs on the immediate path of record-triggered flow 'OnOrder'",
          related: ['the immediate path starts here', "Apex method ErpClient.post calls out ('callout:Erp/orders')"],
        },
      ],
    },
    {
      name: "a callout two subflows down, through a cycle of subflows, is reported on the parent's subflow element",
      files: {
        ...SFDX_PROJECT,
        [flowPath('OnOrder')]: parent,
        [flowPath('Sync_Orders')]: syncOrders,
        [flowPath('Push_Orders')]: pushOrders,
        ...apexDesign('sync'),
      },
      findings: [
        {
          path: flowPath('OnOrder'),
          ...nameAt(parent, 'Sync'),
          message: "Subflow 'Sync' (flow 'Sync_Orders') runs on the immediate path of record-triggered flow 'OnOrder', where Salesforce refuses callouts",
          detail:
            "Its callout is Apex action 'Push' (Action) in flow 'Push_Orders' (reached through subflow 'Again' of flow 'Sync_Orders'). The immediate path of record-triggered flow 'OnOrder' runs inside the transaction",
          related: ['the immediate path starts here', "Apex action 'Push' (Action) in subflow 'Push_Orders'", 'Apex method ErpClient.post calls out'],
        },
      ],
    },
    {
      name: 'a before-save flow cannot call out at all',
      files: { ...SFDX_PROJECT, [flowPath('OnOrder')]: apexOnSave.replace('RecordAfterSave', 'RecordBeforeSave'), ...apexDesign('sync') },
      findings: [
        {
          path: flowPath('OnOrder'),
          ...nameAt(apexOnSave, 'Push'),
          message: "Apex action 'Push' (Action) runs in before-save flow 'OnOrder', which cannot make callouts at all: the save fails",
          detail:
            "Before-save flow 'OnOrder' cannot make callouts at all: the save fails. Move it to an after-save flow's Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).",
        },
      ],
    },
  ],
});
