/**
 * `.sessionguardrc.json`: validation (every error names the key that is wrong) and resolution of
 * rule settings over the defaults, ESLint's way: rule ids or globs (`"mule/*"`, applied in the order
 * written, later keys winning, as in the editor setting), `overrides` for the files their globs match,
 * and `ignore` patterns (gitignore syntax). Pure: the host finds and reads the file and matches `overrides[].files`.
 */
import type { RuleSetting, Severity } from '../findings';
import { DEFAULT_MAX_BYTES } from '../rules/file/too-large';
import type { Rule, RuleOptions } from '../rules/rule';

export interface RuleEntry {
  readonly severity: RuleSetting;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ConfigFile {
  /** Rule ids or globs (severity only) → setting, in the order written. */
  readonly rules: Readonly<Record<string, RuleEntry>>;
  readonly ignore: readonly string[];
  readonly overrides?: readonly ConfigOverride[];
}

/** Rule settings for the files `files` matches (globs relative to the configuration file) and `excludedFiles` does not. */
export interface ConfigOverride {
  readonly files: readonly string[];
  readonly excludedFiles: readonly string[];
  readonly rules: Readonly<Record<string, RuleEntry>>;
}

export interface ConfigError {
  /** JSON path of the offending key, e.g. `rules["mule/unbounded-retry"][1].maxRetries`. */
  readonly key: string;
  readonly message: string;
  /** The same path as keys and indexes, for finding its place in the text (`["rules", "mule/x", 1]`). */
  readonly path?: readonly (string | number)[];
  /** 1-based position in the file, when the host found it. */
  readonly line?: number;
  readonly column?: number;
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
/** The severities a rule option of type `severity` takes (the schema lists the same). */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['$schema', 'rules', 'ignore', 'overrides']);
const OVERRIDE_KEYS: ReadonlySet<string> = new Set(['files', 'excludedFiles', 'rules']);

/** Whether a `rules` key is a glob over rule ids rather than an id. */
export function isRuleGlob(key: string): boolean {
  return /[*?]/.test(key);
}

/** A glob over rule ids: `*` any characters but `/`, `**` any characters, `?` one character. */
export function ruleGlob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*|\*|\?/g, (m) => (m === '**' ? '.*' : m === '*' ? '[^/]*' : '[^/]'));
  return new RegExp(`^${body}$`);
}

