import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { retainedMb } from '../../../test/support/heap';
import { reparse } from './incremental';
import { parseXml } from './scanner';
import type { XmlDocument, XmlElement } from './types';

/** Everything a parse produces, offsets included, as plain data (what a full parse must equal). */
function snapshot(doc: XmlDocument): unknown {
  const el = (e: XmlElement): unknown => ({
    name: e.name,
    prefix: e.prefix,
    local: e.local,
    ns: e.ns,
    range: [e.start, e.nameEnd, e.openEnd, e.closeStart, e.end],
    selfClosing: e.selfClosing,
    scope: [...e.nsScope],
    parentName: e.parent?.name ?? null,
    attrs: e.attrs.map((a) => [a.name, a.prefix, a.local, a.ns, a.value, a.start, a.end, a.valueStart, a.valueEnd]),
    children: e.children.map(el),
  });
  return { root: doc.root ? el(doc.root) : null, comments: doc.comments, errors: doc.errors, depthLimitAt: doc.depthLimitAt };
}

const FLOWS = `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce">
  <!-- global -->
  <salesforce:sfdc-config name="Salesforce_Config"/>
  <flow name="first">
    <logger message="started, correlation #[correlationId]"/>
    <salesforce:query config-ref="Salesforce_Config"><salesforce:salesforce-query>SELECT Id FROM Account</salesforce:salesforce-query></salesforce:query>
  </flow>
  <sub-flow name="second">
    <!-- sg-disable-next-line mule/unknown-error-type -->
    <try><error-handler><on-error-continue type="SALESFORCE:CONNECTIVITY"/></error-handler></try>
  </sub-flow>
  <flow name="third"><flow-ref name="second"/></flow>
</mule>
`;

function edit(text: string, at: string, replacement: string, occurrence = 0): string {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(at, i + 1);
  assert.ok(i >= 0, `'${at}' is in the text`);
  return text.slice(0, i) + replacement + text.slice(i + at.length);
}

