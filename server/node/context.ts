/**
 * The files an analysis may need besides the ones being linted: every Mule XML and property file of
 * each Mule app a target belongs to, and (for Salesforce metadata) every metadata file of its SFDX
 * project. Only paths: the Program reads each one when the analysis first needs it, so a project's
 * 2,700 Apex classes are listed, not read.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { isSalesforceRole, roleOf, type FileRole } from '../core/project/layout';
import { entryKind } from './entries';
import { isDefaultIgnoredDir } from './ignore';
import { DirListings } from './listings';
import { toCorePath, toOsPath } from './paths';
import type { SfdxProjectDescriptor } from '../core/project/sfdx-descriptor';
import { projectLocator } from './units';

const MULE_DIR = `${sep}src${sep}main${sep}mule${sep}`;

/**
 * Context paths for a set of targets (OS paths), excluding the targets themselves. `listings` has the
 * folders discovery already read (a run lists each folder once).
 */
export function contextFiles(
  targets: readonly string[],
  listings = new DirListings(),
  locate = projectLocator(),
  opts: { salesforceFiles: boolean } = { salesforceFiles: true },
): string[] {
  const out = new Set<string>();
  const isTarget = new Set(targets);
  const collect = (dir: string, keep: (role: FileRole) => boolean, skipDirs: ReadonlySet<string> = NONE): void =>
    collectInto(dir, keep, listings, isTarget, out, skipDirs);
  const appRoots = new Set<string>();
  for (const t of targets) {
    const i = t.lastIndexOf(MULE_DIR);
    if (i >= 0) appRoots.add(t.slice(0, i));
  }
  for (const root of appRoots) {
    collect(join(root, 'src', 'main', 'mule'), (role) => role === 'xml' || role === 'property');
    collect(join(root, 'src', 'main', 'resources'), (role) => role === 'property');
    for (const marker of ['mule-artifact.json', 'pom.xml'])
      if (!isTarget.has(join(root, marker)) && existsSync(join(root, marker))) out.add(join(root, marker));
  }
  // Salesforce metadata: the project file (nearest sfdx-project.json), and, unless the Program lists the
  // project when it first needs it (`salesforceFiles: false`, see `FileHost.projectFiles`), its metadata.
  const projects = new Map<string, SfdxProjectDescriptor>();
  for (const t of targets) {
    const core = toCorePath(t);
    if (!isSalesforceRole(roleOf(core))) continue;
    const d = locate(core);
    if (d) projects.set(d.root, d);
  }
  for (const d of projects.values()) {
    const descriptor = join(toOsPath(d.root), 'sfdx-project.json');
    if (!isTarget.has(descriptor)) out.add(descriptor);
    if (opts.salesforceFiles) for (const p of salesforceFilesOf(d, listings)) if (!isTarget.has(p)) out.add(p);
  }
  return [...out];
}

/** Every Salesforce metadata file of a project's package directories (OS paths), bundles and objects skipped. */
export function salesforceFilesOf(project: SfdxProjectDescriptor, listings = new DirListings()): string[] {
  const out = new Set<string>();
  const dirs = project.packageDirs.length ? project.packageDirs.map(toOsPath) : [toOsPath(project.root)];
  for (const dir of dirs) collectInto(resolve(dir), isSalesforceRole, listings, NONE, out, COMPONENT_FOLDERS);
  return [...out];
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Folders of a package directory whose contents the Salesforce CLI resolves as parts of one component — the
 * bundles (Lightning web and Aura components, static resources, Experience and Digital Experience bundles,
 * CRM Analytics templates) and the decomposed custom objects and their translations — never as Apex classes,
 * Flows, credentials or permission sets ("Salesforce DX Project Structure and Source File Format"; the bundle
 * and decomposed adapters of @salesforce/source-deploy-retrieve). A large org keeps most of its files there
 * (72,000 entries in one real org, 50,000 of them under objects/ and staticresources/), so they are not listed.
 */
const COMPONENT_FOLDERS: ReadonlySet<string> = new Set([
  'objects',
  'objectTranslations',
  'lwc',
  'aura',
  'staticresources',
  'experiences',
  'digitalExperiences',
  'waveTemplates',
]);

function collectInto(
  dir: string,
  keep: (role: FileRole) => boolean,
  listings: DirListings,
  skip: ReadonlySet<string>,
  out: Set<string>,
  skipDirs: ReadonlySet<string>,
  depth = 0,
): void {
  if (depth > 40) return;
  let entries;
  try {
    entries = listings.read(dir);
  } catch {
    return; // missing or unreadable context is not an error: references just stay unresolved
  }
  // A role depends on the file's name and its folder's (`flows/Sync.flow`): most entries of a package directory
  // (objects, layouts, components) are dropped before their path is built.
  const folder = `${basename(dir)}/`;
  for (const ent of entries) {
    const kind = entryKind(dir, ent);
    if (kind === 'dir') {
      if (!isDefaultIgnoredDir(dir, ent.name) && !skipDirs.has(ent.name)) collectInto(join(dir, ent.name), keep, listings, skip, out, skipDirs, depth + 1);
    } else if (kind === 'file' && keep(roleOf(folder + ent.name))) {
      // Never a pipe or device: reading one would block.
      const p = dir.endsWith(sep) ? `${dir}${ent.name}` : `${dir}${sep}${ent.name}`; // `dir` is normalised: joining is concatenating
      if (!skip.has(p)) out.add(p);
    }
  }
}
