/**
 * Finds and reads `.sessionguardrc.json` (nearest ancestor of each file, or one explicit file) and
 * validates it with the core. Shared by the CLI and the language server.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { resolveConfig, validateConfig, type ConfigError, type ConfigFile, type ResolvedConfig } from '../core/config/config';
import type { Rule } from '../core/rules/rule';
import { compileIgnore, type IgnoreMatcher } from './ignore';

const CONFIG_FILE_NAME = '.sessionguardrc.json';

export class ConfigLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigError[],
  ) {
    super(`Invalid configuration in ${file}:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join('\n')}`);
  }
}

export interface LoadedConfig {
  /** The config file, or undefined when only defaults apply. */
  readonly file: string | undefined;
  readonly resolved: ResolvedConfig;
  readonly isIgnored: IgnoreMatcher;
  /** Folder the ignore globs are relative to. */
  readonly baseDir: string | undefined;
}

function readConfigFile(file: string, rules: readonly Rule[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigLoadError(file, [{ key: '(file)', message: `cannot be read: ${(e as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigLoadError(file, [{ key: '(file)', message: `is not valid JSON: ${(e as Error).message}` }]);
  }
  const { config, errors } = validateConfig(json, rules);
  if (errors.length) throw new ConfigLoadError(file, errors);
  return config;
}

/** Caches the configuration per folder; an explicit `--config` file overrides discovery. */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig>();
  private explicit: LoadedConfig | undefined;

  constructor(
    private readonly rules: readonly Rule[],
    explicitFile?: string,
    /** Settings applied on top of the file (editor settings). */
    private readonly overrides: Partial<ConfigFile> = {},
  ) {
    if (explicitFile) {
      const cfg = readConfigFile(explicitFile, rules);
      this.explicit = this.make(explicitFile, cfg);
    }
  }

  forFile(osPath: string): LoadedConfig {
    return this.explicit ?? this.forDir(dirname(osPath));
  }

  forDir(dir: string): LoadedConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let result: LoadedConfig;
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) result = this.make(candidate, readConfigFile(candidate, this.rules));
    else {
      const parent = dirname(dir);
      result = parent === dir ? this.make(undefined, undefined) : this.forDir(parent);
    }
    this.byDir.set(dir, result);
    return result;
  }

  /** Whether a path is ignored by the config that applies to it. */
  isIgnored(osPath: string): boolean {
    const cfg = this.forFile(osPath);
    if (!cfg.baseDir) return false;
    const rel = relative(cfg.baseDir, osPath).split(/[\\/]/).join('/');
    return !rel.startsWith('..') && cfg.isIgnored(rel);
  }

  private make(file: string | undefined, cfg: ConfigFile | undefined): LoadedConfig {
    const layers = [cfg ?? {}, this.overrides];
    return {
      file,
      resolved: resolveConfig(this.rules, ...layers),
      isIgnored: compileIgnore(cfg?.ignore ?? []),
      baseDir: file ? dirname(file) : undefined,
    };
  }
}

function isFile(p: string): boolean {
  try {
    // Asked for every folder of a run, where the file is mostly missing: no exception for that.
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // unreadable folder on the way
  }
}
