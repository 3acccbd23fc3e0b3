/**
 * The files the analysis needs besides the ones being linted: every Mule XML and property file of
 * each Mule app a target belongs to, and (for Salesforce metadata) the rest of the SFDX project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { roleOf } from '../core/project/layout';
import { entryKind } from './entries';
import { DEFAULT_IGNORED_DIRS } from './ignore';
import { toCorePath } from './paths';

const MULE_DIR = `${sep}src${sep}main${sep}mule${sep}`;

/** Context files for a set of targets (OS paths), excluding the targets themselves. */
export function contextFiles(targets: readonly string[]): string[] {
  const out = new Set<string>();
  const appRoots = new Set<string>();
  for (const t of targets) {
    const i = t.lastIndexOf(MULE_DIR);
    if (i >= 0) appRoots.add(t.slice(0, i));
  }
  for (const root of appRoots) {
    collect(join(root, 'src', 'main', 'mule'), (p) => roleOf(toCorePath(p)) === 'xml' || roleOf(toCorePath(p)) === 'property', out);
    collect(join(root, 'src', 'main', 'resources'), (p) => roleOf(toCorePath(p)) === 'property', out);
    for (const marker of ['mule-artifact.json', 'pom.xml']) if (existsSync(join(root, marker))) out.add(join(root, marker));
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
    out.add(join(root, 'sfdx-project.json'));
    for (const dir of packageDirs(root)) collect(dir, (p) => SF_ROLES.has(roleOf(toCorePath(p))), out);
  }
  for (const t of targets) out.delete(t);
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
    const dirs = (json.packageDirectories ?? []).map((d) => d?.path).filter((p): p is string => typeof p === 'string').map((p) => resolve(root, p));
    return dirs.length ? dirs : [root];
  } catch {
    return [root];
  }
}

function collect(dir: string, keep: (p: string) => boolean, out: Set<string>, depth = 0): void {
  if (depth > 40) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // missing or unreadable context is not an error: references just stay unresolved
  }
  for (const ent of entries) {
    const p = join(dir, ent.name);
    const kind = entryKind(dir, ent);
    const isDir = kind === 'dir';
    const isFile = kind === 'file';
    if (isDir) {
      if (!DEFAULT_IGNORED_DIRS.has(ent.name)) collect(p, keep, out, depth + 1);
    } else if (isFile && keep(p)) out.add(p); // never a pipe or device: reading one would block
  }
}

export function parentDir(p: string): string {
  return dirname(p);
}
