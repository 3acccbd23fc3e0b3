import { at, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const LOGIN_CONFIG =
  '<http:request-config name="sf-login"><http:request-connection host="login.salesforce.com" port="443" protocol="HTTPS"/></http:request-config>';
const TOKEN = `<http:request method="POST" config-ref="sf-login" path="/services/oauth2/token"><http:body>#[{ grant_type: 'client_credentials', client_id: p('sf.id'), client_secret: p('secure::sf.secret') }]</http:body></http:request>`;
const LISTENER = '<http:listener config-ref="api" path="/orders"/>';
const scheduler = (strategy: string) => `<scheduler><scheduling-strategy>${strategy}</scheduling-strategy></scheduler>`;

/** The login in a sub-flow, called from a flow started by `source`, behind `before`. */
const loginVia = (source: string, before = '', around = (x: string) => x) =>
  mule(`
    ${LOGIN_CONFIG}
    <flow name="orders">
      ${source}
      ${before}
      ${around('<flow-ref name="salesforce-login"/>')}
      <logger level="INFO" message="done"/>
    </flow>
    <sub-flow name="salesforce-login">
      ${TOKEN}
      <set-variable variableName="sfToken" value="#[payload.access_token]"/>
    </sub-flow>`);

const perRequest = loginVia(LISTENER);
const soapPerQueueMessage = mule(`
  ${LOGIN_CONFIG}
  <flow name="consume">
    <vm:listener config-ref="vm" queueName="orders"/>
    <set-payload value="#[output application/xml ns urn urn:partner.soap.sforce.com --- { urn#login: { urn#username: p('sf.user'), urn#password: p('secure::sf.password') } }]"/>
    <http:request method="POST" config-ref="sf-login" path="/services/Soap/u/60.0"/>
  </flow>`);
const everyTenSeconds = loginVia(scheduler('<fixed-frequency frequency="10" timeUnit="SECONDS"/>'));
const everyFiveSecondsCron = loginVia(scheduler('<cron expression="*/5 * * * * ?"/>'));

ruleTests('mule/salesforce-login-per-message', {
  valid: [
    {
      name: 'the token is looked up in an object store first',
      files: loginVia(
        LISTENER,
        '<os:retrieve key="salesforce-access-token" objectStore="tokens" target="sfToken"><os:default-value>#[null]</os:default-value></os:retrieve>',
      ),
    },
    {
      name: 'a choice logs in only when no token is cached',
      files: loginVia(LISTENER, '', (x) => `<choice><when expression="#[isEmpty(vars.sfToken)]">${x}</when></choice>`),
    },
    {
      name: 'the otherwise branch of a choice that tests the token',
      files: loginVia(
        LISTENER,
        '',
        (x) => `<choice><when expression="#[vars.accessToken != null]"><logger message="cached"/></when><otherwise>${x}</otherwise></choice>`,
      ),
    },
    { name: 'a cache scope around the login', files: loginVia(LISTENER, '', (x) => `<ee:cache>${x}</ee:cache>`) },
    {
      name: 'the login runs only in an error handler (after a 401)',
      files: loginVia(
        LISTENER,
        '',
        (x) => `<try><logger message="call"/><error-handler><on-error-continue type="HTTP:UNAUTHORIZED">${x}</on-error-continue></error-handler></try>`,
      ),
    },
    { name: 'a scheduler that fires every five minutes', files: loginVia(scheduler('<fixed-frequency frequency="5" timeUnit="MINUTES"/>')) },
    { name: 'a nightly cron', files: loginVia(scheduler('<cron expression="0 0 2 * * ?"/>')) },
    {
      name: 'a scheduler every ten seconds, with a lower threshold configured',
      files: everyTenSeconds,
      options: { minSchedulerIntervalMs: 5000 },
    },
    { name: 'a flow nobody starts or calls', files: mule(`${LOGIN_CONFIG}<flow name="lib">${TOKEN}</flow>`) },
    {
      name: 'a token request to a host that cannot be resolved',
      files: mule(
        `<http:request-config name="c"><http:request-connection host="\${idp.host}"/></http:request-config><flow name="api">${LISTENER}<http:request method="POST" config-ref="c" path="/oauth2/token"/></flow>`,
      ),
    },
    {
      name: 'a SOAP call that is not a login',
      files: mule(
        `${LOGIN_CONFIG}<flow name="api">${LISTENER}<set-payload value="#[{ query: 'SELECT Id FROM Account' }]"/><http:request method="POST" config-ref="sf-login" path="/services/Soap/u/60.0"/></flow>`,
      ),
    },
  ],
  invalid: [
    {
      name: 'an HTTP listener runs the login sub-flow on every request',
      files: perRequest,
      findings: [
        {
          ...at(perRequest, '<http:request', 2),
          message: "This request logs in to Salesforce on every HTTP request (flow 'orders'), which can exceed Salesforce's login rate limit",
          detail:
            "It asks Salesforce for a new OAuth token (/services/oauth2/token) with no cached token in front of it. Every message is a login: Salesforce blocks a user's logins beyond 3,600 an hour (LOGIN_RATE_EXCEEDED), and every integration that shares the user fails with it. Keep the token in an object store (or a cache scope) and log in again only when a call is rejected with 401.",
          related: ["called from 'orders'", "flow 'orders' starts here: every HTTP request"],
        },
      ],
    },
    {
      name: 'a SOAP login for every message of a VM queue',
      files: soapPerQueueMessage,
      findings: [
        {
          ...at(soapPerQueueMessage, '<http:request', 2),
          message: "This request logs in to Salesforce on every message of <vm:listener> (flow 'consume')",
          detail: 'It logs in to Salesforce with a SOAP login() (/services/Soap/u/60.0) with no cached token in front of it.',
          related: 1,
        },
      ],
    },
    {
      name: 'a scheduler that fires every ten seconds',
      files: everyTenSeconds,
      findings: [{ ...at(everyTenSeconds, '<http:request', 2), message: 'on every run of a scheduler that fires every 10 s' }],
    },
    {
      name: 'a cron scheduler every five seconds',
      files: everyFiveSecondsCron,
      findings: [{ ...at(everyFiveSecondsCron, '<http:request', 2), message: 'fires every 5 s' }],
    },
  ],
});
