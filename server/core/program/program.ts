/**
 * One analysis: the files it sees, how they group into units (Mule apps, SFDX projects, lone files),
 * the models of each unit, and every memo, owned here and dropped with it (TypeScript's `Program` is
 * the model). Hosts only feed it texts — or paths it reads through the host when an analysis first
 * needs them — and ask the engine to lint targets. Nothing is parsed, read or modelled before some
 * question needs it: linting one Flow of a 2,700-class org reads the classes its actions name.
 *
 * Incremental: a changed file invalidates what depends on it. An edit of a Mule file rebuilds its app's
 * model (which takes over what the edit cannot have changed: see `mule-unit.ts`); an edit of Salesforce
 * metadata builds its project again, which is cheap (its name index stays, and every file's own model is
 * memoised on that file's version), so an Apex edit re-lexes that class and a Flow edit re-reads that
 * Flow. Files added or removed regroup only their own unit.
 */
import type { MuleApp } from '../mule/app';
import { dirname, isLintableRole, isSalesforceRole, looseMetadataRoot, roleOf, unitKeyOf, type FileRole } from '../project/layout';
import { memoKey, type Memo } from '../project/memo';
import { LOOSE_PROJECT, readSfdxProject, type SfdxProjectDescriptor } from '../project/sfdx-descriptor';
import { SourceFile } from '../project/source-file';
import { SalesforceIndex, SfdxProject } from '../salesforce/project';
import type { TextFacts, XmlElement } from '../xml/types';
import { buildMuleApp, isMuleConfiguration } from './mule-unit';

/** What a host hands over when the program asks for a file it knows by path only. */
export interface HostFile {
  readonly text: string;
  /** What the host checked of the text as it read it (trusted: see `TextFacts`). */
  readonly facts?: TextFacts;
  /** The host did not read the whole file, being above the size limit: `text` is its beginning, `size` its length. */
  readonly tooLarge?: boolean;
  readonly size?: number;
}

export interface ProgramHost {
  /** Reads a file added with `addPath`; undefined when it cannot be read (the host records why). */
  readFile?(path: string): HostFile | undefined;
  /** The most characters a file may have to be analysed (file/too-large), per path; undefined for no limit. */
  sizeLimit?(path: string): number | undefined;
  /**
   * The Salesforce files of a project's package directories (paths only), for a host that did not add them
   * up front: asked once per project, the first time a model is looked up by name, so a Flow that names no
   * class, credential or subflow costs no listing of its org.
   */
  projectFiles?(project: SfdxProjectDescriptor): readonly string[];
}

/** The models of one unit, built on demand and dropped when one of its files changes. */
interface UnitModels {
  app?: MuleApp | undefined;
  project?: SfdxProject | undefined;
  /** The unit's Salesforce files by API name: kept until files are added or removed. */
  index?: SalesforceIndex;
}

const DESCRIPTOR = memoKey<SfdxProjectDescriptor>('sfdx-project.json');

export class Program {
  /** Files whose text the program has (given by the host, or read on demand). */
  private readonly texts = new Map<string, SourceFile>();
  /** Files known by path, read through the host when first needed. */
  private readonly unread = new Set<string>();
  /** Folder → path of the sfdx-project.json it holds. */
  private readonly markers = new Map<string, string>();
  /** Folder → the nearest project at or above it (forgotten when a project file changes). */
  private readonly projectByDir = new Map<string, SfdxProjectDescriptor | undefined>();
  /** Path → unit key, and the members of each unit (computed on demand, dropped when grouping changes). */
  private unitOfPath = new Map<string, string>();
  private members: Map<string, Set<string>> | undefined;
  /** Projects whose files the host was asked for (`ProgramHost.projectFiles`). */
  private readonly listedProjects = new Set<string>();
  /** `unitPaths` answers, until a unit's membership changes. */
  private readonly sortedMembers = new Map<string, readonly string[]>();
  private readonly models = new Map<string, UnitModels>();
  /** Mule app models dropped because a file of theirs was edited: the rebuilt model takes over what is still valid. */
  private readonly previousApps = new Map<string, MuleApp>();

