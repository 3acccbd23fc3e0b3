import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mule, sfConfig } from '../../../test/support/fixtures';
import { resolveConfig } from '../config/config';
import { lint } from '../engine/linter';
import { Program } from '../program/program';
import { RULES } from '../rules';
import { flowChanges } from './app-changes';
import { propagate } from './propagation';
import type { MuleApp } from './app';

const A = '/w/app/src/main/mule/a.xml';
const B = '/w/app/src/main/mule/b.xml';
const CONFIG = resolveConfig(RULES);

const FILE_A = mule(`
  ${sfConfig('sf')}
  <error-handler name="global-handler">
    <on-error-continue type="SALESFORCE:CONNECTIVITY"><logger message="global"/></on-error-continue>
  </error-handler>
  <flow name="entry">
    <scheduler><scheduling-strategy><fixed-frequency frequency="1000"/></scheduling-strategy></scheduler>
    <flow-ref name="work"/>
    <logger message="entry done"/>
  </flow>
  <flow name="work">
    <try>
      <salesforce:query config-ref="sf"><salesforce:salesforce-query>SELECT Id FROM Account</salesforce:salesforce-query></salesforce:query>
      <error-handler><on-error-propagate type="SALESFORCE:CONNECTIVITY"><logger message="again"/></on-error-propagate></error-handler>
    </try>
    <flow-ref name="helper"/>
  </flow>
  <sub-flow name="helper">
    <until-successful maxRetries="3" millisBetweenRetries="1000"><salesforce:create config-ref="sf" type="Account"/></until-successful>
  </sub-flow>
`);

const FILE_B = mule(`
  <flow name="api">
    <http:listener config-ref="http" path="/x"/>
    <salesforce:update config-ref="sf" type="Account"/>
    <flow-ref name="helper"/>
    <error-handler><on-error-continue type="ANY"><set-payload value="x"/></on-error-continue></error-handler>
  </flow>
  <flow name="other">
    <vm:listener config-ref="vm" queueName="q"/>
    <salesforce:delete config-ref="sf"/>
  </flow>
`);

function app(ws: Program): MuleApp {
  return ws.muleApp('mule:/w/app')!;
}

function findings(ws: Program): string {
  return JSON.stringify([...lint(ws, RULES, { targets: [A, B], configFor: () => CONFIG })]);
}

function fresh(texts: Record<string, string>): Program {
  const ws = new Program();
  for (const [p, t] of Object.entries(texts)) ws.setFile(p, t);
  return ws;
}

/** The operation element whose tag starts with `tag` in the app. */
function op(a: MuleApp, tag: string) {
  const found = a.operations.find((o) => o.el.name === tag);
  assert.ok(found, tag);
  return found.el;
}

