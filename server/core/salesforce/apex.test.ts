import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SourceFile } from '../project/source-file';
import { lexApex, parseApexClass } from './apex';

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
      "public class Svc { @InvocableMethod(label='x' callout=true) public static void go(){ HttpRequest r = new HttpRequest(); r.setEndpoint('callout:acme__Bank/services/Soap/u/60.0'); r.setEndpoint('callout:Other'); } }",
    );
    assert.deepEqual(
      c.credentials.map((x) => [x.namespace, x.name, x.path]),
      [
        ['acme', 'Bank', '/services/Soap/u/60.0'],
        [undefined, 'Other', ''],
      ],
    );
    assert.ok(c.calloutEvidence.some((e) => e.what === '@InvocableMethod(callout=true)'));
    assert.equal(c.dynamicCallout, false);
    assert.equal(c.name, 'Svc');
  });
  it('ignores callout: text in comments and recognises other callout evidence', () => {
    const c = cls(
      "// r.setEndpoint('callout:Bank');\npublic class Svc implements Queueable, Database.AllowsCallouts { @future(callout = true) static void f(){} }",
    );
    assert.deepEqual(c.credentials, []);
    assert.deepEqual(
      c.calloutEvidence.map((e) => e.what),
      ['Database.AllowsCallouts', '@future(callout=true)'],
    );
  });
  it('indexes $Credential merge fields with their ranges', () => {
    const src = "req.setHeader('Authorization', 'Bearer {!$Credential.Erp_EC.Token}');";
    const c = cls(src);
    assert.deepEqual(
      c.mergeFields.map((m) => [m.text, src.slice(m.start, m.end)]),
      [['{!$Credential.Erp_EC.Token}', '{!$Credential.Erp_EC.Token}']],
    );
  });
  it('flags a credential name built at run time', () => {
    assert.equal(cls("String e = 'callout:' + name;").dynamicCallout, true);
  });
  it('a class without callouts has no evidence', () => {
    assert.deepEqual(cls('public class Svc { @InvocableMethod public static void go(){} }').calloutEvidence, []);
  });
});

describe('Apex callout pre-filter', () => {
  const model = (text: string, prefilter: boolean) => {
    const m = parseApexClass(new SourceFile('/p/classes/Svc.cls', text), prefilter);
    return { credentials: m.credentials, dynamicCallout: m.dynamicCallout, calloutEvidence: m.calloutEvidence, mergeFields: m.mergeFields };
  };
  const samples = [
    'public class Plain { public static Integer add(Integer a, Integer b) { return a + b; } }',
    "public class A { void f() { HttpRequest r = new HttpRequest(); r.setEndpoint('CALLOUT:Erp/x'); } }",
    'public class B { void f() { new HTTP ( ).send(null); } }',
    'public class C implements Database.Batchable<SObject>, Database.ALLOWSCALLOUTS {}',
    "public class D { String h = '{!$Credential.Erp.Token}'; }",
    '@InvocableMethod(Callout = TRUE) public static void go() {}',
    "public class E { String url = 'https://example.com'; }",
  ];
  for (const text of samples) {
    it(`skips lexing only classes that cannot call out: ${text.slice(0, 40)}…`, () => {
      assert.deepEqual(model(text, true), model(text, false));
    });
  }
  it('the plain class is not lexed (no evidence without the hint words)', () => {
    assert.deepEqual(model(samples[0], true).calloutEvidence, []);
  });
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
