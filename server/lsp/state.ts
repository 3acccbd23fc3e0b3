/**
 * What the language server knows: the Program (editor buffers over disk contents, disk files read
 * when an analysis first needs them), which documents are open at which version, and the
 * configuration per file (.sessionguardrc.json + editor customizations).
 */
import { statSync } from 'node:fs';
import { resolveConfig, sizeLimit, type ConfigError, type ResolvedConfig } from '../core/config/config';
import { LintRun } from '../core/engine/linter';
import { Program, type HostFile } from '../core/program/program';
import { RULES } from '../core/rules';
import type { Rule } from '../core/rules/rule';
import { ConfigLoadError, ConfigResolver, describeProblem } from '../node/config-loader';
import { readHostFile } from '../node/file-host';
import { toOsPath } from '../node/paths';
import { customize } from './settings';
import type { Settings } from './protocol';

export class ServerState {
  readonly program = new Program({
    readFile: (path) => this.readDisk(path),
    sizeLimit: (path) => sizeLimit(this.configFor(path)),
  });
  /** Open documents: core path → editor version. */
  private readonly open = new Map<string, number>();
  /** Per `configFile` setting ('' for none): its resolver, or why the explicit file cannot be used (asked once). */
  private readonly resolvers = new Map<string, ConfigResolver | ConfigLoadError>();
  /** Each explicit configuration file read, with its size and time of change then (see `refreshExplicitConfigs`). */
  private readonly explicitStamps = new Map<string, string>();
  /** Invalid configuration files and their problems (reported on the config file). */
  readonly configProblems = new Map<string, readonly ConfigError[]>();
  /** Bumped on every change; lets callers tell stale results apart. */
  generation = 0;

  constructor(
    private readonly settingsFor: (path: string) => Settings,
    private readonly rules: readonly Rule[] = RULES,
    private readonly log: (message: string) => void = () => undefined,
    /** `SESSION_GUARD_TRACE`: every file read from disk is logged (the tests count them). */
    private readonly trace: (message: string) => void = () => undefined,
  ) {}

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  versionOf(path: string): number | null {
    return this.open.get(path) ?? null;
  }

  setDocument(path: string, text: string, version: number): void {
    this.open.set(path, version);
    if (this.program.setFile(path, text)) this.generation++;
  }

  /** The editor closed the file: fall back to what is on disk, read when next needed. */
  closeDocument(path: string): void {
    this.open.delete(path);
    this.program.removeFile(path);
    this.program.addPath(path);
    this.generation++;
  }

  /** A file changed on disk (or appeared): read it again when next needed. Buffers open in the editor win. */
  syncFromDisk(path: string): void {
    if (this.open.has(path)) return;
    this.program.removeFile(path);
    this.program.addPath(path);
    this.generation++;
  }

  removeFromDisk(path: string): void {
    if (this.open.has(path)) return;
    if (this.program.removeFile(path)) this.generation++;
  }

  /** A file discovered while indexing (read when an analysis first needs it). */
  addFromDisk(path: string): void {
    if (!this.program.has(path)) {
      this.program.addPath(path);
      this.generation++;
    }
  }

  /** A configuration file or setting changed: forget every resolved configuration. */
  resetConfiguration(): void {
    this.resolvers.clear();
    this.explicitStamps.clear();
    this.configProblems.clear();
    this.program.refreshSizeLimits();
    this.generation++;
  }

  isLintable(path: string): boolean {
    return this.program.isLintable(path);
  }

  /** Every file the workspace diagnostics cover. */
  lintablePaths(): string[] {
    return [...this.program.paths()].filter((p) => this.isLintable(p)).sort();
  }

  /**
   * A `configFile` setting may name a file the editor does not watch (any name, anywhere): before each lint,
   * one `stat` per such file tells whether it changed since it was read, and a changed one is read again.
   */
  private refreshExplicitConfigs(): void {
    for (const [file, stamp] of this.explicitStamps) {
      if (stampOf(file) === stamp) continue;
      this.explicitStamps.delete(file);
      this.resolvers.delete(file);
      this.configProblems.delete(file);
      this.program.refreshSizeLimits();
      this.generation++;
    }
  }

  /** The resolver for a file's folder settings (one per `configFile` setting, kept until the configuration changes). */
  private resolverFor(path: string): ConfigResolver {
    const explicit = this.settingsFor(path).configFile ?? undefined; // made absolute by the server
    const key = explicit ?? '';
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      if (explicit) this.explicitStamps.set(explicit, stampOf(explicit));
      try {
        resolver = new ConfigResolver(RULES, explicit);
      } catch (e) {
        if (!(e instanceof ConfigLoadError)) throw e;
        resolver = e; // an invalid explicit file: read once, not again on every lint
      }
      this.resolvers.set(key, resolver);
    }
    if (resolver instanceof ConfigLoadError) throw resolver;
    return resolver;
  }

  configFor(path: string): ResolvedConfig {
    const settings = this.settingsFor(path);
    let base: ResolvedConfig;
    try {
      base = this.resolverFor(path).resolvedFor(toOsPath(path));
    } catch (e) {
      if (!(e instanceof ConfigLoadError)) throw e;
      this.configProblems.set(e.file, e.problems);
      base = resolveConfig(RULES); // defaults keep working
    }
    return customize(base, settings.rules.customizations);
  }

  /** The `.sessionguardrc.json` that applies to a file (undefined: the defaults), and why it is not used when invalid. */
  configFileFor(path: string): { file?: string; error?: string } {
    try {
      const file = this.resolverFor(path).forFile(toOsPath(path)).file;
      return file ? { file } : {};
    } catch (e) {
      if (!(e instanceof ConfigLoadError)) throw e;
      return {
        file: e.file,
        error: e.problems.map((p) => describeProblem(p, true)).join('; '),
      };
    }
  }

  isIgnored(path: string): boolean {
    try {
      return this.resolverFor(path).isIgnored(toOsPath(path));
    } catch {
      return false;
    }
  }

  /** A lint of `targets` (the whole workspace is context), to run unit by unit (see `LintRun`). */
  startLint(targets: readonly string[]): LintRun {
    this.refreshExplicitConfigs();
    // Asked per rule and per finding (hundreds of times for a large file): once per path and lint.
    const configs = new Map<string, ResolvedConfig>();
    const configFor = (p: string): ResolvedConfig => {
      let c = configs.get(p);
      if (c === undefined) configs.set(p, (c = this.configFor(p)));
      return c;
    };
    return new LintRun(this.program, this.rules, { targets, configFor });
  }

  /**
   * A file from disk, only if it is a regular file (a pipe or device named `.xml` would block the
   * server), its size checked before it is read (a 400 MB generated file is not read whole).
   */
  private readDisk(path: string): HostFile | undefined {
    const os = toOsPath(path);
    try {
      // Asked before opening: opening a named pipe blocks until something writes to it.
      if (!statSync(os).isFile()) return undefined;
      const { file, bytesRead } = readHostFile(os, sizeLimit(this.configFor(path)));
      this.trace(`read ${path}${file.tooLarge ? ` (first ${bytesRead} of ${file.size} bytes)` : ''}`);
      return file;
    } catch (e) {
      this.log(`Skipped ${os}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return undefined;
    }
  }
}

/** A file's size and time of change ('' when it cannot be read). */
function stampOf(osPath: string): string {
  try {
    const st = statSync(osPath);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}
