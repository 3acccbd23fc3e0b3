import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SourceFile } from '../project/source-file';
import { lexApex, mayCallOut, parseApexClass } from './apex';

describe('Apex lexer', () => {
  it('separates comments and strings from code, including escapes', () => {
    const src = "// callout:Fake\n/* 'not a string' */ String s = 'it\\'s callout:Real/x'; // end";
    const l = lexApex(src);
    assert.deepEqual(
      l.comments.map((c) => c.body),
      [' callout:Fake', " 'not a string' ", ' end'],
    );
    assert.deepEqual(
      l.strings.map((s) => s.value),
      ["it's callout:Real/x"],
    );
    assert.equal(l.code.length, src.length);
    assert.ok(!l.code.includes('callout'));
  });
  it('survives unterminated strings and comments', () => {
    assert.doesNotThrow(() => lexApex("String s = 'open\n/* never closed"));
  });
});

describe('Apex class model', () => {
  const cls = (body: string) => parseApexClass(new SourceFile('/p/classes/Svc.cls', body));
  it('finds callout credentials, namespaced names and paths', () => {
    const c = cls(
      "public class Svc { @InvocableMethod(label='x' callout=true) public static void go(){ HttpRequest r = new HttpRequest(); r.setEndpoint('callout:acme__Bank/services/Soap/u/60.0'); r.setEndpoint('CALLOUT:Other'); } }",
    );
    assert.deepEqual(
      c.credentials.map((x) => [x.namespace, x.name, x.path]),
      [
        ['acme', 'Bank', '/services/Soap/u/60.0'],
        [undefined, 'Other', ''],
      ],
    );
    assert.equal(c.name, 'Svc');
  });
  it('ignores callout: text in comments, and a credential name built at run time names none', () => {
    assert.deepEqual(cls("// r.setEndpoint('callout:Bank');\npublic class Svc { /* 'callout:Other' */ }").credentials, []);
    assert.deepEqual(cls("public class Svc { String e = 'callout:' + name; }").credentials, []);
  });
});

describe('Apex callout pre-filter', () => {
  const samples = [
    'public class Plain { public static Integer add(Integer a, Integer b) { return a + b; } }',
    "public class A { void f() { HttpRequest r = new HttpRequest(); r.setEndpoint('CALLOUT:Erp/x'); } }",
    "public class B { String e = 'Callout:' + name; }",
    "public class E { String url = 'https://example.com'; // callout: later\n }",
  ];
  for (const text of samples) {
    it(`skips lexing only classes whose strings hold no callout: literal: ${text.slice(0, 40)}…`, () => {
      const literals = lexApex(text).strings.filter((s) => /^callout:/i.test(s.value));
      if (!mayCallOut(text)) assert.deepEqual(literals, []);
      assert.equal(mayCallOut(text), text.toLowerCase().includes('callout:'));
    });
  }
});

describe('Apex lexer against a character-at-a-time reference', () => {
  /** The obvious lexer: one character at a time (what the index-scanning one must agree with). */
  function reference(text: string) {
    const code = text.split('');
    const comments: { start: number; end: number }[] = [];
    const strings: { start: number; end: number; value: string }[] = [];
    const blank = (a: number, b: number) => {
      for (let k = a; k < b; k++) if (code[k] !== '\n' && code[k] !== '\r') code[k] = ' ';
    };
    let i = 0;
    while (i < text.length) {
      if (text[i] === '/' && text[i + 1] === '/') {
        let e = text.indexOf('\n', i);
        if (e < 0) e = text.length;
        comments.push({ start: i, end: e });
        blank(i, e);
        i = e;
      } else if (text[i] === '/' && text[i + 1] === '*') {
        const c = text.indexOf('*/', i + 2);
        const e = c < 0 ? text.length : c + 2;
        comments.push({ start: i, end: e });
        blank(i, e);
        i = e;
      } else if (text[i] === "'") {
        let k = i + 1;
        let value = '';
        while (k < text.length && text[k] !== "'" && text[k] !== '\n') {
          if (text[k] === '\\' && k + 1 < text.length) {
            const esc = text[k + 1];
            value += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : esc;
            k += 2;
          } else value += text[k++];
        }
        const end = k < text.length && text[k] === "'" ? k + 1 : k;
        strings.push({ start: i, end, value });
        blank(i + 1, k);
        i = end;
      } else i++;
    }
    return { code: code.join(''), comments, strings };
  }

  it('gives the same code, comments and strings on random Apex-like text', () => {
    const piece = fc.constantFrom('a', ' ', '\n', '\r\n', '\r', '/', '*', "'", '\\', 'callout:X', '//', '/*', '*/', "\\'", 'Http(', '{!$Credential.A}');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const got = lexApex(text);
        const want = reference(text);
        assert.equal(got.code, want.code);
        assert.deepEqual(
          got.comments.map((c) => ({ start: c.start, end: c.end })),
          want.comments,
        );
        assert.deepEqual(got.strings, want.strings);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });
});