describe('Mule app changes between builds', () => {
  it('finds the edited flow, and keeps the walks that did not go through it or its callees', () => {
    const ws = fresh({ [A]: FILE_A, [B]: FILE_B });
    const before = app(ws);
    lint(ws, RULES, { targets: [A, B], configFor: () => CONFIG });
    const type = 'SALESFORCE:CONNECTIVITY';
    const inOther = propagate(before, op(before, 'salesforce:delete'), type);
    const inWork = propagate(before, op(before, 'salesforce:query'), type);
    const inHelper = propagate(before, op(before, 'salesforce:create'), type);

    ws.setFile(B, FILE_B.replace('<flow-ref name="helper"/>', '<flow-ref name="helper"/><logger message="typed"/>'));
    const after = app(ws);
    const changes = flowChanges(before, after);
    assert.ok(changes, 'only a flow changed');
    assert.deepEqual(
      [...changes.removed].map((e) => e.attrs[0].value),
      ['api'],
    );
    assert.deepEqual([...changes.names].sort(), ['api', 'helper'], 'the flow and the flows it calls');
    assert.equal(propagate(after, op(after, 'salesforce:delete'), type).handlers, inOther.handlers, "a walk in 'other' is kept");
    assert.equal(propagate(after, op(after, 'salesforce:query'), type).handlers, inWork.handlers, "a walk in 'work' is kept");
    assert.notEqual(propagate(after, op(after, 'salesforce:create'), type).handlers, inHelper.handlers, "'api' calls 'helper': its walk is redone");
    assert.equal(findings(ws), findings(fresh({ [A]: FILE_A, [B]: ws.file(B)!.text })));
  });

  it('keeps nothing when a configuration or global handler changed, or a file was parsed again', () => {
    const ws = fresh({ [A]: FILE_A, [B]: FILE_B });
    const before = app(ws);
    ws.setFile(A, FILE_A.replace('<logger message="global"/>', '<logger message="global handler"/>'));
    assert.equal(flowChanges(before, app(ws)), undefined, 'a global error handler changed');
    const again = app(ws);
    ws.setFile(A, `<?xml version="1.0"?>\n${ws.file(A)!.text}`);
    assert.equal(flowChanges(again, app(ws)), undefined, 'the prolog changed: every element is new');
  });

  it('lints an edited app exactly like a fresh workspace, over random sequences of edits', () => {
    const names = ['entry', 'work', 'helper', 'api', 'other', 'missing'];
    const types = ['SALESFORCE:CONNECTIVITY', 'ANY', 'MULE:RETRY_EXHAUSTED', 'SALESFORCE:INVALID_INPUT', 'SALESFORCE:RETRY_EXHAUSTED', 'HTTP:CONNECTIVITY'];
    type Edit = (text: string, k: number) => string;
    const nth = (text: string, re: RegExp, k: number, replace: (m: string) => string): string => {
      const all = [...text.matchAll(re)];
      if (!all.length) return text;
      const m = all[k % all.length];
      return text.slice(0, m.index) + replace(m[0]) + text.slice(m.index! + m[0].length);
    };
    const edits: Edit[] = [
      (t, k) => nth(t, /<(flow|sub-flow) name="[^"]*"/g, k, (m) => m.replace(/name="[^"]*"/, `name="${names[k % names.length]}"`)),
      (t, k) => nth(t, /<flow-ref name="[^"]*"\/>/g, k, () => `<flow-ref name="${names[(k >> 2) % names.length]}"/>`),
      (t, k) => nth(t, /type="[A-Z_:, ]*"/g, k, () => `type="${types[(k >> 2) % types.length]}"`),
      (t, k) => nth(t, /on-error-(continue|propagate)/g, k, (m) => (m.endsWith('continue') ? 'on-error-propagate' : 'on-error-continue')),
      (t, k) => nth(t, /<logger message="[^"]*"/g, k, (m) => `${m.slice(0, -1)}${'typed'.slice(0, 1 + (k % 5))}"`),
      (t, k) => nth(t, /<\/(flow|sub-flow)>/g, k, (m) => `<flow-ref name="${names[(k >> 2) % names.length]}"/>${m}`),
      (t, k) =>
        nth(t, /<try>/g, k, () => '<try><until-successful maxRetries="2">').replace(
          /(<until-successful maxRetries="2">[\s\S]*?)<error-handler>/,
          '$1</until-successful><error-handler>',
        ),
      (t, k) => nth(t, /\n {2}<(flow|sub-flow)/g, k, (m) => `\n${m}`),
      (t, k) => nth(t, /<\/flow>/g, k, (m) => `${m}\n  <flow name="${names[(k >> 2) % names.length]}"><salesforce:query config-ref="sf"/></flow>`),
      (t, k) => nth(t, /<logger message="[^"]*"\/>/g, k, (m) => `${m}<`),
      (t) => t.replace(/\/><(?=[\s<])/, '/>'),
      (t, k) =>
        nth(t, /<reconnection>|<salesforce:basic-connection username="u" password="p">/g, k, (m) =>
          m === '<reconnection>' ? m : `${m}<reconnection><reconnect count="3"/></reconnection>`,
        ),
    ];
    let carried = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ file: fc.boolean(), edit: fc.nat(), k: fc.nat() }), { minLength: 1, maxLength: 10 }), (steps) => {
        const ws = fresh({ [A]: FILE_A, [B]: FILE_B });
        findings(ws);
        for (const s of steps) {
          const path = s.file ? A : B;
          const before = app(ws);
          ws.setFile(path, edits[s.edit % edits.length](ws.file(path)!.text, s.k));
          const after = app(ws);
          if (after !== before && flowChanges(before, after)) carried++;
          assert.equal(findings(ws), findings(fresh({ [A]: ws.file(A)!.text, [B]: ws.file(B)!.text })));
        }
      }),
      { numRuns: 150, seed: 11 },
    );
    assert.ok(carried > 100, `walks were handed on after ${carried} edits`);
  });
});
