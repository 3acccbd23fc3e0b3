/** A folder holding `session-guard-language-server`, for a PATH as it is after `npm install -g`. */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/cli';

export function languageServerOnPath(): { PATH: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'sg-path-')), 'bin');
  mkdirSync(dir);
  const shim = join(dir, 'session-guard-language-server');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'bin', 'session-guard-language-server.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return { PATH: `${dir}:${process.env.PATH}` };
}
