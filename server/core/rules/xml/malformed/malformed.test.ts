import { at, MULE_HEADER, mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';

const mismatched = `${MULE_HEADER}\n<flow name="f">\n  <logger level="INFO">\n</flow>\n</mule>\n`;
const badEntity = mule(`<flow name="f"><logger message="Tom & Jerry"/></flow>`);
const unclosed = `${MULE_HEADER}\n<flow name="f">\n`;
const truncatedFlow = `<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    <actionCalls>\n        <name>Call\n`;
const garbage = 'PK\u0003\u0004 not xml at all';

ruleTests('xml/malformed', {
  valid: [
    { name: 'a well-formed Mule file', files: mule('<flow name="f"><logger level="INFO" message="#[payload]"/></flow>') },
    {
      name: 'CDATA, comments, entities and a DOCTYPE-free prolog',
      files: mule('<!-- c --><flow name="f"><logger message="a &amp; b &#65;"><![CDATA[x < y]]></logger></flow>'),
    },
    { name: 'non-Mule XML outside src/main/mule is not linted', files: { 'app/src/main/resources/log4j2.xml': '<Configuration><broken></Configuration>' } },
  ],
  invalid: [
    {
      name: 'a mismatched end tag is reported where it occurs',
      files: mismatched,
      findings: [
        {
          ...at(mismatched, '</flow'),
          endColumn: at(mismatched, '</flow').column + 6,
          message: 'Not well-formed XML (Mismatched end tag </flow>: expected </logger>): only the readable part of the file was analysed',
          severity: 'error',
        },
      ],
    },
    {
      name: "a bare '&' in an attribute value",
      files: badEntity,
      findings: [{ ...at(badEntity, '&'), message: "'&' must start a reference" }],
    },
    {
      name: 'a file that ends inside an element',
      files: unclosed,
      findings: [{ line: 3, column: 1, message: 'is never closed' }],
    },
    {
      name: 'truncated Salesforce metadata is reported too',
      files: { 'sfdx/force-app/main/default/flows/Call.flow-meta.xml': truncatedFlow },
      findings: [{ path: 'sfdx/force-app/main/default/flows/Call.flow-meta.xml', line: 5, column: 1, message: 'Element <name> is never closed' }],
    },
    {
      name: 'binary junk under src/main/mule becomes a finding, not a crash',
      files: { 'app/src/main/mule/junk.xml': garbage },
      findings: [
        {
          path: 'app/src/main/mule/junk.xml',
          line: 1,
          column: 3,
          message: 'U+0003 is not allowed',
          detail: /^\d+ more problems follow, possibly caused by this one\.$/,
        },
      ],
    },
  ],
});
