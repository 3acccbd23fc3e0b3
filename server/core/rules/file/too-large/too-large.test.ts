import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../config/config';
import { Program } from '../../../program/program';
import { mule } from '../../../../../test/support/fixtures';
import { ruleTests } from '../../../../../test/support/rule-tester';
import { RULES } from '../../index';
import { sizeLimit } from '../../../config/config';
import { DEFAULT_MAX_BYTES } from './index';

const FLOW = 'x'.repeat(300);

ruleTests('file/too-large', {
  valid: [
    { name: 'a file under the limit', files: mule('<flow name="f"/>'), options: { maxBytes: 10_000 } },
    { name: 'the default limit is far above real files', files: mule(`<flow name="f"><logger message="${FLOW}"/></flow>`) },
  ],
  invalid: [
    {
      name: 'a Mule file above the limit is reported at its start and not analysed (no other finding)',
      files: mule(`<flow name="f"><on-error-continue type="SALESFORCE:INVALID_SESSION"/><logger message="${FLOW}"/></flow>`),
      options: { maxBytes: 500 },
      findings: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          fixOutput: null,
          message: /^This file is 0\.0 MB, above the 0\.0 MB analysis limit, so it was not analysed$/,
          detail: 'Raise "maxBytes" of file/too-large in .sessionguardrc.json to analyse it.',
        },
      ],
    },
    {
      name: 'a Flow above the limit',
      files: {
        'sf/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}',
        'sf/force-app/main/default/flows/Big.flow-meta.xml': `<?xml version="1.0"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata"><description>${FLOW}</description></Flow>`,
      },
      options: { maxBytes: 100 },
      findings: [{ path: 'sf/force-app/main/default/flows/Big.flow-meta.xml', line: 1, column: 1, message: /not analysed/ }],
    },
  ],
});

describe('file/too-large: the limit', () => {
  it('defaults to 4 MB, follows maxBytes, and is lifted when the rule is off', () => {
    assert.equal(sizeLimit(resolveConfig(RULES)), DEFAULT_MAX_BYTES);
    assert.equal(sizeLimit(resolveConfig(RULES, { rules: { 'file/too-large': { severity: 'warning', options: { maxBytes: 10 } } } })), 10);
    assert.equal(sizeLimit(resolveConfig(RULES, { rules: { 'file/too-large': { severity: 'off', options: {} } } })), undefined);
  });

  it('recognises a large Mule file outside src/main/mule by how it starts, without parsing it', () => {
    const ws = new Program({ sizeLimit: () => 100 });
    ws.setFile('/w/tools/generated.xml', `<?xml version="1.0"?>\n<!-- generated -->\n<mule xmlns="http://www.mulesoft.org/schema/mule/core">${FLOW}</mule>`);
    ws.setFile('/w/tools/pom-like.xml', `<project>${FLOW}</project>`);
    assert.equal(ws.isMuleXml('/w/tools/generated.xml'), true);
    assert.equal(ws.isMuleXml('/w/tools/pom-like.xml'), false);
    assert.equal(ws.file('/w/tools/generated.xml')!.xml.root, null, 'never parsed');
  });

  it('re-applies a changed limit to files already in the workspace', () => {
    let limit = 100;
    const ws = new Program({ sizeLimit: () => limit });
    ws.setFile('/w/app/src/main/mule/a.xml', mule(`<flow name="f"><logger message="${FLOW}"/></flow>`));
    assert.equal(ws.file('/w/app/src/main/mule/a.xml')!.tooLarge, true);
    limit = 1_000_000;
    ws.refreshSizeLimits();
    assert.equal(ws.file('/w/app/src/main/mule/a.xml')!.tooLarge, false);
    assert.ok(ws.file('/w/app/src/main/mule/a.xml')!.xml.root);
  });
});
