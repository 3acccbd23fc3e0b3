import { at, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const oauth =
  '<salesforce:sfdc-config name="sf"><salesforce:config-with-oauth-connection consumerKey="k" consumerSecret="s" resourceOwnerId="integration"><salesforce:oauth-callback-config listenerConfig="l" callbackPath="/cb" authorizePath="/auth"/></salesforce:config-with-oauth-connection></salesforce:sfdc-config>';
const jwt =
  '<salesforce:sfdc-config name="sf"><salesforce:jwt-connection consumerKey="k" keyStore="k.jks" storePassword="p" principal="u"/></salesforce:sfdc-config>';
const SCHEDULER = '<scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>';

const scheduled = mule(`${oauth}\n<flow name="sync">\n  ${SCHEDULER}\n  <salesforce:query config-ref="sf"/>\n</flow>`);
const viaSubFlow = mule(
  `${oauth}\n<flow name="consume">\n  <vm:listener config-ref="vm" queueName="in"/>\n  <flow-ref name="write"/>\n</flow>\n<sub-flow name="write">\n  <salesforce:create config-ref="sf" type="Account"/>\n</sub-flow>`,
);

const listening = mule(`${oauth}\n<flow name="events">\n  <salesforce:subscribe-topic-listener config-ref="sf" topic="AccountUpdates"/>\n  <logger/>\n</flow>`);

ruleTests('mule/per-user-oauth-in-automation', {
  valid: [
    {
      name: 'a JWT (server-to-server) connection in a scheduled flow',
      files: mule(`${jwt}<flow name="sync">${SCHEDULER}<salesforce:query config-ref="sf"/></flow>`),
    },
    {
      name: 'per-user OAuth behind an HTTP listener, where a user is present',
      files: mule(`${oauth}<flow name="api"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>`),
    },
    {
      name: 'a Salesforce listener on a JWT connection',
      files: mule(`${jwt}<flow name="events"><salesforce:subscribe-topic-listener config-ref="sf" topic="AccountUpdates"/><logger/></flow>`),
    },
    { name: 'a flow with no source and no caller', files: mule(`${oauth}<flow name="lib"><salesforce:query config-ref="sf"/></flow>`) },
  ],
  invalid: [
    {
      name: 'a Salesforce listener on a per-user connection: reported on the listener',
      files: listening,
      findings: [
        {
          ...at(listening, '<salesforce:subscribe-topic-listener'),
          message:
            "<salesforce:subscribe-topic-listener> listens through per-user OAuth connection 'sf': it stops receiving events once the stored token can no longer be refreshed",
          detail:
            /^'sf' is a per-user OAuth connection \(authorization code grant\) for resource owner 'integration', and flow 'events' starts from this listener/,
          related: ['the per-user OAuth connection'],
        },
      ],
    },
    {
      name: 'a scheduler runs a per-user connection',
      files: scheduled,
      findings: [
        {
          ...at(scheduled, '<salesforce:query'),
          message: "<salesforce:query> uses per-user OAuth connection 'sf' from a flow started by <scheduler>: every run fails once the stored token expires",
          detail:
            "'sf' is a per-user OAuth connection (authorization code grant) for resource owner 'integration', used from flow 'sync', which starts from <scheduler>. No user is present there: when the stored token expires or is revoked every run fails with INVALID_SESSION_ID until someone re-authorizes by hand. Use a server-to-server connection (salesforce:jwt-connection or salesforce:oauth-client-credentials-connection) for automation.",
          related: ['the per-user OAuth connection', "'sync' runs without a user"],
        },
      ],
    },
    {
      name: 'a VM listener reaches it through a sub-flow',
      files: viaSubFlow,
      findings: [
        {
          ...at(viaSubFlow, '<salesforce:create'),
          message: 'from a flow started by <vm:listener>',
          detail: "used from flow 'consume', which starts from <vm:listener>",
          related: ['the per-user OAuth connection', "'consume' runs without a user", "called from 'consume'"],
        },
      ],
    },
  ],
});
