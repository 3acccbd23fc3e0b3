import { at, mule, RECONNECT, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const flow = (body: string, handler = '') => mule(`${sfConfig()}\n<flow name="api">\n  ${LISTENER}\n  ${body}\n  ${handler}\n</flow>`);

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
const reconnectOnly = mule(
  `${sfConfig('sf', RECONNECT)}\n<flow name="api">\n  ${LISTENER}\n  <salesforce:query config-ref="sf"/>\n  <error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/></error-handler>\n</flow>`,
);

const subFlowTwoCallers = mule(`
  ${sfConfig()}
  <sub-flow name="load"><salesforce:query config-ref="sf"/></sub-flow>
  <flow name="safe">
    ${LISTENER}
    <flow-ref name="load"/>
    <error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/></error-handler>
  </flow>
  <flow name="unsafe">
    <scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>
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
    <flow name="get:\\accounts:cfg"><salesforce:query config-ref="sf"/></flow>`),
};

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
  ],
  invalid: [
    {
      name: 'no handler anywhere',
      files: noHandler,
      findings: [
        {
          ...at(noHandler, '<salesforce:query'),
          message: "(SALESFORCE:CONNECTIVITY) reaches no matching error handler when flow 'api' runs from <http:listener>: it has no error handler",
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
    { name: 'a when condition may not match', files: whenOnly, findings: [{ ...at(whenOnly, '<salesforce:query'), related: 2 }] },
    {
      name: 'a handler for other types',
      files: wrongType,
      findings: [{ ...at(wrongType, '<salesforce:query'), message: 'its error handler has no on-error matching SALESFORCE:CONNECTIVITY', related: 2 }],
    },
    {
      name: 'until-successful turns the failure into MULE:RETRY_EXHAUSTED',
      files: untilOutside,
      findings: [{ ...at(untilOutside, '<salesforce:query'), message: 'seen there as MULE:RETRY_EXHAUSTED' }],
    },
    {
      name: 'with reconnection the failure surfaces as SALESFORCE:RETRY_EXHAUSTED',
      files: reconnectOnly,
      findings: [{ ...at(reconnectOnly, '<salesforce:query'), message: '(SALESFORCE:RETRY_EXHAUSTED)' }],
    },
    {
      name: 'a sub-flow is inlined at every caller: one caller is unsafe',
      files: subFlowTwoCallers,
      findings: [
        {
          ...at(subFlowTwoCallers, '<salesforce:query'),
          message: "flow 'unsafe' runs from <scheduler> (through 1 call)",
          related: ["called from 'unsafe'", "flow 'unsafe' starts here"],
        },
      ],
    },
    {
      name: 'APIkit routes requests to implementation flows in other files',
      files: apikit,
      findings: [
        {
          path: 'app/src/main/mule/impl.xml',
          ...at(apikit['app/src/main/mule/impl.xml'], '<salesforce:query'),
          message: "flow 'main' runs from <http:listener>",
          related: ["routed here by the APIkit router in 'main'", "flow 'main' starts here", 'this error handler has no on-error'],
        },
      ],
    },
  ],
});
