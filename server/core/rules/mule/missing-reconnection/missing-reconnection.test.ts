import { at, mule } from '../../../../../test/support/fixtures';
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
  '\n\t<salesforce:sfdc-config name="sf">\n\t\t<salesforce:oauth-user-pass-connection consumerKey="k" consumerSecret="s" username="u" password="p">\n\t\t\t<tls:context xmlns:tls="http://www.mulesoft.org/schema/mule/tls"/>\n\t\t</salesforce:oauth-user-pass-connection>\n\t</salesforce:sfdc-config>\n</mule>',
);

ruleTests('mule/missing-reconnection', {
  valid: [
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
      name: 'reconnect-forever is bounded-retry territory, not this rule',
      files: mule(
        '<salesforce:sfdc-config name="sf"><salesforce:basic-connection><reconnection><reconnect-forever/></reconnection></salesforce:basic-connection></salesforce:sfdc-config>',
      ),
    },
  ],
  invalid: [
    {
      name: 'a self-closing connection is opened to add the strategy',
      files: bare,
      findings: [
        { ...at(bare, '<salesforce:basic-connection'), message: "'sf' has no reconnection strategy", related: ['<salesforce:query> uses'], fixOutput: fixed },
      ],
    },
    {
      name: 'an unused config is reported too (its operations may be added later)',
      files: unused,
      findings: [{ ...at(unused, '<salesforce:jwt-connection'), related: 0 }],
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
