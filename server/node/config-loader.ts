/**
 * Finds and reads `.sessionguardrc.json` (nearest ancestor of each file, or one explicit file) and
 * validates it with the core; matches its `overrides` to files; and decides what is ignored (the
 * configuration's `ignore` patterns and every `.sessionguardignore` above a path, in gitignore syntax, and
 * `--ignore-pattern`s). Shared by the CLI and the language server. A configuration that is invalid is
 * read once: every later question about its folder gets the same error, with file:line:column.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { resolveConfig, validateConfig, type ConfigError, type ConfigFile, type ResolvedConfig } from '../core/config/config';
import type { Rule } from '../core/rules/rule';
import { RULES } from '../core/rules';
import { compileGlobs, type GlobMatcher } from './globs';
import { offsetOfPath, positionOf, syntaxErrorPosition } from './json-position';

export const CONFIG_FILE_NAME = '.sessionguardrc.json';
export const IGNORE_FILE_NAME = '.sessionguardignore';

export class ConfigLoadError extends Error {
  constructor(
    readonly file: string,
    /** Each with its line and column in the file when known. */
    readonly problems: readonly ConfigError[],
  ) {
    super(`Invalid configuration in ${file}:\n${describeProblems(file, problems)}`);
  }
}

/** One line per problem: `file:line:column: key: message`, the file shown as `show` gives it. */
export function describeProblems(file: string, problems: readonly ConfigError[], show: (file: string) => string = (f) => f): string {
  return problems.map((p) => `  ${show(file)}${p.line !== undefined ? `:${p.line}:${p.column}` : ''}: ${describeProblem(p)}`).join('\n');
}

/** `key: message` (only the message for a problem with the file as a whole), preceded by `line:column ` when `at`. */
export function describeProblem(p: ConfigError, at = false): string {
  return `${at && p.line !== undefined ? `${p.line}:${p.column} ` : ''}${p.key === '(file)' ? '' : `${p.key}: `}${p.message}`;
}

export interface LoadedConfig {
  /** The config file, or undefined when only defaults apply. */
  readonly file: string | undefined;
  /** The configuration of a file no override matches. */
  readonly resolved: ResolvedConfig;
  /** The configuration's `ignore` patterns (gitignore syntax, relative to `baseDir`), when it has any. */
  readonly ignore: Ignore | undefined;
  /** Folder the ignore patterns and override globs are relative to. */
  readonly baseDir: string | undefined;
  readonly overrides: readonly CompiledOverride[];
  /** Resolved configurations per set of matching overrides ("0,2"). */
  readonly byOverrides: Map<string, ResolvedConfig>;
  readonly layer: Partial<ConfigFile>;
}

interface CompiledOverride {
  readonly matches: GlobMatcher;
  readonly excluded: GlobMatcher;
  readonly layer: Partial<ConfigFile>;
}

/** What is ignored besides the configuration's `ignore` patterns. */
export interface IgnoreOptions {
  /** `--ignore-pattern`s: gitignore syntax, relative to `cwd`. */
  readonly patterns?: readonly string[];
  readonly cwd?: string;
  /** `--no-ignore`: nothing is ignored but the default folders (node_modules, target…). */
  readonly disabled?: boolean;
}

