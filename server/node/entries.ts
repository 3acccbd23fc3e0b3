/** What a folder entry is, following symbolic links: only regular files are ever read. */
import { statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export type EntryKind = 'dir' | 'file' | 'broken-link' | 'other';

/** `other` is a pipe, socket or device: reading one could block forever. */
export function entryKind(dir: string, ent: Dirent): EntryKind {
  if (!ent.isSymbolicLink()) return ent.isDirectory() ? 'dir' : ent.isFile() ? 'file' : 'other';
  try {
    const st = statSync(join(dir, ent.name));
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'broken-link';
  }
}