  /**
   * Answers about one element's subtree, kept across builds of its app for as long as the element lives (an
   * edit replaces only the top-level element it touches: `xml/incremental.ts`).
   */
  private readonly elementMemos = new WeakMap<XmlElement, Memo>();
  /** Lint messages as masked for reports (see the engine: an editor lints the same files again and again). */
  readonly maskedMessages = new Map<string, string>();

  constructor(private readonly host: ProgramHost = {}) {}

  // ---- files --------------------------------------------------------------------------------

  /**
   * Adds or replaces a file with its text; returns false when the text did not change. `facts`: what the
   * host already checked of the text as it read it (trusted: see `TextFacts`).
   */
  setFile(path: string, text: string, facts?: TextFacts): boolean {
    const old = this.texts.get(path);
    if (old && old.text === text && !this.unread.has(path)) return false;
    const known = old !== undefined || this.unread.delete(path);
    const tooLarge = this.exceedsLimit(path, text.length);
    // The new version may update the old one's tree in place (an editor's keystroke in a large file).
    this.texts.set(path, new SourceFile(path, text, tooLarge, tooLarge ? undefined : old?.handOver(), facts));
    this.changed(path, !known);
    return true;
  }

  /** Makes a file known by its path: the host reads it when an analysis first needs it. */
  addPath(path: string): void {
    if (this.texts.has(path) || this.unread.has(path)) return;
    this.unread.add(path);
    this.changed(path, true);
  }

  removeFile(path: string): boolean {
    const had = this.texts.delete(path) || this.unread.delete(path);
    if (had) this.changed(path, true);
    return had;
  }

  /** The file at `path`, read through the host if it was not yet; undefined when unknown or unreadable. */
  file(path: string): SourceFile | undefined {
    const f = this.texts.get(path);
    if (f || !this.unread.has(path)) return f;
    this.unread.delete(path);
    const read = this.host.readFile?.(path);
    if (!read) {
      // Unreadable: as if it did not exist (an unreadable sfdx-project.json still makes its folder a project).
      if (this.role(path) !== 'sfdx-marker') this.changed(path, true);
      return undefined;
    }
    const tooLarge = read.tooLarge === true || this.exceedsLimit(path, read.text.length);
    const file = new SourceFile(path, read.text, tooLarge, undefined, read.facts, read.tooLarge ? read.size : undefined);
    this.texts.set(path, file);
    return file;
  }

  /** The file at `path` if its text is here (never reads). */
  peek(path: string): SourceFile | undefined {
    return this.texts.get(path);
  }

  has(path: string): boolean {
    return this.texts.has(path) || this.unread.has(path);
  }

  /** Every known path, read or not. */
  *paths(): IterableIterator<string> {
    yield* this.texts.keys();
    yield* this.unread;
  }

  /**
   * Re-applies the size limit after a configuration change (files that crossed it are analysed again). A file
   * of which the host read only the beginning is judged by its whole size, and read again when it is now
   * within the limit.
   */
  refreshSizeLimits(): void {
    for (const [path, file] of [...this.texts]) {
      const tooLarge = this.exceedsLimit(path, file.size);
      if (tooLarge === file.tooLarge) continue;
      if (file.size > file.text.length) {
        this.texts.delete(path);
        this.unread.add(path);
      } else this.texts.set(path, new SourceFile(path, file.text, tooLarge, undefined, file.facts));
      this.changed(path, false);
    }
  }

  /** Whether a file of `size` characters is above the host's size limit for `path`. */
  private exceedsLimit(path: string, size: number): boolean {
    const limit = this.host.sizeLimit?.(path);
    return limit !== undefined && size > limit;
  }

  role(path: string): FileRole {
    return roleOf(path);
  }

  // ---- units --------------------------------------------------------------------------------

  /** The unit a path is analysed with (`mule:…`, `sfdx:…` or `file:…`: see `unitKeyOf`). */
  unitOf(path: string): string {
    let key = this.unitOfPath.get(path);
    if (key === undefined) this.unitOfPath.set(path, (key = unitKeyOf(path, (p) => this.projectAt(p), this.role(path))));
    return key;
  }

