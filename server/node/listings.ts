/**
 * Folder listings read once per run. Discovery lists every folder it walks; each unit's context (the
 * rest of its Mule app or SFDX project) is then collected from mostly the same folders.
 */
import { readdirSync, type Dirent } from 'node:fs';

export class DirListings {
  private readonly byDir = new Map<string, Dirent[]>();

  /** The entries of `dir`, read on first use; throws as `readdirSync` does (and reads again next time). */
  read(dir: string): Dirent[] {
    let entries = this.byDir.get(dir);
    if (entries === undefined) this.byDir.set(dir, (entries = readdirSync(dir, { withFileTypes: true })));
    return entries;
  }
}