function readConfigFile(file: string, rules: readonly Rule[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigLoadError(file, [{ key: '(file)', message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  text = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = syntaxErrorPosition(text, e as Error);
    // The position is given as line and column; Node's "at position N (line L column C)" would repeat it.
    const why = (e as Error).message.replace(/\s*(in JSON )?at position \d+.*$/, '');
    throw new ConfigLoadError(file, [{ key: '(file)', message: `is not valid JSON: ${why}`, ...at }]);
  }
  const { config, errors } = validateConfig(json, rules);
  if (errors.length)
    throw new ConfigLoadError(
      file,
      errors.map((p) => (p.path ? { ...p, ...positionOf(text, offsetOfPath(text, p.path)) } : p)),
    );
  return config;
}

/**
 * The configurations and ignores of a CLI run (`--config`, `--ignore-pattern`, `--no-ignore`), on the main
 * thread, on each worker thread and for `--print-config` alike.
 */
export function configResolverFor(opts: { configFile?: string; ignorePatterns?: readonly string[]; noIgnore?: boolean; cwd: string }): ConfigResolver {
  return new ConfigResolver(RULES, opts.configFile, { patterns: opts.ignorePatterns ?? [], cwd: opts.cwd, disabled: opts.noIgnore === true });
}

/** Caches the configuration per folder; an explicit `--config` file overrides discovery. */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | ConfigLoadError>();
  private readonly ignoreFiles = new Map<string, readonly { base: string; ig: Ignore }[]>();
  /** Per folder: whether it or a folder above is ignored (see `insideIgnoredFolder`). */
  private readonly folderAnswers = new Map<string, boolean>();
  private explicit: LoadedConfig | undefined;
  private readonly patterns: { base: string; ig: Ignore } | undefined;

  constructor(
    private readonly rules: readonly Rule[],
    explicitFile?: string,
    private readonly ignoreOptions: IgnoreOptions = {},
  ) {
    if (explicitFile) {
      const cfg = readConfigFile(explicitFile, rules);
      this.explicit = this.make(explicitFile, cfg);
    }
    const patterns = writtenPatterns(ignoreOptions.patterns ?? []);
    this.patterns = patterns.length ? { base: ignoreOptions.cwd ?? process.cwd(), ig: ignore().add(patterns) } : undefined;
  }

  /** The configuration that applies to a file's folder (overrides not applied: see `resolvedFor`). */
  forFile(osPath: string): LoadedConfig {
    return this.explicit ?? this.forDir(dirname(osPath));
  }

  /** The configuration of one file: its folder's, with the overrides whose globs match the file. */
  resolvedFor(osPath: string): ResolvedConfig {
    const cfg = this.forFile(osPath);
    if (!cfg.overrides.length || !cfg.baseDir) return cfg.resolved;
    const rel = relativeTo(cfg.baseDir, osPath);
    if (rel === undefined) return cfg.resolved;
    const matched: number[] = [];
    cfg.overrides.forEach((o, i) => {
      if (o.matches(rel) && !o.excluded(rel)) matched.push(i);
    });
    if (!matched.length) return cfg.resolved;
    const key = matched.join(',');
    let resolved = cfg.byOverrides.get(key);
    if (!resolved) {
      resolved = resolveConfig(this.rules, cfg.layer, ...matched.map((i) => cfg.overrides[i].layer));
      cfg.byOverrides.set(key, resolved);
    }
    return resolved;
  }

  forDir(dir: string): LoadedConfig {
    const cached = this.byDir.get(dir);
    if (cached instanceof ConfigLoadError) throw cached;
    if (cached) return cached;
    let result: LoadedConfig | ConfigLoadError;
    const candidate = join(dir, CONFIG_FILE_NAME);
    try {
      if (isFile(candidate)) result = this.make(candidate, readConfigFile(candidate, this.rules));
      else {
        const parent = dirname(dir);
        result = parent === dir ? this.make(undefined, undefined) : this.forDir(parent);
      }
    } catch (e) {
      if (!(e instanceof ConfigLoadError)) throw e;
      result = e;
    }
    this.byDir.set(dir, result);
    if (result instanceof ConfigLoadError) throw result;
    return result;
  }

  /**
   * Whether a path is ignored. Every source uses gitignore syntax, as ESLint's `ignorePatterns` and
   * `.eslintignore` do, and a later one may re-include with `!`: the `ignore` patterns of the
   * configuration that applies to the path (relative to that file), then each `.sessionguardignore` in its
   * folder or above (outermost first), then the `--ignore-pattern`s. `isDir` lets patterns ending in `/`
   * match folders.
   */
  isIgnored(osPath: string, isDir = false): boolean {
    if (this.ignoreOptions.disabled) return false;
    const cfg = this.forFile(osPath);
    const layers: { base: string; ig: Ignore }[] = [];
    if (cfg.ignore && cfg.baseDir) layers.push({ base: cfg.baseDir, ig: cfg.ignore });
    layers.push(...this.ignoreChain(dirname(osPath)));
    if (this.patterns) layers.push(this.patterns);
    if (!layers.length) return false;
    return this.insideIgnoredFolder(dirname(osPath), layers) || verdict(layers, osPath, isDir);
  }

  /**
   * As git: nothing inside an ignored folder is re-included, whichever source ignored the folder (so the
   * answer for a file is the one discovery reaches when it prunes the folder). The paths in one folder
   * share their layers: asked once per folder.
   */
  private insideIgnoredFolder(parent: string, layers: readonly { base: string; ig: Ignore }[]): boolean {
    let answer = this.folderAnswers.get(parent);
    if (answer === undefined) {
      answer = false;
      for (let dir = parent; dirname(dir) !== dir; dir = dirname(dir)) {
        if (!layers.some((l) => relativeTo(l.base, dir) !== undefined)) break; // above every base
        if (verdict(layers, dir, true)) {
          answer = true;
          break;
        }
      }
      this.folderAnswers.set(parent, answer);
    }
    return answer;
  }

  /** The `.sessionguardignore` files at and above a folder, outermost first. */
  private ignoreChain(dir: string): readonly { base: string; ig: Ignore }[] {
    let chain = this.ignoreFiles.get(dir);
    if (chain) return chain;
    const parent = dirname(dir);
    const above = parent === dir ? [] : this.ignoreChain(parent);
    const file = join(dir, IGNORE_FILE_NAME);
    let own: { base: string; ig: Ignore } | undefined;
    if (isFile(file)) {
      try {
        own = { base: dir, ig: ignore().add(readFileSync(file, 'utf8')) };
      } catch (e) {
        throw new ConfigLoadError(file, [{ key: '(file)', message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
      }
    }
    chain = own ? [...above, own] : above;
    this.ignoreFiles.set(dir, chain);
    return chain;
  }

  private make(file: string | undefined, cfg: ConfigFile | undefined): LoadedConfig {
    const layer: Partial<ConfigFile> = cfg ?? {};
    return {
      file,
      resolved: resolveConfig(this.rules, layer),
      ignore: cfg?.ignore.length ? ignore().add(writtenPatterns(cfg.ignore)) : undefined,
      baseDir: file ? dirname(file) : undefined,
      overrides: (cfg?.overrides ?? []).map((o) => ({ matches: compileGlobs(o.files), excluded: compileGlobs(o.excludedFiles), layer: { rules: o.rules } })),
      byOverrides: new Map(),
      layer,
    };
  }
}

/** Whether the layers, in order, leave a path ignored (a later `!` re-including it). */
function verdict(layers: readonly { base: string; ig: Ignore }[], osPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of layers) {
    const rel = relativeTo(base, osPath);
    if (rel === undefined) continue;
    const t = ig.test(isDir ? `${rel}/` : rel);
    if (t.ignored) ignored = true;
    else if (t.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Patterns written in JSON or on the command line (the configuration's `ignore`, `--ignore-pattern`) as the
 * `ignore` package reads them: trimmed (a pattern file would not keep those spaces), and `./x` or `!./x`
 * anchored to the base folder as `/x` (what it means; the package never matches `./x`).
 */
function writtenPatterns(patterns: readonly string[]): string[] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => p.replace(/^(!?)\.\//, '$1/'));
}

/** `path` relative to `base` with forward slashes, or undefined when it is not inside it. */
function relativeTo(base: string, path: string): string | undefined {
  const rel = relative(base, path);
  // Absolute: another drive on Windows.
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function isFile(p: string): boolean {
  try {
    // Asked for every folder of a run, where the file is mostly missing: no exception for that.
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // unreadable folder on the way
  }
}
