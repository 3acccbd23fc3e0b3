import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mule, sfConfig } from '../../../test/support/fixtures';
import { Program } from '../program/program';
import { firstDefiniteRetry, propagate, retriedOnEveryPath, sessionFailureTypes } from './propagation';
import type { MuleApp } from './app';

const A = '/w/app/src/main/mule/a.xml';

/** Retries at several depths, behind certain and uncertain handlers, scatter-gather and callers. */
const APP = mule(`
  ${sfConfig('sf')}
  <flow name="entry">
    <scheduler><scheduling-strategy><fixed-frequency frequency="1000"/></scheduling-strategy></scheduler>
    <until-successful maxRetries="2"><flow-ref name="work"/></until-successful>
    <flow-ref name="fan"/>
  </flow>
  <flow name="work">
    <try>
      <salesforce:query config-ref="sf"><salesforce:salesforce-query>SELECT Id FROM Account</salesforce:salesforce-query></salesforce:query>
      <error-handler>
        <on-error-propagate type="SALESFORCE:CONNECTIVITY"><logger message="again"/></on-error-propagate>
        <on-error-propagate when="#[true]"><logger message="maybe"/></on-error-propagate>
      </error-handler>
    </try>
    <flow-ref name="helper"/>
  </flow>
  <sub-flow name="helper">
    <until-successful maxRetries="3"><salesforce:create config-ref="sf" type="Account"/></until-successful>
    <salesforce:update config-ref="sf" type="Account"/>
  </sub-flow>
  <flow name="fan">
    <until-successful maxRetries="1">
      <scatter-gather><route><salesforce:upsert config-ref="sf" type="Account"/></route><route><flow-ref name="helper"/></route></scatter-gather>
    </until-successful>
    <error-handler><on-error-propagate type="ANY"><logger message="all"/></on-error-propagate></error-handler>
  </flow>
`);

const TYPES = ['SALESFORCE:INVALID_INPUT', 'SALESFORCE:CONNECTIVITY', 'MULE:RETRY_EXHAUSTED', 'ANY'];
const NAMES = ['entry', 'work', 'helper', 'fan'];

type Edit = (text: string, k: number) => string;

function nth(text: string, re: RegExp, k: number, replace: (m: string) => string): string {
  const all = [...text.matchAll(re)];
  if (!all.length) return text;
  const m = all[k % all.length];
  return text.slice(0, m.index) + replace(m[0]) + text.slice(m.index! + m[0].length);
}

const EDITS: Edit[] = [
  (t, k) => nth(t, /type="[A-Z_:, ]*"/g, k, () => `type="${TYPES[(k >> 2) % TYPES.length]}"`),
  (t, k) => nth(t, /on-error-(continue|propagate)/g, k, (m) => (m.endsWith('continue') ? 'on-error-propagate' : 'on-error-continue')),
  (t, k) => nth(t, /<flow-ref name="[^"]*"\/>/g, k, () => `<flow-ref name="${NAMES[(k >> 2) % NAMES.length]}"/>`),
  (t, k) =>
    nth(t, /<until-successful maxRetries="\d">/g, k, () => '<try>').replace(/<try>((?:(?!<\/?until-successful)[\s\S])*?)<\/until-successful>/, '<try>$1</try>'),
  (t, k) => nth(t, / when="#\[true\]"/g, k, () => ''),
  (t, k) => nth(t, /<on-error-propagate type="[A-Z_:, ]*">/g, k, (m) => m.replace('>', ' when="#[vars.x]">')),
  (t, k) =>
    nth(t, /<scatter-gather>/g, k, () => '<parallel-foreach>')
      .replace('</scatter-gather>', '</parallel-foreach>')
      .replace(/<\/?route>/g, ''),
];

function appOf(text: string): MuleApp {
  const ws = new Program();
  ws.setFile(A, text);
  return ws.muleApp('mule:/w/app')!;
}

/** For every operation and type: the early-stopping walk against the first definite hit of a full walk. */
function assertSameFirstRetry(app: MuleApp): number {
  let hits = 0;
  for (const op of app.operations) {
    for (const type of TYPES) {
      const full = propagate(app, op.el, type);
      const expected = full.truncated ? undefined : full.retries.find((r) => r.definite && r.type === type);
      if (full.truncated) continue;
      const got = firstDefiniteRetry(app, op.el, type);
      assert.equal(got?.scope, expected?.scope, `${op.el.name} ${type}`);
      if (expected) hits++;
    }
  }
  return hits;
}

