import { at, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { expand, loadSnippets } from '../../../../../test/support/snippets';

/** Where an element's start tag begins (findings cover `<prefix:name`; the needle may say more). */
const tag = (text: string, needle: string, nth = 0) => {
  const p = at(text, needle, nth);
  return { line: p.line, column: p.column };
};

const CONFIGS = `
  <http:request-config name="sf-login"><http:request-connection host="login.salesforce.com" protocol="HTTPS"/></http:request-config>
  <http:request-config name="sf-api" basePath="/services/data/v60.0"><http:request-connection host="acme.my.salesforce.com" protocol="HTTPS"/></http:request-config>
  <os:object-store name="tokens" persistent="true"/>`;
const LOGIN_FLOW = `
  <sub-flow name="salesforce-login">
    <http:request method="POST" config-ref="sf-login" path="/services/oauth2/token">
      <http:body>#[output application/x-www-form-urlencoded --- { grant_type: 'client_credentials', client_id: p('sf.id'), client_secret: p('secure::sf.secret') }]</http:body>
    </http:request>
    <set-variable variableName="sfToken" value="#[payload.access_token]"/>
    <os:store key="salesforce-access-token" objectStore="tokens"><os:value>#[vars.sfToken]</os:value></os:store>
  </sub-flow>`;
const CACHED_TOKEN = `
    <os:retrieve key="salesforce-access-token" objectStore="tokens" target="sfToken"><os:default-value>#['']</os:default-value></os:retrieve>
    <choice><when expression="#[isEmpty(vars.sfToken)]"><flow-ref name="salesforce-login"/></when></choice>`;
const CALL = `<http:request method="GET" config-ref="sf-api" path="/query"><http:headers>#[{ 'Authorization': 'Bearer ' ++ vars.sfToken }]</http:headers></http:request>`;

/** An API flow that reads the cached token and then runs `body`. */
const app = (body: string, flowHandler = '', source = '<http:listener config-ref="api" path="/accounts"/>') =>
  mule(`
    ${CONFIGS}
    ${LOGIN_FLOW}
    <flow name="accounts">
      ${source}
      ${CACHED_TOKEN}
      ${body}
      ${flowHandler}
    </flow>`);

/** The call in flow or sub-flow `impl`, run by an API flow and by `orphan` (a sub-flow or flow no one runs). */
const sharedImpl = (implKind: 'flow' | 'sub-flow', orphanKind: 'flow' | 'sub-flow') =>
  mule(`
    ${CONFIGS}
    ${LOGIN_FLOW}
    <flow name="accounts"><http:listener config-ref="api" path="/accounts"/><flow-ref name="impl"/></flow>
    <${implKind} name="impl">${CACHED_TOKEN}${CALL}</${implKind}>
    <${orphanKind} name="reconcile"><flow-ref name="impl"/></${orphanKind}>`);
const orphanSubFlow = sharedImpl('flow', 'sub-flow');
const orphanFlow = sharedImpl('sub-flow', 'flow');
/** An uncalled sub-flow wraps the call in a try that logs in again and calls once more: dead code. */
const deadRecovery = mule(`
  ${CONFIGS}
  ${LOGIN_FLOW}
  <flow name="accounts"><http:listener config-ref="api" path="/accounts"/><flow-ref name="impl"/></flow>
  <flow name="impl">${CACHED_TOKEN}${CALL}</flow>
  <sub-flow name="dead"><try><flow-ref name="impl"/><error-handler><on-error-continue type="HTTP:UNAUTHORIZED"><flow-ref name="salesforce-login"/>${CALL}</on-error-continue></error-handler></try></sub-flow>`);
/** The call in a flow whose caller is unknown, its failure caught by a handler that only logs: inline, or global. */
const unknownCallerHandled = (global: boolean) =>
  mule(`
    ${CONFIGS}
    ${LOGIN_FLOW}
    ${global ? '<error-handler name="shared"><on-error-propagate type="ANY"><logger level="ERROR" message="failed"/></on-error-propagate></error-handler>' : ''}
    <flow name="impl">${CACHED_TOKEN}${CALL}<error-handler${global ? ' ref="shared"/>' : '><on-error-propagate type="ANY"><logger level="ERROR" message="failed"/></on-error-propagate></error-handler>'}</flow>`);
const copyOfImpl = mule(`<flow name="impl">${CACHED_TOKEN}${CALL}</flow>`);
/** The call only in a flow with no source that nothing in the app runs (`lookup()`, a test, another app…). */
const onlyUnknownCaller = mule(`
  ${CONFIGS}
  ${LOGIN_FLOW}
  <flow name="impl">${CACHED_TOKEN}${CALL}</flow>`);
const secureUrl = app(
  CALL.replace('config-ref="sf-api" path="/query"', 'url="#[\'${secure::sf.instanceUrl}/services/data/v60.0/sobjects/Case/\' ++ vars.caseId]"'),
);
/** The path is an expression whose literal holds a property that resolves to the REST root. */
const expressionPath = {
  'app/src/main/mule/main.xml': app(
    CALL.replace('config-ref="sf-api" path="/query"', 'config-ref="sf-host" path="#[\'${sf.basePath}/sobjects/Case/\' ++ vars.caseId]"'),
  ).replace(
    '<os:object-store',
    '<http:request-config name="sf-host"><http:request-connection host="${sf.host}" protocol="HTTPS"/></http:request-config>\n  <os:object-store',
  ),
  'app/src/main/resources/config.yaml': 'sf:\n  host: "integration.example.com"\n  basePath: "/services/data/v60.0"\n',
};
const inTry = (handler: string) => `<try>${CALL}<error-handler>${handler}</error-handler></try>`;
const REFRESH_AND_RETRY = `<flow-ref name="salesforce-login"/>${CALL}`;

const bare = app(CALL);
const logsOnly = app(inTry('<on-error-propagate type="HTTP:UNAUTHORIZED"><logger level="ERROR" message="#[error.description]"/></on-error-propagate>'));
const retriedStale = app(
  `<until-successful maxRetries="2" millisBetweenRetries="1000">${CALL}</until-successful>`,
  '<error-handler><on-error-propagate type="MULE:RETRY_EXHAUSTED"><logger level="ERROR" message="#[error.description]"/></on-error-propagate></error-handler>',
);
const loop = app(
  CALL,
  '<error-handler><on-error-propagate type="HTTP:UNAUTHORIZED"><flow-ref name="salesforce-login"/><flow-ref name="accounts"/></on-error-propagate></error-handler>',
);
const fromProperty = mule(`
  <http:request-config name="sf-api" basePath="/services/apexrest">
    <http:request-connection host="acme.my.salesforce.com" protocol="HTTPS"/>
    <http:default-headers><http:default-header key="Authorization" value="Bearer \${sf.accessToken}"/></http:default-headers>
  </http:request-config>
  <flow name="orders">
    <vm:listener config-ref="vm" queueName="orders"/>
    <http:request method="POST" config-ref="sf-api" path="/orders"/>
  </flow>`);
const soap = mule(`
  ${CONFIGS}
  <flow name="sync">
    <scheduler><scheduling-strategy><fixed-frequency frequency="1" timeUnit="HOURS"/></scheduling-strategy></scheduler>
    <os:retrieve key="salesforce-session" objectStore="tokens" target="sfSession"/>
    <set-payload value="#[output application/xml ns urn urn:partner.soap.sforce.com --- { Envelope: { Header: { urn#SessionHeader: { urn#sessionId: vars.sfSession } }, Body: { urn#query: { urn#queryString: 'SELECT Id FROM Account' } } } }]"/>
    <try>
      <http:request method="POST" config-ref="sf-login" path="/services/Soap/u/60.0"/>
      <error-handler>
        <on-error-continue type="HTTP:UNAUTHORIZED"><flow-ref name="salesforce-login"/><http:request method="POST" config-ref="sf-login" path="/services/Soap/u/60.0"/></on-error-continue>
      </error-handler>
    </try>
  </flow>
  ${LOGIN_FLOW}`);

const PROPS = 'app/src/main/resources/config.yaml';
const MAIN = 'app/src/main/mule/main.xml';
/** The host comes from the properties; the base path does not resolve, so the path is read below /services. */
const hostFromProperties = (yaml: string) => ({
  [MAIN]: mule(`
    <http:request-config name="sf-api" basePath="\${sf.basePath}"><http:request-connection host="\${sf.instance}" protocol="HTTPS"/></http:request-config>
    <flow name="accounts">
      <http:listener config-ref="api" path="/accounts"/>
      <os:retrieve key="token" objectStore="tokens" target="token"/>
      <http:request method="GET" config-ref="sf-api" path="/data/v60.0/sobjects/Account"><http:headers>#[{ Authorization: 'Bearer ' ++ vars.token }]</http:headers></http:request>
    </flow>`),
  [PROPS]: yaml,
});
const resolvedHost = hostFromProperties('sf:\n  instance: "acme.my.salesforce.com"\n');

/** The recovery snippet in an app that defines its login sub-flow, as the snippet test places it. */
const snippet = expand(loadSnippets('mule-recovery.json')['Cached Salesforce token, refreshed once on 401'].body);
const withSnippet = (s: string) =>
  mule(`
    <http:request-config name="Salesforce_Login"><http:request-connection host="login.salesforce.com"/></http:request-config>
    <http:request-config name="Salesforce_API"><http:request-connection host="acme.my.salesforce.com"/></http:request-config>
    <flow name="api">
      <http:listener config-ref="l" path="/"/>
      ${s}
    </flow>
    <sub-flow name="salesforce-login">
      <http:request method="POST" config-ref="Salesforce_Login" path="/services/oauth2/token"/>
      <set-variable variableName="sfToken" value="#[payload.access_token]"/>
    </sub-flow>`);
/** The snippet without its login in the handler: the retry runs with the same rejected token. */
const withoutLogin = withSnippet(snippet.replace(/(<on-error-continue[^>]*>[\s\S]*?)<flow-ref name="salesforce-login"\/>/, '$1'));

ruleTests('mule/salesforce-http-without-reauth', {
  valid: [
    { name: 'the call runs only in a flow whose caller the app does not show: it may recover there', files: onlyUnknownCaller },
    { name: 'the same, its failure caught by an inline handler that only logs', files: unknownCallerHandled(false) },
    { name: 'the same, its failure caught by a global handler the flow references', files: unknownCallerHandled(true) },
    {
      name: 'the call is in a sub-flow nothing calls: it never runs',
      files: sharedImpl('sub-flow', 'sub-flow').replace('<flow-ref name="impl"/></flow>', '</flow>'),
    },
    { name: 'the recovery snippet "cached token, refreshed once on 401"', files: withSnippet(snippet) },
    { name: 'cached token, refreshed once on 401', files: app(inTry(`<on-error-continue type="HTTP:UNAUTHORIZED">${REFRESH_AND_RETRY}</on-error-continue>`)) },
    {
      name: 'a handler for MULE:CLIENT_SECURITY (the parent of HTTP:UNAUTHORIZED) that refreshes and retries',
      files: app(inTry(`<on-error-continue type="CLIENT_SECURITY">${REFRESH_AND_RETRY}</on-error-continue>`)),
    },
    {
      name: 'until-successful retries after a handler that logs in again',
      files: app(
        `<until-successful maxRetries="2" millisBetweenRetries="1000">${inTry('<on-error-propagate type="HTTP:UNAUTHORIZED"><flow-ref name="salesforce-login"/></on-error-propagate>')}</until-successful>`,
      ),
    },
    {
      name: 'a loop back to the flow, guarded by a counter',
      files: app(
        CALL,
        '<error-handler><on-error-propagate type="HTTP:UNAUTHORIZED"><flow-ref name="salesforce-login"/><choice><when expression="#[(vars.attempts default 0) &lt; 2]"><flow-ref name="accounts"/></when></choice></on-error-propagate></error-handler>',
      ),
    },
    {
      name: 'the token a login just returned (a login per message is another rule)',
      files: mule(`
        ${CONFIGS}
        <flow name="accounts">
          <http:listener config-ref="api" path="/accounts"/>
          <http:request method="POST" config-ref="sf-login" path="/services/oauth2/token" target="login"/>
          <http:request method="GET" config-ref="sf-api" path="/query"><http:headers>#[{ Authorization: 'Bearer ' ++ vars.login.access_token }]</http:headers></http:request>
        </flow>`),
    },
    {
      name: 'a token the caller sent',
      files: mule(
        `${CONFIGS}<flow name="proxy"><http:listener config-ref="api" path="/p"/><http:request method="GET" config-ref="sf-api" path="/query"><http:headers>#[{ Authorization: attributes.headers.authorization }]</http:headers></http:request></flow>`,
      ),
    },
    {
      name: 'a response validator that lets the app check the status itself',
      files: app(
        CALL.replace(
          '</http:request>',
          '<http:response-validator><http:success-status-code-validator values="200..499"/></http:response-validator></http:request>',
        ),
      ),
    },
    { name: 'a handler from an imported library', files: app(CALL, '<error-handler ref="global-error-handler"/>') },
    { name: 'a flow nobody starts or calls', files: app(CALL, '', '') },
    { name: 'a host that does not resolve', files: hostFromProperties('sf:\n  other: "x"\n') },
    {
      name: 'a host that is Salesforce in one environment only',
      files: { ...resolvedHost, 'app/src/main/resources/prod.yaml': 'sf:\n  instance: "gateway.example.com"\n' },
    },
  ],
  invalid: [
    {
      name: 'a re-login in a sub-flow that never runs does not recover the path that does',
      files: deadRecovery,
      findings: [
        {
          ...tag(deadRecovery, '<http:request method="GET"'),
          message: 'This request to Salesforce (GET /services/data/v60.0/query) fails on every call',
          detail: /no error handler catches HTTP:UNAUTHORIZED: it escapes flow 'accounts'/,
        },
      ],
    },
    {
      name: 'two flows of one name in two files: the app does not deploy the second, so the request is reported once',
      files: { 'app/src/main/mule/main.xml': orphanSubFlow, 'app/src/main/mule/a-copy.xml': copyOfImpl },
      // Files are read in path order: the copy's `impl` is the one the name resolves to.
      findings: [{ path: 'app/src/main/mule/a-copy.xml', ...tag(copyOfImpl, '<http:request method="GET"'), message: 'This request to Salesforce' }],
    },
    {
      name: 'a sub-flow nothing calls also runs the call: it never runs, so the API path is still reported',
      files: orphanSubFlow,
      findings: [
        { ...tag(orphanSubFlow, '<http:request method="GET"'), message: 'This request to Salesforce (GET /services/data/v60.0/query) fails on every call' },
      ],
    },
    {
      name: 'a flow with no source and no caller also runs the call: the API path is still reported',
      files: orphanFlow,
      findings: [{ ...tag(orphanFlow, '<http:request method="GET"'), message: 'This request to Salesforce (GET /services/data/v60.0/query)' }],
    },
    {
      name: 'a URL expression whose literal holds a secure placeholder the app cannot resolve: its /services/… is still read',
      files: secureUrl,
      findings: [{ ...tag(secureUrl, '<http:request method="GET"'), message: 'This request to Salesforce (GET /services/data/v60.0/sobjects/Case/)' }],
    },
    {
      name: 'a path written as an expression whose literal holds the REST root through a property',
      files: expressionPath,
      findings: [
        {
          path: 'app/src/main/mule/main.xml',
          ...tag(expressionPath['app/src/main/mule/main.xml'], '<http:request method="GET"'),
          message: 'This request to Salesforce (GET /services/data/v60.0/sobjects/Case/) fails on every call',
        },
      ],
    },
    {
      name: 'a token read from an object store, and no handler at all',
      files: bare,
      findings: [
        {
          ...tag(bare, '<http:request method="GET"'),
          message: 'This request to Salesforce (GET /services/data/v60.0/query) fails on every call once its cached token expires or is revoked',
          detail:
            "It sends a token read from an object store. When that token expires or is revoked, it is rejected with 401 (HTTP:UNAUTHORIZED), and no error handler catches HTTP:UNAUTHORIZED: it escapes flow 'accounts'. Every call then fails until the stored token is replaced or its entry expires (a persistent store, the default, keeps it across restarts). Catch HTTP:UNAUTHORIZED around the call, log in, store the new token and call once more.",
          related: ['the token is read from an object store here', 'the token is sent here'],
        },
      ],
    },
    {
      name: 'a handler that only logs',
      files: logsOnly,
      findings: [
        {
          ...tag(logsOnly, '<http:request method="GET"'),
          detail: '1 error handler catches HTTP:UNAUTHORIZED, but none gets a new token and calls again',
          related: ['the token is read from an object store here', 'the token is sent here', 'catches HTTP:UNAUTHORIZED without logging in again'],
        },
      ],
    },
    {
      name: 'until-successful retries with the same token, and the handler after it only logs',
      files: retriedStale,
      findings: [
        {
          ...tag(retriedStale, '<http:request method="GET"'),
          detail: '1 error handler catches MULE:RETRY_EXHAUSTED, but none gets a new token and calls again',
          related: ['the token is read from an object store here', 'the token is sent here', 'catches MULE:RETRY_EXHAUSTED without logging in again'],
        },
      ],
    },
    {
      name: 'a refresh that loops back to the flow with no counter',
      files: loop,
      findings: [
        {
          ...tag(loop, '<http:request method="GET"'),
          message:
            'This request to Salesforce (GET /services/data/v60.0/query) loops for good on a token Salesforce keeps rejecting: its re-login loop has no counter',
          detail:
            'an error handler logs in again but calls again through a flow-ref loop with no counter: a token Salesforce keeps rejecting (revoked app, frozen user) loops for good',
        },
      ],
    },
    {
      name: 'a token taken from a property in the default headers of the configuration',
      files: fromProperty,
      findings: [
        {
          ...tag(fromProperty, '<http:request method="POST"'),
          message: 'This request to Salesforce (POST /services/apexrest/orders) fails on every call',
          detail: /^It sends a token taken from a property\..* Every call then fails until the property holds a new token and the app is deployed again\./,
          related: ['the token is taken from a property here', 'the token is sent here'],
        },
      ],
    },
    {
      name: 'SOAP: a handler for 401, but SOAP reports an expired session as 500',
      files: soap,
      findings: [
        {
          ...tag(soap, '<http:request method="POST" config-ref="sf-login" path="/services/Soap'),
          message: 'This request to Salesforce (POST /services/Soap/u/60.0) fails on every call',
          detail: 'SOAP reports an expired session as 500 (HTTP:INTERNAL_SERVER_ERROR)',
        },
      ],
    },
    {
      name: 'the recovery snippet without the login in its handler',
      files: withoutLogin,
      findings: [
        { ...tag(withoutLogin, '<http:request method="GET"'), detail: '1 error handler catches HTTP:UNAUTHORIZED, but none gets a new token and calls again' },
        // The second call, in the handler, sends the same rejected token: its 401 escapes the flow.
        { ...tag(withoutLogin, '<http:request method="GET"', 1), detail: "no error handler catches HTTP:UNAUTHORIZED: it escapes flow 'api'" },
      ],
    },
    {
      name: 'the host comes from the properties file',
      files: resolvedHost,
      findings: [{ ...tag(resolvedHost[MAIN], '<http:request method'), message: '(GET …/data/v60.0/sobjects/Account)' }],
    },
  ],
});
