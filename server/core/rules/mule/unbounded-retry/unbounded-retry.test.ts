import { at, mule, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const forever = mule(sfConfig('sf', '<reconnection><reconnect-forever frequency="5000"/></reconnection>'));
const opForever = mule(
  `${sfConfig()}<flow name="f">${LISTENER}<salesforce:query config-ref="sf"><reconnect-forever></reconnect-forever></salesforce:query></flow>`,
);
const until = (max: string) =>
  mule(
    `${sfConfig()}\n<flow name="f">\n  ${LISTENER}\n  <until-successful maxRetries="${max}" millisBetweenRetries="5000"><salesforce:query config-ref="sf"/></until-successful>\n</flow>`,
  );
const absurd = until('10000');
const negative = until('-1');
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
const fromProps = {
  'app/src/main/mule/main.xml': until('${retries}'),
  'app/src/main/resources/dev.yaml': 'retries: "5"\n',
  'app/src/main/resources/prod.yaml': 'retries: "500"\n',
};

ruleTests('mule/unbounded-retry', {
  valid: [
    { name: 'bounded reconnect', files: mule(sfConfig('sf', '<reconnection><reconnect frequency="5000" count="3"/></reconnection>')) },
    { name: 'a sensible maxRetries', files: until('5') },
    { name: 'the ceiling is an option', files: until('80'), options: { maxRetries: 100 } },
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
          message: "reconnect-forever on Salesforce connection 'sf'",
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
      name: 'an absurd maxRetries',
      files: absurd,
      findings: [{ ...at(absurd, '10000'), message: 'maxRetries=10000', suggestions: [{ title: 'Retry at most 5 times', output: until('5') }] }],
    },
    { name: 'a negative maxRetries', files: negative, findings: [{ ...at(negative, '-1'), message: 'without end' }] },
    {
      name: 'one environment resolves to an absurd value',
      files: fromProps,
      findings: [{ ...at(fromProps['app/src/main/mule/main.xml'], '${retries}'), message: 'resolves to 5 or 500', suggestions: [] }],
    },
    {
      name: 'an error handler that loops back without a counter',
      files: loop,
      findings: [{ ...at(loop, '<flow-ref', 1), message: "runs 'sync' again", related: ['starts the loop'] }],
    },
  ],
});