function keyOf(path: readonly (string | number)[]): string {
  let out = '';
  for (const [i, p] of path.entries()) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (i === 0) out += p;
    else if (/^[A-Za-z_$][\w$]*$/.test(p) && path[i - 1] !== 'rules') out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function problem(path: readonly (string | number)[], message: string): ConfigError {
  return { key: keyOf(path), message, path };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function globList(v: unknown): string[] | undefined {
  const list = typeof v === 'string' ? [v] : v;
  return Array.isArray(list) && list.length > 0 && list.every((g) => typeof g === 'string' && g.trim() !== '') ? (list as string[]) : undefined;
}

/** The first glob that starts with `!` (overrides have `excludedFiles` for that); `!(…)` is an extglob. */
function negated(globs: readonly string[]): string | undefined {
  return globs.find((g) => /^\s*!(?!\()/.test(g));
}

export function validateConfig(json: unknown, rules: readonly Rule[]): { config: ConfigFile; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  let out: Record<string, RuleEntry> = {};
  let ignore: string[] = [];
  const overrides: ConfigOverride[] = [];
  if (!isObject(json)) {
    return { config: { rules: {}, ignore: [] }, errors: [{ key: '(root)', message: 'must be a JSON object', path: [] }] };
  }
  for (const [k, v] of Object.entries(json)) {
    if (!TOP_LEVEL_KEYS.has(k)) {
      errors.push(problem([k], `unknown key (allowed: ${[...TOP_LEVEL_KEYS].join(', ')})`));
      continue;
    }
    if (k === 'ignore') {
      if (!Array.isArray(v) || v.some((g) => typeof g !== 'string' || g.trim() === '')) {
        errors.push(problem(['ignore'], 'must be an array of non-empty patterns (gitignore syntax)'));
      } else if ((v as string[]).some((g) => g.includes('\\'))) {
        const bad = (v as string[]).find((g) => g.includes('\\'))!;
        errors.push(problem(['ignore'], `"${bad}": use "/" between folders (in gitignore syntax "\\" escapes the next character)`));
      } else ignore = v as string[];
    } else if (k === 'rules') {
      out = validateRules(v, ['rules'], rules, errors);
    } else if (k === 'overrides') {
      if (!Array.isArray(v)) {
        errors.push(problem(['overrides'], 'must be an array of { "files": [globs], "rules": {…} }'));
        continue;
      }
      v.forEach((o, i) => {
        const at = ['overrides', i];
        if (!isObject(o)) return void errors.push(problem(at, 'must be an object { "files": [globs], "rules": {…} }'));
        for (const key of Object.keys(o))
          if (!OVERRIDE_KEYS.has(key)) errors.push(problem([...at, key], `unknown key (allowed: ${[...OVERRIDE_KEYS].join(', ')})`));
        let files = globList(o.files);
        if (!files) errors.push(problem([...at, 'files'], 'must be a glob or a non-empty array of globs (relative to this file)'));
        else if (negated(files)) {
          errors.push(problem([...at, 'files'], `"${negated(files)}": a glob cannot start with "!" here; list the files to leave out in "excludedFiles"`));
          files = undefined;
        }
        let excluded = o.excludedFiles === undefined ? [] : globList(o.excludedFiles);
        if (!excluded) errors.push(problem([...at, 'excludedFiles'], 'must be a glob or a non-empty array of globs'));
        else if (negated(excluded)) {
          errors.push(problem([...at, 'excludedFiles'], `"${negated(excluded)}": a glob cannot start with "!" here; narrow "files" instead`));
          excluded = undefined;
        }
        const orules = o.rules === undefined ? {} : validateRules(o.rules, [...at, 'rules'], rules, errors);
        if (files && excluded) overrides.push({ files, excludedFiles: excluded, rules: orules });
      });
    }
  }
  return { config: { rules: out, ignore, ...(overrides.length ? { overrides } : {}) }, errors };
}

function validateRules(v: unknown, at: readonly (string | number)[], rules: readonly Rule[], errors: ConfigError[]): Record<string, RuleEntry> {
  const out: Record<string, RuleEntry> = {};
  if (!isObject(v)) {
    errors.push(problem(at, 'must be an object mapping rule ids or globs ("mule/*") to "off" | "info" | "warn" | "error"'));
    return out;
  }
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [id, setting] of Object.entries(v)) {
    const path = [...at, id];
    if (isRuleGlob(id)) {
      const re = ruleGlob(id);
      if (!rules.some((r) => re.test(r.meta.id))) {
        errors.push(problem(path, 'matches no rule'));
        continue;
      }
      const severity = SEVERITY_SPELLINGS.get(setting);
      if (severity === undefined) {
        errors.push(problem(path, Array.isArray(setting) ? 'a glob sets a severity only (give options to each rule by its id)' : SEVERITY_MESSAGE));
        continue;
      }
      out[id] = { severity, options: {} };
      continue;
    }
    const rule = byId.get(id);
    if (!rule) {
      errors.push(problem(path, `unknown rule${suggest(id, [...byId.keys()])}`));
      continue;
    }
    const entry = validateEntry(rule, path, setting, errors);
    if (entry) out[id] = entry;
  }
  return out;
}

const SEVERITY_MESSAGE = 'must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2';

function validateEntry(rule: Rule, path: readonly (string | number)[], setting: unknown, errors: ConfigError[]): RuleEntry | undefined {
  let severity: unknown = setting;
  let options: unknown = {};
  if (Array.isArray(setting)) {
    if (setting.length < 1 || setting.length > 2) {
      errors.push(problem(path, 'must be a severity or [severity, options]'));
      return undefined;
    }
    severity = setting[0];
    options = setting[1] ?? {};
  }
  const normalized = SEVERITY_SPELLINGS.get(severity);
  if (normalized === undefined) {
    errors.push(problem(Array.isArray(setting) ? [...path, 0] : path, SEVERITY_MESSAGE));
    return undefined;
  }
  if (!isObject(options)) {
    errors.push(problem([...path, 1], 'options must be an object'));
    return undefined;
  }
  const specs = rule.meta.options ?? {};
  let ok = true;
  for (const [name, value] of Object.entries(options)) {
    const spec = specs[name];
    const optPath = [...path, 1, name];
    if (!spec) {
      const known = Object.keys(specs);
      errors.push(problem(optPath, known.length ? `unknown option (allowed: ${known.join(', ')})` : 'this rule has no options'));
      ok = false;
    } else if (spec.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value) || (spec.minimum !== undefined && value < spec.minimum))) {
      errors.push(problem(optPath, `must be a number${spec.minimum !== undefined ? ` >= ${spec.minimum}` : ''}`));
      ok = false;
    } else if (spec.type === 'boolean' && typeof value !== 'boolean') {
      errors.push(problem(optPath, 'must be true or false'));
      ok = false;
    } else if (spec.type === 'severity' && (typeof value !== 'string' || !SEVERITIES.includes(value as Severity))) {
      errors.push(problem(optPath, `must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}`));
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

/**
 * Defaults, then each layer in order (later layers win per rule); within a layer its keys in the order
 * written, a glob setting the severity of every rule it matches.
 */
export function resolveConfig(rules: readonly Rule[], ...layers: readonly Partial<Pick<ConfigFile, 'rules' | 'ignore'>>[]): ResolvedConfig {
  const out = new Map<string, ResolvedRule>();
  const entries = layers.flatMap((l) => Object.entries(l.rules ?? {}).map(([key, e]) => ({ key, e, glob: isRuleGlob(key) ? ruleGlob(key) : undefined })));
  for (const r of rules) {
    const defaults: Record<string, number | boolean | string> = {};
    for (const [k, spec] of Object.entries(r.meta.options ?? {})) defaults[k] = spec.default;
    let severity: RuleSetting = r.meta.defaultSeverity;
    let options: Record<string, number | boolean | string> = defaults;
    for (const { key, e, glob } of entries) {
      if (glob ? !glob.test(r.meta.id) : key !== r.meta.id) continue;
      severity = e.severity;
      if (!glob) options = { ...options, ...(e.options as Record<string, number | boolean | string>) };
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
