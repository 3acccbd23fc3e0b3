/**
 * Every recovery snippet, expanded with its defaults and placed where it belongs, is well-formed
 * and leaves Session Guard with nothing to report. The contexts below are realistic apps.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml } from '../server/core/xml/scanner';
import { mule } from './support/fixtures';
import { expand, loadSnippets } from './support/snippets';
import { lintFiles } from './support/rule-tester';
import { action, connector, element, flow, flowPath, legacyNc, ncPath, recordStart, registration, SFDX_PROJECT, esPath } from './support/sfdx';

const SF_CONFIG =
  '<salesforce:sfdc-config name="Salesforce_Config"><salesforce:jwt-connection consumerKey="k" keyStore="ks.jks" storePassword="${sf.storePassword}" principal="u">SNIPPET_RECONNECTION</salesforce:jwt-connection></salesforce:sfdc-config>';
const RECONNECT = '<reconnection><reconnect frequency="5000" count="3"/></reconnection>';

/** Where each Mule snippet goes, as a whole app. */
const MULE_CONTEXT: Record<string, (snippet: string) => Record<string, string>> = {
  'Salesforce call with classified session-failure handling': (s) => ({
    'app/src/main/mule/api.xml': mule(
      `${SF_CONFIG.replace('SNIPPET_RECONNECTION', RECONNECT)}\n<flow name="api">\n<http:listener config-ref="l" path="/"/>\n${s}\n</flow>`,
    ),
  }),
  'Bounded until-successful with backoff and classification': (s) => ({
    'app/src/main/mule/api.xml': mule(
      `${SF_CONFIG.replace('SNIPPET_RECONNECTION', RECONNECT)}\n<flow name="api">\n<http:listener config-ref="l" path="/"/>\n${s}\n<error-handler><on-error-propagate type="MULE:RETRY_EXHAUSTED"><logger level="ERROR" message="#[error.description]"/></on-error-propagate></error-handler>\n</flow>`,
    ),
  }),
  'Reconnection strategy for a Salesforce connection': (s) => ({
    'app/src/main/mule/api.xml': mule(
      `${SF_CONFIG.replace('SNIPPET_RECONNECTION', s)}\n<flow name="api">\n<http:listener config-ref="l" path="/"/>\n<salesforce:query config-ref="Salesforce_Config"/>\n<error-handler><on-error-propagate type="SALESFORCE:RETRY_EXHAUSTED"/></error-handler>\n</flow>`,
    ),
  }),
  'Object-store attempt counter with give-up and alert': (s) => ({
    'app/src/main/mule/sync.xml': mule(
      `${SF_CONFIG.replace('SNIPPET_RECONNECTION', RECONNECT)}\n<os:object-store name="Attempts_Store" persistent="true"/>\n<flow name="sync">\n<vm:listener config-ref="VM_Config" queueName="orders"/>\n<salesforce:create config-ref="Salesforce_Config" type="Order__c"/>\n<error-handler>\n<on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">\n${s}\n</on-error-propagate>\n</error-handler>\n</flow>\n<sub-flow name="salesforce-session-alert"><logger level="ERROR" message="alert"/></sub-flow>`,
    ),
  }),
  'Cached Salesforce token, refreshed once on 401': (s) => ({
    'app/src/main/mule/api.xml': mule(
      `<http:request-config name="Salesforce_Login"><http:request-connection host="login.salesforce.com" protocol="HTTPS"/></http:request-config>
<http:request-config name="Salesforce_API"><http:request-connection host="\${sf.instance}" protocol="HTTPS"/></http:request-config>
<os:object-store name="Salesforce_Token_Store" entryTtl="1" entryTtlUnit="HOURS"/>
<flow name="api">
<http:listener config-ref="l" path="/"/>
${s}
</flow>
<sub-flow name="salesforce-login">
<http:request method="POST" config-ref="Salesforce_Login" path="/services/oauth2/token"><http:body>#[output application/x-www-form-urlencoded --- { grant_type: 'client_credentials', client_id: p('sf.clientId'), client_secret: p('secure::sf.clientSecret') }]</http:body></http:request>
<set-variable variableName="sfToken" value="#[payload.access_token]"/>
<os:store key="salesforce-access-token" objectStore="Salesforce_Token_Store"><os:value>#[vars.sfToken]</os:value></os:store>
</sub-flow>`,
    ),
    'app/src/main/resources/config.yaml': 'sf:\n  instance: "acme.my.salesforce.com"\n',
  }),
  'Alert sub-flow for Salesforce session failures': (s) => ({
    'app/src/main/mule/alert.xml': mule(
      `${SF_CONFIG.replace('SNIPPET_RECONNECTION', RECONNECT)}\n${s}\n<flow name="sync">\n<vm:listener config-ref="VM_Config" queueName="in"/>\n<salesforce:create config-ref="Salesforce_Config" type="Order__c"/>\n<error-handler><on-error-continue type="SALESFORCE:RETRY_EXHAUSTED"><flow-ref name="salesforce-session-alert"/></on-error-continue></error-handler>\n</flow>`,
    ),
  }),
};

const FLOW_CONTEXT: Record<string, (snippet: string) => Record<string, string>> = {
  'Flow: fault connector to a logging element': (s) => ({
    ...SFDX_PROJECT,
    [esPath('Erp')]: registration('Erp', ['upsertAccount']),
    [ncPath('Erp')]: legacyNc('NamedUser'),
    [flowPath('Push')]: flow({
      processType: 'Flow',
      elements: [
        element('screens', 'Ask', connector('Call_External_Service')),
        action('Call_External_Service', 'externalService', 'Erp.upsertAccount').replace(
          '        <flowTransactionModel>',
          `${s.replace(/^/gm, '        ')}\n        <flowTransactionModel>`,
        ),
        element('assignments', 'Log_Callout_Fault'),
        '    <startElementReference>Ask</startElementReference>',
      ],
    }),
  }),
  'Flow: Run Asynchronously path': (s) => ({
    ...SFDX_PROJECT,
    [esPath('Erp')]: registration('Erp', ['upsertAccount']),
    [ncPath('Erp')]: legacyNc('NamedUser'),
    [flowPath('OnAccount')]: flow({
      start: recordStart('Done', s.replace(/^/gm, '        ')),
      elements: [element('assignments', 'Done'), action('Call_External_Service', 'externalService', 'Erp.upsertAccount', { fault: 'Done' })],
    }),
  }),
};

describe('recovery snippets', () => {
  for (const [file, contexts] of [
    ['mule-recovery.json', MULE_CONTEXT],
    ['flow-recovery.json', FLOW_CONTEXT],
  ] as const) {
    const snippets = loadSnippets(file);
    it(`${file}: every snippet has a test context, a prefix and a description`, () => {
      assert.deepEqual(Object.keys(snippets).sort(), Object.keys(contexts).sort());
      for (const s of Object.values(snippets)) assert.ok(s.prefix.startsWith('sg-') && s.description.length > 20);
    });
    for (const [name, s] of Object.entries(snippets)) {
      it(`${name}: well-formed and clean`, () => {
        const text = expand(s.body);
        assert.ok(!/\$\{|\$\d/.test(text), 'all placeholders expanded');
        const files = contexts[name](text);
        for (const [p, t] of Object.entries(files)) if (p.endsWith('.xml')) assert.deepEqual(parseXml(t).errors, [], `${p} is well-formed`);
        const { findings } = lintFiles(files, undefined);
        assert.deepEqual(
          findings.map((f) => `${f.ruleId}: ${f.message}`),
          [],
        );
      });
    }
  }
});
