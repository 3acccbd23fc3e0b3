/**
 * The files the analysis needs besides the ones being linted: every Mule XML and property file of
 * each Mule app a target belongs to, and (for Salesforce metadata) the rest of the SFDX project.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { roleOf } from '../core/project/layout';
import { entryKind } from './entries';
import { DEFAULT_IGNORED_DIRS } from './ignore';
import { DirListings } from './listings';
import { toCorePath } from './paths';

const MULE_DIR = `${sep}src${sep}main${sep}mule${sep}`;

/**
 * Context files for a set of targets (OS paths), excluding the targets themselves. `listings` has the
 * folders discovery already read (a run lists each folder once).
 */
export function contextFiles(targets: readonly string[], listings = new DirListings()): string[] {
  const out = new Set<string>();
  const isTarget = new Set(targets);
  const collect = (dir: string, keep: (role: string) => boolean): void => collectInto(dir, keep, listings, isTarget, out);
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
  // Salesforce metadata: the whole SFDX project (nearest sfdx-project.json), so references resolve.
  const projects = new Set<string>();
  const rootCache = new Map<string, string | undefined>();
  for (const t of targets) {
    if (!SF_ROLES.has(roleOf(toCorePath(t)))) continue;
    const root = sfdxRootOf(dirname(t), rootCache);
    if (root) projects.add(root);
  }
  for (const root of projects) {
    const descriptor = join(root, 'sfdx-project.json');
    if (!isTarget.has(descriptor)) out.add(descriptor);
    for (const dir of packageDirs(root)) collect(dir, (role) => SF_ROLES.has(role));
  }
  return [...out];
}

const SF_ROLES = new Set(['flow', 'named-credential', 'external-credential', 'external-service', 'apex']);
/** The nearest folder at or above `dir` holding sfdx-project.json (memoised in `cache` for one run). */
export function sfdxRootOf(dir: string, cache = new Map<string, string | undefined>()): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  let found: string | undefined;
  if (existsSync(join(dir, 'sfdx-project.json'))) found = dir;
  else {
    const parent = dirname(dir);
    found = parent === dir ? undefined : sfdxRootOf(parent, cache);
  }
  cache.set(dir, found);
  return found;
}

function packageDirs(root: string): string[] {
  try {
    const json = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8').replace(/^\uFEFF/, '')) as { packageDirectories?: { path?: unknown }[] };
    const dirs = (json.packageDirectories ?? [])
      .map((d) => d?.path)
      .filter((p): p is string => typeof p === 'string')
      .map((p) => resolve(root, p));
    return dirs.length ? dirs : [root];
  } catch {
    return [root];
  }
}

function collectInto(dir: string, keep: (role: string) => boolean, listings: DirListings, skip: ReadonlySet<string>, out: Set<string>, depth = 0): void {
  if (depth > 40) return;
  let entries;
  try {
    entries = listings.read(dir);
  } catch {
    return; // missing or unreadable context is not an error: references just stay unresolved
  }
  for (const ent of entries) {
    const p = join(dir, ent.name);
    const kind = entryKind(dir, ent);
    if (kind === 'dir') {
      if (!DEFAULT_IGNORED_DIRS.has(ent.name)) collectInto(p, keep, listings, skip, out, depth + 1);
    } else if (kind === 'file' && !skip.has(p) && keep(roleOf(toCorePath(p)))) out.add(p); // never a pipe or device: reading one would block
  }
}

export function parentDir(p: string): string {
  return dirname(p);
}
