/**
 * What a Program asks the file system for, in the CLI: each file is read when the analysis first needs
 * it (a Flow's Apex action reads that one class), its size is checked before it is read (a 400 MB
 * generated file costs its `file/too-large` finding and nothing else), and how it was encoded is kept
 * for writing fixes back. A file that cannot be read is recorded as a problem that names it.
 */
import type { HostFile, ProgramHost } from '../core/program/program';
import { decodeText, type Decoded } from './decode';
import type { DiscoveryProblem } from './discovery';
import { readFileBytes, readLimited } from './read-file';
import type { SfdxProjectDescriptor } from '../core/project/sfdx-descriptor';
import { salesforceFilesOf } from './context';
import type { DirListings } from './listings';
import { toCorePath, toOsPath } from './paths';

/** How much of a file above the size limit is read (enough to tell whether its root is `<mule>`). */
const HEAD_BYTES = 65536;

export class FileHost implements ProgramHost {
  readonly problems: DiscoveryProblem[] = [];
  /** Core path → how the file was encoded on disk (for writing fixes back). */
  readonly encodings = new Map<string, Decoded>();

  /**
   * `limitOf`: the size limit of file/too-large for a core path (undefined: no limit). `listings`: the
   * folders this run already listed (discovery), reused when a project's files are asked for.
   */
  constructor(
    private readonly limitOf: (corePath: string) => number | undefined,
    private readonly listings?: DirListings,
  ) {}

  /** A project's Salesforce files, listed when the Program first looks a model up by name. */
  projectFiles(project: SfdxProjectDescriptor): readonly string[] {
    return salesforceFilesOf(project, this.listings).map(toCorePath);
  }

  sizeLimit(path: string): number | undefined {
    return this.limitOf(path);
  }

  readFile(path: string): HostFile | undefined {
    const os = toOsPath(path);
    try {
      const { file, decoded } = readHostFile(os, this.limitOf(path));
      if (decoded) this.encodings.set(path, decoded);
      return file;
    } catch (e) {
      this.problems.push({ path: os, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return undefined;
    }
  }
}

/**
 * A file as a Program takes it, for the CLI and the language server: its size checked before it is read
 * (above `limit`, only its first 64 KB, with its size), decoded as Mule and Salesforce read it. `decoded`
 * (how it was encoded, for writing fixes back) only when it was read whole. Throws what the file system throws.
 */
export function readHostFile(osPath: string, limit: number | undefined): { file: HostFile; decoded?: Decoded; bytesRead: number } {
  const read = limit === undefined ? undefined : readLimited(osPath, limit, HEAD_BYTES);
  if (read?.tooLarge) return { file: { text: decodeText(read.bytes).text, tooLarge: true, size: read.size }, bytesRead: read.bytes.length };
  const bytes = read ? read.bytes : readFileBytes(osPath);
  const decoded = decodeText(bytes);
  return { file: { text: decoded.text, facts: decoded.facts }, decoded, bytesRead: bytes.length };
}
