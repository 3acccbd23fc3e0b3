/** `--print-config FILE`: the configuration that applies to one file, as the linter would use it. */
import type { RuleSetting } from '../core/findings';
import type { ConfigResolver } from './config-loader';

export interface PrintedConfig {
  /** The `.sessionguardrc.json` that applies, or null when only defaults do. */
  readonly configFile: string | null;
  /** Whether linting the folder around it would skip the file (the configuration's `ignore`, `.sessionguardignore`, `--ignore-pattern`). */
  readonly ignored: boolean;
  /** Every rule: its severity, or [severity, options] when it has options. */
  readonly rules: Readonly<Record<string, RuleSetting | [RuleSetting, Readonly<Record<string, unknown>>]>>;
}

export function printConfig(configs: ConfigResolver, osPath: string): PrintedConfig {
  const loaded = configs.forFile(osPath);
  const resolved = configs.resolvedFor(osPath);
  const rules: Record<string, RuleSetting | [RuleSetting, Readonly<Record<string, unknown>>]> = {};
  for (const [id, r] of [...resolved.rules].sort(([a], [b]) => (a < b ? -1 : 1)))
    rules[id] = Object.keys(r.options).length ? [r.severity, r.options] : r.severity;
  return { configFile: loaded.file ?? null, ignored: configs.isIgnored(osPath), rules };
}
