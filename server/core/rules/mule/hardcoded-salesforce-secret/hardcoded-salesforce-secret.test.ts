import { at, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const PROPS = 'app/src/main/resources/config.yaml';
const MAIN = 'app/src/main/mule/main.xml';

const basic = mule(`
  <salesforce:sfdc-config name="Salesforce_Config">
    <salesforce:basic-connection username="integration@acme.com" password="Tr0ub4dor" securityToken="aB3dE5gH7jK9" />
  </salesforce:sfdc-config>`);
const jwtExpression = mule(`
  <salesforce:sfdc-config name="sf">
    <salesforce:jwt-connection consumerKey="\${sf.key}" keyStore="sf.jks" storePassword="#['K3ystore!']" principal="\${sf.user}"/>
  </salesforce:sfdc-config>`);
const nearStandIns = mule(`
  <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="Yours4ever!" securityToken="12345678xyZ"/></salesforce:sfdc-config>
  <salesforce:sfdc-config name="sf3"><salesforce:basic-connection username="u" password="YourPassion4Life!" securityToken="AddKeyLime#2024"/></salesforce:sfdc-config>
  <salesforce:sfdc-config name="sf2"><salesforce:basic-connection username="u" password="MyPassword2021" securityToken="\${sf.token}"/></salesforce:sfdc-config>`);
const clientCredentials = mule(`
  <salesforce:sfdc-config name="sf">
    <salesforce:oauth-client-credentials-connection>
      <salesforce:oauth-client-credentials clientId="\${sf.id}" clientSecret="F00DF00DCAFE" tokenUrl="https://login.salesforce.com/services/oauth2/token"/>
    </salesforce:oauth-client-credentials-connection>
  </salesforce:sfdc-config>`);

const LOGIN_CONFIG =
  '<http:request-config name="sf-login"><http:request-connection host="login.salesforce.com" port="443" protocol="HTTPS"/></http:request-config>';
const tokenBody = mule(`
  ${LOGIN_CONFIG}
  <flow name="login">
    <http:request method="POST" config-ref="sf-login" path="/services/oauth2/token">
      <http:body><![CDATA[#[output application/x-www-form-urlencoded --- {
        grant_type: 'password',
        client_id: p('sf.clientId'),
        client_secret: 'C1i3ntS3cr3t',
        username: p('sf.user'),
        "password": "hunter2token" ++ p('sf.token')
      }]]]></http:body>
    </http:request>
  </flow>`);
const tokenUrl = mule(`
  <flow name="login">
    <http:request method="POST" url="https://test.salesforce.com/services/oauth2/token?grant_type=password&amp;client_id=3MVGx&amp;client_secret=S3cr3tInUrl&amp;username=u&amp;password=\${sf.password}"/>
  </flow>`);
const tokenPayload = mule(`
  ${LOGIN_CONFIG}
  <flow name="login">
    <ee:transform>
      <ee:message><ee:set-payload><![CDATA[%dw 2.0
output application/x-www-form-urlencoded
---
{ grant_type: 'refresh_token', client_id: p('sf.id'), refresh_token: '5Aep861Refresh' }]]></ee:set-payload></ee:message>
    </ee:transform>
    <logger level="INFO" message="logging in"/>
    <http:request method="POST" config-ref="sf-login" path="/services/oauth2/token"/>
  </flow>`);
const soapLogin = mule(`
  ${LOGIN_CONFIG}
  <flow name="login">
    <ee:transform>
      <ee:message><ee:set-payload><![CDATA[%dw 2.0
output application/xml
ns soapenv http://schemas.xmlsoap.org/soap/envelope/
ns urn urn:partner.soap.sforce.com
---
{ soapenv#Envelope: { soapenv#Body: { urn#login: { urn#username: p('sf.user'), urn#password: 'S0apPassw0rd' } } } }]]></ee:set-payload></ee:message>
    </ee:transform>
    <http:request method="POST" config-ref="sf-login" path="/services/Soap/u/60.0"/>
  </flow>`);

/** A community login: the host, read from the properties, makes it Salesforce traffic (its path does not start with /services). */
const communityFiles = (host: string) => ({
  [MAIN]: mule(`
    <http:request-config name="community"><http:request-connection host="\${community.host}" protocol="HTTPS"/></http:request-config>
    <flow name="login">
      <http:request method="POST" config-ref="community" path="/customers/services/oauth2/token">
        <http:query-params>#[{ client_secret: 'C0mmunityS3cret' }]</http:query-params>
      </http:request>
    </flow>`),
  [PROPS]: `community:\n  host: "${host}"\n`,
});
const community = communityFiles('acme.force.com');

ruleTests('mule/hardcoded-salesforce-secret', {
  valid: [
    {
      name: 'placeholders, secure properties and expressions that read them',
      files: mule(`
        <salesforce:sfdc-config name="sf">
          <salesforce:basic-connection username="\${sf.user}" password="\${secure::sf.password}" securityToken="#[p('secure::sf.token')]"/>
        </salesforce:sfdc-config>
        <salesforce:sfdc-config name="sf2">
          <salesforce:oauth-user-pass-connection consumerKey="k" consumerSecret="#[Mule::p('secure::sf.secret')]" username="u" password="\${pw}\${token}"/>
        </salesforce:sfdc-config>`),
    },
    {
      name: 'empty values and template stand-ins',
      files: mule(`
        <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="" securityToken="&lt;security token&gt;"/></salesforce:sfdc-config>
        <salesforce:sfdc-config name="sf2"><salesforce:basic-connection username="u" password="****" securityToken="{{token}}"/></salesforce:sfdc-config>`),
    },
    {
      name: "stand-ins that read as instructions, the credential's own name, or keyboard runs",
      files: mule(`
        <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="YourPassword" securityToken="1234567890"/></salesforce:sfdc-config>
        <salesforce:sfdc-config name="sf2"><salesforce:basic-connection username="u" password="yourPasswordAndSecurityToken" securityToken="SECURITY_TOKEN"/></salesforce:sfdc-config>
        <salesforce:sfdc-config name="sf3"><salesforce:oauth-user-pass-connection consumerKey="k" consumerSecret="enter-your-consumer-secret-here" username="u" password="changeme" securityToken="my_token"/></salesforce:sfdc-config>
        <salesforce:sfdc-config name="sf4"><salesforce:basic-connection username="u" password="#['password']" securityToken="0123456"/></salesforce:sfdc-config>`),
    },
    {
      name: 'a trust store password inside the connection (public certificates) and a key store of an HTTP listener',
      files: mule(`
        <salesforce:sfdc-config name="sf"><salesforce:basic-connection username="u" password="\${p}"><tls:context xmlns:tls="http://www.mulesoft.org/schema/mule/tls"><tls:trust-store path="t.jks" password="changeit"/></tls:context></salesforce:basic-connection></salesforce:sfdc-config>
        <http:listener-config name="l"><http:listener-connection host="0.0.0.0" port="8081"><tls:context xmlns:tls="http://www.mulesoft.org/schema/mule/tls"><tls:key-store path="k.jks" password="listenerSecret" keyPassword="listenerKey"/></tls:context></http:listener-connection></http:listener-config>`),
    },
    {
      name: 'a token request whose secrets come from secure properties and variables',
      files: mule(`
        ${LOGIN_CONFIG}
        <flow name="login">
          <http:request method="POST" config-ref="sf-login" path="/services/oauth2/token">
            <http:body>#[output application/x-www-form-urlencoded --- { grant_type: 'password', client_secret: p('secure::sf.secret'), password: vars.password ++ vars.token }]</http:body>
          </http:request>
        </flow>`),
    },
    {
      name: 'a literal secret sent to a host that is not Salesforce',
      files: mule(`
        <http:request-config name="idp"><http:request-connection host="idp.example.com"/></http:request-config>
        <flow name="login">
          <http:request method="POST" config-ref="idp" path="/oauth2/token"><http:body>#[{ client_secret: 'NotSalesforce' }]</http:body></http:request>
        </flow>`),
    },
    { name: 'a community host that does not resolve', files: { ...community, [PROPS]: 'other: "x"\n' } },
    {
      name: 'a host that is Salesforce in one environment only',
      files: { ...communityFiles('acme.force.com'), 'app/src/main/resources/prod.yaml': 'community:\n  host: "sso.example.com"\n' },
    },
  ],
  invalid: [
    {
      name: "a basic connection's password and security token",
      files: basic,
      findings: [
        {
          ...at(basic, 'Tr0ub4dor'),
          severity: 'error',
          message:
            "A literal password (9 characters) is written in <salesforce:basic-connection> attribute 'password': anyone who can read the repository has it",
          detail:
            "Anyone who can read the repository or the deployed artifact has it, and rotating it means a new build. Read it from a secure property (Secure Configuration Properties: ${secure::…} in attributes, p('secure::…') in DataWeave).",
          suggestions: [{ title: "secure property 'Salesforce_Config.password'", output: basic.replace('Tr0ub4dor', '${secure::Salesforce_Config.password}') }],
        },
        {
          ...at(basic, 'aB3dE5gH7jK9'),
          message: "A literal security token (12 characters) is written in <salesforce:basic-connection> attribute 'securityToken'",
          suggestions: [{ title: 'Salesforce_Config.securityToken', output: basic.replace('aB3dE5gH7jK9', '${secure::Salesforce_Config.securityToken}') }],
        },
      ],
    },
    {
      name: 'real values that only start like a stand-in',
      files: nearStandIns,
      findings: [
        { ...at(nearStandIns, 'Yours4ever!'), message: "A literal password (11 characters) is written in <salesforce:basic-connection> attribute 'password'" },
        { ...at(nearStandIns, '12345678xyZ'), message: 'A literal security token (11 characters)' },
        { ...at(nearStandIns, 'YourPassion4Life!'), message: 'A literal password (17 characters)' },
        { ...at(nearStandIns, 'AddKeyLime#2024'), message: 'A literal security token (15 characters)' },
        { ...at(nearStandIns, 'MyPassword2021'), message: 'A literal password (14 characters)' },
      ],
    },
    {
      name: 'a key store password written as a string expression',
      files: jwtExpression,
      findings: [
        {
          ...at(jwtExpression, 'K3ystore!'),
          message: 'A literal key store password (9 characters)',
          suggestions: [{ title: 'sf.storePassword', output: jwtExpression.replace("#['K3ystore!']", '${secure::sf.storePassword}') }],
        },
      ],
    },
    {
      name: 'a client secret inside the client-credentials connection',
      files: clientCredentials,
      findings: [{ ...at(clientCredentials, 'F00DF00DCAFE'), message: "<salesforce:oauth-client-credentials> attribute 'clientSecret'" }],
    },
    {
      name: 'the client secret and password in the body of a password-grant token request',
      files: tokenBody,
      findings: [
        {
          ...at(tokenBody, 'C1i3ntS3cr3t'),
          message:
            "A literal client secret (12 characters) is sent as 'client_secret' by an OAuth token request to Salesforce: anyone who can read the repository has it",
          detail: /^The request goes to \/services\/oauth2\/token\. Anyone who can read the repository or the deployed artifact has it/,
          suggestions: [
            { title: 'salesforce.oauth.client_secret', output: tokenBody.replace("'C1i3ntS3cr3t'", "p('secure::salesforce.oauth.client_secret')") },
          ],
        },
        {
          ...at(tokenBody, 'hunter2token'),
          message: "A literal password (12 characters) is sent as 'password'",
          suggestions: [{ title: 'salesforce.oauth.password', output: tokenBody.replace('"hunter2token"', "p('secure::salesforce.oauth.password')") }],
        },
      ],
    },
    {
      name: 'a client secret in the query string of the URL (entities mapped back to the file)',
      files: tokenUrl,
      findings: [
        {
          ...at(tokenUrl, 'S3cr3tInUrl'),
          message: "A literal client secret (11 characters) is sent as 'client_secret'",
          suggestions: [{ title: 'salesforce.oauth.client_secret', output: tokenUrl.replace('S3cr3tInUrl', '${secure::salesforce.oauth.client_secret}') }],
        },
      ],
    },
    {
      name: 'a refresh token in the payload set just before the request',
      files: tokenPayload,
      findings: [{ ...at(tokenPayload, '5Aep861Refresh'), message: "A literal refresh token (14 characters) is sent as 'refresh_token'" }],
    },
    {
      name: 'the password of a SOAP login envelope',
      files: soapLogin,
      findings: [
        { ...at(soapLogin, 'S0apPassw0rd'), message: "sent as 'password' by a SOAP login to Salesforce", detail: 'The request goes to /services/Soap/u/60.0.' },
      ],
    },
    {
      name: 'a community host resolved from the properties file',
      files: community,
      findings: [{ ...at(community[MAIN], 'C0mmunityS3cret'), message: 'to Salesforce', detail: 'The request goes to /customers/services/oauth2/token.' }],
    },
  ],
});
