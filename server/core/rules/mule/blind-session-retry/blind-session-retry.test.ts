import { at, mule, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const inFlow = (body: string) => mule(`${sfConfig()}\n<flow name="api">\n  ${LISTENER}\n  ${body}\n</flow>`);

const bare = inFlow('<until-successful maxRetries="3" millisBetweenRetries="5000">\n    <salesforce:query config-ref="sf"/>\n  </until-successful>');
const anyRethrown = inFlow(
  '<until-successful maxRetries="3"><try><salesforce:query config-ref="sf"/><error-handler><on-error-propagate type="ANY"><logger level="WARN"/></on-error-propagate></error-handler></try></until-successful>',
);
const viaSubFlow = mule(
  `${sfConfig()}\n<sub-flow name="load"><salesforce:query config-ref="sf"/></sub-flow>\n<flow name="api">\n  ${LISTENER}\n  <until-successful maxRetries="3"><flow-ref name="load"/></until-successful>\n</flow>`,
);
const loop = mule(`
  ${sfConfig()}
  <flow name="sync">
    <scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>
    <salesforce:query config-ref="sf"/>
    <error-handler>
      <on-error-continue>
        <choice><when expression="#[vars.attempts &lt; 3]"><flow-ref name="sync"/></when></choice>
      </on-error-continue>
    </error-handler>
  </flow>`);
const unguardedLoop = loop.replace('<choice><when expression="#[vars.attempts &lt; 3]"><flow-ref name="sync"/></when></choice>', '<flow-ref name="sync"/>');

ruleTests('mule/blind-session-retry', {
  valid: [
    {
      name: 'a try that classifies: retry transient types, stop on the rest',
      files: inFlow(
        '<until-successful maxRetries="3"><try><salesforce:query config-ref="sf"/><error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT"/><on-error-continue type="ANY"><logger level="ERROR"/></on-error-continue></error-handler></try></until-successful>',
      ),
    },
    {
      name: 'a when condition classifies',
      files: inFlow(
        '<until-successful maxRetries="3"><try><salesforce:query config-ref="sf"/><error-handler><on-error-continue when="#[error.errorType.identifier != \'CONNECTIVITY\']"><logger level="ERROR"/></on-error-continue></error-handler></try></until-successful>',
      ),
    },
    {
      name: 'until-successful without Salesforce inside',
      files: inFlow('<until-successful maxRetries="3"><http:request config-ref="h" path="/"/></until-successful>'),
    },
    { name: 'a loop handler restricted to transient types', files: loop.replace('<on-error-continue>', '<on-error-continue type="SALESFORCE:CONNECTIVITY">') },
    // 8. One loop, one finding: a loop with no counter is mule/unbounded-retry's (it says it catches everything).
    { name: 'a loop with no counter is left to mule/unbounded-retry', files: unguardedLoop },
  ],
  invalid: [
    {
      name: 'a retry budget that differs by environment is given as a range',
      files: {
        'app/src/main/mule/main.xml': bare.replace(
          'maxRetries="3" millisBetweenRetries="5000"',
          'maxRetries="${poll.tries}" millisBetweenRetries="${poll.ms}"',
        ),
        'app/src/main/resources/dev.yaml': 'poll:\n  tries: "3"\n  ms: "10000"\n',
        'app/src/main/resources/prod.yaml': 'poll:\n  tries: "3"\n  ms: "30000"\n',
      },
      findings: [{ line: 5, column: 3, message: 'This until-successful retries every error from <salesforce:query> (up to 3 times, 10 to 30 s apart)' }],
    },
    {
      name: 'the retry budget is read through properties',
      files: {
        'app/src/main/mule/main.xml': bare.replace(
          'maxRetries="3" millisBetweenRetries="5000"',
          'maxRetries="${poll.tries}" millisBetweenRetries="${poll.ms}"',
        ),
        'app/src/main/resources/config.yaml': 'poll:\n  tries: "180"\n  ms: "1000"\n',
      },
      findings: [
        {
          line: 5,
          column: 3,
          message: 'This until-successful retries every error from <salesforce:query> (up to 180 times, 1 s apart), including ones a retry cannot fix',
          detail: /^Invalid input, a revoked token, an IP restriction or a per-user credential all fail the same way each time\. Classify first/,
          related: 1,
          suggestions: [
            {
              title: 'retries only transient failures',
              output: {
                'app/src/main/mule/main.xml': bare
                  .replace('maxRetries="3" millisBetweenRetries="5000"', 'maxRetries="${poll.tries}" millisBetweenRetries="${poll.ms}"')
                  .replace(
                    '    <salesforce:query config-ref="sf"/>\n',
                    `    <try>\n      <salesforce:query config-ref="sf"/>\n      <error-handler>\n        <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT, SALESFORCE:UNAVAILABLE, SALESFORCE:COMMUNICATION">\n          <logger level="WARN" message="#['Transient Salesforce failure, retrying: ' ++ (error.description default '')]"/>\n        </on-error-propagate>\n        <on-error-continue type="ANY">\n          <logger level="ERROR" message="#['Salesforce failure a retry cannot fix: ' ++ (error.description default '')]"/>\n          <set-variable variableName="salesforceFailure" value="#[error.description]"/>\n        </on-error-continue>\n      </error-handler>\n    </try>\n`,
                  ),
              },
            },
          ],
        },
      ],
    },
    {
      name: 'until-successful directly around the operation',
      files: bare,
      findings: [
        {
          ...at(bare, '<until-successful'),
          message: 'retries every error from <salesforce:query> (up to 3 times, 5 s apart)',
          detail: 'propagate only transient types (SALESFORCE:CONNECTIVITY, TIMEOUT, UNAVAILABLE, COMMUNICATION)',
          related: ['the retried Salesforce operation'],
          suggestions: [
            {
              title: 'retries only transient failures',
              output: bare.replace(
                '    <salesforce:query config-ref="sf"/>\n',
                `    <try>\n      <salesforce:query config-ref="sf"/>\n      <error-handler>\n        <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT, SALESFORCE:UNAVAILABLE, SALESFORCE:COMMUNICATION">\n          <logger level="WARN" message="#['Transient Salesforce failure, retrying: ' ++ (error.description default '')]"/>\n        </on-error-propagate>\n        <on-error-continue type="ANY">\n          <logger level="ERROR" message="#['Salesforce failure a retry cannot fix: ' ++ (error.description default '')]"/>\n          <set-variable variableName="salesforceFailure" value="#[error.description]"/>\n        </on-error-continue>\n      </error-handler>\n    </try>\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a try that re-throws everything classifies nothing',
      files: anyRethrown,
      findings: [{ ...at(anyRethrown, '<until-successful'), suggestions: [] }],
    },
    { name: 'the operation is in a sub-flow called inside the retry', files: viaSubFlow, findings: [{ ...at(viaSubFlow, '<until-successful') }] },
    {
      name: 'an error handler that runs its own flow again for every error (with a counter)',
      files: loop,
      findings: [
        {
          ...at(loop, '<flow-ref'),
          message: "This error handler catches every error and runs 'sync' again, so a revoked token or IP restriction is retried like a transient failure",
          detail: "'sync' leads back to 'sync' and its Salesforce calls",
          related: ['catches everything'],
        },
      ],
    },
  ],
});
