import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { resolveConfig, ruleGlob, validateConfig } from './config';

const keys = (json: unknown) => validateConfig(json, RULES).errors.map((e) => `${e.key}: ${e.message}`);

describe('configuration', () => {
  it('accepts severities, options and ignore globs', () => {
    assert.deepEqual(
      keys({ $schema: 'x', rules: { 'mule/unbounded-retry': ['error', { maxTotalRetryMs: 600000 }], 'xml/malformed': 'off' }, ignore: ['generated/**'] }),
      [],
    );
  });
  it('names the key that is wrong', () => {
    assert.deepEqual(keys({ rulez: {} }), ['rulez: unknown key (allowed: $schema, rules, ignore, overrides)']);
    assert.deepEqual(keys({ rules: { 'unhandled-session-error': 'warning' } }), [
      'rules["unhandled-session-error"]: unknown rule (did you mean "mule/unhandled-session-error"?)',
    ]);
    assert.deepEqual(keys({ rules: { 'mule/unbounded-retry': 'warnings' } }), [
      'rules["mule/unbounded-retry"]: must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2',
    ]);
    assert.deepEqual(keys({ rules: { 'mule/unbounded-retry': 3 } }), [
      'rules["mule/unbounded-retry"]: must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2',
    ]);
    assert.deepEqual(keys({ rules: { 'mule/unbounded-retry': ['error', { maxRetriez: 3 }] } }), [
      'rules["mule/unbounded-retry"][1].maxRetriez: unknown option (allowed: maxTotalRetryMs)',
    ]);
    assert.deepEqual(keys({ rules: { 'mule/unbounded-retry': ['error', { maxTotalRetryMs: 0 }] } }), [
      'rules["mule/unbounded-retry"][1].maxTotalRetryMs: must be a number >= 1',
    ]);
    assert.deepEqual(keys({ rules: { 'xml/malformed': ['error', { x: 1 }] } }), ['rules["xml/malformed"][1].x: this rule has no options']);
    assert.deepEqual(keys({ ignore: 'target' }), ['ignore: must be an array of non-empty patterns (gitignore syntax)']);
    assert.deepEqual(keys([]), ['(root): must be a JSON object']);
  });
  it("accepts ESLint's spellings of severities", () => {
    const { config, errors } = validateConfig(
      { rules: { 'mule/unbounded-retry': 'warn', 'xml/malformed': 0, 'mule/retry-without-backoff': [2, { minDelayMs: 500 }], 'mule/blind-session-retry': 1 } },
      RULES,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(
      Object.entries(config.rules).map(([id, e]) => [id, e.severity]),
      [
        ['mule/unbounded-retry', 'warning'],
        ['xml/malformed', 'off'],
        ['mule/retry-without-backoff', 'error'],
        ['mule/blind-session-retry', 'warning'],
      ],
    );
  });
  it('resolves defaults, then layers in order', () => {
    const r = resolveConfig(
      RULES,
      { rules: { 'mule/unbounded-retry': { severity: 'warning', options: { maxTotalRetryMs: 7 } } } },
      { rules: { 'mule/unbounded-retry': { severity: 'info', options: {} } } },
    );
    assert.deepEqual(r.rules.get('mule/unbounded-retry'), { severity: 'info', options: { maxTotalRetryMs: 7 } });
    assert.deepEqual(r.rules.get('mule/retry-without-backoff'), { severity: 'warning', options: { minDelayMs: 1000 } });
    assert.deepEqual(r.rules.get('mule/unhandled-session-error'), { severity: 'warning', options: { requestResponseSeverity: 'info' } });
  });
  it('checks severity options', () => {
    assert.deepEqual(keys({ rules: { 'mule/unhandled-session-error': ['warning', { requestResponseSeverity: 'warning' }] } }), []);
    assert.deepEqual(keys({ rules: { 'mule/unhandled-session-error': ['warning', { requestResponseSeverity: 'off' }] } }), [
      'rules["mule/unhandled-session-error"][1].requestResponseSeverity: must be one of "info", "warning", "error"',
    ]);
  });
  it('takes rule globs ("mule/*") in the order written, later keys winning, as the editor setting does', () => {
    const { config, errors } = validateConfig({ rules: { 'mule/*': 'off', 'mule/unknown-error-type': 'warn', 'flow/**': 'info' } }, RULES);
    assert.deepEqual(errors, []);
    const r = resolveConfig(RULES, config);
    assert.equal(r.rules.get('mule/missing-reconnection')!.severity, 'off');
    assert.equal(r.rules.get('mule/unknown-error-type')!.severity, 'warning');
    assert.equal(r.rules.get('flow/callout-in-loop')!.severity, 'info');
    assert.equal(r.rules.get('credential/soap-session-not-refreshed')!.severity, 'info', 'the default: no glob matches it');
    const later = resolveConfig(RULES, validateConfig({ rules: { 'mule/unknown-error-type': 'warn', 'mule/*': 'off' } }, RULES).config);
    assert.equal(later.rules.get('mule/unknown-error-type')!.severity, 'off');
    assert.equal(ruleGlob('mule/*').test('mule/a/b'), false, '* stays within one segment');
  });
  it('refuses a glob that matches no rule, and options on a glob', () => {
    assert.deepEqual(keys({ rules: { 'mulle/*': 'off' } }), ['rules["mulle/*"]: matches no rule']);
    assert.deepEqual(keys({ rules: { 'mule/*': ['warn', { maxTotalRetryMs: 3 }] } }), [
      'rules["mule/*"]: a glob sets a severity only (give options to each rule by its id)',
    ]);
  });
  it('validates overrides: files globs and rules, with keys that name the entry', () => {
    const { config, errors } = validateConfig(
      {
        overrides: [{ files: ['**/legacy/**'], excludedFiles: 'x.xml', rules: { 'mule/*': 'off', 'mule/unbounded-retry': ['warn', { maxTotalRetryMs: 50 }] } }],
      },
      RULES,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config.overrides![0].files, ['**/legacy/**']);
    assert.deepEqual(config.overrides![0].excludedFiles, ['x.xml']);
    assert.deepEqual(keys({ overrides: [{ rules: {} }] }), ['overrides[0].files: must be a glob or a non-empty array of globs (relative to this file)']);
    assert.deepEqual(keys({ overrides: [{ files: '*.xml', rulez: {} }] }), ['overrides[0].rulez: unknown key (allowed: files, excludedFiles, rules)']);
    assert.deepEqual(keys({ overrides: [{ files: '*.xml', rules: { 'mule/nope': 'off' } }] }), ['overrides[0].rules["mule/nope"]: unknown rule']);
    assert.deepEqual(keys({ overrides: {} }), ['overrides: must be an array of { "files": [globs], "rules": {…} }']);
    assert.deepEqual(keys({ overrides: [{ files: ['*.xml', '!test-*.xml'] }] }), [
      'overrides[0].files: "!test-*.xml": a glob cannot start with "!" here; list the files to leave out in "excludedFiles"',
    ]);
    assert.deepEqual(keys({ overrides: [{ files: '*.xml', excludedFiles: '!a.xml' }] }), [
      'overrides[0].excludedFiles: "!a.xml": a glob cannot start with "!" here; narrow "files" instead',
    ]);
    assert.equal(validateConfig({ overrides: [{ files: '!a.xml' }] }, RULES).config.overrides, undefined, 'an override in error is not kept');
    assert.deepEqual(keys({ overrides: [{ files: '!(Experimental_*).flow-meta.xml' }] }), [], 'an extglob is not a negation');
    assert.deepEqual(keys({ ignore: ['generated\\*.xml'] }), [
      'ignore: "generated\\*.xml": use "/" between folders (in gitignore syntax "\\" escapes the next character)',
    ]);
  });
});
