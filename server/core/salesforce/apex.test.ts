import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
