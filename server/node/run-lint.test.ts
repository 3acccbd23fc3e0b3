import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateWorkspace } from '../../bench/generate';
import { action, flow, legacyNc, registration, scheduledStart } from '../../test/support/sfdx';
import { RULES } from '../core/rules';
import { ConfigResolver } from './config-loader';
import { contextFiles } from './context';
import { discover } from './discovery';
import { DirListings } from './listings';
import { analyse, lintUnits } from './run-lint';
import { groupByUnit } from './units';

const examples = join(__dirname, '..', '..', 'examples');

/** Generated apps and projects, the bundled examples, a lone Mule file, Flows outside any project. */
function mixedWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'sg-units-'));
  generateWorkspace(join(root, 'gen'), { muleFiles: 60, flows: 30, filesPerApp: 20, flowsPerProject: 10, seed: 5 });
  cpSync(examples, join(root, 'examples'), { recursive: true });
  mkdirSync(join(root, 'loose'));
  writeFileSync(
    join(root, 'loose', 'snippet.xml'),
    '<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce">\n  <flow name="f">\n    <salesforce:query config-ref="sf"/>\n  </flow>\n</mule>\n',
  );
  mkdirSync(join(root, 'loose', 'flows'));
  cpSync(join(root, 'examples', 'sfdx-project', 'force-app', 'main', 'default', 'flows'), join(root, 'loose', 'flows'), { recursive: true });
  return root;
}

describe('lintUnits (one unit at a time)', () => {
  const root = mixedWorkspace();
  const ctx = { cwd: root, rules: RULES, configs: new ConfigResolver(RULES) };
  const targets = discover([root], root, ctx.configs).targets;

  it('reports exactly what one analysis of the whole workspace reports', () => {
    const whole = analyse(targets, ctx);
    const streamed = lintUnits(targets, ctx);
    assert.ok(whole.results.filter((r) => r.findings.length > 0).length > 20, 'the workspace has findings in many files');
    assert.deepEqual(streamed.results, whole.results);
    assert.deepEqual(streamed.problems, whole.problems);
  });

  it('reports a control character found in the bytes where the scanner would have found it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-control-'));
    const file = join(dir, 'bad.xml');
    writeFileSync(file, '<mule xmlns="http://www.mulesoft.org/schema/mule/core">\n  <flow name="f\u0007"/>\n</mule>\n');
    const [result] = analyse([file], { cwd: dir, rules: RULES, configs: new ConfigResolver(RULES) }).results;
    const malformed = result.findings.filter((f) => f.ruleId === 'xml/malformed');
    assert.deepEqual(
      malformed.map((f) => [f.message, f.line, f.column]),
      [['Not well-formed XML (Character U+0007 is not allowed in XML): only the readable part of the file was analysed', 2, 16]],
    );
  });

  it('collects the same context from the folders discovery listed as from the disk', () => {
    const found = discover([root], root, ctx.configs);
    const all: string[] = [];
    for (const unit of groupByUnit(found.targets)) {
      const fresh = contextFiles(unit).sort();
      assert.deepEqual(contextFiles(unit, found.listings).sort(), fresh);
      assert.ok(!fresh.some((p) => unit.includes(p)), 'targets are not their own context');
      all.push(...fresh);
    }
    assert.ok(all.some((p) => p.endsWith('sfdx-project.json')) && all.some((p) => p.endsWith('mule-artifact.json')), 'project and app files are context');
    assert.ok(
      all.some((p) => /\.(properties|ya?ml)$/.test(p)),
      'property files are context',
    );
    assert.deepEqual(lintUnits(targets, { ...ctx, listings: found.listings }).results, lintUnits(targets, ctx).results);
  });

  it('keeps each Mule app and SFDX project in one unit', () => {
    const units = groupByUnit(targets);
    const unitOf = (p: string) => units.findIndex((u) => u.includes(p));
    const app = targets.filter((t) => t.includes(join('examples', 'mule-app', 'src', 'main', 'mule')));
    const project = targets.filter((t) => t.includes(join('examples', 'sfdx-project')));
    assert.ok(app.length > 1 && project.length > 1);
    assert.ok(app.every((t) => unitOf(t) === unitOf(app[0])));
    assert.ok(project.every((t) => unitOf(t) === unitOf(project[0])));
    assert.notEqual(unitOf(app[0]), unitOf(project[0]));
    assert.equal(units.flat().length, targets.length);
  });
});

