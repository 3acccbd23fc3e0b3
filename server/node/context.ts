/**
 * The files the analysis needs besides the ones being linted: every Mule XML and property file of
 * each Mule app a target belongs to, and (for Salesforce metadata) the rest of the SFDX project.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { roleOf } from '../core/project/layout';
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
  for (const t of targets) out.delete(t);
  return [...out];
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
    let isDir = ent.isDirectory();
    if (ent.isSymbolicLink()) {
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (!DEFAULT_IGNORED_DIRS.has(ent.name)) collect(p, keep, out, depth + 1);
    } else if (keep(p)) out.add(p);
  }
}

export function parentDir(p: string): string {
  return dirname(p);
}
