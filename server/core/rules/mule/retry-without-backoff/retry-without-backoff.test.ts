import { at, mule, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LISTENER = '<http:listener config-ref="l" path="/"/>';
const until = (ms: string) =>
  mule(
    `${sfConfig()}\n<flow name="f">\n  ${LISTENER}\n  <until-successful maxRetries="3" millisBetweenRetries="${ms}"><salesforce:query config-ref="sf"/></until-successful>\n</flow>`,
  );
const fastReconnect = mule(sfConfig('sf', '<reconnection><reconnect frequency="100" count="3"/></reconnection>'));
const fastUntil = until('200');
const fromProps = {
  'app/src/main/mule/main.xml': mule(sfConfig('sf', '<reconnection><reconnect frequency="${sf.freq}" count="3"/></reconnection>')),
  'app/src/main/resources/app.properties': 'sf.freq=250\n',
};

ruleTests('mule/retry-without-backoff', {
  valid: [
    { name: 'seconds apart', files: until('5000') },
    {
      name: 'defaults (60 s for until-successful, 2 s for reconnect)',
      files: mule(
        `${sfConfig('sf', '<reconnection><reconnect count="3"/></reconnection>')}<flow name="f">${LISTENER}<until-successful maxRetries="3"><salesforce:query config-ref="sf"/></until-successful></flow>`,
      ),
    },
    { name: 'the minimum is an option', files: until('500'), options: { minDelayMs: 250 } },
    {
      name: 'until-successful around something else',
      files: mule(`<flow name="f">${LISTENER}<until-successful millisBetweenRetries="10"><http:request config-ref="h"/></until-successful></flow>`),
    },
  ],
  invalid: [
    {
      name: 'reconnect frequency below a second',
      files: fastReconnect,
      findings: [
        {
          ...at(fastReconnect, '100'),
          message: "The reconnection strategy of Salesforce connection 'sf' retries 100 ms apart: every worker logs in to Salesforce again almost at once",
          detail: 'which hits login rate limits and can lock the integration user. Wait at least 1000 ms (seconds are better) between attempts.',
          suggestions: [{ title: 'Wait 5000 ms', output: fastReconnect.replace('frequency="100"', 'frequency="5000"') }],
        },
      ],
    },
    {
      name: 'until-successful millisBetweenRetries below a second',
      files: fastUntil,
      findings: [
        {
          ...at(fastUntil, '200'),
          message: 'until-successful around a Salesforce call retries 200 ms apart',
          suggestions: [{ title: 'Wait 5000 ms', output: until('5000') }],
        },
      ],
    },
    {
      name: 'a delay from a property',
      files: fromProps,
      findings: [
        {
          ...at(fromProps['app/src/main/mule/main.xml'], '${sf.freq}'),
          message: /retries 250 ms apart: every worker/,
          detail: /^\$\{sf\.freq\} resolves to 250\. Every worker/,
          suggestions: [],
        },
      ],
    },
  ],
});
