/**
 * The set of files the analysis sees, with parse results cached per file text and Mule app models
 * cached per app until one of their files changes. Hosts (CLI, language server) feed it text;
 * it never reads a file itself.
 */
import { MuleApp } from '../mule/app';
import { flowChanges } from '../mule/app-changes';
import { carryPropagation } from '../mule/propagation';
import { PropertyResolver, type PropertySource } from '../mule/properties';
import { NS } from '../mule/namespaces';
import { parseJavaProperties } from '../properties/java-properties';
import { parseYamlProperties } from '../properties/yaml-properties';
import { attr, walk } from '../xml/dom';
import { inPackageDirs, readSfdxProject, SfdxProject, type SfdxProjectDescriptor } from '../salesforce/project';
import { muleSourceRoot, roleOf, type FileRole } from './layout';
import { SourceFile } from './source-file';
import type { TextFacts } from '../xml/types';

export interface MuleAppGroup {
  /** App root folder, or the file path itself for a standalone Mule file. */
  readonly key: string;
  readonly root: string;
  readonly files: readonly SourceFile[];
}

export interface SfdxGroup {
  /** Project root, or '' for metadata outside any sfdx-project.json. */
  readonly key: string;
  readonly descriptor: SfdxProjectDescriptor;
  readonly files: readonly SourceFile[];
}

/** An XML declaration, comments, then a `<mule>` (or `<prefix:mule>`) start tag. */
const MULE_ROOT_START = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?mule[\s>/]/;

