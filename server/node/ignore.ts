/** Folders no run descends into, whatever the configuration says. */
export const DEFAULT_IGNORED_DIRS: ReadonlySet<string> = new Set(['target', 'node_modules', '.sfdx', '.sf', '.git']);
