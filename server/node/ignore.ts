import { basename } from 'node:path';

/** Folders no run descends into, whatever the configuration says. */
const DEFAULT_IGNORED_DIRS: ReadonlySet<string> = new Set(['target', 'node_modules', '.sfdx', '.sf', '.git']);

/**
 * Whether a run never descends into the folder `name` of `dir`: the default folders, and the copy of an
 * app's sources that the Mule Maven plugin packages into a deployable (`META-INF/mule-src/<app>/`), which a
 * repository holding the exploded deployable would otherwise report twice.
 */
export function isDefaultIgnoredDir(dir: string, name: string): boolean {
  return DEFAULT_IGNORED_DIRS.has(name) || (name === 'mule-src' && basename(dir) === 'META-INF');
}
