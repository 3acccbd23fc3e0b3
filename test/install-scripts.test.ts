/**
 * `npm ci` runs no dependency's install script, and says nothing about them: every package of the lock
 * file that has one is listed in package.json's `allowScripts` (npm 11), each with the decision made
 * when it was reviewed. A new dependency with an install script fails here until someone decides.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './support/cli';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

describe('dependency install scripts', () => {
  it('every package with an install script is reviewed in allowScripts, and none is allowed to run', () => {
    const withScripts = [
      ...new Set(
        Object.entries(lock.packages)
          .filter(([, p]) => p.hasInstallScript)
          .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
      ),
    ].sort();
    assert.ok(withScripts.length > 0, 'the lock file marks install scripts');
    assert.deepEqual(Object.keys(pkg.allowScripts ?? {}).sort(), withScripts);
    assert.deepEqual(
      Object.entries(pkg.allowScripts ?? {}).filter(([, allowed]) => allowed !== false),
      [],
      'the project builds and tests without any of them (see README, Development)',
    );
  });
});
