import { ruleTests } from '../../../../../test/support/rule-tester';
import { action, connector, element, flow, flowPath, nameAt, SFDX_PROJECT } from '../../../../../test/support/sfdx';

const LOOP = element('loops', 'Each_Account', `${connector('Call_Bank', 'nextValueConnector')}\n${connector('Done', 'noMoreValuesConnector')}`);
const inLoop = flow({
  processType: 'Flow',
  elements: [
    action('Call_Bank', 'externalService', 'BankService.addAccount', { next: 'Each_Account', fault: 'Each_Account' }),
    LOOP,
    element('assignments', 'Done'),
    '    <startElementReference>Each_Account</startElementReference>',
  ],
});
const afterLoop = flow({
  processType: 'Flow',
  elements: [
    element('loops', 'Each_Account', `${connector('Collect', 'nextValueConnector')}\n${connector('Call_Bank', 'noMoreValuesConnector')}`),
    element('assignments', 'Collect', connector('Each_Account', 'connector', true)),
    action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Collect' }),
    '    <startElementReference>Each_Account</startElementReference>',
  ],
});

ruleTests('flow/callout-in-loop', {
  valid: [{ name: 'one callout after the loop', files: { ...SFDX_PROJECT, [flowPath('F')]: afterLoop } }],
  invalid: [
    {
      name: 'a callout in the loop body',
      files: { ...SFDX_PROJECT, [flowPath('F')]: inLoop },
      findings: [
        { path: flowPath('F'), ...nameAt(inLoop, 'Call_Bank'), message: "runs once per item of loop 'Each_Account'", related: ["the loop 'Each_Account'"] },
      ],
    },
  ],
});
