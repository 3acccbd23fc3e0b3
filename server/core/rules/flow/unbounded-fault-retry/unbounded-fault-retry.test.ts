import { at } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { action, connector, element, flow, flowPath, SFDX_PROJECT } from '../../../../../test/support/sfdx';

const start = (target: string) => `${connector(target)}\n        <triggerType>Scheduled</triggerType>`;
const selfLoop = flow({ start: start('Call_Bank'), elements: [action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Call_Bank' })] });
const viaWait = flow({
  start: start('Call_Bank'),
  elements: [
    action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Note_Failure' }),
    element('assignments', 'Note_Failure', connector('Call_Bank', 'connector', true)),
  ],
});
const counted = flow({
  start: start('Call_Bank'),
  elements: [
    action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Count' }),
    element(
      'assignments',
      'Count',
      `        <assignmentItems>\n            <assignToReference>attempts</assignToReference>\n            <operator>Add</operator>\n            <value><numberValue>1.0</numberValue></value>\n        </assignmentItems>\n${connector('Again')}`,
    ),
    element(
      'decisions',
      'Again',
      `        <rules>\n            <name>Retry</name>\n            <conditionLogic>and</conditionLogic>\n            <conditions>\n                <leftValueReference>attempts</leftValueReference>\n                <operator>LessThan</operator>\n                <rightValue><numberValue>3.0</numberValue></rightValue>\n            </conditions>\n${connector('Call_Bank').replace(/^/gm, '    ')}\n        </rules>`,
    ),
  ],
});
const withScreen = flow({
  processType: 'Flow',
  elements: [
    action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Ask_Retry' }),
    element('screens', 'Ask_Retry', connector('Call_Bank')),
    '    <startElementReference>Call_Bank</startElementReference>',
  ],
});

ruleTests('flow/unbounded-fault-retry', {
  valid: [
    { name: 'a decision on an incremented counter bounds the cycle', files: { ...SFDX_PROJECT, [flowPath('F')]: counted } },
    { name: 'a screen puts a user in the loop', files: { ...SFDX_PROJECT, [flowPath('F')]: withScreen } },
  ],
  invalid: [
    {
      name: 'the fault connector points straight back at the callout',
      files: { ...SFDX_PROJECT, [flowPath('F')]: selfLoop },
      findings: [
        {
          path: flowPath('F'),
          ...at(selfLoop, 'Call_Bank</targetReference>'),
          endColumn: at(selfLoop, 'Call_Bank</targetReference>').column + 'Call_Bank'.length,
          severity: 'error',
          message:
            "The fault path of External Service action 'Call_Bank' (BankService.addAccount) leads back to it with no counter: the flow retries until its element limit",
          detail:
            'An expired or revoked session fails the same way every time, so the flow retries until it hits its limit of executed elements. Add a Number variable, increment it on the fault path, and stop with a Decision after a few attempts.',
          related: ["the callout 'Call_Bank'"],
        },
      ],
    },
    {
      name: 'through an assignment and a go-to connector',
      files: { ...SFDX_PROJECT, [flowPath('F')]: viaWait },
      findings: [
        {
          path: flowPath('F'),
          ...at(viaWait, 'Note_Failure</targetReference>'),
          endColumn: at(viaWait, 'Note_Failure</targetReference>').column + 'Note_Failure'.length,
        },
      ],
    },
  ],
});
