/** Reading and merging settings: editor customizations on top of `.sessionguardrc.json`. */
import picomatch from 'picomatch';
import type { ResolvedConfig, ResolvedRule } from '../core/config/config';
import { DEFAULT_SETTINGS, type RuleCustomization, type Settings } from './protocol';

/** Validates a settings object from the client, keeping defaults for anything malformed. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules = (r.rules && typeof r.rules === 'object' ? r.rules : {}) as Record<string, unknown>;
  const customizations = Array.isArray(rules.customizations)
    ? (rules.customizations as unknown[]).filter(
        (c): c is RuleCustomization =>
          !!c &&
          typeof c === 'object' &&
          typeof (c as RuleCustomization).rule === 'string' &&
          ['off', 'info', 'warning', 'error', 'default'].includes((c as RuleCustomization).severity),
      )
    : [];
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    rules: { customizations },
    configFile: typeof r.configFile === 'string' && r.configFile.trim() ? r.configFile.trim() : null,
  };
}

/** Applies customizations in order (later ones win), like vscode-eslint. */
export function customize(config: ResolvedConfig, customizations: readonly RuleCustomization[]): ResolvedConfig {
  if (!customizations.length) return config;
  const matchers = customizations.map((c) => ({ c, m: picomatch(c.rule.startsWith('!') ? c.rule.slice(1) : c.rule), negate: c.rule.startsWith('!') }));
  const rules = new Map<string, ResolvedRule>();
  for (const [id, rule] of config.rules) {
    let severity = rule.severity;
    for (const { c, m, negate } of matchers) {
      if (m(id) !== negate && c.severity !== 'default') severity = c.severity;
    }
    rules.set(id, { ...rule, severity });
  }
  return { ...config, rules };
}
