import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../test/support/rule-tester';
import { action, clsPath, element, flow, flowPath, legacyNc, ncPath, scheduledStart } from '../../../test/support/sfdx';
import { RULES } from '../rules';
import { readSfdxProject } from './project';

describe('SFDX projects', () => {
  it('reads package directories and the namespace; a broken file still makes a project', () => {
    const d = readSfdxProject(
      '/w/p/sfdx-project.json',
      JSON.stringify({ namespace: 'acme', packageDirectories: [{ path: 'force-app' }, { path: './libs/../shared' }] }),
    );
    assert.deepEqual(d, { root: '/w/p', namespace: 'acme', packageDirs: ['/w/p/force-app', '/w/p/shared'] });
    assert.deepEqual(readSfdxProject('/w/q/sfdx-project.json', '{ not json'), { root: '/w/q', namespace: undefined, packageDirs: [] });
  });

  const callsOut = (endpoint: string) =>
    `public class Svc {\n  @InvocableMethod(callout=true)\n  public static void go() {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('${endpoint}');\n  }\n}\n`;
  const nightly = flow({ start: scheduledStart('Go'), elements: [action('Go', 'apex', 'Svc', { fault: 'Log' }), element('assignments', 'Log')] });
  const perUser = RULES.find((r) => r.meta.id === 'flow/per-user-credential-in-automation')!;

  it("resolves callout:ns__Name in the project's own namespace, and stays silent for another namespace", () => {
    const files = (endpoint: string) => ({
      'sf/sfdx-project.json': JSON.stringify({ namespace: 'acme', packageDirectories: [{ path: 'force-app' }] }),
      [flowPath('Nightly')]: nightly,
      [clsPath('Svc')]: callsOut(endpoint),
      [ncPath('Erp')]: legacyNc('PerUser'),
    });
    assert.equal(lintFiles(files('callout:acme__Erp/x'), perUser).findings.length, 1);
    assert.equal(lintFiles(files('callout:other__Erp/x'), perUser).findings.length, 0);
  });

  it('works without sfdx-project.json (loose metadata is one project)', () => {
    const { findings } = lintFiles(
      {
        'loose/flows/Nightly.flow-meta.xml': nightly,
        'loose/classes/Svc.cls': callsOut('callout:Erp'),
        'loose/nc/Erp.namedCredential-meta.xml': legacyNc('PerUser'),
      },
      perUser,
    );
    assert.equal(findings.length, 1);
  });

  it('honours suppression comments in flow metadata', () => {
    const files = (f: string) => ({
      'loose/flows/Nightly.flow-meta.xml': f,
      'loose/classes/Svc.cls': callsOut('callout:Erp'),
      'loose/nc/Erp.namedCredential-meta.xml': legacyNc('PerUser'),
    });
    assert.equal(lintFiles(files(nightly), perUser).findings.length, 1);
    const quiet = nightly.replace(
      '        <name>Go</name>',
      '        <!-- session-guard-disable-next-line flow/per-user-credential-in-automation -- moving to a named principal -->\n        <name>Go</name>',
    );
    assert.deepEqual(lintFiles(files(quiet), perUser).findings, []);
  });

  it('honours suppression comments in Apex', () => {
    const soap = RULES.find((r) => r.meta.id === 'credential/soap-session-not-refreshed')!;
    const cls = callsOut('callout:Sf/services/Soap/u/60.0');
    const files = (c: string) => ({ 'loose/classes/Svc.cls': c, 'loose/nc/Sf.namedCredential-meta.xml': legacyNc('NamedUser', 'Oauth') });
    assert.equal(lintFiles(files(cls), soap).findings.length, 1);
    const quiet = cls.replace(
      '    r.setEndpoint',
      '    // session-guard-disable-next-line credential/soap-session-not-refreshed -- legacy partner API\n    r.setEndpoint',
    );
    assert.equal(lintFiles(files(quiet), soap).findings.length, 0);
  });
});
