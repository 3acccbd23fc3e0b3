import { apexDesign, ASYNC_DESIGNS } from '../../../../../test/support/apex-probes';
import { ruleTests } from '../../../../../test/support/rule-tester';
import {
  action,
  asyncPath,
  autolaunched,
  clsPath,
  connector,
  ecPath,
  element,
  externalCredential,
  esPath,
  flow,
  flowPath,
  legacyNc,
  ncPath,
  registration,
  invocableClass,
  nameAt,
  recordStart,
  SFDX_PROJECT,
  securedNc,
  subflow,
} from '../../../../../test/support/sfdx';

/** An assignment that records the fault message (what makes an element a fault handler). */
const LOG_FAULT =
  '        <assignmentItems>\n            <assignToReference>errorText</assignToReference>\n            <operator>Assign</operator>\n            <value>\n                <elementReference>$Flow.FaultMessage</elementReference>\n            </value>\n        </assignmentItems>';
const screen = (call: string) =>
  flow({
    processType: 'Flow',
    elements: [
      element('screens', 'Ask', connector('Call_Bank')),
      call,
      element('assignments', 'Log_Callout_Error', LOG_FAULT),
      '    <startElementReference>Ask</startElementReference>',
    ],
  });
/** A record-triggered flow whose scheduled path "Tomorrow" (a day after the trigger) calls an External Service. */
const onTomorrowPath = flow({
  start: recordStart(
    'Done',
    [
      '        <scheduledPaths>',
      '            <name>Tomorrow</name>',
      connector('Call_Bank').replace(/^ {8}/gm, '            '),
      '            <offsetNumber>1</offsetNumber>',
      '            <offsetUnit>Days</offsetUnit>',
      '            <timeSource>RecordTriggerEvent</timeSource>',
      '        </scheduledPaths>',
    ].join('\n'),
  ),
  elements: [element('assignments', 'Done'), action('Call_Bank', 'externalService', 'BankService.addAccount')],
});
/**
 * A screen flow with three would-be fault targets: a screen named "…Error" that says something else, a screen
 * that shows $Flow.FaultMessage, and 'Notify', which another action's fault connector already uses.
 */
const handlersFlow = flow({
  processType: 'Flow',
  elements: [
    element('screens', 'Ask', connector('Call_Bank')),
    action('Call_Bank', 'externalService', 'BankService.addAccount', { next: 'Lookup' }),
    action('Lookup', 'externalService', 'BankService.addAccount', { fault: 'Notify' }),
    element(
      'screens',
      'Screen_1_1_Error',
      '        <fields><name>Why</name><fieldText>We cannot tell which choice you picked.</fieldText><fieldType>DisplayText</fieldType></fields>',
    ),
    element(
      'screens',
      'Show_Problem',
      '        <fields><name>Msg</name><fieldText>{!$Flow.FaultMessage}</fieldText><fieldType>DisplayText</fieldType></fields>',
    ),
    element('assignments', 'Notify'),
    element(
      'assignments',
      'Set_No_Data_Error',
      '        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><stringValue>No data available.</stringValue></value></assignmentItems>',
    ),
    '    <startElementReference>Ask</startElementReference>',
  ],
});
/** `xml` with a fault connector from action `from` to `to`. */
const faultTo = (xml: string, from: string, to: string) => {
  const at = xml.indexOf(`<name>${from}</name>`);
  const model = xml.indexOf('        <flowTransactionModel>', at);
  return `${xml.slice(0, model)}        <faultConnector>\n            <targetReference>${to}</targetReference>\n        </faultConnector>\n${xml.slice(model)}`;
};
/** A record-triggered flow that calls an External Service on its immediate path. */
const onSave = flow({
  start: recordStart('Call_Bank'),
  elements: [action('Call_Bank', 'externalService', 'BankService.addAccount')],
});
/** The same flow with its activation status written, as a retrieved flow has it. */
const withStatus = (xml: string, status: string) => xml.replace('    <processType>', `    <status>${status}</status>\n    <processType>`);
const noFault = screen(action('Call_Bank', 'externalService', 'BankService.addAccount', { next: 'Log_Callout_Error' }));
const asyncOnly = flow({
  start: recordStart('Done', asyncPath('Call_Bank')),
  elements: [element('assignments', 'Done'), action('Call_Bank', 'externalService', 'BankService.addAccount')],
});
const apex = flow({
  processType: 'Flow',
  elements: [element('screens', 'Ask', connector('Geo')), action('Geo', 'apex', 'GeoService'), '    <startElementReference>Ask</startElementReference>'],
});
const calloutClass = 'public class GeoService { @InvocableMethod(callout=true) public static List<String> run(List<String> a) { return a; } }';

