/** The editor tests' workspace: a new temporary folder holding a copy of the broken-app fixture as `app/`. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BrokenAppWorkspace {
  readonly root: string;
  /** The Mule file with the findings the tests look for. */
  readonly accounts: string;
  readonly globalXml: string;
}

export function brokenAppWorkspace(prefix: string): BrokenAppWorkspace {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(__dirname, '..', 'fixtures', 'cli', 'broken-app'), join(root, 'app'), { recursive: true });
  return { root, accounts: join(root, 'app/src/main/mule/accounts.xml'), globalXml: join(root, 'app/src/main/mule/global.xml') };
}