describe('firstDefiniteRetry', () => {
  it('finds the retry a full walk lists first among its definite hits of the type', () => {
    const app = appOf(APP);
    const create = app.operations.find((o) => o.el.name === 'salesforce:create')!;
    const probe = 'SALESFORCE:INVALID_INPUT';
    const hit = firstDefiniteRetry(app, create.el, probe);
    assert.equal(hit?.scope, create.el.parent, 'the until-successful around it');
    assert.deepEqual({ type: hit?.type, definite: hit?.definite }, { type: probe, definite: true });
    // The query's own try re-throws CONNECTIVITY for sure; anything else meets a `when` first and is uncertain.
    const query = app.operations.find((o) => o.el.name === 'salesforce:query')!;
    assert.equal(firstDefiniteRetry(app, query.el, probe), undefined);
    assert.equal(firstDefiniteRetry(app, query.el, 'SALESFORCE:CONNECTIVITY')?.scope.parent?.attr('name'), 'entry');
    assert.equal(assertSameFirstRetry(app) > 0, true);
  });

  it('agrees with the full walk over random edits of the app', () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ edit: fc.nat(), k: fc.nat() }), { minLength: 1, maxLength: 6 }), (steps) => {
        let text = APP;
        for (const s of steps) text = EDITS[s.edit % EDITS.length](text, s.k);
        hits += assertSameFirstRetry(appOf(text));
      }),
      { numRuns: 150 },
    );
    assert.ok(hits > 100, `the edits keep retries to find (${hits} found)`);
  });
});

describe('what the walk cannot see is unknown', () => {
  const SOURCE = '<scheduler><scheduling-strategy><fixed-frequency frequency="1000"/></scheduling-strategy></scheduler>';
  const walk = (body: string) => {
    const app = appOf(mule(`${sfConfig('sf')}${body}`));
    const op = app.operations[0];
    return { app, op, p: propagate(app, op.el, 'SALESFORCE:CONNECTIVITY') };
  };

  it('an error-handler ref, an on-error ref and a default handler the app does not define end the path, unreported', () => {
    for (const handler of ['<error-handler ref="fromLibrary"/>', '<error-handler><on-error ref="shared"/></error-handler>']) {
      const { p } = walk(`<flow name="f">${SOURCE}<salesforce:query config-ref="sf"/>${handler}</flow>`);
      assert.deepEqual([p.unhandled.length, p.unknown.length], [0, 1], handler);
    }
    const { p } = walk(`<configuration defaultErrorHandler-ref="domainErrors"/><flow name="f">${SOURCE}<salesforce:query config-ref="sf"/></flow>`);
    assert.deepEqual([p.unhandled.length, p.unknown.map((u) => u.el.local)], [0, ['configuration']]);
  });

  it('a flow left with no caller in the app is callerless, with the type it had', () => {
    const { p } = walk('<flow name="lib"><until-successful><salesforce:query config-ref="sf"/></until-successful></flow>');
    assert.deepEqual(
      p.callerless.map((c) => c.type),
      ['MULE:RETRY_EXHAUSTED'],
    );
  });

  it('retriedOnEveryPath: only when no path escapes the until-successful with the original type', () => {
    const covered = walk(`<flow name="f">${SOURCE}<until-successful><salesforce:query config-ref="sf"/></until-successful></flow>`);
    assert.equal(retriedOnEveryPath(covered.app, covered.op.el, 'SALESFORCE:CONNECTIVITY'), true);
    const twoCallers = walk(
      `<sub-flow name="load"><salesforce:query config-ref="sf"/></sub-flow><flow name="a">${SOURCE}<until-successful><flow-ref name="load"/></until-successful></flow><flow name="b">${SOURCE}<flow-ref name="load"/></flow>`,
    );
    assert.equal(retriedOnEveryPath(twoCallers.app, twoCallers.op.el, 'SALESFORCE:CONNECTIVITY'), false, "'b' runs it with no retry");
  });
});

describe('sessionFailureTypes', () => {
  const typesOf = (config: string, op = '<salesforce:query config-ref="sf"/>') => {
    const app = appOf(mule(`${config}<flow name="f">${op}</flow>`));
    return sessionFailureTypes(app.operations[0]);
  };
  it('CONNECTIVITY without reconnection; CONNECTIVITY or RETRY_EXHAUSTED after a bounded one or with an unknown connection; nothing forever', () => {
    assert.deepEqual(typesOf(sfConfig('sf')), ['SALESFORCE:CONNECTIVITY']);
    assert.deepEqual(typesOf(sfConfig('sf', '<reconnection><reconnect count="3"/></reconnection>')), ['SALESFORCE:CONNECTIVITY', 'SALESFORCE:RETRY_EXHAUSTED']);
    assert.deepEqual(typesOf(''), ['SALESFORCE:CONNECTIVITY', 'SALESFORCE:RETRY_EXHAUSTED'], 'a connection from an imported file');
    assert.deepEqual(typesOf(sfConfig('sf', '<reconnection><reconnect-forever/></reconnection>')), []);
  });
});
