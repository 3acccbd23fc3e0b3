import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { validateConfig } from '../server/core/config/config';
import { RULES } from '../server/core/rules';
import { render, SCHEMA_PATH } from '../scripts/gen-schema';

describe('.sessionguardrc.json schema', () => {
  it('is up to date with the rule metadata (run `npm run schema`)', () => {
    assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), render());
  });
  it('agrees with the validator on valid and invalid files', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(render()));
    const cases: unknown[] = [
      { rules: { 'mule/unbounded-retry': ['error', { maxTotalRetryMs: 600000 }] }, ignore: ['x/**'] },
      { rules: { 'mule/unbounded-retry': 'warn' } },
      { rules: { 'mule/unbounded-retry': 2 } },
      { rules: { 'mule/unbounded-retry': 'warnings' } },
      { rules: { 'mule/unbounded-retry': 3 } },
      { rules: { 'mule/nope': 'off' } },
      { rulez: {} },
      { rules: { 'mule/unbounded-retry': ['error', { maxRetriez: 1 }] } },
      { rules: { 'mule/unhandled-session-error': ['warning', { requestResponseSeverity: 'error' }] } },
      { rules: { 'mule/unhandled-session-error': ['warning', { requestResponseSeverity: 'loud' }] } },
      { rules: { 'mule/*': 'off', 'mule/unknown-error-type': 2 } },
      { rules: { 'mule/*': ['warn', { maxRetries: 3 }] } },
      { overrides: [{ files: ['**/legacy/**'], rules: { 'mule/*': 'info' } }] },
      { overrides: [{ files: '*.flow-meta.xml', excludedFiles: ['x/**'], rules: { 'flow/callout-in-loop': ['error'] } }] },
      { overrides: [{ rules: { 'mule/*': 'info' } }] },
      { overrides: [{ files: 'a', rulez: {} }] },
      { overrides: [{ files: [], rules: {} }] },
      { overrides: [{ files: 'a', rules: { 'mule/unbounded-retry': 'loud' } }] },
      { overrides: [{ files: ['*.xml', '!test-*.xml'], rules: {} }] },
      { overrides: [{ files: '*.xml', excludedFiles: ' !x.xml', rules: {} }] },
      { ignore: ['generated/**', '!generated/keep.xml'] },
      { ignore: ['generated\\*.xml'] },
      { overrides: [{ files: '!(Experimental_*).xml', rules: {} }] },
    ];
    for (const c of cases) assert.equal(validate(c), validateConfig(c, RULES).errors.length === 0, JSON.stringify(c));
    for (const refused of [
      { overrides: [{ files: ['*.xml', '!test-*.xml'], rules: {} }] },
      { overrides: [{ files: '*.xml', excludedFiles: ' !x.xml', rules: {} }] },
      { ignore: ['generated\\*.xml'] },
    ])
      assert.equal(validate(refused), false, JSON.stringify(refused));
    assert.equal(validate({ overrides: [{ files: '!(Experimental_*).xml', rules: {} }] }), true, 'an extglob is not a negation');
  });
});
