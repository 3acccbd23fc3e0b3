import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toCorePath } from './paths';
import { groupByUnit, projectLocator } from './units';

describe('projectLocator', () => {
  it('decodes sfdx-project.json as the Program does (UTF-16 with a byte order mark included)', () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-units-'));
    const json = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }, { path: 'libs/core' }] });
    writeFileSync(join(root, 'sfdx-project.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]));
    const flow = join(root, 'force-app', 'main', 'default', 'flows', 'A.flow-meta.xml');
    mkdirSync(join(root, 'force-app', 'main', 'default', 'flows'), { recursive: true });
    const d = projectLocator()(toCorePath(flow));
    assert.deepEqual(d?.packageDirs, [toCorePath(join(root, 'force-app')), toCorePath(join(root, 'libs', 'core'))]);
  });

  it('puts the files of one project in one unit and a file outside any project in its own', () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-units-'));
    writeFileSync(join(root, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app"}]}');
    const a = join(root, 'force-app', 'flows', 'A.flow-meta.xml');
    const b = join(root, 'force-app', 'classes', 'B.cls');
    const lone = join(mkdtempSync(join(tmpdir(), 'sg-lone-')), 'C.flow-meta.xml');
    assert.deepEqual(groupByUnit([a, lone, b]), [[a, b], [lone]]);
  });
});
