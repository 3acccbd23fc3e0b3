import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestors, attr, attrNode, textOf, walk } from './dom';
import { MAX_ANALYSED_DEPTH, parseXml } from './scanner';
import { bigText, retainedMb } from '../../../test/support/heap';

describe('XML scanner', () => {
  it('keeps exact offsets of elements, attributes and attribute values', () => {
    const text = '<a x="1">\n  <b y=\'two\'/>\n</a>';
    const doc = parseXml(text);
    const a = doc.root!;
    assert.equal(a.name, 'a');
    assert.equal(text.slice(a.start, a.end), text);
    const b = a.children[0];
    assert.equal(text.slice(b.start, b.end), "<b y='two'/>");
    const y = attrNode(b, 'y')!;
    assert.equal(text.slice(y.start, y.end), "y='two'");
    assert.equal(text.slice(y.valueStart, y.valueEnd), 'two');
    assert.equal(a.closeStart, text.lastIndexOf('</a>'));
    assert.equal(b.selfClosing, true);
    assert.deepEqual(doc.errors, []);
  });

  it('resolves namespaces by URI, not by prefix', () => {
    const doc = parseXml('<m xmlns="urn:core" xmlns:s="urn:sf"><s:query/><x:query xmlns:x="urn:sf"/><q/></m>');
    const [a, b, c] = doc.root!.children;
    assert.equal(a.ns, 'urn:sf');
    assert.equal(b.ns, 'urn:sf');
    assert.equal(b.local, 'query');
    assert.equal(c.ns, 'urn:core');
    assert.equal(attrNode(b, 'xmlns:x')!.prefix, 'xmlns');
  });

  it('decodes predefined and character references in attribute values and text', () => {
    const text = '<a v="&lt;&amp;&#65;&#x42;&quot;">x &gt; y<![CDATA[ <raw> ]]></a>';
    const doc = parseXml(text);
    assert.equal(attr(doc.root!, 'v'), '<&AB"');
    assert.equal(textOf(text, doc.root!), 'x > y <raw> ');
  });

  it('reads the text directly inside an element, without its children or comments, whitespace kept', () => {
    const text = '<a>\n  <b>in b</b><!-- c -->\n  <c/>tail<![CDATA[]]></a>';
    const doc = parseXml(text);
    assert.equal(textOf(text, doc.root!), '\n  \n  tail');
    assert.equal(textOf(text, doc.root!.children[0]), 'in b');
    assert.equal(textOf(text, doc.root!.children[1]), '', 'a self-closing element has none');
  });

  it('never expands DTD entities (external or internal)', () => {
    const text = '<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY big "x">]><a v="&xxe;">&big;</a>';
    const doc = parseXml(text);
    assert.equal(attr(doc.root!, 'v'), '&xxe;');
    assert.deepEqual(doc.errors, []);
  });

  it('reports the first error and recovers to analyse the rest', () => {
    const doc = parseXml('<a><b><c/></a><!-- after -->');
    assert.match(doc.errors[0].message, /Mismatched end tag <\/a>: expected <\/b>/);
    assert.equal(doc.root!.children[0].children[0].name, 'c');
    assert.equal(doc.comments.length, 1);
  });

  const errors: [string, string, RegExp][] = [
    ['duplicate attribute', '<a x="1" x="2"/>', /specified more than once/],
    ['unquoted value', '<a x=1/>', /must be quoted/],
    ['missing whitespace between attributes', '<a x="1"y="2"/>', /separated by whitespace/],
    ["'<' in an attribute value", '<a x="a<b"/>', /'<' is not allowed/],
    ['unknown entity', '<a>&nbsp;</a>', /Unknown or invalid reference/],
    ['bare ampersand', '<a>A & B</a>', /'&' must start a reference/],
    ['undeclared prefix', '<p:a/>', /prefix 'p' is not declared/],
    ['two roots', '<a/><b/>', /Only one root/],
    ['text before the root', 'oops<a/>', /before the root/],
    ['empty document', '   ', /no root element/],
    ['unterminated comment', '<a><!-- x</a>', /Comment is never closed/],
    ['unterminated CDATA', '<a><![CDATA[x</a>', /CDATA section is never closed/],
    ['late XML declaration', '<a/><?xml version="1.0"?>', /only allowed at the very start/],
    ['NUL byte', '<a>\u0000</a>', /U\+0000 is not allowed/],
    ['unclosed start tag at EOF', '<a x="1"', /not closed with '>'|never closed/],
    ['stray end tag', '<a></b></a>', /Mismatched end tag <\/b>/],
  ];
  for (const [name, text, re] of errors) {
    it(`reports ${name}`, () => {
      const doc = parseXml(text);
      assert.ok(doc.errors.length > 0, 'an error');
      assert.match(doc.errors[0].message, re);
      assert.ok(doc.errors[0].start >= 0 && doc.errors[0].end <= text.length && doc.errors[0].start <= doc.errors[0].end);
    });
  }

  it('accepts a BOM, an XML declaration and CRLF line ends', () => {
    const doc = parseXml('\uFEFF<?xml version="1.0"?>\r\n<a>\r\n<b/>\r\n</a>\r\n');
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.root!.children.length, 1);
  });

  it('stops materialising past the depth limit without recursion', () => {
    const depth = 100_000;
    const doc = parseXml('<a>'.repeat(depth) + '</a>'.repeat(depth));
    assert.deepEqual(doc.errors, []);
    assert.notEqual(doc.depthLimitAt, null);
    let max = 0;
    walk(doc.root!, (el) => void (max = Math.max(max, ancestors(el).length)));
    assert.equal(max, MAX_ANALYSED_DEPTH);
  });

  it('closes every open element at end of file', () => {
    const text = '<a><b>';
    const doc = parseXml(text);
    assert.equal(doc.root!.end, text.length);
    assert.equal(doc.root!.children[0].end, text.length);
  });
});

