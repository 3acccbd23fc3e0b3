import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mule } from '../../../test/support/fixtures';
import { resolveConfig } from '../config/config';
import { lint } from '../engine/linter';
import { RULES } from '../rules';
import { Program, type HostFile } from './program';

/** A host over an in-memory file system that records every file it was asked to read. */
function diskHost(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    readFile(path: string): HostFile | undefined {
      reads.push(path);
      return path in files ? { text: files[path] } : undefined;
    },
  };
}

const P = '/w/p/force-app/main/default';
const FLOW_NS = 'http://soap.sforce.com/2006/04/metadata';
const scheduledFlowCalling = (cls: string) => `<Flow xmlns="${FLOW_NS}">
  <actionCalls>
    <name>Go</name>
    <actionName>${cls}</actionName>
    <actionType>apex</actionType>
  </actionCalls>
  <processType>AutoLaunchedFlow</processType>
  <start>
    <connector><targetReference>Go</targetReference></connector>
    <schedule><frequency>Daily</frequency></schedule>
    <triggerType>Scheduled</triggerType>
  </start>
  <status>Active</status>
</Flow>`;
const calloutClass = (name: string) =>
  `public class ${name} {\n  @InvocableMethod(callout=true)\n  public static void go() { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Erp/x'); new Http().send(r); }\n}\n`;
const plainClass = (name: string) => `public class ${name} {\n  public static Integer twice(Integer n) { return n * 2; }\n}\n`;

/** An org: one Flow calling class C0 and 200 other classes nobody references. */
function org(): Record<string, string> {
  const files: Record<string, string> = {
    '/w/p/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}',
    [`${P}/flows/Nightly.flow-meta.xml`]: scheduledFlowCalling('C0'),
    [`${P}/classes/C0.cls`]: calloutClass('C0'),
    [`${P}/namedCredentials/Erp.namedCredential-meta.xml`]: `<NamedCredential xmlns="${FLOW_NS}"><principalType>PerUser</principalType><protocol>Oauth</protocol></NamedCredential>`,
  };
  for (let i = 1; i <= 200; i++) files[`${P}/classes/C${i}.cls`] = plainClass(`C${i}`);
  return files;
}