  /** The paths of a unit, sorted. */
  unitPaths(key: string): readonly string[] {
    if (!this.members) {
      this.members = new Map();
      this.sortedMembers.clear();
      for (const p of this.paths()) this.memberSet(this.unitOf(p)).add(p);
    }
    let sorted = this.sortedMembers.get(key);
    if (!sorted) this.sortedMembers.set(key, (sorted = [...(this.members.get(key) ?? [])].sort()));
    return sorted;
  }

  /** Targets grouped by unit, units in key order. */
  groupByUnit(paths: Iterable<string>): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const p of paths) {
      const key = this.unitOf(p);
      const list = groups.get(key);
      if (list) list.push(p);
      else groups.set(key, [p]);
    }
    return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Whether a file is Mule configuration: under src/main/mule, or an XML file whose root is `<mule>`. */
  isMuleXml(path: string): boolean {
    if (this.role(path) !== 'xml') return false;
    if (this.unitOf(path).startsWith('mule:')) return true;
    const file = this.file(path);
    return file !== undefined && isMuleConfiguration(file);
  }

  /** Whether the linter reports on this file: Mule configuration, Salesforce metadata it knows, Apex. */
  isLintable(path: string): boolean {
    if (!this.has(path)) return false;
    const role = this.role(path);
    return role === 'xml' ? this.isMuleXml(path) : isLintableRole(role);
  }

  /** The Mule app of a unit (`mule:<root>`, or `file:<path>` for Mule configuration outside any app). */
  muleApp(key: string): MuleApp | undefined {
    const models = this.modelsOf(key);
    if (models.app) return models.app;
    const files = this.muleFilesOf(key);
    if (!files.length) return undefined;
    const root = key.startsWith('mule:') ? key.slice('mule:'.length) : dirname(files[0].path);
    const propertyFiles = key.startsWith('mule:')
      ? this.unitPaths(key)
          .filter((p) => this.role(p) === 'property')
          .map((p) => this.file(p))
          .filter((f): f is SourceFile => f !== undefined)
      : [];
    const prev = this.previousApps.get(key);
    this.previousApps.delete(key);
    return (models.app = buildMuleApp(root, files, propertyFiles, prev, this.elementMemos));
  }

  /** The SFDX project of a unit (`sfdx:<root>`, or `sfdx:` for metadata outside any project). */
  sfdxProject(key: string): SfdxProject | undefined {
    if (!key.startsWith('sfdx:')) return undefined;
    const models = this.modelsOf(key);
    if (models.project) return models.project;
    const root = key.slice('sfdx:'.length);
    const marker = root === '' ? undefined : this.markers.get(root);
    const descriptor = marker === undefined ? LOOSE_PROJECT : this.descriptorOf(marker);
    // The name index is built on the first lookup by name (a Flow whose actions name nothing never needs it).
    const indexOf = (): SalesforceIndex => (models.index ??= this.indexOf(key, descriptor));
    const files = {
      get index(): SalesforceIndex {
        return indexOf();
      },
      file: (p: string) => this.file(p),
    };
    return (models.project = new SfdxProject(descriptor, files));
  }

  /**
   * Drops the models of the units the paths belong to, and the trees, line indexes and memos of their
   * files (rebuilt on next use): a batch run frees memory unit by unit. Texts stay.
   */
  release(paths: Iterable<string>): void {
    const keys = new Set<string>();
    for (const p of paths) keys.add(this.unitOf(p));
    for (const key of keys) {
      this.models.delete(key);
      this.previousApps.delete(key);
      for (const p of this.unitPaths(key)) this.texts.get(p)?.release();
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  /** A project's name index, after asking the host for the files it did not add (once per project). */
  private indexOf(key: string, descriptor: SfdxProjectDescriptor): SalesforceIndex {
    if (this.host.projectFiles && !this.listedProjects.has(key)) {
      this.listedProjects.add(key);
      // Metadata outside any project: listed around the files the run has, never from the working folder down.
      const listed =
        descriptor === LOOSE_PROJECT
          ? {
              ...descriptor,
              packageDirs: [
                ...new Set(
                  this.unitPaths(key)
                    .filter((p) => isSalesforceRole(this.role(p)))
                    .map(looseMetadataRoot),
                ),
              ],
            }
          : descriptor;
      for (const p of listed === descriptor || listed.packageDirs.length ? this.host.projectFiles(listed) : []) {
        if (this.has(p) || this.unitOf(p) !== key) continue;
        this.unread.add(p);
        if (this.members) {
          this.memberSet(key).add(p);
          this.sortedMembers.delete(key);
        }
      }
    }
    return new SalesforceIndex(this.unitPaths(key).filter((p) => isSalesforceRole(this.role(p))));
  }

  private muleFilesOf(key: string): SourceFile[] {
    if (key.startsWith('mule:')) {
      return this.unitPaths(key)
        .filter((p) => this.role(p) === 'xml')
        .map((p) => this.file(p))
        .filter((f): f is SourceFile => f !== undefined);
    }
    if (key.startsWith('file:')) {
      const path = key.slice('file:'.length);
      const file = this.isMuleXml(path) ? this.file(path) : undefined;
      return file ? [file] : [];
    }
    return [];
  }

  private modelsOf(key: string): UnitModels {
    let m = this.models.get(key);
    if (!m) this.models.set(key, (m = {}));
    return m;
  }

  private memberSet(key: string): Set<string> {
    let set = this.members!.get(key);
    if (!set) this.members!.set(key, (set = new Set()));
    return set;
  }

  /** The nearest SFDX project at or above a path's folder, among the sfdx-project.json files known. */
  private projectAt(path: string): SfdxProjectDescriptor | undefined {
    if (this.markers.size === 0) return undefined;
    return this.projectOfDir(dirname(path));
  }

  /** Per folder: a project's files share a few folders, each looked up once. */
  private projectOfDir(dir: string): SfdxProjectDescriptor | undefined {
    if (this.projectByDir.has(dir)) return this.projectByDir.get(dir);
    const marker = this.markers.get(dir);
    const found = marker !== undefined ? this.descriptorOf(marker) : dir === '/' || dir === '.' || dir === '' ? undefined : this.projectOfDir(dirname(dir));
    this.projectByDir.set(dir, found);
    return found;
  }

  private descriptorOf(markerPath: string): SfdxProjectDescriptor {
    const file = this.file(markerPath);
    const root = dirname(markerPath);
    if (!file) return { root, namespace: undefined, packageDirs: [] };
    return file.memo.get(DESCRIPTOR, () => readSfdxProject(markerPath, file.text));
  }

  /** What a change of `path` invalidates: `structural` when the file was added or removed. */
  private changed(path: string, structural: boolean): void {
    const role = this.role(path);
    if (role === 'sfdx-marker') {
      // Which project every Salesforce file belongs to may change: regroup them all.
      const dir = dirname(path);
      if (this.has(path)) this.markers.set(dir, path);
      else this.markers.delete(dir);
      this.projectByDir.clear();
      for (const [p, key] of this.unitOfPath) if (key.startsWith('sfdx:') || isSalesforceRole(this.role(p))) this.dropUnit(key);
      this.unitOfPath = new Map([...this.unitOfPath].filter(([p]) => !isSalesforceRole(this.role(p)) && this.role(p) !== 'sfdx-marker'));
      this.members = undefined;
      return;
    }
    // Nothing grouped or modelled yet (a host adding the paths of a run): nothing to update.
    if (structural && !this.members && this.models.size === 0) {
      if (!this.has(path)) this.unitOfPath.delete(path);
      return;
    }
    const key = this.unitOf(path);
    if (structural) {
      if (this.members) {
        if (this.has(path)) this.memberSet(key).add(path);
        else this.members.get(key)?.delete(path);
        this.sortedMembers.delete(key);
      }
      if (!this.has(path)) this.unitOfPath.delete(path);
      this.dropUnit(key);
      return;
    }
    const models = this.models.get(key);
    if (!models) return;
    if (models.app) {
      // An edit of a Mule file keeps the dropped model aside: the rebuilt one takes over what the edit
      // cannot have changed. Properties or markers change too much for that.
      if (role === 'xml' && !this.previousApps.has(key)) this.previousApps.set(key, models.app);
      else if (role !== 'xml') this.previousApps.delete(key);
      models.app = undefined;
    }
    models.project = undefined; // the index stays: no file was added or removed
  }

  private dropUnit(key: string): void {
    this.models.delete(key);
    this.previousApps.delete(key);
  }
}
