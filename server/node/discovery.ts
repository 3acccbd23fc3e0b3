/**
 * Finds the files to lint under the given paths — files, folders, or globs quoted so that the shell
 * leaves them to us (`'src/**'`) — and the extra files the analysis needs for context (the rest
 * of a Mule app, its property files). Never throws for a bad file: unreadable entries and symlink loops
 * are reported as problems and skipped. An invalid configuration is thrown (`ConfigLoadError`), once.
 */
import { realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isLintableRole, roleOf } from '../core/project/layout';
import { entryKind } from './entries';
import { ConfigLoadError, type ConfigResolver } from './config-loader';
import { globOrUnder } from './globs';
import { isDefaultIgnoredDir } from './ignore';
import { DirListings } from './listings';
import { toCorePath } from './paths';

export interface DiscoveryProblem {
  readonly path: string;
  readonly message: string;
}

export interface Discovery {
  /** OS paths to report on. */
  readonly targets: string[];
  /** Directories that hold Mule apps or SFDX projects found while walking (for context loading). */
  readonly problems: DiscoveryProblem[];
  /** Input paths that matched no lintable file. */
  readonly unmatched: string[];
  /** The folders walked, for collecting context from them without listing them again. */
  readonly listings: DirListings;
}

function isLintableName(path: string): boolean {
  return isLintableRole(roleOf(toCorePath(path)));
}

export function discover(inputs: readonly string[], cwd: string, configs: Pick<ConfigResolver, 'isIgnored'>): Discovery {
  const targets = new Set<string>();
  const problems: DiscoveryProblem[] = [];
  const unmatched: string[] = [];
  const visitedDirs = new Set<string>();
  const listings = new DirListings();

  /**
   * `knownReal`: the folder's real path when it is known without asking (a plain folder in a folder whose
   * real path is known). `accept`: which files to take (a glob's), by OS path.
   */
  const walk = (dir: string, knownReal?: string, accept?: (path: string) => boolean): void => {
    let real: string;
    try {
      real = knownReal ?? realpathSync(dir);
    } catch (e) {
      problems.push({ path: dir, message: `cannot be resolved: ${(e as Error).message}` });
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loop or a folder reached twice
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = listings.read(dir);
    } catch (e) {
      problems.push({ path: dir, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const p = join(dir, ent.name);
      const kind = entryKind(dir, ent);
      if (kind === 'broken-link') {
        problems.push({ path: p, message: 'is a broken symbolic link' });
        continue;
      }
      const isDir = kind === 'dir';
      const isFile = kind === 'file';
      if (isDir) {
        if (isDefaultIgnoredDir(dir, ent.name) || safeIgnored(configs, p, problems, true)) continue;
        walk(p, ent.isSymbolicLink() ? undefined : join(real, ent.name), accept);
      } else if (isFile && isLintableName(p) && (!accept || accept(p)) && !safeIgnored(configs, p, problems)) {
        targets.add(p);
      }
    }
  };

  for (const input of inputs.length ? inputs : ['.']) {
    const abs = resolve(cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const glob = code === 'ENOENT' ? globOf(input, cwd) : undefined;
      if (glob) {
        const before = targets.size;
        if (statSync(glob.base, { throwIfNoEntry: false })?.isDirectory()) walk(glob.base, undefined, glob.accept);
        if (targets.size === before) unmatched.push(input);
        continue;
      }
      problems.push({ path: abs, message: code === 'ENOENT' ? 'does not exist' : `cannot be read: ${code ?? (e as Error).message}` });
      unmatched.push(input);
      continue;
    }
    const before = targets.size;
    if (st.isDirectory()) walk(abs);
    else if (st.isFile())
      targets.add(abs); // named explicitly: lint it even if ignored by name
    else problems.push({ path: abs, message: 'is not a regular file (a device, socket or pipe)' });
    if (targets.size === before) unmatched.push(input);
  }
  return { targets: [...targets], problems, unmatched, listings };
}

function safeIgnored(configs: Pick<ConfigResolver, 'isIgnored'>, p: string, problems: DiscoveryProblem[], isDir = false): boolean {
  try {
    return configs.isIgnored(p, isDir);
  } catch (e) {
    // An invalid configuration stops the run, reported once (not once per file it applies to).
    if (e instanceof ConfigLoadError) throw e;
    problems.push({ path: p, message: (e as Error).message });
    return true;
  }
}

/**
 * A path argument that names nothing but is a glob (the shell left it alone, being quoted): the folder to
 * walk and which files under it match. Relative globs match paths relative to `cwd`; a glob that
 * matches a folder takes everything under it.
 */
function globOf(input: string, cwd: string): { base: string; accept: (path: string) => boolean } | undefined {
  const pattern = input.split(sep).join('/');
  const scan = picomatch.scan(pattern);
  if (!scan.isGlob) return undefined;
  const base = resolve(cwd, scan.base || '.');
  const absolute = isAbsolute(input);
  const matches = globOrUnder(pattern, { dot: false });
  return {
    base,
    accept: (p) => matches(absolute ? p.split(sep).join('/') : relative(cwd, p).split(sep).join('/')),
  };
}
