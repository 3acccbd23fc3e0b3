import { at, mule, RECONNECT, sfConfig } from '../../../../../test/support/fixtures';
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

const STATUS_LISTENER = '<http:listener config-ref="l" path="/"><http:response statusCode="#[vars.httpStatus default 200]"/></http:listener>';
const httpFlow = (handler: string, listener = STATUS_LISTENER) =>
  mule(`
    ${sfConfig()}
    <flow name="api">
      ${listener}
      <salesforce:query config-ref="sf"/>
      <error-handler>
        ${handler}
      </error-handler>
    </flow>`);
const errorResponse =
  '<on-error-continue type="ANY"><set-variable variableName="httpStatus" value="503"/><set-payload value="#[{ error: error.description }]"/></on-error-continue>';
const answers200 = httpFlow(
  '<on-error-continue type="ANY"><set-variable variableName="httpStatus" value="200"/><set-payload value="#[{ error: error.description }]"/></on-error-continue>',
);
const statusNotUsed = httpFlow(errorResponse, LISTENER);
const withReconnection = mule(`
  ${sfConfig('sf', RECONNECT)}
  <flow name="sync">
    <vm:listener config-ref="vm" queueName="orders"/>
    <try>
      <salesforce:create config-ref="sf" type="Order__c"/>
      <error-handler><on-error-continue type="SALESFORCE:CONNECTIVITY"/></error-handler>
    </try>
  </flow>`);
const twoOps = withHandler(
  '<on-error-continue type="ANY" logException="false"/>',
  '<salesforce:query config-ref="sf"/>\n      <salesforce:update config-ref="sf" type="Account"/>',
);

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
    // 2. A flow the app does not define (an imported library) may log or park the message.
    {
      name: 'the handler hands over to a flow from an imported library',
      files: withHandler('<on-error-continue type="ANY"><flow-ref name="common-error-flow"/></on-error-continue>'),
    },
    // 6. An HTTP error response tells the caller: not a swallow.
    { name: 'an HTTP error status the listener answers with, and the error in the payload', files: httpFlow(errorResponse) },
    {
      name: 'the status set in a Transform Message, as APIkit scaffolds it',
      files: httpFlow(
        '<on-error-continue type="ANY"><ee:transform><ee:message><ee:set-payload><![CDATA[%dw 2.0\noutput application/json\n---\n{ message: error.description }]]></ee:set-payload></ee:message><ee:variables><ee:set-variable variableName="httpStatus"><![CDATA[500]]></ee:set-variable></ee:variables></ee:transform></on-error-continue>',
      ),
    },
    {
      name: "a try's continue followed by a step that answers with an error status",
      files: mule(`
        ${sfConfig()}
        <flow name="api">
          ${STATUS_LISTENER}
          <try>
            <salesforce:create config-ref="sf" type="Account"/>
            <error-handler><on-error-continue/></error-handler>
          </try>
          <choice>
            <when expression="#[payload.successful == true]"><set-payload value="created"/></when>
            <otherwise><set-variable variableName="httpStatus" value="500"/><set-payload value="#[{ message: 'create error' }]"/></otherwise>
          </choice>
        </flow>`),
    },
  ],
  invalid: [
    {
      name: 'an empty on-error-continue for the session failure',
      files: empty,
      findings: [
        {
          ...at(empty, '<on-error-continue'),
          message:
            "This on-error-continue catches the Salesforce session failure of <salesforce:query> in 'api' and completes the flow as if the call had succeeded",
          detail:
            "The failure arrives here as SALESFORCE:CONNECTIVITY: the handler does not raise, route, store or log it, nor answer an HTTP caller with an error status, and Mule's own log line (logException) is the only trace. Log the failure with its error and let it propagate, or record what must be recovered.",
          related: ["the session failure of <salesforce:query> in 'api' comes from here"],
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
    // 6. Answering 200, or setting a status the listener does not use, still hides the failure.
    { name: 'an HTTP 200 with the error in the payload', files: answers200, findings: [{ ...at(answers200, '<on-error-continue') }] },
    { name: 'an error status the listener never reads', files: statusNotUsed, findings: [{ ...at(statusNotUsed, '<on-error-continue') }] },
    // 1. With a bounded reconnection the failure still arrives as SALESFORCE:CONNECTIVITY.
    {
      name: 'with reconnection, a continue for SALESFORCE:CONNECTIVITY swallows the session failure',
      files: withReconnection,
      findings: [
        {
          ...at(withReconnection, '<on-error-continue'),
          message: "<salesforce:create> in 'sync' and completes",
          detail: 'The failure arrives here as SALESFORCE:CONNECTIVITY:',
        },
      ],
    },
    // 4. One handler, one finding: every operation is a related location.
    {
      name: 'two operations swallowed by the same continue: one finding with both',
      files: twoOps,
      findings: [
        {
          ...at(twoOps, '<on-error-continue'),
          message: 'This on-error-continue catches the Salesforce session failures of 2 operations and completes the flow as if the call had succeeded',
          detail:
            /^The failures arrive here as SALESFORCE:CONNECTIVITY: the handler does not raise, route, store or log them, .*logException="false" not even Mule's own log line/,
          related: ["<salesforce:query> in 'api' comes from here", "<salesforce:update> in 'api' comes from here"],
        },
      ],
    },
    {
      name: 'a when-guarded continue inside a try may catch it',
      files: insideTry,
      findings: [{ ...at(insideTry, '<on-error-continue'), message: '<salesforce:create>' }],
    },
  ],
});
