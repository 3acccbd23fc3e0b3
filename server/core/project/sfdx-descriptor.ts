/**
 * `sfdx-project.json`: the folder holding it is an SFDX project whose `packageDirectories` hold the
 * metadata. Read here, below the Salesforce model, because the unit a file belongs to depends on it.
 */

export interface SfdxProjectDescriptor {
  /** Folder holding sfdx-project.json ('' for loose metadata). */
  readonly root: string;
  readonly namespace: string | undefined;
  /** Absolute package directory paths; empty means "everything under root". */
  readonly packageDirs: readonly string[];
}

/** The project of metadata outside any sfdx-project.json. */
export const LOOSE_PROJECT: SfdxProjectDescriptor = Object.freeze({ root: '', namespace: undefined, packageDirs: Object.freeze([]) as readonly string[] });

/** Reads sfdx-project.json; a broken file still makes its folder a project (all files included). */
export function readSfdxProject(path: string, text: string): SfdxProjectDescriptor {
  const root = path.slice(0, path.lastIndexOf('/')) || '/';
  let namespace: string | undefined;
  const packageDirs: string[] = [];
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as { namespace?: unknown; packageDirectories?: unknown };
    if (typeof json.namespace === 'string' && json.namespace) namespace = json.namespace;
    if (Array.isArray(json.packageDirectories)) {
      for (const d of json.packageDirectories) {
        const p = d && typeof d === 'object' ? (d as { path?: unknown }).path : undefined;
        if (typeof p === 'string' && p.trim()) packageDirs.push(normalize(`${root}/${p.trim()}`));
      }
    }
  } catch {
    // fall through: the folder is still a project
  }
  return { root, namespace, packageDirs };
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

export function inPackageDirs(d: SfdxProjectDescriptor, path: string): boolean {
  if (d.packageDirs.length === 0) return true;
  return d.packageDirs.some((p) => path.startsWith(p.endsWith('/') ? p : `${p}/`));
}
