/**
 * Globs over relative paths with forward slashes, as the configuration's `overrides` and quoted glob
 * arguments use them: a glob that matches a folder matches everything under it.
 */
import picomatch from 'picomatch';

export type GlobMatcher = (relativePath: string) => boolean;

/** A glob, or what lies under the folders it matches. */
export function globOrUnder(pattern: string, options: picomatch.PicomatchOptions = {}): GlobMatcher {
  const m = picomatch(pattern, options);
  const under = picomatch(pattern.endsWith('/**') ? pattern : `${pattern}/**`, { ...options, basename: false });
  return (rel) => m(rel) || under(rel);
}

/**
 * `overrides[].files` and `excludedFiles` (relative to the configuration file): a glob without `/`
 * matches the name of a file or of any folder above it, a leading `/` anchors, a trailing `/` takes the
 * folder's contents; a negative extglob without `/` (`!(Legacy*)`) matches the file's name only. Negation
 * (`!` before a glob) is refused when the configuration is validated.
 */
export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const matchers = patterns.map((raw) => {
    let p = raw.trim().replace(/\\/g, '/');
    const anchored = p.startsWith('/');
    if (anchored) p = p.slice(1);
    if (p.endsWith('/')) p += '**';
    const basenameOnly = !anchored && !p.includes('/');
    // A negative extglob without `/` (`!(Legacy*)`) is about the file's name: a folder name above would
    // match it almost always (`force-app` is not `Legacy*`).
    if (basenameOnly && p.includes('!(')) return picomatch(p, { dot: true, basename: true });
    const m = globOrUnder(p, { dot: true, basename: basenameOnly });
    const name = basenameOnly ? picomatch(p, { dot: true }) : undefined;
    return (rel: string) => m(rel) || (name !== undefined && rel.split('/').some((seg) => name(seg)));
  });
  return (rel) => matchers.some((m) => m(rel));
}