describe('discover (folders no run descends into)', () => {
  it('skips build output and the sources packaged into an exploded deployable, not a folder that only shares a name', () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-default-ignored-'));
    const app = '<mule xmlns="http://www.mulesoft.org/schema/mule/core"><flow name="f"/></mule>\n';
    const files = [
      'app/src/main/mule/main.xml',
      'app/target/classes/main.xml',
      'deployable/main.xml',
      'deployable/META-INF/mule-src/app/src/main/mule/main.xml',
      'other/mule-src/src/main/mule/main.xml',
    ];
    for (const f of files) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), app);
    }
    const configs = new ConfigResolver(RULES);
    const found = discover([root], root, configs).targets.map((p) =>
      p
        .slice(root.length + 1)
        .split('\\')
        .join('/'),
    );
    assert.deepEqual(found.sort(), ['app/src/main/mule/main.xml', 'deployable/main.xml', 'other/mule-src/src/main/mule/main.xml']);
  });
});

describe('Metadata API file names (flows/Nightly.flow, no -meta.xml)', () => {
  const nightly = flow({
    start: scheduledStart('Call_Bank'),
    elements: [action('Call_Bank', 'externalService', 'BankService.addAccount', { fault: 'Call_Bank' })],
  });
  const write = (root: string, files: Record<string, string>) => {
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text);
    }
  };
  const rel = (root: string) => (p: string) =>
    p
      .slice(root.length + 1)
      .split('\\')
      .join('/');
  const ruleIds = (run: ReturnType<typeof lintUnits>) => run.results.flatMap((r) => r.findings.map((f) => f.ruleId));

  it('in a source-format project: the Flow alone is linted with the credential its registration names, read from the folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-mdnames-'));
    write(root, {
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
      'force-app/main/default/flows/Nightly.flow': nightly,
      'force-app/main/default/externalServiceRegistrations/BankService.externalServiceRegistration': registration('Bank'),
      'force-app/main/default/namedCredentials/Bank.namedCredential': legacyNc('PerUser'),
    });
    const configs = new ConfigResolver(RULES);
    const found = discover([join(root, 'force-app/main/default/flows')], root, configs);
    assert.deepEqual(found.targets.map(rel(root)), ['force-app/main/default/flows/Nightly.flow']);
    assert.ok(contextFiles(found.targets, found.listings).map(rel(root)).includes('force-app/main/default/namedCredentials/Bank.namedCredential'));
    const run = lintUnits(found.targets, { cwd: root, rules: RULES, configs, listings: found.listings });
    assert.ok(ruleIds(run).includes('flow/per-user-credential-in-automation'), `findings: ${ruleIds(run).join(', ')}`);
  });

  it('a Flow of a src/ project linted alone: its context is listed around it, never from the working folder down', () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-mdapi-one-'));
    write(root, {
      'src/package.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>60.0</version></Package>\n',
      'src/flows/Nightly.flow': nightly,
      'src/externalServiceRegistrations/BankService.externalServiceRegistration': registration('Bank'),
      'src/namedCredentials/Bank.namedCredential': legacyNc('PerUser'),
    });
    const listed: string[] = [];
    class Recording extends DirListings {
      override read(dir: string) {
        listed.push(dir);
        return super.read(dir);
      }
    }
    const configs = new ConfigResolver(RULES);
    const listings = new Recording();
    const found = discover([join(root, 'src', 'flows', 'Nightly.flow')], root, configs);
    const run = lintUnits(found.targets, { cwd: root, rules: RULES, configs, listings });
    assert.ok(ruleIds(run).includes('flow/per-user-credential-in-automation'), `findings: ${ruleIds(run).join(', ')}`);
    const outside = listed.filter((d) => !d.startsWith(join(root, 'src')));
    assert.deepEqual(outside, [], 'nothing above the Metadata API root is listed (the process runs in the repository)');
  });

  it('in a src/ project retrieved with the Metadata API: discovered and linted, and a suffix outside its folder is not metadata', () => {
    const root = mkdtempSync(join(tmpdir(), 'sg-mdapi-'));
    write(root, {
      'src/package.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>60.0</version></Package>\n',
      'src/flows/Nightly.flow': nightly,
      'src/externalServiceRegistrations/BankService.externalServiceRegistration': registration('Bank'),
      'src/namedCredentials/Bank.namedCredential': legacyNc('PerUser'),
      'web/lib/index.js.flow': '// @flow\nexport {};\n',
    });
    const configs = new ConfigResolver(RULES);
    const found = discover([root], root, configs);
    assert.deepEqual(found.targets.map(rel(root)).sort(), [
      'src/externalServiceRegistrations/BankService.externalServiceRegistration',
      'src/flows/Nightly.flow',
      'src/namedCredentials/Bank.namedCredential',
      'src/package.xml', // an XML file: linted only if its root is <mule>
    ]);
    const run = lintUnits(found.targets, { cwd: root, rules: RULES, configs, listings: found.listings });
    assert.ok(ruleIds(run).includes('flow/per-user-credential-in-automation'), `findings: ${ruleIds(run).join(', ')}`);
  });
});
