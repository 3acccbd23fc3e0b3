import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mule } from '../../../test/support/fixtures';
import { Workspace } from './workspace';

describe('workspace', () => {
  it('groups src/main/mule files into one app per root and keeps other Mule files standalone', () => {
    const ws = new Workspace();
    ws.setFile('/w/a/src/main/mule/x.xml', mule(''));
    ws.setFile('/w/a/src/main/mule/sub/y.xml', mule(''));
    ws.setFile('/w/b/src/main/mule/z.xml', mule(''));
    ws.setFile('/w/a/src/test/munit/t.xml', mule(''));
    ws.setFile('/w/a/src/main/resources/log4j2.xml', '<Configuration/>');
    const groups = [...ws.muleGroups().values()].map((g) => [g.key, g.files.map((f) => f.path)]);
    assert.deepEqual(groups, [
      ['/w/a', ['/w/a/src/main/mule/sub/y.xml', '/w/a/src/main/mule/x.xml']],
      ['/w/a/src/test/munit/t.xml', ['/w/a/src/test/munit/t.xml']],
      ['/w/b', ['/w/b/src/main/mule/z.xml']],
    ]);
    assert.equal(ws.isMuleXml('/w/a/src/main/resources/log4j2.xml'), false);
  });

  it('rebuilds an app model when one of its files or properties changes, and not otherwise', () => {
    const ws = new Workspace();
    ws.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f"/>'));
    ws.setFile('/w/b/src/main/mule/z.xml', mule('<flow name="g"/>'));
    const a1 = ws.muleApp('/w/a');
    const b1 = ws.muleApp('/w/b');
    assert.equal(ws.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f"/>')), false, 'same text is not a change');
    assert.equal(ws.muleApp('/w/a'), a1);
    ws.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f2"/>'));
    assert.notEqual(ws.muleApp('/w/a'), a1);
    assert.ok(ws.muleApp('/w/a')!.flows.has('f2'));
    assert.equal(ws.muleApp('/w/b'), b1);
    ws.setFile('/w/a/src/main/resources/app.properties', 'k=v\n');
    assert.equal(ws.muleApp('/w/a')!.props.single('${k}'), 'v');
    ws.removeFile('/w/a/src/main/mule/x.xml');
    assert.equal(ws.muleApp('/w/a'), undefined);
  });

  it('reads global-property elements as properties', () => {
    const ws = new Workspace();
    ws.setFile('/w/a/src/main/mule/x.xml', mule('<global-property name="env" value="dev"/>'));
    assert.equal(ws.muleApp('/w/a')!.props.single('${env}'), 'dev');
  });
});
