/**
 * Indexing: at start (and when folders are added) every Mule and Salesforce file of the workspace
 * folders is found with the CLI's discovery and made known to the Program by path; files are read when
 * an analysis first needs them, so a 2,700-class org is indexed without reading its classes.
 */
import type { Connection } from 'vscode-languageserver';
import { contextFiles } from '../node/context';
import { discover } from '../node/discovery';
import { toCorePath, toOsPath } from '../node/paths';
import type { ServerState } from './state';

export async function indexFolders(
  roots: readonly string[],
  connection: Connection,
  state: ServerState,
  opts: { progress: boolean; log: (message: string) => void },
): Promise<number> {
  if (!roots.length) return 0;
  const progress = opts.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  let done = 0;
  try {
    progress?.begin('Session Guard: indexing', 0, 'Finding Mule apps and Salesforce projects…', true);
    for (const [i, root] of roots.entries()) {
      if (progress?.token.isCancellationRequested) {
        opts.log(`Indexing cancelled after ${done} files.`);
        break;
      }
      // The workspace's ignore files and globs, as the diagnostics see them (an invalid configuration: only
      // the default folders are ignored, see `ServerState.isIgnored`).
      const ignores = { isIgnored: (p: string): boolean => state.isIgnored(toCorePath(p)) };
      const found = discover([toOsPath(root)], toOsPath(root), ignores);
      for (const p of found.problems) opts.log(`Skipped ${p.path}: ${p.message}`);
      for (const osPath of [...found.targets, ...contextFiles(found.targets, found.listings)]) {
        state.addFromDisk(toCorePath(osPath));
        done++;
      }
      progress?.report(Math.round(((i + 1) / roots.length) * 100), `${done} files`);
      await new Promise((r) => setImmediate(r));
    }
    opts.log(`Indexed ${done} files in ${roots.length} folder(s).`);
  } finally {
    progress?.done();
  }
  return done;
}
