import { at, mule, sfConfig } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const bare = mule(`
  <salesforce:sfdc-config name="sf">
    <salesforce:basic-connection username="u" password="p"/>
  </salesforce:sfdc-config>
  <flow name="f">
    <http:listener config-ref="l" path="/"/>
    <salesforce:query config-ref="sf"/>
  </flow>`);
const fixed = mule(`
  <salesforce:sfdc-config name="sf">
    <salesforce:basic-connection username="u" password="p">
      <reconnection>
        <reconnect frequency="5000" count="3"/>
      </reconnection>
    </salesforce:basic-connection>
  </salesforce:sfdc-config>
  <flow name="f">
    <http:listener config-ref="l" path="/"/>
    <salesforce:query config-ref="sf"/>
  </flow>`);
const unused = mule('<salesforce:sfdc-config name="sf"><salesforce:jwt-connection consumerKey="k"/></salesforce:sfdc-config>');
const tabs = `${mule('')}`.replace(
  '\n</mule>',
  '\n\t<salesforce:sfdc-config name="sf">\n\t\t<salesforce:oauth-user-pass-connection consumerKey="k" consumerSecret="s" username="u" password="p">\n\t\t\t<tls:context xmlns:tls="http://www.mulesoft.org/schema/mule/tls"/>\n\t\t</salesforce:oauth-user-pass-connection>\n\t</salesforce:sfdc-config>\n\t<flow name="f"><salesforce:query config-ref="sf"/></flow>\n</mule>',
);
const unresolvedRef = mule(`
  <salesforce:sfdc-config name="sf"><salesforce:jwt-connection consumerKey="k"/></salesforce:sfdc-config>
  <flow name="f"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="\${sf.config}"/></flow>`);
const listenerOnly = mule(`
  <salesforce:sfdc-config name="sf">
    <salesforce:basic-connection username="u" password="p"/>
  </salesforce:sfdc-config>
  <flow name="cdc">
    <salesforce:replay-channel-listener config-ref="sf" streamingChannel="/data/AccountChangeEvent" replayOption="ONLY_NEW"/>
    <logger/>
  </flow>`);
const listenerAndOperations = mule(`
  <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="p"/></salesforce:sfdc-config>
  <flow name="cdc"><salesforce:replay-channel-listener config-ref="sf" streamingChannel="/data/AccountChangeEvent" replayOption="ONLY_NEW"/><salesforce:query config-ref="sf"><reconnect count="3"/></salesforce:query></flow>
  <flow name="events"><salesforce:subscribe-channel-listener config-ref="sf" streamingChannel="/event/Order__e"/><salesforce:create config-ref="sf" type="Order__c"/></flow>`);

const CONFIG = '<salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="p"/></salesforce:sfdc-config>';
const SCHEDULER = '<scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>';
const UNTIL = (op: string) => `<until-successful maxRetries="3" millisBetweenRetries="10000">${op}</until-successful>`;
const handled = mule(`
  ${CONFIG}
  <flow name="f">
    ${SCHEDULER}
    <salesforce:query config-ref="sf"/>
    <error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"><logger level="ERROR" message="#[error.description]"/></on-error-propagate></error-handler>
  </flow>`);
const allRetried = mule(`
  ${CONFIG}
  <flow name="f">
    ${SCHEDULER}
    ${UNTIL('<salesforce:query config-ref="sf"/>')}
    ${UNTIL('<salesforce:create config-ref="sf" type="Account"/>')}
  </flow>`);
const someRetried = mule(`
  ${CONFIG}
  <flow name="f">
    ${SCHEDULER}
    ${UNTIL('<salesforce:query config-ref="sf"/>')}
    <salesforce:create config-ref="sf" type="Account"/>
  </flow>`);
const continuedFirst = mule(`
  ${CONFIG}
  <flow name="f">
    ${SCHEDULER}
    ${UNTIL('<try><salesforce:query config-ref="sf"/><error-handler><on-error-continue type="SALESFORCE:CONNECTIVITY"><logger level="ERROR"/></on-error-continue></error-handler></try>')}
  </flow>`);

const deadSubFlow = mule(`
  ${sfConfig()}
  <sub-flow name="unused"><salesforce:delete config-ref="sf"/></sub-flow>
  <flow name="api"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>`);
const deadChain = mule(`
  ${sfConfig()}
  <sub-flow name="unused"><flow-ref name="inner"/></sub-flow>
  <sub-flow name="inner"><salesforce:delete config-ref="sf"/></sub-flow>
  <sub-flow name="ping"><flow-ref name="pong"/><salesforce:create config-ref="sf" type="Account"/></sub-flow>
  <sub-flow name="pong"><flow-ref name="ping"/></sub-flow>
  <flow name="api"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>`);
