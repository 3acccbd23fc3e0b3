/**
 * Analysis units from paths alone, with the core's one unit key (`unitKeyOf`): a Mule app (everything
 * under one `src/main/mule`), an SFDX project (nearest `sfdx-project.json`, or all metadata outside any
 * project together) or a lone file. A set of whole units can be analysed on its own — one at a time or
 * on several threads (`parallel-lint.ts`) — with the same findings.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unitKeyOf, type ProjectLocator } from '../core/project/layout';
import { readSfdxProject, type SfdxProjectDescriptor } from '../core/project/sfdx-descriptor';
import { decodeText } from './decode';
import { toCorePath, toOsPath } from './paths';
import { readFileBytes } from './read-file';

/** Targets (OS paths) grouped by unit, in the order each unit's first target comes. */
export function groupByUnit(osTargets: readonly string[], projectOf: ProjectLocator = projectLocator()): string[][] {
  const units = new Map<string, string[]>();
  for (const p of osTargets) {
    const key = unitKeyOf(toCorePath(p), projectOf);
    const list = units.get(key);
    if (list) list.push(p);
    else units.set(key, [p]);
  }
  return [...units.values()];
}

/** Finds the nearest sfdx-project.json on disk (each folder asked once per locator). */
export function projectLocator(): ProjectLocator {
  const roots = new Map<string, string | undefined>();
  const descriptors = new Map<string, SfdxProjectDescriptor>();
  const rootOf = (dir: string): string | undefined => {
    if (roots.has(dir)) return roots.get(dir);
    const parent = dirname(dir);
    const here = existsSync(join(dir, 'sfdx-project.json')) ? dir : parent === dir ? undefined : rootOf(parent);
    roots.set(dir, here);
    return here;
  };
  const locate = (corePath: string): SfdxProjectDescriptor | undefined => {
    const root = rootOf(dirname(toOsPath(corePath)));
    if (root === undefined) return undefined;
    let d = descriptors.get(root);
    if (!d) {
      const marker = join(root, 'sfdx-project.json');
      let text = '';
      try {
        text = decodeText(readFileBytes(marker)).text; // as the Program decodes it when it reads the file
      } catch {
        // unreadable: still a project, with every file in it
      }
      descriptors.set(root, (d = readSfdxProject(toCorePath(marker), text)));
    }
    return d;
  };
  return locate;
}