describe('Program: units', () => {
  it('groups src/main/mule files into one app per root and keeps other Mule files standalone', () => {
    const program = new Program();
    program.setFile('/w/a/src/main/mule/x.xml', mule(''));
    program.setFile('/w/a/src/main/mule/sub/y.xml', mule(''));
    program.setFile('/w/b/src/main/mule/z.xml', mule(''));
    program.setFile('/w/a/src/test/munit/t.xml', mule(''));
    program.setFile('/w/a/src/main/resources/log4j2.xml', '<Configuration/>');
    assert.deepEqual(
      [...program.groupByUnit(program.paths())].map(([key, paths]) => [key, paths.sort()]),
      [
        ['file:/w/a/src/main/resources/log4j2.xml', ['/w/a/src/main/resources/log4j2.xml']],
        ['file:/w/a/src/test/munit/t.xml', ['/w/a/src/test/munit/t.xml']],
        ['mule:/w/a', ['/w/a/src/main/mule/sub/y.xml', '/w/a/src/main/mule/x.xml']],
        ['mule:/w/b', ['/w/b/src/main/mule/z.xml']],
      ],
    );
    assert.equal(program.isMuleXml('/w/a/src/main/resources/log4j2.xml'), false);
    assert.equal(program.isMuleXml('/w/a/src/test/munit/t.xml'), true);
    assert.deepEqual(
      program.muleApp('mule:/w/a')!.files.map((f) => f.path),
      ['/w/a/src/main/mule/sub/y.xml', '/w/a/src/main/mule/x.xml'],
    );
    assert.equal(program.muleApp('file:/w/a/src/test/munit/t.xml')!.files.length, 1, 'an MUnit suite is an app of its own');
  });

  it('groups metadata by nearest project, keeps files outside package directories alone, and loose files together', () => {
    const program = new Program();
    program.setFile('/w/p/sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }));
    program.setFile('/w/p/force-app/main/default/flows/A.flow-meta.xml', '<Flow/>');
    program.setFile('/w/p/scratch/B.flow-meta.xml', '<Flow/>');
    program.setFile('/w/loose/C.flow-meta.xml', '<Flow/>');
    program.setFile('/w/other/D.namedCredential-meta.xml', '<NamedCredential/>');
    assert.equal(program.unitOf('/w/p/force-app/main/default/flows/A.flow-meta.xml'), 'sfdx:/w/p');
    assert.equal(program.unitOf('/w/p/scratch/B.flow-meta.xml'), 'file:/w/p/scratch/B.flow-meta.xml');
    assert.equal(program.unitOf('/w/loose/C.flow-meta.xml'), 'sfdx:');
    assert.equal(program.unitOf('/w/other/D.namedCredential-meta.xml'), 'sfdx:');
    // A project file added later regroups what it covers.
    program.setFile('/w/loose/sfdx-project.json', '{}');
    assert.equal(program.unitOf('/w/loose/C.flow-meta.xml'), 'sfdx:/w/loose');
    assert.equal(program.unitOf('/w/other/D.namedCredential-meta.xml'), 'sfdx:');
  });
});

describe('Program: on demand', () => {
  it('linting one Flow of a 200-class org reads the Flow, the class its action names and the credential, nothing else', () => {
    const files = org();
    const host = diskHost(files);
    const program = new Program(host);
    for (const p of Object.keys(files)) program.addPath(p);
    const flow = `${P}/flows/Nightly.flow-meta.xml`;
    const config = resolveConfig(RULES);
    const findings = lint(program, RULES, { targets: [flow], configFor: () => config }).get(flow)!;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['flow/callout-without-fault-path', 'flow/per-user-credential-in-automation'],
    );
    assert.deepEqual(host.reads.sort(), [`${P}/classes/C0.cls`, flow, `${P}/namedCredentials/Erp.namedCredential-meta.xml`, '/w/p/sfdx-project.json'].sort());
  });

  it("following an Apex action's calls into other classes reads only the classes on the path", () => {
    const files = org();
    files[`${P}/classes/C0.cls`] =
      'public class C0 {\n  @InvocableMethod\n  public static void go(List<Id> ids) {\n    C7.prepare(ids);\n    Integer n = C1.twice(2);\n  }\n}\n';
    files[`${P}/classes/C7.cls`] =
      'public class C7 {\n  public static void prepare(List<Id> ids) {\n    ErpClient c = new ErpClient();\n    c.send(ids);\n  }\n}\n';
    files[`${P}/classes/ErpClient.cls`] =
      "public class ErpClient {\n  public void send(List<Id> ids) {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Erp/x');\n    new Http().send(r);\n  }\n}\n";
    const host = diskHost(files);
    const program = new Program(host);
    for (const p of Object.keys(files)) program.addPath(p);
    const flow = `${P}/flows/Nightly.flow-meta.xml`;
    const config = resolveConfig(RULES);
    const findings = lint(program, RULES, { targets: [flow], configFor: () => config }).get(flow)!;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['flow/callout-without-fault-path', 'flow/per-user-credential-in-automation'],
      'the callout two classes away is found',
    );
    assert.deepEqual(
      host.reads.sort(),
      [
        `${P}/classes/C0.cls`,
        `${P}/classes/C1.cls`,
        `${P}/classes/C7.cls`,
        `${P}/classes/ErpClient.cls`,
        flow,
        `${P}/namedCredentials/Erp.namedCredential-meta.xml`,
        '/w/p/sfdx-project.json',
      ].sort(),
    );
  });

  it('an unreadable file is as if it did not exist', () => {
    const host = diskHost({});
    const program = new Program(host);
    program.addPath('/w/app/src/main/mule/gone.xml');
    assert.equal(program.has('/w/app/src/main/mule/gone.xml'), true);
    assert.equal(program.file('/w/app/src/main/mule/gone.xml'), undefined);
    assert.equal(program.has('/w/app/src/main/mule/gone.xml'), false);
    assert.equal(program.muleApp('mule:/w/app'), undefined);
  });

  it('a file above the size limit that the host did not read whole is too large, with its real size', () => {
    const program = new Program({ readFile: () => ({ text: '<mule', tooLarge: true, size: 400_000_000 }), sizeLimit: () => 4_000_000 });
    program.addPath('/w/big/generated.xml');
    const f = program.file('/w/big/generated.xml')!;
    assert.equal(f.tooLarge, true);
    assert.equal(f.size, 400_000_000);
  });

  it('a raised size limit reads again a file of which only the beginning was read, once the limit covers its whole size', () => {
    const whole = '<mule xmlns="http://www.mulesoft.org/schema/mule/core"><flow name="f"/></mule>';
    let limit = 10;
    let reads = 0;
    const program = new Program({
      readFile: () => (reads++, whole.length > limit ? { text: whole.slice(0, limit), tooLarge: true, size: whole.length } : { text: whole }),
      sizeLimit: () => limit,
    });
    program.addPath('/w/app/src/main/mule/a.xml');
    assert.equal(program.file('/w/app/src/main/mule/a.xml')!.tooLarge, true);
    limit = 20; // still below the whole file: the beginning stays too large, judged by the file's size
    program.refreshSizeLimits();
    assert.equal(program.file('/w/app/src/main/mule/a.xml')!.tooLarge, true);
    assert.equal(reads, 1);
    limit = 1000;
    program.refreshSizeLimits();
    const f = program.file('/w/app/src/main/mule/a.xml')!;
    assert.equal(reads, 2, 'read again, whole');
    assert.deepEqual([f.tooLarge, f.text], [false, whole]);
  });
});

