import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, mule, sfConfig } from '../../../test/support/fixtures';
import { resolveConfig } from '../config/config';
import { Program } from '../program/program';
import { RULES } from '../rules';
import { muleRule, type Rule } from '../rules/rule';
import { INTERNAL_ERROR, lint } from './linter';
import { retainedMb } from '../../../test/support/heap';

const PATH = '/ws/app/src/main/mule/main.xml';
const src = (extra = '') => mule(`${extra}\n${sfConfig()}\n<flow name="f"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>`);

function run(text: string, rules: readonly Rule[] = RULES, overrides: Record<string, unknown> = {}) {
  const ws = new Program();
  ws.setFile(PATH, text);
  const config = resolveConfig(rules, { rules: overrides as never });
  return lint(ws, rules, { targets: [PATH], configFor: () => config }).get(PATH)!;
}

describe('linter', () => {
  it('never reports on a permission set or profile, even one named as a target (they are context, not lint targets)', () => {
    const ws = new Program();
    ws.setFile('/ws/p/sfdx-project.json', '{ "packageDirectories": [{ "path": "force-app" }] }');
    const flow = '/ws/p/force-app/main/default/flows/F.flow-meta.xml';
    const perms = '/ws/p/force-app/main/default/permissionsets/P.permissionset-meta.xml';
    ws.setFile(flow, '<Flow xmlns="http://soap.sforce.com/2006/04/metadata"><label>F</label'); // malformed: reported
    ws.setFile(perms, '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>P</label');
    const config = resolveConfig(RULES);
    const out = lint(ws, RULES, { targets: [flow, perms], configFor: () => config });
    assert.deepEqual(
      out.get(flow)!.map((f) => f.ruleId),
      ['xml/malformed'],
    );
    assert.deepEqual(out.get(perms), []);
  });

  it('reports with rule id, severity, exact range and related locations', () => {
    const text = src();
    const f = run(text).find((x) => x.ruleId === 'mule/missing-reconnection')!;
    const pos = at(text, '<salesforce:basic-connection');
    assert.equal(f.severity, 'warning');
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [pos.line, pos.column, pos.endLine, pos.endColumn]);
    assert.equal(text.slice(f.start, f.end), '<salesforce:basic-connection');
    assert.equal(f.related.length, 1);
  });

  it('applies configured severities and turns rules off', () => {
    const findings = run(src(), RULES, {
      'mule/missing-reconnection': { severity: 'error', options: {} },
      'mule/unhandled-session-error': { severity: 'off', options: {} },
    });
    assert.equal(findings.find((f) => f.ruleId === 'mule/missing-reconnection')!.severity, 'error');
    assert.ok(!findings.some((f) => f.ruleId === 'mule/unhandled-session-error'));
  });

  it('honours disable-next-line for listed rules only', () => {
    const text = mule(
      `${sfConfig().replace('<salesforce:basic-connection', '\n<!-- session-guard-disable-next-line mule/missing-reconnection -- tested elsewhere -->\n<salesforce:basic-connection')}\n<flow name="f"><http:listener config-ref="l" path="/"/>\n<!-- session-guard-disable-next-line mule/other-rule -->\n<salesforce:query config-ref="sf"/></flow>`,
    );
    const ids = run(text).map((f) => f.ruleId);
    assert.ok(!ids.includes('mule/missing-reconnection'));
    assert.ok(ids.includes('mule/unhandled-session-error'));
  });

  it('honours a file-wide disable, and a bare directive disables every rule', () => {
    assert.ok(!run(src('<!-- session-guard-disable mule/unhandled-session-error -->')).some((f) => f.ruleId === 'mule/unhandled-session-error'));
    assert.deepEqual(run(src('<!-- session-guard-disable -->')), []);
  });

  it('turns a crashing rule into an internal-error finding and keeps the others', () => {
    const boom = muleRule({ id: 'mule/boom', scope: 'mule-app', type: 'problem', defaultSeverity: 'error', description: 'x' }, () => {
      throw new Error('kaput');
    });
    const findings = run(src(), [...RULES, boom]);
    const internal = findings.find((f) => f.ruleId === INTERNAL_ERROR)!;
    assert.match(internal.message, /Rule mule\/boom failed on this file and was skipped \(other rules still ran\): kaput/);
    assert.ok(findings.some((f) => f.ruleId === 'mule/missing-reconnection'));
  });

  it('builds suggestions given as a function only for a report that shows them', () => {
    let built = 0;
    const offering = muleRule(
      { id: 'mule/offering', scope: 'mule-app', type: 'suggestion', defaultSeverity: 'warning', description: 'x', hasSuggestions: true },
      (app, ctx) => {
        const fix = { title: 'do it', edits: [{ path: app.files[0].path, start: 0, end: 0, newText: 'x' }] };
        ctx.report({ path: app.files[0].path, start: 0, end: 1, message: 'lazy', suggestions: () => (built++, [fix]) });
        ctx.report({ path: app.files[0].path, start: 1, end: 2, message: 'eager', suggestions: [fix] });
      },
    );
    const lintWith = (suggestions?: boolean) => {
      const ws = new Program();
      ws.setFile(PATH, src());
      const config = resolveConfig([offering]);
      return lint(ws, [offering], { targets: [PATH], configFor: () => config, ...(suggestions === undefined ? {} : { suggestions }) }).get(PATH)!;
    };
    assert.deepEqual(
      lintWith().map((f) => f.suggestions.map((s) => s.title)),
      [['do it'], ['do it']],
    );
    assert.equal(built, 1);
    assert.deepEqual(
      lintWith(false).map((f) => f.suggestions.length),
      [0, 0],
    );
    assert.equal(built, 1, 'not built when not shown');
  });

  it('refuses suggestions, even a function of them, from a rule that does not declare hasSuggestions', () => {
    const sneaky = muleRule({ id: 'mule/sneaky', scope: 'mule-app', type: 'problem', defaultSeverity: 'error', description: 'x' }, (app, ctx) => {
      ctx.report({ path: app.files[0].path, start: 0, end: 1, message: 'm', suggestions: () => [] });
    });
    const findings = run(src(), [sneaky]);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      [INTERNAL_ERROR],
    );
    assert.match(findings[0].message, /does not declare meta.hasSuggestions/);
  });

  it('refuses a fix from a rule that does not declare fixable', () => {
    const sneaky = muleRule({ id: 'mule/sneaky', scope: 'mule-app', type: 'problem', defaultSeverity: 'error', description: 'x' }, (app, ctx) => {
      ctx.report({ path: app.files[0].path, start: 0, end: 1, message: 'm', fix: { title: 't', edits: [] } });
    });
    const findings = run(src(), [sneaky]);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, INTERNAL_ERROR);
    assert.match(findings[0].message, /does not declare meta.fixable/);
  });

  it('reports only on targets but analyses the whole app', () => {
    const ws = new Program();
    ws.setFile('/ws/app/src/main/mule/global.xml', mule(sfConfig()));
    ws.setFile(PATH, mule('<flow name="f"><http:listener config-ref="l" path="/"/><salesforce:query config-ref="sf"/></flow>'));
    const config = resolveConfig(RULES);
    const out = lint(ws, RULES, { targets: [PATH], configFor: () => config });
    assert.deepEqual([...out.keys()], [PATH]);
    assert.ok(out.get(PATH)!.some((f) => f.ruleId === 'mule/unhandled-session-error'));
    assert.ok(!out.get(PATH)!.some((f) => f.ruleId === 'mule/missing-reconnection'), 'the config lives in a file that is not a target');
  });
});

describe('linter memory', () => {
  it('does not keep linted texts alive through the messages it caches across runs', () => {
    // Messages quote the documents (flow names, types); the process-wide cache of masked messages must
    // hold copies, or every version of a large document an editor linted would stay in memory.
    const padding = `<flow name="padding">${'<logger message="padding padding padding"/>'.repeat(50_000)}</flow>`;
    const mb = retainedMb(() => {
      for (let i = 0; i < 20; i++) {
        const name = `a-flow-with-a-rather-long-name-${i}`;
        const findings = run(src().replace('<flow name="f">', `${padding}<flow name="${name}">`));
        assert.ok(
          findings.some((f) => f.message.includes(name)),
          'a message quotes the flow name',
        );
      }
    });
    assert.ok(mb < 20, `heap grew by ${mb.toFixed(0)} MB after linting 20 texts of 2 MB (40 MB if each were kept)`);
  });
});
