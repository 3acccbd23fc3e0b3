/**
 * What the language server knows: the core workspace (editor buffers over disk contents), the
 * configuration per file (.sessionguardrc.json + editor customizations), and the findings last
 * computed per document version (so code actions apply only to the version they were made for).
 */
import { statSync } from 'node:fs';
import { resolveConfig, type ConfigError, type ResolvedConfig } from '../core/config/config';
import { lint, isLintableXml } from '../core/engine/linter';
import type { Finding } from '../core/findings';
import { Workspace } from '../core/project/workspace';
import { RULES } from '../core/rules';
import type { Rule } from '../core/rules/rule';
import { sizeLimit } from '../core/rules/file/too-large';
import { ConfigLoadError, ConfigResolver } from '../node/config-loader';
import { decode } from '../node/decode';
import { readFileBytes } from '../node/read-file';
import { toOsPath } from '../node/paths';
import { customize } from './settings';
import type { Settings } from './protocol';

export interface LintedDocument {
  readonly version: number;
  readonly findings: readonly Finding[];
}

export class ServerState {
  readonly ws = new Workspace((path) => sizeLimit(this.configFor(path)));
  /** Open documents: core path → editor version. */
  private readonly open = new Map<string, number>();
  private readonly resolvers = new Map<string, ConfigResolver>();
  /** Invalid configuration files and their problems (reported on the config file). */
  readonly configProblems = new Map<string, readonly ConfigError[]>();
  private readonly linted = new Map<string, LintedDocument>();
  /** Bumped on every change; lets callers tell stale results apart. */
  generation = 0;

  constructor(
    private readonly settingsFor: (path: string) => Settings,
    private readonly rules: readonly Rule[] = RULES,
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
    if (this.ws.setFile(path, text)) this.generation++;
  }

  /** The editor closed the file: fall back to what is on disk (or forget it). */
  closeDocument(path: string): void {
    this.open.delete(path);
    this.linted.delete(path);
    const disk = readDisk(path);
    if (disk === undefined ? this.ws.removeFile(path) : this.ws.setFile(path, disk)) this.generation++;
  }

  /** A file changed on disk; buffers that are open in the editor win. */
  syncFromDisk(path: string): void {
    if (this.open.has(path)) return;
    const disk = readDisk(path);
    if (disk === undefined ? this.ws.removeFile(path) : this.ws.setFile(path, disk)) this.generation++;
  }

  removeFromDisk(path: string): void {
    if (this.open.has(path)) return;
    if (this.ws.removeFile(path)) this.generation++;
  }

  /** A configuration file or setting changed: forget every resolved configuration. */
  resetConfiguration(): void {
    this.resolvers.clear();
    this.configProblems.clear();
    this.ws.refreshSizeLimits();
    this.generation++;
  }

  isLintable(path: string): boolean {
    return !!this.ws.get(path) && (isLintableXml(this.ws, path) || this.ws.role(path) === 'apex');
  }

  /** Every file the workspace diagnostics cover. */
  lintablePaths(): string[] {
    return [...this.ws.paths()].filter((p) => this.isLintable(p)).sort();
  }

  configFor(path: string): ResolvedConfig {
    const settings = this.settingsFor(path);
    const explicit = settings.configFile ?? undefined; // made absolute by the server
    const key = explicit ?? '';
    let resolver = this.resolvers.get(key);
    let base: ResolvedConfig;
    try {
      if (!resolver) {
        resolver = new ConfigResolver(RULES, explicit);
        this.resolvers.set(key, resolver);
      }
      base = resolver.forFile(toOsPath(path)).resolved;
    } catch (e) {
      if (!(e instanceof ConfigLoadError)) throw e;
      this.configProblems.set(e.file, e.problems);
      base = resolveConfig(RULES); // defaults keep working
    }
    return customize(base, settings.rules.customizations);
  }

  isIgnored(path: string): boolean {
    try {
      return this.resolvers.get('')?.isIgnored(toOsPath(path)) ?? new ConfigResolver(RULES).isIgnored(toOsPath(path));
    } catch {
      return false;
    }
  }

  /** Lints `targets` (with the whole workspace as context) and remembers open documents' findings. */
  lint(targets: readonly string[]): Map<string, Finding[]> {
    // Asked per rule and per finding (hundreds of times for a large file): once per path and lint.
    const configs = new Map<string, ResolvedConfig>();
    const configFor = (p: string): ResolvedConfig => {
      let c = configs.get(p);
      if (c === undefined) configs.set(p, (c = this.configFor(p)));
      return c;
    };
    const out = lint(this.ws, this.rules, { targets, configFor });
    for (const [path, findings] of out) {
      const version = this.open.get(path);
      if (version !== undefined) this.linted.set(path, { version, findings });
    }
    return out;
  }

  lastLint(path: string): LintedDocument | undefined {
    return this.linted.get(path);
  }
}

function readDisk(path: string): string | undefined {
  try {
    // Only regular files: a pipe or device with an .xml name would block the server on read.
    if (!statSync(toOsPath(path)).isFile()) return undefined;
    return decode(readFileBytes(toOsPath(path)));
  } catch {
    return undefined;
  }
}
