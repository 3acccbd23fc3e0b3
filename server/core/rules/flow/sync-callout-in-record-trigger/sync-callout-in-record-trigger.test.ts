import { ruleTests } from '../../../../../test/support/rule-tester';
import { action, asyncPath, element, flow, flowPath, nameAt, recordStart, SFDX_PROJECT } from '../../../../../test/support/sfdx';

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

ruleTests('flow/sync-callout-in-record-trigger', {
  valid: [
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
          message: "runs on the immediate path of record-triggered flow 'OnAccount'",
          related: ['the immediate path starts here'],
        },
      ],
    },
  ],
});
