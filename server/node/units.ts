/**
 * Analysis units from paths alone: a Mule app (everything under one `src/main/mule`), an SFDX project
 * (nearest `sfdx-project.json`, or all metadata outside any project together) or a lone file. The
 * workspace groups files the same way or finer, so a set of whole units can be analysed on its own —
 * one at a time (`lintTargets`) or on several threads (`parallel-lint.ts`) — with the same findings.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { muleSourceRoot, roleOf } from '../core/project/layout';
import { toCorePath } from './paths';

const SF_ROLES = new Set(['flow', 'named-credential', 'external-credential', 'external-service', 'apex']);

/** Targets (OS paths) grouped by unit, in the order each unit's first target comes. */
export function groupByUnit(osTargets: readonly string[]): string[][] {
  const units = new Map<string, string[]>();
  const sfdxRootOf = nearestSfdxProject();
  for (const p of osTargets) {
    const key = unitKey(p, sfdxRootOf);
    const list = units.get(key);
    if (list) list.push(p);
    else units.set(key, [p]);
  }
  return [...units.values()];
}

function unitKey(osPath: string, sfdxRootOf: (dir: string) => string | undefined): string {
  const core = toCorePath(osPath);
  const mule = muleSourceRoot(core);
  if (mule !== undefined) return `mule:${mule}`;
  if (SF_ROLES.has(roleOf(core))) return `sfdx:${sfdxRootOf(dirname(osPath)) ?? '(no project)'}`;
  return `file:${core}`;
}

function nearestSfdxProject(): (dir: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  const find = (dir: string): string | undefined => {
    if (cache.has(dir)) return cache.get(dir);
    const here = existsSync(join(dir, 'sfdx-project.json')) ? dir : dirname(dir) === dir ? undefined : find(dirname(dir));
    cache.set(dir, here);
    return here;
  };
  return find;
}