const deadDiamonds = mule(`
  ${sfConfig()}
  ${Array.from({ length: 40 }, (_, i) => `<sub-flow name="a${i}"><flow-ref name="a${i + 1}"/><flow-ref name="b${i + 1}"/></sub-flow><sub-flow name="b${i}"><flow-ref name="a${i + 1}"/><flow-ref name="b${i + 1}"/></sub-flow>`).join('\n  ')}
  <sub-flow name="a40"><salesforce:delete config-ref="sf"/></sub-flow>
  <sub-flow name="b40"><salesforce:create config-ref="sf" type="Account"/></sub-flow>
  <flow name="api"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>`);
const dynamicRef = mule(`
  ${sfConfig()}
  <sub-flow name="unused"><salesforce:delete config-ref="sf"/></sub-flow>
  <flow name="api"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/><flow-ref name="#[vars.next]"/></flow>`);

ruleTests('mule/missing-reconnection', {
  valid: [
    {
      name: 'an OAuth authorization-code connection: the SDK refreshes its token, a reconnection could not authorize again',
      files: mule(`
        <salesforce:sfdc-config name="sf"><salesforce:config-with-oauth-connection consumerKey="k" consumerSecret="s" resourceOwnerId="integration"><salesforce:oauth-callback-config listenerConfig="l" callbackPath="/cb" authorizePath="/auth"/></salesforce:config-with-oauth-connection></salesforce:sfdc-config>
        <flow name="api"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>`),
    },
    {
      name: 'connection with a bounded reconnection strategy',
      files: mule(`
        <salesforce:sfdc-config name="sf">
          <salesforce:basic-connection username="u" password="p">
            <reconnection><reconnect frequency="3000" count="3"/></reconnection>
          </salesforce:basic-connection>
        </salesforce:sfdc-config>`),
    },
    {
      name: 'every operation brings its own strategy',
      files: mule(`
        <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="p"/></salesforce:sfdc-config>
        <flow name="f">
          <salesforce:query config-ref="sf"><reconnect count="2" frequency="2000"/></salesforce:query>
        </flow>`),
    },
    {
      name: 'a configuration in an MUnit suite (tests never meet an expired session)',
      files: {
        'app/src/test/munit/suite.xml': mule(
          '<munit:config name="suite.xml" xmlns:munit="http://www.mulesoft.org/schema/mule/munit"/><salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="p"/></salesforce:sfdc-config>',
        ),
      },
    },
    {
      name: 'a connection nothing in the app uses: nothing can fail (a reviewer would delete it)',
      files: unused,
    },
    {
      name: "an unused connection beside an operation whose config-ref names one the app does not define (a domain's): still unused",
      files: mule(`
        <salesforce:sfdc-config name="sf-unused"><salesforce:basic-connection username="u" password="p"/></salesforce:sfdc-config>
        <flow name="f"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="domain-sf"/></flow>`),
    },
    {
      name: 'a listener that brings its own strategy, on a connection nothing else uses',
      files: mule(`
        <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="p"/></salesforce:sfdc-config>
        <flow name="cdc"><salesforce:replay-channel-listener config-ref="sf" streamingChannel="/data/AccountChangeEvent" replayOption="ONLY_NEW"><reconnect count="5" frequency="10000"/></salesforce:replay-channel-listener><logger/></flow>`),
    },
    {
      name: 'reconnect-forever is bounded-retry territory, not this rule',
      files: mule(
        '<salesforce:sfdc-config name="sf"><salesforce:basic-connection><reconnection><reconnect-forever/></reconnection></salesforce:basic-connection></salesforce:sfdc-config>',
      ),
    },
  ],
  invalid: [
    {
      name: 'operations in a sub-flow nothing calls never run, so they are not counted',
      files: deadSubFlow,
      findings: [
        {
          ...at(deadSubFlow, '<salesforce:basic-connection'),
          message: "Salesforce connection 'sf' has no reconnection strategy: 1 operation fails when its session expires",
        },
      ],
    },
    {
      name: 'a sub-flow called only by a sub-flow nothing calls never runs either (nor does a cycle of them)',
      files: deadChain,
      findings: [
        {
          ...at(deadChain, '<salesforce:basic-connection'),
          message: "Salesforce connection 'sf' has no reconnection strategy: 1 operation fails when its session expires",
        },
      ],
    },
    {
      // 2^40 paths through the diamonds: the sub-flows that run are found in one walk, not path by path.
      name: 'forty levels of uncalled diamond sub-flows: none runs, and the answer does not take every path',
      files: deadDiamonds,
      findings: [{ ...at(deadDiamonds, '<salesforce:basic-connection'), message: '1 operation fails when its session expires' }],
    },
    {
      name: 'a flow-ref with an expression may call any sub-flow: all are counted',
      files: dynamicRef,
      findings: [
        {
          ...at(dynamicRef, '<salesforce:basic-connection'),
          message: "Salesforce connection 'sf' has no reconnection strategy: 2 operations fail when its session expires",
        },
      ],
    },
    // 1. The fix keeps a flow that follows the documentation (a SALESFORCE:CONNECTIVITY handler) clean.
    {
      name: 'a flow that handles SALESFORCE:CONNECTIVITY',
      files: handled,
      findings: [{ ...at(handled, '<salesforce:basic-connection'), severity: 'warning' }],
    },
    // 7. until-successful re-authenticates: say so, and only as info when it covers every operation.
    {
      name: 'every operation retries through until-successful: info, and the message says it logs in again',
      files: allRetried,
      findings: [
        {
          ...at(allRetried, '<salesforce:basic-connection'),
          severity: 'info',
          message: "Salesforce connection 'sf' has no reconnection strategy, so its 2 operations log in again only through until-successful",
          detail:
            /^Its 2 operations run inside until-successful, which retries an expired session on a new connection and so logs in again; .* Add <reconnection>/,
          related: ['retries through until-successful', 'retries through until-successful'],
        },
      ],
    },
    {
      name: 'some operations are not retried: a warning that counts only those, and mentions the others',
      files: someRetried,
      findings: [
        {
          ...at(someRetried, '<salesforce:basic-connection'),
          severity: 'warning',
          message: "Salesforce connection 'sf' has no reconnection strategy: 1 operation fails when its session expires",
          detail:
            'When its session expires or is invalidated, 1 operation fails with SALESFORCE:CONNECTIVITY instead of logging in again and re-running (1 other retries through until-successful, which logs in again). Add <reconnection>',
          related: ['<salesforce:create> uses'],
        },
      ],
    },
    {
      name: 'a continue inside the until-successful ends the failure before it is retried',
      files: continuedFirst,
      findings: [{ ...at(continuedFirst, '<salesforce:basic-connection'), severity: 'warning', message: '1 operation fails' }],
    },
    {
      name: 'a self-closing connection is opened to add the strategy',
      files: bare,
      findings: [
        {
          ...at(bare, '<salesforce:basic-connection'),
          message: "'sf' has no reconnection strategy: 1 operation fails",
          related: ['<salesforce:query> uses'],
          fixOutput: fixed,
        },
      ],
    },
    {
      name: 'a connection nothing uses is still reported when an operation names its connection through a placeholder the app cannot resolve',
      files: unresolvedRef,
      findings: [
        {
          ...at(unresolvedRef, '<salesforce:jwt-connection'),
          message: "Salesforce connection 'sf' has no reconnection strategy: its operations fail when its session expires",
          related: 0,
        },
      ],
    },
    {
      name: 'a connection only listeners use: they get one attempt to reconnect, and are its related locations',
      files: listenerOnly,
      findings: [
        {
          ...at(listenerOnly, '<salesforce:basic-connection'),
          message: "Salesforce connection 'sf' has no reconnection strategy: 1 listener gets one attempt to reconnect when its connection fails",
          detail:
            /^1 listener gets one attempt to reconnect when its connection fails\. A listener whose connection fails is stopped and started again with a single attempt to connect: if Salesforce cannot be reached or refuses the login at that moment \(an outage, a maintenance window\), it stays stopped and its flow receives no more events\. A bounded strategy gives it several attempts\. Add <reconnection>/,
          related: ["<salesforce:replay-channel-listener> in 'cdc' uses 'sf': it gets one attempt to reconnect when its connection fails"],
          fixOutput: listenerOnly.replace(
            'password="p"/>',
            'password="p">\n    <reconnection>\n      <reconnect frequency="5000" count="3"/>\n    </reconnection>\n  </salesforce:basic-connection>',
          ),
        },
      ],
    },
    {
      name: 'operations with their own strategies do not cover a listener on the same connection',
      files: listenerAndOperations,
      findings: [
        {
          ...at(listenerAndOperations, '<salesforce:basic-connection'),
          message:
            "Salesforce connection 'sf' has no reconnection strategy: 1 operation fails when its session expires, and 2 listeners get one attempt to reconnect",
          related: ["<salesforce:replay-channel-listener> in 'cdc'", "<salesforce:subscribe-channel-listener> in 'events'", '<salesforce:create> uses'],
        },
      ],
    },
    {
      name: 'the inserted strategy follows tab indentation and goes first',
      files: tabs,
      findings: [
        {
          ...at(tabs, '<salesforce:oauth-user-pass-connection'),
          fixOutput: tabs.replace(
            'password="p">\n',
            'password="p">\n\t\t\t<reconnection>\n\t\t\t\t<reconnect frequency="5000" count="3"/>\n\t\t\t</reconnection>\n',
          ),
        },
      ],
    },
  ],
});
