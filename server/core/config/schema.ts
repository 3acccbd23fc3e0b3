/** The JSON schema of `.sessionguardrc.json`, generated from the rule metadata (VS Code validates with it). */
import type { Rule } from '../rules/rule';
import { docsUrl } from '../rules/rule';
import { SEVERITY_VALUES } from './config';

export function configSchema(rules: readonly Rule[]): object {
  const severity = { enum: [...SEVERITY_VALUES] };
  const properties: Record<string, object> = {};
  for (const r of rules) {
    const opts = r.meta.options ?? {};
    const optionProps = Object.fromEntries(
      Object.entries(opts).map(([k, o]) => [
        k,
        o.type === 'severity'
          ? { type: 'string', enum: ['info', 'warning', 'error'], description: o.description, default: o.default }
          : { type: o.type, description: o.description, default: o.default, ...(o.type === 'number' && o.minimum !== undefined ? { minimum: o.minimum } : {}) },
      ]),
    );
    const description = `${r.meta.description} Default: ${r.meta.defaultSeverity}. ${docsUrl(r.meta.id)}`;
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
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Session Guard configuration (.sessionguardrc.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Rule severities ("off" or 0, "info", "warn"/"warning" or 1, "error" or 2) or [severity, options].',
        properties,
        additionalProperties: false,
      },
      ignore: { type: 'array', description: 'Globs of files to skip, relative to this file.', items: { type: 'string', minLength: 1 } },
    },
  };
}
