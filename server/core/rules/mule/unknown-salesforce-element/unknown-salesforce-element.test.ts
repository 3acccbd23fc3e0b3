import { at, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const flowWith = (op: string, connection = '<salesforce:basic-connection username="u" password="p"/>') =>
  mule(`
    <salesforce:sfdc-config name="sf">
      ${connection}
    </salesforce:sfdc-config>
    <flow name="f">
      <http:listener config-ref="l" path="/"/>
      ${op}
      <salesforce:query config-ref="sf"/>
    </flow>`);

const invalidate = flowWith('<salesforce:invalidate-connection config-ref="sf"/>');
const invalidateFixed = mule(`
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
const withReconnection = flowWith(
  '<salesforce:invalidate-connection config-ref="sf"/>',
  '<salesforce:basic-connection username="u" password="p"><reconnection><reconnect count="3"/></reconnection></salesforce:basic-connection>',
);
const typo = flowWith('<salesforce:querry config-ref="sf"></salesforce:querry>');
const otherFile = {
  'app/src/main/mule/global.xml': mule(`
    <salesforce:sfdc-config name="sf">
      <salesforce:jwt-connection consumerKey="k" keyStore="ks" storePassword="p" principal="u"/>
    </salesforce:sfdc-config>`),
  'app/src/main/mule/main.xml': mule(`
    <flow name="f">
      <scheduler><scheduling-strategy><fixed-frequency frequency="60000"/></scheduling-strategy></scheduler>
      <try>
        <salesforce:invalidate-connection config-ref="sf"/>
      </try>
    </flow>`),
};

ruleTests('mule/unknown-salesforce-element', {
  valid: [
    {
      name: 'connector 9.x operations that 10.0 removed (an app that pins 9.x deploys with them)',
      files: flowWith(
        '<salesforce:update-single config-ref="sf" type="Account"/><salesforce:create-single config-ref="sf" type="Account"/><salesforce:non-paginated-query config-ref="sf"/>',
      ),
    },
    {
      name: 'real operations',
      files: flowWith('<salesforce:upsert config-ref="sf" objectType="Account" externalIdFieldName="Id"/><salesforce:convert-lead config-ref="sf"/>'),
    },
    {
      name: "connector 9.x's Bulk API v1 operations (MuleSoft's templates use upsert-bulk)",
      files: flowWith(
        '<salesforce:upsert-bulk config-ref="sf" type="Account" externalIdFieldName="Id"/><salesforce:create-bulk config-ref="sf" type="Account"/>',
      ),
    },
    {
      name: 'nested parameter elements are not checked',
      files: flowWith('<salesforce:create config-ref="sf" type="Account"><salesforce:records>#[payload]</salesforce:records></salesforce:create>'),
    },
    { name: 'a newer bulk operation the list may not know is left alone', files: flowWith('<salesforce:create-job-bulk-api-v3 config-ref="sf"/>') },
    { name: 'unauthorize is a real (per-user) operation', files: flowWith('<salesforce:unauthorize config-ref="sf"/>') },
  ],
  invalid: [
    {
      name: 'invalidate-connection is removed and the connection gets a bounded reconnection',
      files: invalidate,
      findings: [
        {
          ...at(invalidate, '<salesforce:invalidate-connection'),
          message: '<salesforce:invalidate-connection> is not an operation of the Salesforce connector, so the app fails to deploy',
          detail: 'The runtime invalidates a connection itself when an operation fails with a connection error',
          related: ["'sf' is the connection"],
          fixOutput: invalidateFixed,
        },
      ],
    },
    {
      name: 'when the connection already reconnects, the fix only removes the fake operation',
      files: withReconnection,
      findings: [
        {
          ...at(withReconnection, '<salesforce:invalidate-connection'),
          fixOutput: withReconnection.replace('  <salesforce:invalidate-connection config-ref="sf"/>\n', ''),
        },
      ],
    },
    {
      name: 'a typo suggests the closest operation and renames both tags',
      files: typo,
      findings: [
        {
          ...at(typo, '<salesforce:querry'),
          message:
            '<salesforce:querry> is not an operation of the Salesforce connector (9.x–12.x), so the app fails to deploy: did you mean <salesforce:query>?',
          fixOutput: null,
          suggestions: [{ title: 'Change to <salesforce:query>', output: typo.replace(/salesforce:querry/g, 'salesforce:query') }],
        },
      ],
    },
    {
      name: 'the fix reaches the connection in another file of the app',
      files: otherFile,
      findings: [
        {
          path: 'app/src/main/mule/main.xml',
          ...at(otherFile['app/src/main/mule/main.xml'], '<salesforce:invalidate-connection'),
          fixOutput: {
            'app/src/main/mule/main.xml': otherFile['app/src/main/mule/main.xml'].replace('    <salesforce:invalidate-connection config-ref="sf"/>\n', ''),
            'app/src/main/mule/global.xml': otherFile['app/src/main/mule/global.xml'].replace(
              'principal="u"/>',
              'principal="u">\n    <reconnection>\n      <reconnect frequency="5000" count="3"/>\n    </reconnection>\n  </salesforce:jwt-connection>',
            ),
          },
        },
      ],
    },
  ],
});