describe('Program: incremental', () => {
  it('an Apex edit rebuilds that class only; a Flow edit keeps every class model', () => {
    const files = org();
    const program = new Program(diskHost(files));
    for (const p of Object.keys(files)) program.addPath(p);
    const project = program.sfdxProject('sfdx:/w/p')!;
    const c0 = project.apexClass('C0')!;
    const c1 = project.apexClass('C1')!;
    program.setFile(`${P}/classes/C1.cls`, plainClass('C1') + '// edited\n');
    const after = program.sfdxProject('sfdx:/w/p')!;
    assert.notEqual(after, project, 'the project is built again: answers combining files may change');
    assert.equal(after.index, project.index, 'no file was added or removed: the name index stays');
    assert.equal(after.apexClass('C0'), c0, 'the other class is not lexed again');
    assert.notEqual(after.apexClass('C1'), c1, 'the edited class is');
    program.setFile(`${P}/flows/Nightly.flow-meta.xml`, scheduledFlowCalling('C0').replace('Active', 'Draft'));
    assert.equal(program.sfdxProject('sfdx:/w/p')!.apexClass('C0'), c0);
    assert.equal(program.sfdxProject('sfdx:/w/p')!.apexClass('C1'), after.apexClass('C1'));
  });

  it('a new class file is found by name once added', () => {
    const files = org();
    const program = new Program(diskHost(files));
    for (const p of Object.keys(files)) program.addPath(p);
    assert.equal(program.sfdxProject('sfdx:/w/p')!.apexClass('Fresh'), undefined);
    program.setFile(`${P}/classes/Fresh.cls`, plainClass('Fresh'));
    assert.equal(program.sfdxProject('sfdx:/w/p')!.apexClass('Fresh')!.name, 'Fresh');
  });

  it('rebuilds an app model when one of its files or properties changes, and not otherwise', () => {
    const program = new Program();
    program.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f"/>'));
    program.setFile('/w/b/src/main/mule/z.xml', mule('<flow name="g"/>'));
    const a1 = program.muleApp('mule:/w/a');
    const b1 = program.muleApp('mule:/w/b');
    assert.equal(program.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f"/>')), false, 'same text is not a change');
    assert.equal(program.muleApp('mule:/w/a'), a1);
    program.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f2"/>'));
    assert.notEqual(program.muleApp('mule:/w/a'), a1);
    assert.ok(program.muleApp('mule:/w/a')!.flows.has('f2'));
    assert.equal(program.muleApp('mule:/w/b'), b1);
    program.setFile('/w/a/src/main/resources/app.properties', 'k=v\n');
    assert.equal(program.muleApp('mule:/w/a')!.props.single('${k}'), 'v');
    program.removeFile('/w/a/src/main/mule/x.xml');
    assert.equal(program.muleApp('mule:/w/a'), undefined);
  });

  it('a project holds the edited version of a Flow, whose tree is re-parsed in place', () => {
    const program = new Program();
    program.setFile('/w/p/sfdx-project.json', '{"packageDirectories":[{"path":"force-app"}]}');
    const flow = '/w/p/force-app/main/default/flows/F.flow-meta.xml';
    const v1 = '<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n  <label>one</label>\n  <status>Active</status>\n</Flow>';
    program.setFile(flow, v1);
    const before = program.sfdxProject('sfdx:/w/p')!.flow('F')!;
    const status = before.file.xml.root!.children[1];
    program.setFile(flow, v1.replace('one', 'two'));
    const after = program.sfdxProject('sfdx:/w/p')!.flow('F')!;
    assert.equal(after.file, program.file(flow), 'the project holds the current version');
    assert.equal(after.file.xml.root!.children[0].end, v1.indexOf('</label>') + '</label>'.length);
    assert.equal(after.file.xml.root!.children[1], status, 'the element after the edit was kept');
  });

  it('reads global-property elements as properties', () => {
    const program = new Program();
    program.setFile('/w/a/src/main/mule/x.xml', mule('<global-property name="env" value="dev"/>'));
    assert.equal(program.muleApp('mule:/w/a')!.props.single('${env}'), 'dev');
  });

  it("release frees the trees and models of the given files' units only, and they rebuild on use", () => {
    const program = new Program();
    program.setFile('/w/a/src/main/mule/x.xml', mule('<flow name="f"/>'));
    program.setFile('/w/a/src/main/mule/y.xml', mule('<flow name="g"/>'));
    program.setFile('/w/b/src/main/mule/z.xml', mule('<flow name="h"/>'));
    program.setFile('/w/p/sfdx-project.json', '{"packageDirectories":[{"path":"force-app"}]}');
    program.setFile('/w/p/force-app/main/default/flows/F.flow-meta.xml', '<Flow xmlns="http://soap.sforce.com/2006/04/metadata"/>');
    const a = program.muleApp('mule:/w/a')!;
    const b = program.muleApp('mule:/w/b')!;
    const project = program.sfdxProject('sfdx:/w/p')!;
    const yTree = program.file('/w/a/src/main/mule/y.xml')!.xml;
    const zTree = program.file('/w/b/src/main/mule/z.xml')!.xml;
    program.release(['/w/a/src/main/mule/x.xml', '/w/a/src/main/mule/x.xml', '/w/p/force-app/main/default/flows/F.flow-meta.xml']);
    assert.notEqual(program.muleApp('mule:/w/a'), a, 'app a rebuilt');
    assert.ok(program.muleApp('mule:/w/a')!.flows.has('g'));
    assert.notEqual(program.file('/w/a/src/main/mule/y.xml')!.xml, yTree, 'every file of the unit is released, not only the one given');
    assert.notEqual(program.sfdxProject('sfdx:/w/p'), project);
    assert.equal(program.muleApp('mule:/w/b'), b, 'other units untouched');
    assert.equal(program.file('/w/b/src/main/mule/z.xml')!.xml, zTree);
  });
});

describe('Program: a project listed when first needed', () => {
  const noActions = `<Flow xmlns="${FLOW_NS}">
  <assignments><name>Set</name></assignments>
  <processType>AutoLaunchedFlow</processType>
  <start><connector><targetReference>Set</targetReference></connector><schedule><frequency>Daily</frequency></schedule><triggerType>Scheduled</triggerType></start>
  <status>Active</status>
</Flow>`;

  /** A host that knows only the flow and the project file up front, and lists the rest when asked. */
  function lazyHost(files: Record<string, string>) {
    const host = { ...diskHost(files), listed: 0, projectFiles: () => (host.listed++, Object.keys(files).filter((p) => p.includes('/force-app/'))) };
    return host;
  }

  it('a Flow that names nothing never lists its org; one that names a class lists it once', () => {
    const files = { ...org(), [`${P}/flows/Quiet.flow-meta.xml`]: noActions };
    const host = lazyHost(files);
    const program = new Program(host);
    const quiet = `${P}/flows/Quiet.flow-meta.xml`;
    const nightly = `${P}/flows/Nightly.flow-meta.xml`;
    for (const p of ['/w/p/sfdx-project.json', quiet, nightly]) program.addPath(p);
    const config = resolveConfig(RULES);
    assert.deepEqual(lint(program, RULES, { targets: [quiet], configFor: () => config }).get(quiet), []);
    assert.equal(host.listed, 0, 'no lookup by name, no listing');
    const findings = lint(program, RULES, { targets: [nightly], configFor: () => config }).get(nightly)!;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['flow/callout-without-fault-path', 'flow/per-user-credential-in-automation'],
      'the class and its credential were found through the listing',
    );
    assert.equal(host.listed, 1);
    assert.ok(!host.reads.some((r) => /C1\d*\.cls$/.test(r)), 'listed, not read');
  });
});
