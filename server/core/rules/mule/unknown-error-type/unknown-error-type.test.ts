import { at, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const handler = (type: string, extra = '') =>
  mule(`
    <flow name="f">
      <salesforce:query config-ref="sf"/>
      <error-handler>
        <on-error-propagate type="${type}"${extra}>
          <logger level="ERROR" message="failed"/>
        </on-error-propagate>
      </error-handler>
    </flow>`);

const invalidSession = handler('SALESFORCE:INVALID_SESSION');
const sessionId = handler('SALESFORCE:CONNECTIVITY, SALESFORCE:INVALID_SESSION_ID');
const sessionIdBoth = handler('SALESFORCE:INVALID_SESSION_ID, SALESFORCE:RETRY_EXHAUSTED, SALESFORCE:CONNECTIVITY');
const orSyntax = handler('SALESFORCE:CONNECTIVITY OR SALESFORCE:TIMEOUT');
const typo = handler('SALESFORCE:CONECTIVITY');
const coreTypo = handler('CONECTIVITY');
const lower = handler('SALESFORCE:connectivity');
const mapping = mule(`
  <flow name="f">
    <salesforce:query config-ref="sf">
      <error-mapping sourceType="SALESFORCE:SESSION_EXPIRED" targetType="APP:SESSION"/>
    </salesforce:query>
  </flow>`);
const connectorRaise = mule(`
  <flow name="f">
    <choice>
      <when expression="#[isEmpty(payload)]"><raise-error type="SALESFORCE:INVALID_INPUT" description="empty"/></when>
      <otherwise><raise-error type="HTTP:UNAUTHORIZED" description="Salesforce authentication failed"/></otherwise>
    </choice>
  </flow>`);
const raise = mule(`
  <flow name="f">
    <raise-error type="SALESFORCE:INVALID_SESSION" description="expired"/>
  </flow>`);
const fromProperty = {
  'app/src/main/mule/main.xml': handler('${sf.errors}'),
  'app/src/main/resources/config.yaml': 'sf:\n  errors: "SALESFORCE:CONNECTIVITY, SALESFORCE:INVALID_SESSION"\n',
};

ruleTests('mule/unknown-error-type', {
  valid: [
    {
      name: 'real Salesforce and core types, comma list',
      files: handler('SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED, MULE:RETRY_EXHAUSTED, EXPRESSION'),
    },
    { name: 'wildcards', files: handler('*:CONNECTIVITY, SALESFORCE:*') },
    { name: 'ANY and no type', files: handler('ANY') },
    { name: "the app's own namespaces and other connectors are not checked", files: handler('APP:SESSION_LOST, HTTP:UNAUTHORIZED, APIKIT:NOT_FOUND') },
    {
      name: 'a property that resolves to real types',
      files: { 'app/src/main/mule/main.xml': handler('${sf.errors}'), 'app/src/main/resources/c.yaml': 'sf:\n  errors: "SALESFORCE:CONNECTIVITY"\n' },
    },
    { name: 'an unresolvable property is never guessed at', files: handler('${secure::sf.errors}') },
    { name: 'raise-error in an app namespace', files: mule('<flow name="f"><raise-error type="APP:SESSION_LOST"/></flow>') },
    { name: 'raise-error of a core MULE type', files: mule('<flow name="f"><raise-error type="MULE:CONNECTIVITY"/></flow>') },
    {
      name: 'raise-error in an HTTP namespace of its own, in an app without the HTTP connector',
      files: {
        'app/src/main/mule/main.xml':
          '<mule xmlns="http://www.mulesoft.org/schema/mule/core">\n  <flow name="f"><raise-error type="HTTP:UNAUTHORIZED"/></flow>\n</mule>\n',
      },
    },
  ],
  invalid: [
    {
      name: 'SALESFORCE:INVALID_SESSION is replaced by the types a session failure really has',
      files: invalidSession,
      findings: [
        {
          ...at(invalidSession, 'SALESFORCE:INVALID_SESSION'),
          message: 'SALESFORCE:INVALID_SESSION is not an error type of the Salesforce connector, so the app fails to deploy ("Could not find error")',
          detail: 'reaches Mule as SALESFORCE:CONNECTIVITY (and SALESFORCE:RETRY_EXHAUSTED once a reconnection strategy gives up)',
          severity: 'error',
          fixOutput: handler('SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED'),
          suggestions: [],
        },
      ],
    },
    {
      name: 'INVALID_SESSION_ID next to CONNECTIVITY becomes RETRY_EXHAUSTED',
      files: sessionId,
      findings: [{ ...at(sessionId, 'SALESFORCE:INVALID_SESSION_ID'), fixOutput: handler('SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED') }],
    },
    {
      name: 'INVALID_SESSION_ID next to both real types is removed',
      files: sessionIdBoth,
      findings: [{ ...at(sessionIdBoth, 'SALESFORCE:INVALID_SESSION_ID'), fixOutput: handler('SALESFORCE:RETRY_EXHAUSTED, SALESFORCE:CONNECTIVITY') }],
    },
    {
      name: "'OR' is not a separator",
      files: orSyntax,
      findings: [
        {
          ...at(orSyntax, ' OR '),
          message: "Mule has no 'OR' in error types, so the app fails to deploy",
          detail: 'separated by commas ("A, B")',
          fixOutput: handler('SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT'),
        },
      ],
    },
    {
      name: 'a typo gets a suggestion, not an automatic fix',
      files: typo,
      findings: [
        {
          ...at(typo, 'SALESFORCE:CONECTIVITY'),
          message: 'SALESFORCE:CONECTIVITY is not a Salesforce connector error type, so the app fails to deploy: did you mean SALESFORCE:CONNECTIVITY?',
          detail: 'Could not find error',
          fixOutput: null,
          suggestions: [{ title: 'Replace with SALESFORCE:CONNECTIVITY', output: handler('SALESFORCE:CONNECTIVITY') }],
        },
      ],
    },
    {
      name: 'an unqualified type is a core type',
      files: coreTypo,
      findings: [
        { ...at(coreTypo, 'CONECTIVITY'), message: 'not a Mule core error type', suggestions: [{ title: 'CONNECTIVITY', output: handler('CONNECTIVITY') }] },
      ],
    },
    {
      name: 'lower-case identifiers are fixed to upper case',
      files: lower,
      findings: [
        {
          ...at(lower, 'SALESFORCE:connectivity'),
          message: 'SALESFORCE:connectivity is not found at deployment, because error types are upper case',
          detail: 'Use SALESFORCE:CONNECTIVITY.',
          fixOutput: handler('SALESFORCE:CONNECTIVITY'),
        },
      ],
    },
    {
      name: 'error-mapping sourceType is checked',
      files: mapping,
      findings: [{ ...at(mapping, 'SALESFORCE:SESSION_EXPIRED'), message: 'not a Salesforce connector error type' }],
    },
    {
      name: "raise-error cannot raise an existing type of a connector's namespace (Salesforce, HTTP)",
      files: connectorRaise,
      findings: [
        {
          ...at(connectorRaise, 'SALESFORCE:INVALID_INPUT'),
          message: 'raise-error cannot raise SALESFORCE:INVALID_INPUT: the SALESFORCE namespace belongs to the Salesforce connector',
          detail: /^Raise Error raises core MULE types or types of a namespace of your own/,
          suggestions: [{ title: 'Replace with APP:INVALID_INPUT', output: connectorRaise.replace('SALESFORCE:INVALID_INPUT', 'APP:INVALID_INPUT') }],
        },
        { ...at(connectorRaise, 'HTTP:UNAUTHORIZED'), message: 'raise-error cannot raise HTTP:UNAUTHORIZED: the HTTP namespace belongs to the HTTP connector' },
      ],
    },
    {
      name: 'raise-error cannot invent a type in the SALESFORCE namespace',
      files: raise,
      findings: [
        {
          ...at(raise, 'SALESFORCE:INVALID_SESSION'),
          message:
            'SALESFORCE:INVALID_SESSION cannot be created here: the SALESFORCE namespace belongs to the Salesforce connector and has no type INVALID_SESSION',
          detail: "Raise or map to a type in your app's own namespace (for example APP:INVALID_SESSION).",
          suggestions: [{ title: 'APP:INVALID_SESSION', output: raise.replace('SALESFORCE:INVALID_SESSION', 'APP:INVALID_SESSION') }],
        },
      ],
    },
    {
      name: 'a type list from a property names its bad member',
      files: fromProperty,
      findings: [
        {
          ...at(fromProperty['app/src/main/mule/main.xml'], '${sf.errors}'),
          message: '${sf.errors} resolves to an error type that does not exist, so the app fails to deploy',
          detail: /in the app's properties: SALESFORCE:INVALID_SESSION does not exist\. The app fails to deploy \("Could not find error"\) in this handler\.$/,
        },
      ],
    },
  ],
});
