import { at, mule, RECONNECT, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const SCHEDULER = '<scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>';
const flow = (body: string, handler = '', source = LISTENER, config = sfConfig()) =>
  mule(`${config}\n<flow name="api">\n  ${source}\n  ${body}\n  ${handler}\n</flow>`);

const noHandler = flow('<salesforce:query config-ref="sf"/>');
const whenOnly = flow(
  '<salesforce:query config-ref="sf"/>',
  '<error-handler><on-error-continue when="#[false]"><logger level="ERROR"/></on-error-continue></error-handler>',
);
const wrongType = flow('<salesforce:query config-ref="sf"/>', '<error-handler><on-error-propagate type="HTTP:UNAUTHORIZED"/></error-handler>');
const untilOutside = flow(
  '<until-successful maxRetries="3" millisBetweenRetries="5000"><salesforce:query config-ref="sf"/></until-successful>',
  '<error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/></error-handler>',
);
const scheduled = flow('<salesforce:query config-ref="sf"/>', '', SCHEDULER);
const vmListener = flow('<salesforce:create config-ref="sf" type="Order__c"/>', '', '<vm:listener config-ref="vm" queueName="orders"/>');
const retryExhaustedOnly = flow(
  '<salesforce:query config-ref="sf"/>',
  '<error-handler><on-error-propagate type="SALESFORCE:RETRY_EXHAUSTED"/></error-handler>',
  SCHEDULER,
);
const twoOpsOneHandler = flow(
  '<salesforce:query config-ref="sf"/>\n  <salesforce:update config-ref="sf" type="Account"/>',
  '<error-handler>\n    <on-error-propagate type="HTTP:NOT_FOUND"/>\n  </error-handler>',
  SCHEDULER,
);
const twoOpsGlobalHandler = mule(`
  ${sfConfig()}
  <error-handler name="global"><on-error-propagate type="HTTP:NOT_FOUND"/></error-handler>
  <flow name="api">
    ${SCHEDULER}
    <salesforce:query config-ref="sf"/>
    <salesforce:update config-ref="sf" type="Account"/>
    <error-handler ref="global"></error-handler>
  </flow>`);
const longName = 'get:\\accounts\\(accountId)\\contacts:accounts-sfdc-system-api-config';
const longFlowName = mule(`${sfConfig()}<flow name="${longName}">${LISTENER}<salesforce:query config-ref="sf"/></flow>`);
const twoFlowsDefaultHandler = mule(`
  <configuration defaultErrorHandler-ref="dh"/>
  <error-handler name="dh"><on-error-propagate type="HTTP:NOT_FOUND"/></error-handler>
  ${sfConfig()}
  <flow name="a">${SCHEDULER}<salesforce:query config-ref="sf"/></flow>
  <flow name="b">${LISTENER}<salesforce:update config-ref="sf" type="Account"/></flow>`);
const twoOpsNoHandler = flow('<salesforce:query config-ref="sf"/>\n  <salesforce:update config-ref="sf" type="Account"/>', '', SCHEDULER);

const subFlowTwoCallers = mule(`
  ${sfConfig()}
  <sub-flow name="load"><salesforce:query config-ref="sf"/></sub-flow>
  <flow name="safe">
    ${LISTENER}
    <flow-ref name="load"/>
    <error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/></error-handler>
  </flow>
  <flow name="unsafe">
    ${SCHEDULER}
    <flow-ref name="load"/>
  </flow>`);

const apikit = {
  'app/src/main/mule/api.xml': mule(`
    <flow name="main">
      ${LISTENER}
      <apikit:router config-ref="cfg"/>
      <error-handler><on-error-propagate type="APIKIT:NOT_FOUND"/></error-handler>
    </flow>`),
  'app/src/main/mule/impl.xml': mule(`
    ${sfConfig()}
    <flow name="get:\\accounts:cfg"><salesforce:query config-ref="sf"/></flow>
    <flow name="post:\\accounts:cfg"><salesforce:create config-ref="sf" type="Account"/></flow>
    <flow name="get:\\contacts:cfg"><salesforce:query config-ref="sf"/></flow>`),
};
const apikitOne = {
  'app/src/main/mule/api.xml': apikit['app/src/main/mule/api.xml'],
  'app/src/main/mule/impl.xml': mule(`
    ${sfConfig()}
    <flow name="get:\\accounts:cfg"><salesforce:query config-ref="sf"/></flow>`),
};

const OWN_ERROR_RESPONSE =
  '<http:listener config-ref="l" path="/"><http:error-response statusCode="#[vars.httpStatus default 500]"><http:body>#[payload]</http:body></http:error-response></http:listener>';
const ownErrorResponse = flow('<salesforce:query config-ref="sf"/>', '', OWN_ERROR_RESPONSE);
const ownAndDefault = mule(`
  <configuration defaultErrorHandler-ref="shared"/>
  <error-handler name="shared"><on-error-propagate type="HTTP:NOT_FOUND"/></error-handler>
  ${sfConfig()}
  <flow name="a">${OWN_ERROR_RESPONSE}<salesforce:query config-ref="sf"/></flow>
  <flow name="b">${LISTENER}<salesforce:update config-ref="sf" type="Account"/></flow>`);
const exhaustedRetries = flow(
  '<until-successful maxRetries="3" millisBetweenRetries="5000"><salesforce:query config-ref="sf"/></until-successful>',
  '<error-handler><on-error-propagate type="HTTP:NOT_FOUND"/></error-handler>',
  SCHEDULER,
);
const authorizationCode = flow(
  '<salesforce:query config-ref="sf"/>',
  '',
  SCHEDULER,
  '<salesforce:sfdc-config name="sf"><salesforce:config-with-oauth-connection consumerKey="k" consumerSecret="s" resourceOwnerId="integration"><salesforce:oauth-callback-config listenerConfig="l" callbackPath="/cb" authorizePath="/auth"/></salesforce:config-with-oauth-connection></salesforce:sfdc-config>',
);
/** Mule 3 style: `salesforce:config` is no configuration of the Mule 4 connector, so the app never deploys. */
const notSalesforceConfig = mule(`
  <salesforce:config name="sf" username="u" password="p"/>
  <flow name="api">${SCHEDULER}<salesforce:query config-ref="sf"/></flow>`);

ruleTests('mule/unhandled-session-error', {
  valid: [
    {
      name: 'a try that handles SALESFORCE:CONNECTIVITY',
      files: flow(
        '<try><salesforce:query config-ref="sf"/><error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"><logger level="ERROR"/></on-error-propagate></error-handler></try>',
      ),
    },
    {
      name: 'the flow handler catches MULE:CONNECTIVITY (a parent type)',
      files: flow(
        '<salesforce:query config-ref="sf"/>',
        '<error-handler><on-error-continue type="CONNECTIVITY"><logger level="ERROR"/></on-error-continue></error-handler>',
      ),
    },
    {
      name: 'a *:CONNECTIVITY wildcard',
      files: flow('<salesforce:query config-ref="sf"/>', '<error-handler><on-error-propagate type="*:CONNECTIVITY"/></error-handler>'),
    },
    {
      name: 'a global handler referenced by the flow',
      files: mule(
        `${sfConfig()}<error-handler name="global"><on-error-propagate type="ANY"/></error-handler><flow name="api">${LISTENER}<salesforce:query config-ref="sf"/><error-handler ref="global"/></flow>`,
      ),
    },
    {
      name: "the app's default error handler (configuration defaultErrorHandler-ref)",
      files: {
        'app/src/main/mule/global.xml': mule(
          '<configuration defaultErrorHandler-ref="dh"/><error-handler name="dh"><on-error-propagate type="SALESFORCE:*"/></error-handler>',
        ),
        'app/src/main/mule/api.xml': mule(`${sfConfig()}<flow name="api">${LISTENER}<salesforce:query config-ref="sf"/></flow>`),
      },
    },
    {
      name: 'a reused top-level on-error (on-error ref)',
      files: mule(
        `${sfConfig()}<on-error-propagate name="sfErr" type="SALESFORCE:CONNECTIVITY"/><flow name="api">${LISTENER}<salesforce:query config-ref="sf"/><error-handler><on-error ref="sfErr"/></error-handler></flow>`,
      ),
    },
    {
      name: 'a flow with no source and no caller (its caller is unknown)',
      files: mule(`${sfConfig()}<flow name="lib"><salesforce:query config-ref="sf"/></flow>`),
    },
    {
      name: 'an error mapping to an app type that is handled',
      files: flow(
        '<salesforce:query config-ref="sf"><error-mapping sourceType="SALESFORCE:CONNECTIVITY" targetType="APP:SF_DOWN"/></salesforce:query>',
        '<error-handler><on-error-propagate type="APP:SF_DOWN"/></error-handler>',
      ),
    },
    {
      name: 'RETRY_EXHAUSTED after until-successful is handled',
      files: flow(
        '<until-successful maxRetries="2"><salesforce:query config-ref="sf"/></until-successful>',
        '<error-handler><on-error-propagate type="MULE:RETRY_EXHAUSTED"/></error-handler>',
      ),
    },
    {
      name: 'the handler type comes from a property file',
      files: {
        'app/src/main/mule/api.xml': flow('<salesforce:query config-ref="sf"/>', '<error-handler><on-error-propagate type="${sf.errors}"/></error-handler>'),
        'app/src/main/resources/app.properties': 'sf.errors=SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT\n',
      },
    },
    { name: 'an async scope does not propagate to the caller', files: flow('<async><salesforce:query config-ref="sf"/></async>') },
    { name: 'a fake operation is not analysed (unknown-salesforce-element reports it)', files: flow('<salesforce:invalidate-connection config-ref="sf"/>') },
    // 1. After a bounded reconnection the failure is still SALESFORCE:CONNECTIVITY (possibly RETRY_EXHAUSTED).
    {
      name: 'with reconnection, the documented SALESFORCE:CONNECTIVITY handler handles the session failure',
      files: flow(
        '<salesforce:query config-ref="sf"/>',
        '<error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/></error-handler>',
        SCHEDULER,
        sfConfig('sf', RECONNECT),
      ),
    },
    {
      name: 'with reconnection, a SALESFORCE:RETRY_EXHAUSTED handler handles it too',
      files: flow(
        '<salesforce:query config-ref="sf"/>',
        '<error-handler><on-error-propagate type="SALESFORCE:RETRY_EXHAUSTED"/></error-handler>',
        SCHEDULER,
        sfConfig('sf', RECONNECT),
      ),
    },
    // 2. What the app does not define is unknown: it may match.
    {
      name: 'an error-handler ref to a handler imported from a library',
      files: flow('<salesforce:query config-ref="sf"/>', '<error-handler ref="global-error-handler"/>', SCHEDULER),
    },
    {
      name: 'an on-error ref to a handler imported from a library',
      files: flow('<salesforce:query config-ref="sf"/>', '<error-handler><on-error ref="shared-sf-errors"/></error-handler>', SCHEDULER),
    },
    {
      name: 'a default error handler that the app does not define (a domain or an imported file)',
      files: mule(
        `<configuration defaultErrorHandler-ref="domainErrors"/>${sfConfig()}<flow name="api">${SCHEDULER}<salesforce:query config-ref="sf"/></flow>`,
      ),
    },
    {
      name: 'a connection from an imported file may have reconnection: its RETRY_EXHAUSTED handler may be the one that matches',
      files: mule(
        `<import file="global-salesforce.xml"/><flow name="api">${SCHEDULER}<salesforce:query config-ref="importedSf"/><error-handler><on-error-propagate type="SALESFORCE:RETRY_EXHAUSTED"/></error-handler></flow>`,
      ),
    },
    {
      name: 'config-ref names an element of the app that is not a Salesforce connection: the app never deploys, nothing fails at run time',
      files: notSalesforceConfig,
    },
  ],
  invalid: [
    {
      name: "a listener with its own <http:error-response>: the caller gets that, not MuleSoft's default",
      files: ownErrorResponse,
      findings: [
        {
          ...at(ownErrorResponse, '<salesforce:query'),
          severity: 'info',
          message: "<salesforce:query> in 'api' fails unhandled when the session expires: the HTTP caller gets the listener's own error response",
          detail:
            "A Salesforce session failure from <salesforce:query> (SALESFORCE:CONNECTIVITY) escapes flow 'api', started by <http:listener>: it has no error handler. Mule's default handling logs it and the HTTP caller gets the listener's own <http:error-response> (status #[vars.httpStatus default 500], body #[payload]), which it may retry.",
        },
      ],
    },
    {
      name: 'listeners with and without their own <http:error-response> behind one handler',
      files: ownAndDefault,
      findings: [
        {
          ...at(ownAndDefault, '<error-handler'),
          severity: 'info',
          message: 'Salesforce session failures of 2 operations escape through this default error handler: the HTTP caller gets an error response',
          detail:
            "They escape flows 'a', 'b' through this default error handler, which has no on-error matching SALESFORCE:CONNECTIVITY: Mule's default handling logs it and the HTTP caller gets the listener's default error response (status 500, the error description as its body) or the listener's own <http:error-response> (status #[vars.httpStatus default 500], body #[payload]), which it may retry. Handle them once here (log, classify, answer or park the message).",
        },
      ],
    },
    {
      name: 'an OAuth authorization-code connection fails for good only when its token can no longer be refreshed',
      files: authorizationCode,
      findings: [
        {
          ...at(authorizationCode, '<salesforce:query'),
          message: "<salesforce:query> in 'api' fails unhandled when its OAuth token can no longer be refreshed: the scheduled run ends and nothing alerts",
        },
      ],
    },
    {
      name: 'a failure that escapes as MULE:RETRY_EXHAUSTED is one that outlasted the retries',
      files: exhaustedRetries,
      findings: [
        {
          ...at(exhaustedRetries, '<salesforce:query'),
          message: "<salesforce:query> in 'api' fails unhandled when the session expires: the scheduled run ends and nothing alerts",
          detail:
            "A Salesforce session failure from <salesforce:query> (SALESFORCE:CONNECTIVITY, escaping as MULE:RETRY_EXHAUSTED) escapes flow 'api', started by <scheduler>: its error handler has no on-error matching MULE:RETRY_EXHAUSTED (until-successful raises MULE:RETRY_EXHAUSTED once its retries are spent: an expired session is retried on a new login, so what gets this far is a failure that outlasts the retries, such as a revoked token, a changed password or a frozen user). Mule's default handling logs it and the scheduled run ends: its work waits for the next run and nothing alerts.",
        },
      ],
    },
    {
      name: 'no handler anywhere (request-response: info)',
      files: noHandler,
      findings: [
        {
          ...at(noHandler, '<salesforce:query'),
          severity: 'info',
          message: "<salesforce:query> in 'api' fails unhandled when the session expires: the HTTP caller gets the listener's default 500 response",
          detail:
            "A Salesforce session failure from <salesforce:query> (SALESFORCE:CONNECTIVITY) escapes flow 'api', started by <http:listener>: it has no error handler. Mule's default handling logs it and the HTTP caller gets the listener's default error response (status 500, the error description as its body), which it may retry.",
          related: ["flow 'api' starts here"],
          suggestions: [
            {
              title: 'Wrap in a try',
              output: noHandler.replace(
                '  <salesforce:query config-ref="sf"/>',
                `  <try>\n    <salesforce:query config-ref="sf"/>\n    <error-handler>\n      <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">\n        <logger level="ERROR" message="#['Salesforce session failure: ' ++ (error.description default '')]"/>\n      </on-error-propagate>\n    </error-handler>\n  </try>`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'requestResponseSeverity raises HTTP paths to a warning',
      files: noHandler,
      options: { requestResponseSeverity: 'warning' },
      findings: [{ ...at(noHandler, '<salesforce:query'), severity: 'warning' }],
    },
    { name: 'a when condition may not match', files: whenOnly, findings: [{ ...at(whenOnly, '<salesforce:query'), related: 2 }] },
    {
      name: 'a handler for other types',
      files: wrongType,
      findings: [{ ...at(wrongType, '<salesforce:query'), detail: 'its error handler has no on-error matching SALESFORCE:CONNECTIVITY', related: 2 }],
    },
    {
      name: 'until-successful turns the failure into MULE:RETRY_EXHAUSTED',
      files: untilOutside,
      findings: [{ ...at(untilOutside, '<salesforce:query'), detail: '(SALESFORCE:CONNECTIVITY, escaping as MULE:RETRY_EXHAUSTED)' }],
    },
    // 1. Without reconnection the failure is SALESFORCE:CONNECTIVITY only.
    {
      name: 'without reconnection a SALESFORCE:RETRY_EXHAUSTED handler does not match',
      files: retryExhaustedOnly,
      findings: [{ ...at(retryExhaustedOnly, '<salesforce:query'), detail: 'no on-error matching SALESFORCE:CONNECTIVITY' }],
    },
    // 5. Say what really happens, by source.
    {
      name: 'a scheduler run is lost silently (warning)',
      files: scheduled,
      findings: [
        {
          ...at(scheduled, '<salesforce:query'),
          severity: 'warning',
          message: "<salesforce:query> in 'api' fails unhandled when the session expires: the scheduled run ends and nothing alerts",
          detail: 'the scheduled run ends: its work waits for the next run and nothing alerts',
        },
      ],
    },
    {
      name: 'a queue listener redelivers or drops the message (warning)',
      files: vmListener,
      findings: [
        {
          ...at(vmListener, '<salesforce:create'),
          severity: 'warning',
          message: "<salesforce:create> in 'api' fails unhandled when the session expires: the message is redelivered or dropped and nothing alerts",
          detail: "redelivered or dropped by the listener's acknowledgement settings",
        },
      ],
    },
    {
      name: 'a sub-flow is inlined at every caller: one caller is unsafe',
      files: subFlowTwoCallers,
      findings: [
        {
          ...at(subFlowTwoCallers, '<salesforce:query'),
          severity: 'warning',
          message: "<salesforce:query> in 'load' fails unhandled when the session expires: the scheduled run ends and nothing alerts",
          detail: "escapes flow 'unsafe', started by <scheduler> (through 1 call)",
          related: ["called from 'unsafe'", "flow 'unsafe' starts here"],
        },
      ],
    },
    {
      name: 'APIkit routes requests to implementation flows in other files',
      files: apikitOne,
      findings: [
        {
          path: 'app/src/main/mule/impl.xml',
          ...at(apikitOne['app/src/main/mule/impl.xml'], '<salesforce:query'),
          message: "<salesforce:query> in 'get:\\accounts:cfg' fails unhandled",
          detail: "escapes flow 'main', started by <http:listener> (through 1 call)",
          related: ["routed here by the APIkit router in 'main'", "flow 'main' starts here", 'this error handler has no on-error'],
        },
      ],
    },
    // 4. One root cause, one finding.
    {
      name: 'three operations behind one APIkit handler: one finding at the handler',
      files: apikit,
      findings: [
        {
          path: 'app/src/main/mule/api.xml',
          ...at(apikit['app/src/main/mule/api.xml'], '<error-handler'),
          severity: 'info',
          message: "Salesforce session failures of 3 operations escape through this error handler: the HTTP caller gets the listener's default 500 response",
          detail:
            "They escape flow 'main' through this error handler, which has no on-error matching SALESFORCE:CONNECTIVITY: Mule's default handling logs it and the HTTP caller gets the listener's default error response (status 500, the error description as its body), which it may retry. Handle them once here (log, classify, answer or park the message).",
          related: ["<salesforce:query> in 'get:\\accounts:cfg' (through 1 call)", '<salesforce:create>', '<salesforce:query>', "flow 'main' starts here"],
        },
      ],
    },
    {
      name: 'two operations behind one handler: one finding at the handler, with a suggestion for it',
      files: twoOpsOneHandler,
      findings: [
        {
          ...at(twoOpsOneHandler, '<error-handler'),
          severity: 'warning',
          message: 'Salesforce session failures of 2 operations escape through this error handler: the scheduled run ends and nothing alerts',
          related: ["<salesforce:query> in 'api'", "<salesforce:update> in 'api'", "flow 'api' starts here"],
          suggestions: [
            {
              title: 'Add an on-error-propagate',
              output: twoOpsOneHandler.replace(
                '<error-handler>\n',
                `<error-handler>\n    <on-error-propagate type="SALESFORCE:CONNECTIVITY">\n      <logger level="ERROR" message="#['Salesforce session failure: ' ++ (error.description default '')]"/>\n    </on-error-propagate>\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'two operations behind a referenced global handler: one finding at the reference, no edit of the shared handler offered',
      files: twoOpsGlobalHandler,
      findings: [{ ...at(twoOpsGlobalHandler, '<error-handler', 1), message: 'Salesforce session failures of 2 operations', suggestions: [] }],
    },
    {
      name: 'a long flow name leaves no room for the consequence in the message: the detail still says it',
      files: longFlowName,
      findings: [
        {
          ...at(longFlowName, '<salesforce:query'),
          message: /^<salesforce:query> in 'get:\\accounts\\\(accountId\)\\contacts:accounts-sfdc-system-api-config' fails unhandled when the session expires$/,
          detail: "the HTTP caller gets the listener's default error response (status 500, the error description as its body), which it may retry",
        },
      ],
    },
    {
      name: 'two flows escaping through the default handler: one finding there, the flows and what happens in each in the detail',
      files: twoFlowsDefaultHandler,
      findings: [
        {
          ...at(twoFlowsDefaultHandler, '<error-handler'),
          severity: 'warning',
          // Two kinds of source: what happens differs, so the message leaves it to the detail.
          message: /^Salesforce session failures of 2 operations escape through this default error handler$/,
          detail:
            "They escape flows 'a', 'b' through this default error handler, which has no on-error matching SALESFORCE:CONNECTIVITY: Mule's default handling logs it and the HTTP caller gets the listener's default error response (status 500, the error description as its body), which it may retry; the scheduled run ends: its work waits for the next run and nothing alerts. Handle them once here",
          related: ["<salesforce:query> in 'a'", "<salesforce:update> in 'b'", "flow 'a' starts here", "flow 'b' starts here"],
        },
      ],
    },
    {
      name: 'two operations in a flow without handler: one finding at the flow',
      files: twoOpsNoHandler,
      findings: [
        {
          ...at(twoOpsNoHandler, '<flow'),
          message: 'Salesforce session failures of 2 operations escape this flow, which has no error handler: the scheduled run ends and nothing alerts',
          detail:
            /^They escape flow 'api', which has no error handler: Mule's default handling logs it and the scheduled run ends: its work waits for the next run and nothing alerts\. Handle them once here/,
          related: 3,
        },
      ],
    },
  ],
});
