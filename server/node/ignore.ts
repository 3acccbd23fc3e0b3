/** Ignore rules: the default folders plus the config file's `ignore` globs (relative to the config file). */
import picomatch from 'picomatch';

export const DEFAULT_IGNORED_DIRS: ReadonlySet<string> = new Set(['target', 'node_modules', '.sfdx', '.sf', '.git']);

export type IgnoreMatcher = (relativePath: string) => boolean;

export function compileIgnore(patterns: readonly string[]): IgnoreMatcher {
  const matchers = patterns.map((raw) => {
    let p = raw.trim().replace(/\\/g, '/');
    const anchored = p.startsWith('/');
    if (anchored) p = p.slice(1);
    if (p.endsWith('/')) p += '**';
    const basenameOnly = !anchored && !p.includes('/');
    const m = picomatch(p, { dot: true, basename: basenameOnly });
    const under = picomatch(p.endsWith('/**') ? p : `${p}/**`, { dot: true, basename: false });
    return (rel: string) => m(rel) || under(rel) || (basenameOnly && rel.split('/').some((seg) => m(seg)));
  });
  return (rel) => matchers.some((m) => m(rel));
}
