/** Conversions between OS paths and the forward-slash absolute paths the core uses. */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function toCorePath(osPath: string): string {
  // Discovery hands over absolute, normalised paths: resolving them again is the same string, made anew.
  if (sep === '/' && isNormalAbsolute(osPath)) return osPath;
  const abs = resolve(osPath);
  return sep === '/' ? abs : '/' + abs.replace(/\\/g, '/');
}

export function toOsPath(corePath: string): string {
  return sep === '/' ? corePath : corePath.replace(/^\//, '').replace(/\//g, sep);
}

/** Path shown to users and written to SARIF: relative to `cwd` when inside it, forward slashes. */
export function displayPath(corePath: string, cwd: string): string {
  const rel = relative(cwd, toOsPath(corePath));
  if (!rel) return '.';
  return (isAbsolute(rel) ? rel : rel).split(sep).join('/');
}

/** An absolute POSIX path that `resolve` would return unchanged. */
function isNormalAbsolute(p: string): boolean {
  return (
    p.charCodeAt(0) === 47 &&
    (p.length === 1 || p.charCodeAt(p.length - 1) !== 47) &&
    !p.includes('//') &&
    !p.includes('/./') &&
    !p.includes('/../') &&
    !p.endsWith('/.') &&
    !p.endsWith('/..')
  );
}