describe('XML scanner attribute values', () => {
  it('reads plain values from the text and keeps decoded ones, with exact offsets and errors', () => {
    const text = '<a x="plain value" y="a &amp; b" z=\'q"<\' w="">&amp;<b v="after &lt; text"/></a>';
    const doc = parseXml(text);
    const a = doc.root!;
    assert.deepEqual(
      a.attrs.map((at) => [at.name, at.value]),
      [
        ['x', 'plain value'],
        ['y', 'a & b'],
        ['z', 'q"<'],
        ['w', ''],
      ],
    );
    assert.equal(a.attr('x'), 'plain value');
    assert.equal(a.children[0].attr('v'), 'after < text', 'an entity in a text run before it does not confuse the search for the next one');
    const x = attrNode(a, 'x')!;
    assert.equal(text.slice(x.valueStart, x.valueEnd), 'plain value');
    const lt = text.indexOf('<', text.indexOf("z='"));
    assert.deepEqual(
      doc.errors.map((e) => [e.message, e.start]),
      [["'<' is not allowed in the value of attribute 'z' (escape it as &lt;)", lt]],
    );
  });
});

describe('XML scanner memory', () => {
  it('does not keep parsed texts alive through its shared name cache', () => {
    // An editor re-parses a large document on every keystroke; names typed into it (`<salesforce:q`,
    // `<salesforce:qu`…) are new to the process-wide name cache, which must not pin each version.
    const mb = retainedMb(() => {
      for (let i = 0; i < 40; i++) assert.equal(parseXml(bigText(`<element-typed-now-${i}/>`)).root!.children[0].name, `element-typed-now-${i}`);
    });
    assert.ok(mb < 30, `heap grew by ${mb.toFixed(0)} MB after parsing 40 texts of 2 MB (80 MB if each were kept)`);
  });

  it('builds documents as class instances, which V8 never allocates straight into the old generation', () => {
    // An object literal's allocation site is pretenured once most of its objects lived long (Mule trees
    // do); a pretenured document pointing into its young tree makes every later tree survive young
    // collections (measured on the bench workspace: 620 → 385 MB surviving young collections).
    const doc = parseXml('<a/>');
    assert.notEqual(Object.getPrototypeOf(doc), Object.prototype);
    assert.deepEqual({ ...doc, root: doc.root?.name }, { text: '<a/>', root: 'a', comments: [], errors: [], depthLimitAt: null, documentWide: false });
  });

  it("takes the host's word for control characters but still finds the non-characters", () => {
    const clean = { noControlChars: true };
    assert.deepEqual(
      parseXml('<a>\uFFFF</a>', clean).errors.map((e) => [e.message, e.start]),
      [['Character U+FFFF is not allowed in XML', 3]],
    );
    assert.deepEqual(
      parseXml('<a>\uFFFE\uFFFF</a>', clean).errors.map((e) => e.start),
      [3],
      'the first one only',
    );
    assert.deepEqual(
      parseXml('<a>\u0001</a>').errors.map((e) => [e.message, e.start]),
      [['Character U+0001 is not allowed in XML', 3]],
    );
    assert.deepEqual(parseXml('<a>ok</a>', clean).errors, []);
  });
});