const SF_ROLES: ReadonlySet<FileRole> = new Set(['flow', 'named-credential', 'external-credential', 'external-service', 'apex']);

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  private readonly propertyCache = new Map<string, ReadonlyMap<string, string>>();
  private readonly appCache = new Map<string, MuleApp>();
  /** App models dropped because a file of theirs was edited: the rebuilt model keeps what is still valid. */
  private readonly previousApps = new Map<string, MuleApp>();
  private groupsCache: Map<string, MuleAppGroup> | undefined;
  /** App root → its property files, built with the groups. */
  private propertyFilesByRoot = new Map<string, string[]>();
  private readonly roles = new Map<string, FileRole>();
  private sfdxGroupsCache: Map<string, SfdxGroup> | undefined;
  /** Path → SFDX group key, built with the groups. */
  private sfdxKeyByPath = new Map<string, string>();
  private readonly sfdxCache = new Map<string, SfdxProject>();

  /**
   * @param sizeLimit the most characters a file may have to be analysed (file/too-large), per path;
   * undefined for no limit.
   */
  constructor(private readonly sizeLimit: (path: string) => number | undefined = () => undefined) {}

  /**
   * Adds or replaces a file; returns false when the text did not change. `facts`: what the host already
   * checked of the text as it read it (trusted: see `TextFacts`).
   */
  setFile(path: string, text: string, facts?: TextFacts): boolean {
    const old = this.files.get(path);
    if (old && old.text === text) return false;
    const limit = this.sizeLimit(path);
    const tooLarge = limit !== undefined && text.length > limit;
    // The new version may update the old one's tree in place (an editor's keystroke in a large file).
    this.files.set(path, new SourceFile(path, text, tooLarge, tooLarge ? undefined : old?.handOver(), facts));
    this.invalidate(path, !old);
    return true;
  }

  /** Re-applies the size limit after a configuration change (files that crossed it are re-read). */
  refreshSizeLimits(): void {
    for (const [path, file] of this.files) {
      const limit = this.sizeLimit(path);
      const tooLarge = limit !== undefined && file.text.length > limit;
      if (tooLarge === file.tooLarge) continue;
      this.files.set(path, new SourceFile(path, file.text, tooLarge, undefined, file.facts));
      this.invalidate(path, false);
    }
  }

  removeFile(path: string): boolean {
    if (!this.files.delete(path)) return false;
    this.invalidate(path, true);
    return true;
  }

  get(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  role(path: string): FileRole {
    let r = this.roles.get(path);
    if (r === undefined) this.roles.set(path, (r = roleOf(path)));
    return r;
  }

  /** Whether a file is Mule configuration: under src/main/mule, or an XML file whose root is `<mule>`. */
  isMuleXml(path: string): boolean {
    if (this.role(path) !== 'xml') return false;
    if (muleSourceRoot(path) !== undefined) return true;
    const file = this.files.get(path);
    // Not parsed when too large: look at how it starts.
    if (file?.tooLarge) return MULE_ROOT_START.test(file.text.slice(0, 65536));
    const root = file?.xml.root;
    return root !== null && root !== undefined && root.local === 'mule' && root.ns === NS.core;
  }

  muleGroups(): ReadonlyMap<string, MuleAppGroup> {
    if (this.groupsCache) return this.groupsCache;
    const groups = new Map<string, { root: string; files: SourceFile[] }>();
    for (const [path, file] of this.files) {
      if (!this.isMuleXml(path)) continue;
      const root = muleSourceRoot(path);
      const key = root ?? path;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { root: root ?? (path.slice(0, path.lastIndexOf('/')) || '/'), files: [] }));
      g.files.push(file);
    }
    const out = new Map<string, MuleAppGroup>();
    for (const [key, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      g.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      out.set(key, { key, root: g.root, files: g.files });
    }
    // Property files, assigned to the app whose src/main/resources or src/main/mule holds them.
    this.propertyFilesByRoot = new Map();
    for (const path of this.files.keys()) {
      if (this.role(path) !== 'property') continue;
      const root = propertyRoot(path);
      if (root === undefined || !out.has(root)) continue;
      let list = this.propertyFilesByRoot.get(root);
      if (!list) this.propertyFilesByRoot.set(root, (list = []));
      list.push(path);
    }
    return (this.groupsCache = out);
  }

  /** The key of the Mule app a path belongs to (Mule XML or one of its property files). */
  muleGroupKeyOf(path: string): string | undefined {
    if (this.isMuleXml(path)) return muleSourceRoot(path) ?? path;
    if (this.role(path) === 'property') {
      const root = propertyRoot(path);
      return root !== undefined && this.muleGroups().has(root) ? root : undefined;
    }
    return undefined;
  }

  muleApp(key: string): MuleApp | undefined {
    const cached = this.appCache.get(key);
    if (cached) return cached;
    const group = this.muleGroups().get(key);
    if (!group) return undefined;
    const app = new MuleApp(group.root, group.files, new PropertyResolver(this.propertySources(group)));
    const prev = this.previousApps.get(key);
    if (prev) {
      this.previousApps.delete(key);
      const changes = flowChanges(prev, app);
      if (changes) carryPropagation(prev, app, changes);
    }
    this.appCache.set(key, app);
    return app;
  }

  /** Salesforce metadata grouped by SFDX project (nearest sfdx-project.json; the rest in one loose project). */
  sfdxGroups(): ReadonlyMap<string, SfdxGroup> {
    if (this.sfdxGroupsCache) return this.sfdxGroupsCache;
    const descriptors: SfdxProjectDescriptor[] = [];
    for (const [path, file] of this.files) if (this.role(path) === 'sfdx-marker') descriptors.push(readSfdxProject(path, file.text));
    descriptors.sort((a, b) => b.root.length - a.root.length); // deepest first
    const groups = new Map<string, { descriptor: SfdxProjectDescriptor; files: SourceFile[] }>();
    const loose: SfdxProjectDescriptor = { root: '', namespace: undefined, packageDirs: [] };
    for (const [path, file] of this.files) {
      if (!SF_ROLES.has(this.role(path))) continue;
      const d = descriptors.find((x) => path.startsWith(x.root === '/' ? '/' : `${x.root}/`));
      if (d && !inPackageDirs(d, path)) continue;
      const desc = d ?? loose;
      let g = groups.get(desc.root);
      if (!g) groups.set(desc.root, (g = { descriptor: desc, files: [] }));
      g.files.push(file);
    }
    const out = new Map<string, SfdxGroup>();
    this.sfdxKeyByPath = new Map();
    for (const [key, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      g.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      out.set(key, { key, descriptor: g.descriptor, files: g.files });
      for (const f of g.files) this.sfdxKeyByPath.set(f.path, key);
    }
    return (this.sfdxGroupsCache = out);
  }

  sfdxProject(key: string): SfdxProject | undefined {
    const cached = this.sfdxCache.get(key);
    if (cached) return cached;
    const g = this.sfdxGroups().get(key);
    if (!g) return undefined;
    const project = new SfdxProject(g.descriptor, g.files);
    this.sfdxCache.set(key, project);
    return project;
  }

  /**
   * The unit a path is analysed with: its Mule app, its SFDX project, or the file alone. Files of
   * different units never affect each other's findings.
   */
  analysisUnitOf(path: string): string {
    return this.muleGroupKeyOf(path) ?? (this.sfdxGroupKeyOf(path) !== undefined ? `sfdx:${this.sfdxGroupKeyOf(path)}` : path);
  }

  /** Drops parsed trees, line indexes and models of the given files' units; texts stay. */
  releaseAnalysis(paths: Iterable<string>): void {
    // Each unit once, however many of its files are given (a run passes all 500 Flows of a project).
    const muleKeys = new Set<string>();
    const sfdxKeys = new Set<string>();
    for (const path of paths) {
      const mule = this.muleGroupKeyOf(path);
      if (mule !== undefined) muleKeys.add(mule);
      const sfdx = this.sfdxGroupKeyOf(path);
      if (sfdx !== undefined) sfdxKeys.add(sfdx);
      this.files.get(path)?.release();
    }
    for (const key of muleKeys) {
      this.appCache.delete(key);
      this.previousApps.delete(key);
      for (const f of this.muleGroups().get(key)?.files ?? []) f.release();
    }
    for (const key of sfdxKeys) {
      this.sfdxCache.delete(key);
      for (const f of this.sfdxGroups().get(key)?.files ?? []) f.release();
    }
  }

  /** The key of the SFDX project a path belongs to, if any. */
  sfdxGroupKeyOf(path: string): string | undefined {
    this.sfdxGroups();
    return this.sfdxKeyByPath.get(path);
  }

  private propertySources(group: MuleAppGroup): PropertySource[] {
    const sources: PropertySource[] = [];
    this.muleGroups();
    for (const path of this.propertyFilesByRoot.get(group.key) ?? []) {
      const file = this.files.get(path);
      if (file) {
        let values = this.propertyCache.get(path);
        if (!values) {
          values = path.endsWith('.properties') ? parseJavaProperties(file.text) : parseYamlProperties(file.text);
          this.propertyCache.set(path, values);
        }
        sources.push({ path, values });
      }
    }
    // <global-property name value> elements of the app's own files.
    for (const f of group.files) {
      const root = f.xml.root;
      if (!root) continue;
      const values = new Map<string, string>();
      walk(root, (el) => {
        if (el.parent === root && el.ns === NS.core && el.local === 'global-property') {
          const n = attr(el, 'name');
          const v = attr(el, 'value');
          if (n !== undefined && v !== undefined) values.set(n, v);
        }
        return el === root;
      });
      if (values.size) sources.push({ path: f.path, values });
    }
    return sources;
  }

  /**
   * An edited file under src/main/mule stays in its app whatever it holds: its group takes the new
   * version instead of every app being regrouped on each keystroke. False when that does not apply.
   */
  private replaceInMuleGroup(path: string): boolean {
    const root = muleSourceRoot(path);
    const files = root === undefined ? undefined : (this.groupsCache?.get(root)?.files as SourceFile[] | undefined);
    const at = files ? files.findIndex((f) => f.path === path) : -1;
    if (at < 0) return false;
    files![at] = this.files.get(path)!;
    return true;
  }

  private invalidate(path: string, structural: boolean): void {
    this.propertyCache.delete(path);
    const role = this.role(path);
    if (SF_ROLES.has(role) || role === 'sfdx-marker') {
      // A metadata change can alter any resolution in its project: rebuild that project lazily. A file
      // added or removed (or a project descriptor) changes the grouping itself: rebuild everything lazily,
      // without regrouping now (adding n files must stay linear).
      if (structural || role === 'sfdx-marker' || !this.sfdxGroupsCache) {
        this.sfdxGroupsCache = undefined;
        this.sfdxCache.clear();
      } else {
        const key = this.sfdxKeyByPath.get(path);
        const group = key === undefined ? undefined : this.sfdxGroupsCache.get(key);
        const files = group?.files as SourceFile[] | undefined;
        const at = files ? files.findIndex((f) => f.path === path) : -1;
        if (key === undefined || at < 0) {
          this.sfdxGroupsCache = undefined;
          this.sfdxCache.clear();
        } else {
          // The grouping stands; the group must hold this version of the file.
          files![at] = this.files.get(path)!;
          this.sfdxCache.delete(key);
        }
      }
    }
    if (structural || role === 'property' || (role === 'xml' && !this.replaceInMuleGroup(path))) this.groupsCache = undefined;
    if (role === 'xml' || role === 'property' || role === 'mule-marker') {
      // Drop every app model that could include this file; they rebuild lazily. An edit of a Mule file
      // keeps the dropped model aside: the rebuilt one takes over what the edit cannot have changed.
      // Properties, the app's marker, or files added or removed change too much for that.
      const root = muleSourceRoot(path);
      const keepAside = role === 'xml' && !structural;
      if (!keepAside) this.previousApps.clear();
      for (const [key, app] of [...this.appCache]) {
        if (key === path || (root !== undefined && key === root) || role === 'property' || role === 'mule-marker') {
          this.appCache.delete(key);
          if (keepAside && !this.previousApps.has(key)) this.previousApps.set(key, app);
        }
      }
    }
  }
}

/** The app root a property file belongs to (the folder above its src/main/resources or src/main/mule). */
function propertyRoot(path: string): string | undefined {
  for (const marker of ['/src/main/resources/', '/src/main/mule/']) {
    const i = path.lastIndexOf(marker);
    if (i >= 0) return path.slice(0, i) || '/';
  }
  return undefined;
}
