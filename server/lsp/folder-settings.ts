/**
 * `sessionGuard.*` settings per workspace folder, asked of the client once per folder (vscode-eslint
 * keeps them per document URI the same way, never in globals) and forgotten when they change.
 */
import { isAbsolute, join } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { toOsPath } from '../node/paths';
import { pathToUri } from './convert';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Settings } from './protocol';
import { normalizeSettings } from './settings';

export class FolderSettings {
  /** Workspace folders (core paths). */
  folders: string[] = [];
  /** Settings sent with `initialize` (clients without `workspace/configuration`). */
  initial: Settings = DEFAULT_SETTINGS;
  /** Whether the client answers `workspace/configuration`. */
  canAsk = false;
  private readonly cache = new Map<string, Settings>();

  constructor(
    private readonly connection: Connection,
    private readonly logError: (message: string, e: unknown) => void,
  ) {}

  folderOf(path: string): string | undefined {
    return this.folders.filter((f) => path === f || path.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];
  }

  /** The settings known for a path's folder (defaults until the client has been asked: see `ensure`). */
  of(path: string): Settings {
    const folder = this.folderOf(path) ?? '';
    const s = this.cache.get(folder) ?? this.initial;
    if (s.configFile && !isAbsolute(s.configFile) && folder) return { ...s, configFile: join(toOsPath(folder), s.configFile) };
    return s;
  }

  /** The settings of a path's folder, asking the client the first time. */
  async ensure(path: string): Promise<Settings> {
    const folder = this.folderOf(path) ?? '';
    if (this.canAsk && !this.cache.has(folder)) {
      try {
        const [raw] = await this.connection.workspace.getConfiguration([{ scopeUri: folder ? pathToUri(folder) : undefined, section: SETTINGS_SECTION }]);
        this.cache.set(folder, normalizeSettings(raw));
      } catch (e) {
        this.logError('Could not read settings; using defaults', e);
        this.cache.set(folder, DEFAULT_SETTINGS);
      }
    }
    return this.of(path);
  }

  clear(): void {
    this.cache.clear();
  }
}
