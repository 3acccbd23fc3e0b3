import { apexDesign, ASYNC_DESIGNS } from '../../../../../test/support/apex-probes';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { action, autolaunched, connector, element, flow, flowPath, nameAt, SFDX_PROJECT, subflow } from '../../../../../test/support/sfdx';

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

/** A loop whose body runs `element`, named `Call_Bank`. */
const loopRunning = (element_: string) =>
  flow({ processType: 'Flow', elements: [element_, LOOP, element('assignments', 'Done'), '    <startElementReference>Each_Account</startElementReference>'] });
const apexInLoop = loopRunning(action('Call_Bank', 'apex', 'Action', { next: 'Each_Account', fault: 'Each_Account' }));
const subflowInLoop = loopRunning(subflow('Call_Bank', 'Push_Orders', { next: 'Each_Account', fault: 'Each_Account' }));
const pushOrders = autolaunched('Push', [action('Push', 'apex', 'Action', { fault: 'Log' }), element('assignments', 'Log')]);

ruleTests('flow/callout-in-loop', {
  valid: [
    { name: 'one callout after the loop', files: { ...SFDX_PROJECT, [flowPath('F')]: afterLoop } },
    ...ASYNC_DESIGNS.map((design) => ({
      name: `an Apex action in the loop that only hands the callout to asynchronous Apex (${design})`,
      files: { ...SFDX_PROJECT, [flowPath('F')]: apexInLoop, ...apexDesign(design) },
    })),
  ],
  invalid: [
    {
      name: 'a subflow in the loop body whose Apex action calls out',
      files: { ...SFDX_PROJECT, [flowPath('F')]: subflowInLoop, [flowPath('Push_Orders')]: pushOrders, ...apexDesign('sync') },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(subflowInLoop, 'Call_Bank'),
          message: "Subflow 'Call_Bank' (flow 'Push_Orders') runs once per item of loop 'Each_Account': a batch of records makes one callout each",
          detail:
            "Its callout is Apex action 'Push' (Action) in flow 'Push_Orders'. A batch of records makes at least one callout each, and a transaction allows 100: a larger batch fails the interview (Too many callouts: 101) after the earlier calls have reached the remote system, where nothing rolls them back. Collect the items in the loop and make one callout after it.",
          related: ["the loop 'Each_Account'", "Apex action 'Push' (Action) in subflow 'Push_Orders'"],
        },
      ],
    },
    {
      name: 'a callout in the loop body',
      files: { ...SFDX_PROJECT, [flowPath('F')]: inLoop },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(inLoop, 'Call_Bank'),
          message: "runs once per item of loop 'Each_Account'",
          detail: /^A batch of records/,
          related: ["the loop 'Each_Account'"],
        },
      ],
    },
  ],
});
