/**
 * Hostile input, generated with fast-check (seeded: SG_FUZZ_SEED; SG_FUZZ_RUNS scales the run count):
 * truncations, byte flips, junk insertions, removed end tags and duplicated fragments of real-shaped
 * Mule files, Flows, credentials and Apex classes, every rule's trigger next to a malformed neighbour,
 * and fixed monsters (100,000-deep nesting, entity bombs, external entities, a 20 MB file, a 1 MB
 * attribute, NUL bytes, invalid UTF-8, BOMs, CRLF). Every input must produce a result: no exception,
 * no rule crash (internal-error), findings inside the file, and within a second.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { flowFile, metadataFiles, muleFlowsFile, muleGlobalFile } from '../../bench/generate';
import { resolveConfig } from '../../server/core/config/config';
import { INTERNAL_ERROR, lint } from '../../server/core/engine/linter';
import type { Finding } from '../../server/core/findings';
import { Program } from '../../server/core/program/program';
import { RULES } from '../../server/core/rules';
import { sizeLimit } from '../../server/core/config/config';
import { decode } from '../../server/node/decode';
import { REPO } from '../support/cli';
import { example } from '../support/rule-docs';

const SEED = Number(process.env.SG_FUZZ_SEED ?? 20261122);
const SCALE = Number(process.env.SG_FUZZ_RUNS ?? 10_000) / 10_000;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const CONFIG = resolveConfig(RULES);
const SECOND = 1000;

let inputs = 0;
let slowest = 0;
let peakRss = 0;

/** Lints a small workspace and checks the result; returns the findings. */
function check(files: Record<string, string>): Finding[] {
  const ws = new Program({ sizeLimit: () => sizeLimit(CONFIG) });
  for (const [p, text] of Object.entries(files)) ws.setFile(`/fz/${p}`, text);
  const targets = [...ws.paths()].filter((p) => ws.isLintable(p));
  const t = performance.now();
  const out = lint(ws, RULES, { targets, configFor: () => CONFIG });
  const ms = performance.now() - t;
  inputs++;
  slowest = Math.max(slowest, ms);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const all = [...out.values()].flat();
  for (const f of all) {
    assert.notEqual(f.ruleId, INTERNAL_ERROR, `a rule crashed: ${f.message}`);
    const text = ws.file(f.path)!.text;
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} offsets ${f.start}-${f.end} inside ${text.length}`);
    assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)), `${f.ruleId} positions`);
    for (const fix of [...(f.fix ? [f.fix] : []), ...f.suggestions])
      for (const e of fix.edits) assert.ok(e.start <= e.end && e.end <= (ws.file(e.path)?.text.length ?? -1), `${f.ruleId} edit inside its file`);
  }
  assert.ok(ms < SECOND, `took ${ms.toFixed(0)} ms`);
  return all;
}

// ---- what to mutate -----------------------------------------------------------------------------
const SFDX = '{"packageDirectories":[{"path":"force-app"}],"namespace":""}';
const MD = 'force-app/main/default';
const BASES: { kind: string; path: string; text: string; neighbours: Record<string, string> }[] = [
  {
    kind: 'mule',
    path: 'app/src/main/mule/flows.xml',
    text: muleFlowsFile(3000, 1),
    neighbours: { 'app/src/main/mule/global.xml': muleGlobalFile(1), 'app/src/main/resources/config.yaml': 'sf:\n  user: u\n' },
  },
  {
    kind: 'mule-global',
    path: 'app/src/main/mule/global.xml',
    text: muleGlobalFile(2, 2),
    neighbours: { 'app/src/main/mule/flows.xml': muleFlowsFile(2000, 2) },
  },
  { kind: 'mule-standalone', path: 'tools/standalone.xml', text: muleFlowsFile(1500, 3), neighbours: {} },
  {
    kind: 'flow',
    path: `sf/${MD}/flows/Sync.flow-meta.xml`,
    text: flowFile(4000, 4),
    neighbours: {
      'sf/sfdx-project.json': SFDX,
      [`sf/${MD}/classes/Callout0Sender.cls`]: metadataFiles.apexClass('Callout0Sender', 'Service_0'),
      [`sf/${MD}/namedCredentials/Service_0.namedCredential-meta.xml`]: metadataFiles.namedCredential(0, true, false),
    },
  },
  {
    kind: 'named-credential',
    path: `sf/${MD}/namedCredentials/Service_1.namedCredential-meta.xml`,
    text: metadataFiles.namedCredential(1, false, true),
    neighbours: {
      'sf/sfdx-project.json': SFDX,
      [`sf/${MD}/externalCredentials/Service_1_EC.externalCredential-meta.xml`]: metadataFiles.externalCredential(1, true),
    },
  },
  {
    kind: 'external-service',
    path: `sf/${MD}/externalServiceRegistrations/Service0Api.externalServiceRegistration-meta.xml`,
    text: metadataFiles.registration('Service0Api', 'Service_0'),
    neighbours: { 'sf/sfdx-project.json': SFDX, [`sf/${MD}/flows/A.flow-meta.xml`]: flowFile(2500, 5) },
  },
  {
    kind: 'apex',
    path: `sf/${MD}/classes/Callout0Sender.cls`,
    text: metadataFiles.apexClass('Callout0Sender', 'Service_0'),
    neighbours: { 'sf/sfdx-project.json': SFDX, [`sf/${MD}/flows/A.flow-meta.xml`]: flowFile(2500, 6) },
  },
  ...['examples/mule-app/src/main/mule/order-sync.xml', 'examples/mule-app/src/main/mule/orders-api.xml'].map((p) => ({
    kind: 'example',
    path: p.replace('examples/mule-app', 'app'),
    text: readFileSync(join(REPO, p), 'utf8'),
    neighbours: { 'app/src/main/mule/global.xml': readFileSync(join(REPO, 'examples/mule-app/src/main/mule/global.xml'), 'utf8') },
  })),
];

const TOKENS = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '/',
  '=',
  '\0',
  '\uFFFF',
  '\uD800',
  '\uFEFF',
  ']]>',
  '<!--',
  '-->',
  '<![CDATA[',
  '&#0;',
  '&#x110000;',
  '&unknown;',
  '&amp',
  'xmlns:x=""',
  '\r\n',
  '\r',
  '<a',
  '</',
  '<?xml',
  '${',
  '#[',
  'callout:',
  '<!DOCTYPE x [<!ENTITY e "&e;&e;">]>',
];

type Mutation = (t: string) => string;
const at = (t: string, n: number) => (t.length ? n % (t.length + 1) : 0);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map(
    (n): Mutation =>
      (t) =>
        t.slice(0, at(t, n)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(
    ([n, tok]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + tok + t.slice(at(t, n) + 1),
  ),
  fc.tuple(fc.nat(), fc.string({ maxLength: 24 })).map(
    ([n, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + s + t.slice(at(t, n)),
  ),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(
    ([n, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + s + t.slice(at(t, n)),
  ),
  fc.nat().map((n): Mutation => (t) => {
    const ends = [...t.matchAll(/<\/[^>]*>/g)];
    const m = ends[n % Math.max(1, ends.length)];
    return m ? t.slice(0, m.index) + t.slice(m.index! + m[0].length) : t;
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, b, c]): Mutation => (t) => {
    const s = at(t, a);
    const e = Math.min(t.length, s + (b % 400));
    return t.slice(0, at(t, c)) + t.slice(s, e) + t.slice(at(t, c));
  }),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([a, b]): Mutation =>
      (t) =>
        t.slice(0, at(t, a)) + t.slice(Math.min(t.length, at(t, a) + (b % 200))),
  ),
  fc.constant<Mutation>((t) => t.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((t) => `\uFEFF${t}`),
  // Bytes that are not UTF-8, read the way files are read.
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([n, bytes]): Mutation => (t) => {
    const b = Buffer.from(t, 'utf8');
    const i = b.length ? n % b.length : 0;
    return decode(Buffer.concat([b.subarray(0, i), Buffer.from(bytes.map((x) => x | 0x80)), b.subarray(i)]));
  }),
);

describe('hostile input (fast-check)', () => {
  it(`mutated Mule, Flow, credential and Apex files always produce a result (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (base, muts, mutateNeighbour) => {
        const text = muts.reduce((t, m) => m(t), base.text);
        const neighbours = { ...base.neighbours };
        if (mutateNeighbour) for (const k of Object.keys(neighbours)) if (k.endsWith('.xml')) neighbours[k] = muts[0](neighbours[k]);
        check({ ...neighbours, [base.path]: text });
      }),
      { seed: SEED, numRuns: runs(8500) },
    );
  });

  it('every rule still reports its trigger next to a malformed neighbour', () => {
    const triggers = RULES.map((r) => ({
      id: r.meta.id,
      ...example(r.meta.id, readFileSync(join(REPO, 'server/core/rules', r.meta.id, 'README.md'), 'utf8'), '## Bad example'),
    })).filter((t) => t.id !== 'file/too-large');
    fc.assert(
      fc.property(fc.constantFrom(...triggers), fc.nat(), (t, cut) => {
        const salesforce = t.id.startsWith('flow/') || t.id.startsWith('credential/');
        const neighbourPath = salesforce ? `sf/${MD}/flows/Broken.flow-meta.xml` : 'app/src/main/mule/broken.xml';
        const whole = salesforce ? flowFile(3000, 9) : muleFlowsFile(2000, 9);
        const broken = whole.slice(0, 200 + (cut % (whole.length - 400)));
        const findings = check({ ...t.files, [neighbourPath]: broken });
        assert.ok(
          findings.some((f) => f.ruleId === t.id && !f.path.endsWith(neighbourPath)),
          `${t.id} still reports its example`,
        );
        assert.ok(
          findings.some((f) => f.ruleId === 'xml/malformed' && f.path.endsWith(neighbourPath)),
          'the neighbour is reported as malformed',
        );
      }),
      { seed: SEED, numRuns: runs(1500) },
    );
  });

  it('fixed monsters: deep nesting, entity bombs, external entities, huge files and values, NUL, BOM, CRLF', () => {
    const M = (body: string) => `<mule xmlns="http://www.mulesoft.org/schema/mule/core">${body}</mule>`;
    const deep = M('<flow name="f">' + '<choice><when expression="#[true]">'.repeat(50_000) + '</when></choice>'.repeat(50_000) + '</flow>');
    const deepFindings = check({ 'app/src/main/mule/deep.xml': deep });
    assert.ok(deepFindings.some((f) => /nested deeper than 256 levels/.test(f.message)));

    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n${M('<flow name="f"><logger message="&lol9;"/></flow>')}`;
    check({ 'app/src/main/mule/laughs.xml': laughs });

    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY web SYSTEM "http://attacker.invalid/x">]>\n${M('<flow name="f"><logger message="&xxe;&web;"/></flow>')}`;
    const xxeFindings = check({ 'app/src/main/mule/xxe.xml': xxe });
    assert.ok(!JSON.stringify(xxeFindings).includes('root:'), 'no file content is ever read into the analysis');

    const huge = M(`<flow name="f">${'<logger message="padding padding padding"/>'.repeat(500_000)}</flow>`);
    assert.ok(huge.length > 20_000_000);
    const hugeFindings = check({ 'app/src/main/mule/huge.xml': huge });
    assert.deepEqual(
      hugeFindings.map((f) => f.ruleId),
      ['file/too-large'],
    );

    const bigValue = M(
      `<flow name="f"><logger message="${'v'.repeat(1_000_000)}"/><salesforce:query xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce" config-ref="sf"/></flow>`,
    );
    check({ 'app/src/main/mule/big-value.xml': bigValue });

    const nul = check({ 'app/src/main/mule/nul.xml': M('<flow name="f">\0\0<logger/></flow>') });
    assert.ok(nul.some((f) => f.ruleId === 'xml/malformed' && /U\+0000/.test(f.message)));

    for (const base of BASES.slice(0, 4)) {
      check({ ...base.neighbours, [base.path]: `\uFEFF${base.text.replace(/\n/g, '\r\n')}` });
      check({ ...base.neighbours, [base.path]: decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base.text, 'utf16le')])) });
    }
  });

  it('reports what it fuzzed', (t) => {
    t.diagnostic(`inputs: ${inputs}, slowest: ${slowest.toFixed(0)} ms, peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MB`);
    assert.ok(inputs >= runs(10_000), `${inputs} inputs`);
    assert.ok(peakRss < 2 ** 31, 'memory stays bounded');
  });
});