describe('incremental XML re-parsing', () => {
  it('re-parses only the flow that was edited and keeps the other elements, moved', () => {
    const prev = parseXml(FLOWS);
    const [config, first, second, third] = prev.root!.children;
    const text = edit(FLOWS, 'started, correlation', 'started (1), correlation');
    const doc = reparse(prev, text);
    assert.ok(doc, 'an edit inside one flow is re-parsed incrementally');
    assert.deepEqual(snapshot(doc), snapshot(parseXml(text)));
    const [config2, first2, second2, third2] = doc.root!.children;
    assert.equal(config2, config, 'elements before the edit are the same objects');
    assert.notEqual(first2, first, 'the edited flow is new');
    assert.equal(second2, second, 'elements after the edit are the same objects, moved');
    assert.equal(third2, third);
    assert.equal(text.slice(third2.start, third2.end), '<flow name="third"><flow-ref name="second"/></flow>');
    assert.equal(first2.parent, doc.root);
  });

  it('moves the elements after whitespace typed between flows', () => {
    const prev = parseXml(FLOWS);
    const before = [...prev.root!.children];
    const text = edit(FLOWS, '  <sub-flow', '\n\n    <sub-flow');
    const doc = reparse(prev, text);
    assert.ok(doc);
    assert.deepEqual(snapshot(doc), snapshot(parseXml(text)));
    assert.deepEqual(doc.root!.children, before, 'every element kept');
  });

  it('keeps comments right: those in the edited flow re-read, those after it moved', () => {
    const text = edit(FLOWS, 'SALESFORCE:CONNECTIVITY', 'SALESFORCE:CONNECTIVITY, SALESFORCE:INVALID_SESSION');
    const doc = reparse(parseXml(FLOWS), text);
    assert.ok(doc);
    assert.deepEqual(
      doc.comments.map((c) => text.slice(c.start, c.end)),
      ['<!-- global -->', '<!-- sg-disable-next-line mule/unknown-error-type -->'],
    );
  });

  it('reports errors made inside the edited flow, and clears them once fixed', () => {
    const broken = edit(FLOWS, '<flow-ref name="second"/>', '<flow-ref name="second">');
    const doc = reparse(parseXml(FLOWS), broken);
    // The unclosed flow-ref makes </flow> close it and swallows the rest: not confined to the flow.
    if (doc) assert.deepEqual(snapshot(doc), snapshot(parseXml(broken)));
    const typo = edit(FLOWS, '<logger message', '<logger message="x" message');
    const withError = reparse(parseXml(FLOWS), typo);
    assert.ok(withError, 'an error inside one flow is re-parsed incrementally');
    assert.match(withError.errors[0].message, /specified more than once/);
    assert.deepEqual(snapshot(withError), snapshot(parseXml(typo)));
    const fixed = reparse(withError, FLOWS);
    assert.ok(fixed);
    assert.deepEqual(fixed.errors, []);
    assert.deepEqual(snapshot(fixed), snapshot(parseXml(FLOWS)));
  });

  it('gives up (a full parse decides) where a part cannot', () => {
    const across = edit(FLOWS, '</flow>\n  <sub-flow', '</flow><sub-flow');
    assert.equal(reparse(parseXml(FLOWS), across + ' '), undefined, 'an edit that crosses elements');
    assert.equal(reparse(parseXml(FLOWS), edit(FLOWS, 'encoding="UTF-8"', 'encoding="utf-8"')), undefined, 'the prolog');
    assert.equal(reparse(parseXml(FLOWS), edit(FLOWS, '<mule xmlns=', '<mule a="1" xmlns=')), undefined, 'the root start tag');
    const forbidden = edit(FLOWS, 'name="third"', 'name="th\u0001ird"');
    assert.equal(reparse(parseXml(forbidden), edit(forbidden, 'started', 'begun')), undefined, 'a forbidden character elsewhere');
    assert.equal(reparse(parseXml(FLOWS), edit(FLOWS, 'started', 'sta\u0001rted')), undefined, 'a forbidden character typed');
    const entities = `<!DOCTYPE mule [<!ENTITY x "y">]>${FLOWS.slice(FLOWS.indexOf('<mule'))}`;
    assert.equal(reparse(parseXml(entities), edit(entities, 'started', 'begun')), undefined, 'a DOCTYPE that declares entities');
    assert.equal(reparse(parseXml(FLOWS), edit(FLOWS, '</flow>', '</flow></mule>')), undefined, 'a flow that closes the root');
    const deep = edit(FLOWS, '<logger message', `${'<a>'.repeat(300)}${'</a>'.repeat(300)}<logger message`);
    assert.equal(reparse(parseXml(FLOWS), deep), undefined, 'nesting past the depth limit');
    assert.notEqual(parseXml(deep).depthLimitAt, null);
  });

  it('leaves the previous tree untouched when the edit would pass the error cap', () => {
    // 30 duplicate attributes in one flow, then 30 typed into the other: a full parse keeps the first 50.
    const dup = (n: number, p: string) => Array.from({ length: n }, (_, i) => ` ${p}${i}="x" ${p}${i}="y"`).join('');
    const text = `<mule><flow name="one"><logger${dup(30, 'a')}/></flow><flow name="two"><logger/></flow></mule>`;
    const prev = parseXml(text);
    assert.equal(prev.errors.length, 30);
    const [, two] = prev.root!.children;
    const range = [two.start, two.end];
    const next = text.replace('<flow name="two"><logger', `<flow name="two"><logger${dup(30, 'b')}`);
    assert.equal(reparse(prev, next), undefined, 'a full parse decides which 50 errors are kept');
    assert.equal(prev.root!.children[1], two);
    assert.deepEqual([two.start, two.end], range, 'nothing was moved');
    assert.equal(parseXml(next).errors.length, 50);
  });

  it('equals a full parse after any sequence of random edits (typing, deleting, pasting markup)', () => {
    // Mostly typing, sometimes markup that breaks or repairs the document.
    const typing = fc.constantFrom('a', 'b', ' ', '\n', '=', '"x"');
    const markup = fc.constantFrom(
      '<',
      '>',
      '/',
      '"',
      "'",
      '&amp;',
      '&',
      '<!--',
      '-->',
      '<logger/>',
      '</flow>',
      '<flow name="x">',
      'xmlns:p="urn:p"',
      '<p:q/>',
      '<![CDATA[',
      ']]>',
      '\u0001',
    );
    const piece = fc.oneof({ arbitrary: typing, weight: 8 }, { arbitrary: markup, weight: 1 });
    let incremental = 0;
    let attempts = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.array(piece, { maxLength: 3 }) }), { minLength: 1, maxLength: 12 }),
        (edits) => {
          let text = FLOWS;
          let doc = parseXml(text);
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            const next = text.slice(0, at) + e.insert.join('') + text.slice(Math.min(text.length, at + e.remove));
            const updated = reparse(doc, next);
            attempts++;
            if (updated) incremental++;
            const full = parseXml(next);
            if (updated) assert.deepEqual(snapshot(updated), snapshot(full), `edit at ${at}`);
            doc = updated ?? full;
            text = next;
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    assert.ok(incremental > attempts / 5, `${incremental} of ${attempts} edits were re-parsed incrementally`);
  });

  it('does not keep versions of the text alive through the elements it re-parsed', () => {
    // Each re-parsed flow would otherwise hold a slice of its whole version: editing 30 flows of a
    // 1 MB file one after the other would pin 30 versions.
    const flows = Array.from({ length: 30 }, (_, i) => `<flow name="flow-${i}"><logger message="message number ${i} of the file"/></flow>`).join('\n');
    const filler = `<flow name="filler">${'<logger message="padding padding"/>'.repeat(30_000)}</flow>`;
    let text = `<mule xmlns="http://www.mulesoft.org/schema/mule/core">\n${flows}\n${filler}\n</mule>`;
    let doc = parseXml(text);
    const mb = retainedMb(() => {
      for (let i = 0; i < 30; i++) {
        text = edit(text, `message number ${i} of`, `message number ${i} (edited) of`);
        const next = reparse(doc, text);
        assert.ok(next);
        doc = next;
      }
    });
    assert.equal(doc.root!.children[3].attrs[0].value, 'flow-3');
    assert.ok(mb < 20, `heap grew by ${mb.toFixed(0)} MB over 30 edits of a ${(text.length / 1e6).toFixed(1)} MB text`);
  });
});
