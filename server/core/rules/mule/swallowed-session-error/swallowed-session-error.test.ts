import { at, mule, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const withHandler = (handler: string, body = '<salesforce:query config-ref="sf"/>') =>
  mule(`
    ${sfConfig()}
    <flow name="api">
      ${LISTENER}
      ${body}
      <error-handler>
        ${handler}
      </error-handler>
    </flow>`);

const empty = withHandler('<on-error-continue type="SALESFORCE:CONNECTIVITY"/>');
const payloadOnly = withHandler('<on-error-continue type="ANY">\n    <set-payload value="#[{}]"/>\n  </on-error-continue>');
const debugOnly = withHandler('<on-error-continue>\n    <logger level="DEBUG" message="x"/>\n  </on-error-continue>');
const insideTry = mule(`
  ${sfConfig()}
  <flow name="api">
    ${LISTENER}
    <try>
      <salesforce:create config-ref="sf" type="Account"/>
      <error-handler><on-error-continue when="#[true]"><set-variable variableName="status" value="500"/></on-error-continue></error-handler>
    </try>
  </flow>`);

ruleTests('mule/swallowed-session-error', {
  valid: [
    {
      name: 'the handler logs at ERROR',
      files: withHandler('<on-error-continue type="ANY"><logger level="ERROR" message="#[error.description]"/></on-error-continue>'),
    },
    {
      name: 'the handler raises a classified error',
      files: withHandler('<on-error-continue type="ANY"><raise-error type="APP:SF_SESSION"/></on-error-continue>'),
    },
    {
      name: 'the handler parks the message on a queue',
      files: withHandler('<on-error-continue type="ANY"><vm:publish config-ref="vm" queueName="dlq"/></on-error-continue>'),
    },
    {
      name: 'the handler stores the error for a later step',
      files: withHandler('<on-error-continue type="ANY"><set-variable variableName="failure" value="#[error]"/></on-error-continue>'),
    },
    {
      name: 'the handler hands over to a flow that alerts',
      files: mule(
        `${sfConfig()}<sub-flow name="alert"><logger level="ERROR" message="alert"/></sub-flow><flow name="api">${LISTENER}<salesforce:query config-ref="sf"/><error-handler><on-error-continue><flow-ref name="alert"/></on-error-continue></error-handler></flow>`,
      ),
    },
    { name: 'on-error-propagate is not swallowing', files: withHandler('<on-error-propagate type="ANY"/>') },
    { name: 'a continue for unrelated types', files: withHandler('<on-error-continue type="HTTP:NOT_FOUND"/><on-error-propagate type="ANY"/>') },
    { name: 'no Salesforce operation reaches it', files: withHandler('<on-error-continue type="ANY"/>', '<logger level="INFO"/>') },
  ],
  invalid: [
    {
      name: 'an empty on-error-continue for the session failure',
      files: empty,
      findings: [
        {
          ...at(empty, '<on-error-continue'),
          message: "from <salesforce:query> in 'api' (as SALESFORCE:CONNECTIVITY)",
          related: ['the session failure comes from here'],
          suggestions: [
            {
              title: 'Log the failure',
              output: empty.replace(
                'type="SALESFORCE:CONNECTIVITY"/>',
                `type="SALESFORCE:CONNECTIVITY">\n      <logger level="ERROR" message="#['Salesforce failure swallowed: ' ++ (error.description default '')]"/>\n    </on-error-continue>`,
              ),
            },
            { title: 'on-error-propagate', output: empty.replace('<on-error-continue', '<on-error-propagate') },
          ],
        },
      ],
    },
    {
      name: 'replacing the payload is not keeping the failure',
      files: payloadOnly,
      findings: [
        {
          ...at(payloadOnly, '<on-error-continue'),
          suggestions: [
            {
              title: 'Log',
              output: payloadOnly.replace(
                'type="ANY">\n',
                `type="ANY">\n        <logger level="ERROR" message="#['Salesforce failure swallowed: ' ++ (error.description default '')]"/>\n`,
              ),
            },
            { title: 'propagate', output: payloadOnly.replace(/on-error-continue/g, 'on-error-propagate') },
          ],
        },
      ],
    },
    { name: 'a DEBUG logger is silent in production', files: debugOnly, findings: [{ ...at(debugOnly, '<on-error-continue') }] },
    {
      name: 'a when-guarded continue inside a try may catch it',
      files: insideTry,
      findings: [{ ...at(insideTry, '<on-error-continue'), message: '<salesforce:create>' }],
    },
  ],
});
