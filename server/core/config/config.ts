/**
 * `.sessionguardrc.json`: validation (every error names the key that is wrong) and resolution of
 * rule settings over the defaults. Pure: the host finds and reads the file.
 */
import type { RuleSetting, Severity } from '../findings';
import { DEFAULT_MAX_BYTES } from '../rules/file/too-large';
import type { Rule, RuleOptions } from '../rules/rule';

export interface RuleEntry {
  readonly severity: RuleSetting;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ConfigFile {
  readonly rules: Readonly<Record<string, RuleEntry>>;
  readonly ignore: readonly string[];
}

export interface ConfigError {
  /** JSON path of the offending key, e.g. `rules["mule/unbounded-retry"][1].maxRetries`. */
  readonly key: string;
  readonly message: string;
}

export interface ResolvedRule {
  readonly severity: RuleSetting;
  readonly options: RuleOptions;
}

export interface ResolvedConfig {
  readonly rules: ReadonlyMap<string, ResolvedRule>;
  readonly ignore: readonly string[];
}

/** Severities as written in a configuration: ours, and ESLint's spellings (`"warn"`, `0`, `1`, `2`). */
const SEVERITY_SPELLINGS: ReadonlyMap<unknown, RuleSetting> = new Map<unknown, RuleSetting>([
  ['off', 'off'],
  [0, 'off'],
  ['info', 'info'],
  ['warn', 'warning'],
  ['warning', 'warning'],
  [1, 'warning'],
  ['error', 'error'],
  [2, 'error'],
]);

/** Every way a severity may be written (for the JSON schema). */
export const SEVERITY_VALUES: readonly (string | number)[] = [...SEVERITY_SPELLINGS.keys()] as (string | number)[];
/** Severities a rule's severity option may take. */
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['$schema', 'rules', 'ignore']);

function ruleKey(id: string): string {
  return `rules[${JSON.stringify(id)}]`;
}

export function validateConfig(json: unknown, rules: readonly Rule[]): { config: ConfigFile; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const out: Record<string, RuleEntry> = {};
  let ignore: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config: { rules: {}, ignore: [] }, errors: [{ key: '(root)', message: 'must be a JSON object' }] };
  }
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (!TOP_LEVEL_KEYS.has(k)) {
      errors.push({ key: k, message: `unknown key (allowed: ${[...TOP_LEVEL_KEYS].join(', ')})` });
      continue;
    }
    if (k === 'ignore') {
      if (!Array.isArray(v) || v.some((g) => typeof g !== 'string' || g.trim() === '')) {
        errors.push({ key: 'ignore', message: 'must be an array of non-empty glob strings' });
      } else ignore = v as string[];
    } else if (k === 'rules') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        errors.push({ key: 'rules', message: 'must be an object mapping rule ids to "off" | "info" | "warning" | "error"' });
        continue;
      }
      for (const [id, setting] of Object.entries(v as Record<string, unknown>)) {
        const rule = byId.get(id);
        if (!rule) {
          errors.push({ key: ruleKey(id), message: `unknown rule${suggest(id, [...byId.keys()])}` });
          continue;
        }
        const entry = validateEntry(rule, id, setting, errors);
        if (entry) out[id] = entry;
      }
    }
  }
  return { config: { rules: out, ignore }, errors };
}

function validateEntry(rule: Rule, id: string, setting: unknown, errors: ConfigError[]): RuleEntry | undefined {
  const key = ruleKey(id);
  let severity: unknown = setting;
  let options: unknown = {};
  if (Array.isArray(setting)) {
    if (setting.length < 1 || setting.length > 2) {
      errors.push({ key, message: 'must be a severity or [severity, options]' });
      return undefined;
    }
    severity = setting[0];
    options = setting[1] ?? {};
  }
  const sevKey = Array.isArray(setting) ? `${key}[0]` : key;
  const normalized = SEVERITY_SPELLINGS.get(severity);
  if (normalized === undefined) {
    errors.push({ key: sevKey, message: 'must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2' });
    return undefined;
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    errors.push({ key: `${key}[1]`, message: 'options must be an object' });
    return undefined;
  }
  const specs = rule.meta.options ?? {};
  let ok = true;
  for (const [name, value] of Object.entries(options as Record<string, unknown>)) {
    const spec = specs[name];
    const optKey = `${key}[1].${name}`;
    if (!spec) {
      const known = Object.keys(specs);
      errors.push({ key: optKey, message: known.length ? `unknown option (allowed: ${known.join(', ')})` : 'this rule has no options' });
      ok = false;
    } else if (spec.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value) || (spec.minimum !== undefined && value < spec.minimum))) {
      errors.push({ key: optKey, message: `must be a number${spec.minimum !== undefined ? ` >= ${spec.minimum}` : ''}` });
      ok = false;
    } else if (spec.type === 'boolean' && typeof value !== 'boolean') {
      errors.push({ key: optKey, message: 'must be true or false' });
      ok = false;
    } else if (spec.type === 'severity' && (typeof value !== 'string' || !SEVERITIES.includes(value as Severity))) {
      errors.push({ key: optKey, message: 'must be one of "info", "warning", "error"' });
      ok = false;
    }
  }
  return ok ? { severity: normalized, options: options as Record<string, unknown> } : undefined;
}

function suggest(id: string, ids: string[]): string {
  const tail = id.slice(id.lastIndexOf('/') + 1);
  const close = ids.find((x) => x.endsWith(`/${tail}`) || x === tail);
  return close ? ` (did you mean "${close}"?)` : '';
}

/** Defaults, then each layer in order (later layers win per rule). */
export function resolveConfig(rules: readonly Rule[], ...layers: readonly Partial<ConfigFile>[]): ResolvedConfig {
  const out = new Map<string, ResolvedRule>();
  for (const r of rules) {
    const defaults: Record<string, number | boolean | string> = {};
    for (const [k, spec] of Object.entries(r.meta.options ?? {})) defaults[k] = spec.default;
    let severity: RuleSetting = r.meta.defaultSeverity;
    let options: Record<string, number | boolean | string> = defaults;
    for (const layer of layers) {
      const e = layer.rules?.[r.meta.id];
      if (!e) continue;
      severity = e.severity;
      options = { ...options, ...(e.options as Record<string, number | boolean | string>) };
    }
    out.set(r.meta.id, { severity, options });
  }
  const ignore = layers.flatMap((l) => l.ignore ?? []);
  return { rules: out, ignore };
}

/** The size limit a configuration sets for file/too-large (undefined when the rule is off: every file is analysed). */
export function sizeLimit(config: ResolvedConfig): number | undefined {
  const r = config.rules.get('file/too-large');
  if (r?.severity === 'off') return undefined;
  const v = r?.options.maxBytes;
  return typeof v === 'number' ? v : DEFAULT_MAX_BYTES;
}
