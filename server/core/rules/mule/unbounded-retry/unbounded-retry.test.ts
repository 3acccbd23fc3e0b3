import { at, mule, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const forever = mule(sfConfig('sf', '<reconnection><reconnect-forever frequency="5000"/></reconnection>'));
const SFC = 'xmlns:salesforce-composite="http://www.mulesoft.org/schema/mule/salesforce-composite"';
/** A Salesforce Composite connection and operation, each retrying for ever (the connector logs in to the same org). */
const compositeForever = mule(`
  <salesforce-composite:composite-config ${SFC} name="composite">
    <salesforce-composite:oauth-user-pass-connection consumerKey="k" consumerSecret="s" username="u" password="p">
      <reconnection><reconnect-forever/></reconnection>
    </salesforce-composite:oauth-user-pass-connection>
  </salesforce-composite:composite-config>
  <flow name="f">
    ${LISTENER}
    <salesforce-composite:execute-composite-request ${SFC} config-ref="composite"><reconnect-forever/></salesforce-composite:execute-composite-request>
  </flow>`);
const opForever = mule(
  `${sfConfig()}<flow name="f">${LISTENER}<salesforce:query config-ref="sf"><reconnect-forever></reconnect-forever></salesforce:query></flow>`,
);
/** An until-successful that classifies (so that mule/blind-session-retry has nothing to say about it). */
const until = (max: string, millis = '5000') =>
  mule(
    `${sfConfig()}\n<flow name="f">\n  ${LISTENER}\n  <until-successful maxRetries="${max}" millisBetweenRetries="${millis}"><try><salesforce:query config-ref="sf"/><error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/><on-error-continue type="ANY"><logger level="ERROR" message="#[error.description]"/></on-error-continue></error-handler></try></until-successful>\n</flow>`,
  );
const absurd = until('10000');
const negative = until('-1');
const defaults = mule(
  `${sfConfig()}<flow name="f">${LISTENER}<until-successful><try><salesforce:query config-ref="sf"/><error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"/><on-error-continue type="ANY"><logger level="ERROR" message="#[error.description]"/></on-error-continue></error-handler></try></until-successful></flow>`,
);
const loop = mule(`
  ${sfConfig()}
  <flow name="sync">
    <scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>
    <flow-ref name="load"/>
    <error-handler>
      <on-error-propagate type="SALESFORCE:CONNECTIVITY">
        <flow-ref name="sync"/>
      </on-error-propagate>
    </error-handler>
  </flow>
  <sub-flow name="load"><salesforce:query config-ref="sf"/></sub-flow>`);
const retriesInBothBranches = loop.replace(
  '<flow-ref name="sync"/>',
  '<choice><when expression="#[vars.attempts &lt; 3]"><flow-ref name="sync"/></when><otherwise><flow-ref name="sync"/></otherwise></choice>',
);
const catchAllLoop = loop.replace('<on-error-propagate type="SALESFORCE:CONNECTIVITY">', '<on-error-propagate>');
const fromProps = {
  'app/src/main/mule/main.xml': until('${retries}', '60000'),
  'app/src/main/resources/dev.yaml': 'retries: "5"\n',
  'app/src/main/resources/prod.yaml': 'retries: "500"\n',
};

ruleTests('mule/unbounded-retry', {
  valid: [
    { name: 'bounded reconnect', files: mule(sfConfig('sf', '<reconnection><reconnect frequency="5000" count="3"/></reconnection>')) },
    { name: 'a sensible maxRetries', files: until('5') },
    { name: 'the limit is an option', files: until('80', '60000'), options: { maxTotalRetryMs: 5 * 3_600_000 } },
    // 8. The budget is maxRetries × millisBetweenRetries: 180 tries 1 s apart is a bulk-job poll.
    { name: '180 tries 1 s apart is a bounded poll', files: until('180', '1000') },
    { name: "Mule's defaults (5 retries, 60 s apart)", files: defaults },
    {
      name: 'an until-successful that retries everything is left to mule/blind-session-retry',
      files: mule(`${sfConfig()}<flow name="f">${LISTENER}<until-successful maxRetries="10000"><salesforce:query config-ref="sf"/></until-successful></flow>`),
    },
    // 3. Counter guards as people write them.
    {
      name: 'the retry in the otherwise of a choice whose when tests the counter and stops',
      files: loop.replace(
        '<flow-ref name="sync"/>',
        '<choice><when expression="#[vars.attempts &gt;= 3]"><raise-error type="APP:GIVE_UP"/></when><otherwise><flow-ref name="sync"/></otherwise></choice>',
      ),
    },
    {
      name: 'a counter kept in an object store',
      files: loop.replace(
        '<flow-ref name="sync"/>',
        '<os:retrieve key="sync-attempts" objectStore="attempts"><os:default-value>#[0]</os:default-value></os:retrieve><choice><when expression="#[payload &lt; 3]"><flow-ref name="sync"/></when></choice>',
      ),
    },
    {
      name: 'an attempt variable kept by an until-successful',
      files: loop.replace(
        '<flow-ref name="sync"/>',
        '<choice><when expression="#[(vars.untilAttempt default 0) &lt; 5]"><flow-ref name="sync"/></when></choice>',
      ),
    },
    { name: 'unresolvable maxRetries is not guessed at', files: until('${secure::retries}') },
    {
      name: 'a loop guarded by an attempt counter',
      files: loop.replace('<flow-ref name="sync"/>', '<choice><when expression="#[vars.attempts &lt; 3]"><flow-ref name="sync"/></when></choice>'),
    },
    {
      name: 'until-successful around something else',
      files: mule(`<flow name="f">${LISTENER}<until-successful maxRetries="1000"><http:request config-ref="h"/></until-successful></flow>`),
    },
  ],
  invalid: [
    {
      name: 'reconnect-forever on the connection',
      files: forever,
      findings: [
        {
          ...at(forever, '<reconnect-forever'),
          severity: 'error',
          message:
            "reconnect-forever on Salesforce connection 'sf' retries forever when the session cannot be re-established, and the flow never fails or alerts",
          detail:
            /^When a revoked token, an expired password or an IP restriction keeps the session from being re-established.* Use <reconnect count="\.\."\/> so the failure surfaces\.$/,
          suggestions: [{ title: 'Give up after 5 attempts', output: forever.replace('<reconnect-forever frequency', '<reconnect count="5" frequency') }],
        },
      ],
    },
    {
      name: 'reconnect-forever on an operation, with an end tag',
      files: opForever,
      findings: [
        {
          ...at(opForever, '<reconnect-forever'),
          message: 'on <salesforce:query>',
          suggestions: [{ title: 'Give up', output: opForever.replace('<reconnect-forever></reconnect-forever>', '<reconnect count="5"></reconnect>') }],
        },
      ],
    },
    {
      name: 'reconnect-forever on a Salesforce Composite connection and operation',
      files: compositeForever,
      findings: [
        { ...at(compositeForever, '<reconnect-forever'), message: "reconnect-forever on Salesforce Composite connection 'composite' retries forever" },
        { ...at(compositeForever, '<reconnect-forever', 1), message: 'reconnect-forever on <salesforce-composite:execute-composite-request> retries forever' },
      ],
    },
    {
      name: 'an absurd maxRetries',
      files: absurd,
      findings: [
        {
          ...at(absurd, '10000'),
          message:
            'This until-successful around a Salesforce call retries up to 10000 times 5 s apart, 13.9 h in all (limit 1 h): a dead session holds the message that long',
          detail: 'A dead session holds the message that long before anyone hears of it. Retry a few times, seconds to minutes apart.',
          suggestions: [{ title: 'Retry at most 5 times', output: until('5') }],
        },
      ],
    },
    { name: 'a negative maxRetries', files: negative, findings: [{ ...at(negative, '-1'), message: 'maxRetries=-1, which is not a count' }] },
    {
      name: 'one environment resolves to an absurd value',
      files: fromProps,
      findings: [
        {
          ...at(fromProps['app/src/main/mule/main.xml'], '${retries}'),
          message: 'retries up to 500 times 60 s apart, 8.3 h in all (limit 1 h)',
          detail: /^\$\{retries\} resolves to 5 or 500\. A dead session/,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a counter tested in a when that retries as well does not stop the loop',
      files: retriesInBothBranches,
      findings: [{ ...at(retriesInBothBranches, '<flow-ref', 2), message: "runs 'sync' again" }],
    },
    {
      name: 'an error handler that loops back without a counter',
      files: loop,
      findings: [
        {
          ...at(loop, '<flow-ref', 1),
          message: "runs 'sync' again",
          detail: "'sync' leads back to 'sync', with no counter guarding it: if the Salesforce session cannot be restored",
          related: ['starts the loop'],
        },
      ],
    },
    {
      name: 'a loop that catches every error says so (mule/blind-session-retry leaves it to this rule)',
      files: catchAllLoop,
      findings: [
        {
          ...at(catchAllLoop, '<flow-ref', 1),
          message: "This error handler runs 'sync' again with no counter guarding it, so a dead session loops until the stack or the worker gives out",
          detail: /no counter guarding it.*It catches every error/,
        },
      ],
    },
  ],
});
