import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlobs } from './globs';

describe('override globs', () => {
  it('a glob without "/" matches the file name or a folder name above it; a trailing "/" takes a folder of the configuration folder', () => {
    const m = compileGlobs(['*.flow-meta.xml', 'legacy']);
    assert.equal(m('force-app/main/default/flows/A.flow-meta.xml'), true);
    assert.equal(m('force-app/legacy/classes/A.cls'), true);
    assert.equal(m('force-app/main/default/classes/A.cls'), false);
    const dir = compileGlobs(['legacy/']);
    assert.equal(dir('legacy/classes/A.cls'), true);
    assert.equal(dir('force-app/legacy/classes/A.cls'), false);
  });

  it('a glob with "/" is relative to the configuration; a leading "/" anchors', () => {
    const m = compileGlobs(['/apps/warn/**']);
    assert.equal(m('apps/warn/src/main/mule/app.xml'), true);
    assert.equal(m('x/apps/warn/src/main/mule/app.xml'), false);
  });

  it('a negative extglob without "/" is about the file name only', () => {
    const m = compileGlobs(['!(Legacy*)']);
    assert.equal(m('force-app/main/default/flows/LegacyX.flow-meta.xml'), false);
    assert.equal(m('force-app/main/default/flows/New.flow-meta.xml'), true);
    const cls = compileGlobs(['!(*.cls)']);
    assert.equal(cls('classes/A.cls'), false);
    assert.equal(cls('flows/A.flow-meta.xml'), true);
  });
});