/** An async path runs the Apex action `Action` with no fault connector. */
const apexLater = flow({ start: recordStart('Done', asyncPath('Push')), elements: [element('assignments', 'Done'), action('Push', 'apex', 'Action')] });
/** A screen flow runs subflow `Push_Orders`, whose Apex action calls out. */
const callsSubflow = (opts: { fault?: string }) => screen(subflow('Call_Bank', 'Push_Orders', { next: 'Log_Callout_Error', ...opts }));
const pushOrders = (opts: { fault?: string }) => autolaunched('Push', [action('Push', 'apex', 'Action', opts), element('assignments', 'Log')]);

/** The sync design, with the invocable method's call to the service wrapped in a try/catch. */
const caught = (handler: string) => ({
  ...apexDesign('sync'),
  [clsPath('Action')]: invocableClass(
    'Action',
    `try {\n            OrderService.push(ids);\n        } catch (${handler}) {\n            errors.add(e.getMessage());\n        }`,
  ),
});

/** Two versions of one Flow, each its own file as before API 44, with no status of their own. */
const versions = {
  ...SFDX_PROJECT,
  [flowPath('Sync-1')]: noFault,
  [flowPath('Sync-2')]: noFault,
  [esPath('BankService')]: registration('Bank'),
};
const defPath = flowPath('Sync').replace('/flows/Sync.flow-meta.xml', '/flowDefinitions/Sync.flowDefinition-meta.xml');
const flowDefinition = (active: number | undefined) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<FlowDefinition xmlns="http://soap.sforce.com/2006/04/metadata">\n${active === undefined ? '' : `    <activeVersionNumber>${active}</activeVersionNumber>\n`}</FlowDefinition>\n`;
ruleTests('flow/callout-without-fault-path', {
  valid: [
    {
      name: 'versioned Flow files whose FlowDefinition activates none (activeVersionNumber omitted): none runs',
      files: { ...versions, [defPath]: flowDefinition(undefined) },
    },
    {
      name: 'a deactivated flow (its latest version is Obsolete): no interview of it runs',
      files: { ...SFDX_PROJECT, [flowPath('F')]: withStatus(noFault, 'Obsolete'), [esPath('BankService')]: registration('Bank') },
    },
    {
      name: 'the Apex catches the callout failure itself (catch CalloutException, no rethrow): the action does not fault',
      files: { ...SFDX_PROJECT, [flowPath('F')]: apexLater, ...caught('CalloutException e') },
    },
    {
      name: 'a catch (Exception e) in the invoked method covers the callouts of everything it calls',
      files: { ...SFDX_PROJECT, [flowPath('F')]: apexLater, ...caught('Exception e') },
    },
    ...ASYNC_DESIGNS.map((design) => ({
      name: `an Apex action that only hands the callout to asynchronous Apex (${design}): no fault path can catch its failure`,
      files: { ...SFDX_PROJECT, [flowPath('F')]: apexLater, ...apexDesign(design) },
    })),
    {
      name: 'a callout the subflow handles itself',
      files: { ...SFDX_PROJECT, [flowPath('F')]: callsSubflow({}), [flowPath('Push_Orders')]: pushOrders({ fault: 'Log' }), ...apexDesign('sync') },
    },
    {
      name: 'a fault connector is present',
      files: { ...SFDX_PROJECT, [flowPath('F')]: screen(action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Log_Callout_Error' })) },
    },
    {
      name: 'an Apex action whose class does not call out',
      files: { ...SFDX_PROJECT, [flowPath('F')]: apex, [clsPath('GeoService')]: 'public class GeoService { @InvocableMethod public static void run() {} }' },
    },
    { name: 'an Apex action whose class is not in the project: silent', files: { ...SFDX_PROJECT, [flowPath('F')]: apex } },
    { name: 'a non-callout action type', files: { ...SFDX_PROJECT, [flowPath('F')]: screen(action('Call_Bank', 'emailAlert', 'Account.Welcome')) } },
    {
      name: 'an element no path reaches',
      files: {
        ...SFDX_PROJECT,
        [flowPath('F')]: flow({
          processType: 'Flow',
          elements: [element('screens', 'Ask'), action('Orphan', 'externalService', 'S.op'), '    <startElementReference>Ask</startElementReference>'],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'a rollback: the FlowDefinition activates version 1, whose file says Obsolete — the definition decides',
      files: { ...versions, [flowPath('Sync-1')]: withStatus(noFault, 'Obsolete'), [defPath]: flowDefinition(1) },
      findings: [{ path: flowPath('Sync-1'), ...nameAt(noFault, 'Call_Bank'), message: "External Service action 'Call_Bank'" }],
    },
    {
      name: 'versioned Flow files (before API 44): only the version the FlowDefinition activates is linted',
      files: { ...versions, [defPath]: flowDefinition(2) },
      findings: [{ path: flowPath('Sync-2'), ...nameAt(noFault, 'Call_Bank'), message: "External Service action 'Call_Bank'" }],
    },
    {
      name: 'a record-triggered flow names the path (its immediate path rolls the triggering change back); other flows have only one',
      files: { ...SFDX_PROJECT, [flowPath('F')]: onSave, [esPath('BankService')]: registration('Bank') },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(onSave, 'Call_Bank'),
          // (The message drops the path to stay within 160 characters; the detail names it.)
          message:
            "External Service action 'Call_Bank' (BankService.addAccount) has no fault connector: if the call throws, the triggering change is rolled back",
          detail: /^On the immediate path it has no fault connector: /,
        },
      ],
    },
    {
      name: 'suggested fault targets: elements that already handle faults, never an element chosen by its name alone',
      files: { ...SFDX_PROJECT, [flowPath('F')]: handlersFlow, [esPath('BankService')]: registration('Bank') },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(handlersFlow, 'Call_Bank'),
          suggestions: [
            { title: "Connect the fault path to 'Show_Problem'", output: { [flowPath('F')]: faultTo(handlersFlow, 'Call_Bank', 'Show_Problem') } },
            { title: "Connect the fault path to 'Notify'", output: { [flowPath('F')]: faultTo(handlersFlow, 'Call_Bank', 'Notify') } },
          ],
        },
      ],
    },
    {
      name: 'a callout on a named scheduled path: the detail names the path once',
      files: { ...SFDX_PROJECT, [flowPath('F')]: onTomorrowPath, [esPath('BankService')]: registration('Bank') },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(onTomorrowPath, 'Call_Bank'),
          message: "External Service action 'Call_Bank' (BankService.addAccount) has no fault connector",
          detail: /^On the Tomorrow scheduled path it has no fault connector: /,
        },
      ],
    },
    {
      name: 'a Draft flow is still reported: it is the version that will be activated',
      files: { ...SFDX_PROJECT, [flowPath('F')]: withStatus(noFault, 'Draft'), [esPath('BankService')]: registration('Bank') },
      findings: [{ path: flowPath('F'), ...nameAt(withStatus(noFault, 'Draft'), 'Call_Bank'), message: "External Service action 'Call_Bank'" }],
    },
    {
      name: 'a callout through an OAuth credential: the message also says a 401 is a response, not a fault',
      files: {
        ...SFDX_PROJECT,
        [flowPath('F')]: noFault,
        [esPath('BankService')]: registration('Bank'),
        [ncPath('Bank')]: legacyNc('NamedUser', 'Oauth'),
      },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(noFault, 'Call_Bank'),
          message:
            "External Service action 'Call_Bank' (BankService.addAccount) has no fault connector: if the call throws, the user gets an unhandled fault error",
          detail:
            /^It has no fault connector: when the call throws \(a timeout or an unreachable endpoint\).*An expired or revoked token usually comes back as a 401 response rather than a fault: check the response code too\.$/,
          related: 1,
          suggestions: [
            {
              title: "Connect the fault path to 'Log_Callout_Error'",
              output: {
                [flowPath('F')]: noFault.replace(
                  '        <flowTransactionModel>',
                  '        <faultConnector>\n            <targetReference>Log_Callout_Error</targetReference>\n        </faultConnector>\n        <flowTransactionModel>',
                ),
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a callout through an External Credential of the Custom protocol with the NoAuthentication variant: no token is claimed',
      files: {
        ...SFDX_PROJECT,
        [flowPath('F')]: noFault,
        [esPath('BankService')]: registration('Bank'),
        [ncPath('Bank')]: securedNc('BankEc'),
        [ecPath('BankEc')]: externalCredential(['NamedPrincipal'], 'Custom').replace(
          '    <externalCredentialParameters>',
          '    <externalCredentialParameters>\n        <parameterGroup>DefaultGroup</parameterGroup>\n        <parameterName>Custom</parameterName>\n        <parameterType>AuthProtocolVariant</parameterType>\n        <parameterValue>NoAuthentication</parameterValue>\n    </externalCredentialParameters>\n    <externalCredentialParameters>',
        ),
      },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(noFault, 'Call_Bank'),
          detail: /the user gets an unhandled fault error and the work is lost\. Add a Fault path that logs the error or parks the record for replay\.$/,
        },
      ],
    },
    {
      name: 'a callout through an anonymous credential: no token is claimed',
      files: {
        ...SFDX_PROJECT,
        [flowPath('F')]: noFault,
        [esPath('BankService')]: registration('Bank'),
        [ncPath('Bank')]: legacyNc('Anonymous', 'NoAuthentication'),
      },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(noFault, 'Call_Bank'),
          // Neither line blames a token: the call has none.
          message:
            /^External Service action 'Call_Bank' \(BankService\.addAccount\) has no fault connector: if the call throws, the user gets an unhandled fault error$/,
          detail:
            /^It has no fault connector: when the call throws \(a timeout or an unreachable endpoint\) the user gets an unhandled fault error and the work is lost\. Add a Fault path that logs the error or parks the record for replay\.$/,
          related: 1,
          suggestions: [
            {
              title: "Connect the fault path to 'Log_Callout_Error'",
              output: {
                [flowPath('F')]: noFault.replace(
                  '        <flowTransactionModel>',
                  '        <faultConnector>\n            <targetReference>Log_Callout_Error</targetReference>\n        </faultConnector>\n        <flowTransactionModel>',
                ),
              },
            },
          ],
        },
      ],
    },
    {
      name: 'an External Service action in a screen flow, with a suggestion to connect the existing error element',
      files: { ...SFDX_PROJECT, [flowPath('F')]: noFault },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(noFault, 'Call_Bank'),
          message:
            "External Service action 'Call_Bank' (BankService.addAccount) has no fault connector: if the call throws, the user gets an unhandled fault error",
          detail:
            'It has no fault connector: when the call throws (a timeout or an unreachable endpoint) the user gets an unhandled fault error and the work is lost.',
          suggestions: [
            {
              title: "Connect the fault path to 'Log_Callout_Error'",
              output: {
                [flowPath('F')]: noFault.replace(
                  '        <flowTransactionModel>',
                  '        <faultConnector>\n            <targetReference>Log_Callout_Error</targetReference>\n        </faultConnector>\n        <flowTransactionModel>',
                ),
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the Run Asynchronously path counts too',
      files: { ...SFDX_PROJECT, [flowPath('F')]: asyncOnly },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(asyncOnly, 'Call_Bank'),
          message: ': if the call throws, the interview fails with an unhandled fault e-mail',
          detail:
            'On the Run Asynchronously path it has no fault connector: when the call throws (a timeout or an unreachable endpoint) the flow interview fails with an unhandled fault e-mail and nothing is retried or recorded.',
          suggestions: [],
        },
      ],
    },
    {
      name: 'an Apex action whose class calls out',
      files: { ...SFDX_PROJECT, [flowPath('F')]: apex, [clsPath('GeoService')]: calloutClass },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(apex, 'Geo'),
          message: "Apex action 'Geo' (GeoService) has no fault connector: if the call throws, the user gets an unhandled fault error",
          detail: 'when the call throws (a timeout, an unreachable endpoint, or an exception the Apex raises)',
          related: ['Apex method GeoService.run calls out (@InvocableMethod(callout=true))'],
        },
      ],
    },
    {
      name: 'a catch that throws again, or one that catches something else, does not handle the failure',
      files: {
        ...SFDX_PROJECT,
        [flowPath('F')]: apexLater,
        ...caught('DmlException e'),
        [clsPath('OrderService')]:
          'public class OrderService {\n    public static void push(List<Id> ids) {\n        try { ErpClient.post(ids); } catch (Exception e) { throw new OrderException(e.getMessage()); }\n    }\n}\n',
      },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(apexLater, 'Push'),
          message:
            "Apex action 'Push' (Action) on the Run Asynchronously path has no fault connector: if the call throws, the interview fails with an unhandled fault e-mail",
          detail: 'On the Run Asynchronously path it has no fault connector, and the Apex does not catch the callout failure:',
        },
      ],
    },
    {
      // The subflow itself is still reported: it can be run from anywhere (another flow, Apex, a button).
      name: "a fault connector on the subflow element covers the subflow's callout for the parent",
      files: {
        ...SFDX_PROJECT,
        [flowPath('F')]: callsSubflow({ fault: 'Log_Callout_Error' }),
        [flowPath('Push_Orders')]: pushOrders({}),
        ...apexDesign('sync'),
      },
      findings: [
        {
          path: flowPath('Push_Orders'),
          ...nameAt(pushOrders({}), 'Push'),
          message: "Apex action 'Push' (Action) has no fault connector",
          detail: 'It has no fault connector, and the Apex does not catch the callout failure:',
        },
      ],
    },
    {
      name: 'a subflow element without a fault connector, whose subflow does not handle its callout',
      files: { ...SFDX_PROJECT, [flowPath('F')]: callsSubflow({}), [flowPath('Push_Orders')]: pushOrders({}), ...apexDesign('sync') },
      findings: [
        {
          path: flowPath('F'),
          ...nameAt(callsSubflow({}), 'Call_Bank'),
          message: "Subflow 'Call_Bank' (flow 'Push_Orders') has no fault connector: if the call throws, the user gets an unhandled fault error",
          detail:
            "Its callout is Apex action 'Push' (Action) in flow 'Push_Orders'. It has no fault connector (and nothing in the subflow handles the fault), and the Apex does not catch the callout failure",
          related: ["Apex action 'Push' (Action) in subflow 'Push_Orders'", "Apex method ErpClient.post calls out ('callout:Erp/orders')"],
          suggestions: [
            {
              title: "Connect the fault path to 'Log_Callout_Error'",
              output: {
                [flowPath('F')]: callsSubflow({}).replace(
                  '        <flowName>',
                  '        <faultConnector>\n            <targetReference>Log_Callout_Error</targetReference>\n        </faultConnector>\n        <flowName>',
                ),
              },
            },
          ],
        },
        {
          path: flowPath('Push_Orders'),
          ...nameAt(pushOrders({}), 'Push'),
          message: "Apex action 'Push' (Action) has no fault connector",
          detail: 'and the Apex does not catch the callout failure:',
        },
      ],
    },
  ],
});
