/** The JSON schema of `.sessionguardrc.json`, generated from the rule metadata (VS Code validates with it). */
import type { Rule } from '../rules/rule';
import { ruleDocPath } from '../rules/rule';
import { SEVERITIES, SEVERITY_VALUES } from './config';

export function configSchema(rules: readonly Rule[]): object {
  const severity = { enum: [...SEVERITY_VALUES] };
  const properties: Record<string, object> = {};
  for (const r of rules) {
    const opts = r.meta.options ?? {};
    const optionProps = Object.fromEntries(
      Object.entries(opts).map(([k, o]) => [
        k,
        o.type === 'severity'
          ? { type: 'string', enum: [...SEVERITIES], description: o.description, default: o.default }
          : { type: o.type, description: o.description, default: o.default, ...(o.type === 'number' && o.minimum !== undefined ? { minimum: o.minimum } : {}) },
      ]),
    );
    const description = `${r.meta.description} Default: ${r.meta.defaultSeverity}. Documentation: ${ruleDocPath(r.meta.id)} in the Session Guard package.`;
    properties[r.meta.id] = {
      description,
      oneOf: [
        { ...severity },
        {
          type: 'array',
          minItems: 1,
          maxItems: 2,
          items: [{ ...severity }, { type: 'object', properties: optionProps, additionalProperties: false }],
        },
      ],
    };
  }
  const rulesSchema = {
    type: 'object',
    description:
      'Rule severities ("off" or 0, "info", "warn"/"warning" or 1, "error" or 2) or [severity, options], by rule id or by a glob such as "mule/*" (a severity only). Later keys win.',
    properties,
    patternProperties: { '[*?]': { ...severity, description: 'A glob over rule ids ("mule/*"): the severity of every rule it matches.' } },
    additionalProperties: false,
  };
  // Not negated (an extglob `!(…)` is fine): overrides leave files out with `excludedFiles` (validateConfig says so too).
  const glob = { type: 'string', minLength: 1, pattern: '^(?!\\s*!(?!\\())' };
  const globs = { oneOf: [glob, { type: 'array', minItems: 1, items: glob }] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Session Guard configuration (.sessionguardrc.json)',
    type: 'object',
    additionalProperties: false,
    definitions: { rules: rulesSchema },
    properties: {
      $schema: { type: 'string' },
      rules: { $ref: '#/definitions/rules' },
      ignore: {
        type: 'array',
        description: 'Files to skip, in gitignore syntax relative to this file ("!" re-includes, outside an ignored folder).',
        items: { type: 'string', minLength: 1, pattern: '^[^\\\\]*$' },
      },
      overrides: {
        type: 'array',
        description: 'Rule settings for some files, as in ESLint: later entries win over earlier ones and over "rules".',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { ...globs, description: 'Globs of the files these settings apply to, relative to this file ("*.flow-meta.xml" matches in any folder).' },
            excludedFiles: { ...globs, description: 'Globs of files to leave out.' },
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
    },
  };
}
