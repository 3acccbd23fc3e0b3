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

  it('rebuilds a Salesforce project from the edited version of its file, and the edited tree is re-parsed in place', () => {
    const ws = new Workspace();
    ws.setFile('/w/p/sfdx-project.json', '{"packageDirectories":[{"path":"force-app"}]}');
    const flow = '/w/p/force-app/main/default/flows/F.flow-meta.xml';
    const v1 = '<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n  <label>one</label>\n  <status>Active</status>\n</Flow>';
    ws.setFile(flow, v1);
    const before = ws.sfdxProject('/w/p')!.flowFiles[0];
    const status = before.xml.root!.children[1];
    ws.setFile(flow, v1.replace('one', 'two'));
    const after = ws.sfdxProject('/w/p')!.flowFiles[0];
    assert.equal(after, ws.get(flow), 'the project holds the current version');
    assert.equal(after.xml.root!.children[0].end, v1.indexOf('</label>') + '</label>'.length);
    assert.equal(after.xml.root!.children[1], status, 'the element after the edit was kept');
  });

  it('reads global-property elements as properties', () => {
    const ws = new Workspace();
    ws.setFile('/w/a/src/main/mule/x.xml', mule('<global-property name="env" value="dev"/>'));
    assert.equal(ws.muleApp('/w/a')!.props.single('${env}'), 'dev');
  });

  it("releaseAnalysis frees the trees and models of the given files' units only, and they rebuild on use", () => {
    const ws = new Workspace();
    ws.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f"/>'));
    ws.setFile('/w/a/src/main/mule/y.xml', mule('<flow name="g"/>'));
    ws.setFile('/w/b/src/main/mule/z.xml', mule('<flow name="h"/>'));
    ws.setFile('/w/p/sfdx-project.json', '{"packageDirectories":[{"path":"force-app"}]}');
    ws.setFile('/w/p/force-app/main/default/flows/F.flow-meta.xml', '<Flow xmlns="http://soap.sforce.com/2006/04/metadata"/>');
    const a = ws.muleApp('/w/a')!;
    const b = ws.muleApp('/w/b')!;
    const project = ws.sfdxProject('/w/p')!;
    const yTree = ws.get('/w/a/src/main/mule/y.xml')!.xml;
    const zTree = ws.get('/w/b/src/main/mule/z.xml')!.xml;
    ws.releaseAnalysis(['/w/a/src/main/mule/x.xml', '/w/a/src/main/mule/x.xml', '/w/p/force-app/main/default/flows/F.flow-meta.xml']);
    assert.notEqual(ws.muleApp('/w/a'), a, 'app a rebuilt');
    assert.ok(ws.muleApp('/w/a')!.flows.has('g'));
    assert.notEqual(ws.get('/w/a/src/main/mule/y.xml')!.xml, yTree, 'every file of the unit is released, not only the one given');
    assert.notEqual(ws.sfdxProject('/w/p'), project);
    assert.equal(ws.muleApp('/w/b'), b, 'other units untouched');
    assert.equal(ws.get('/w/b/src/main/mule/z.xml')!.xml, zTree);
  });
});
