import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFile } from '../project/source-file';
import { allClasses, apexShapeOf, classNamed, methodsNamed } from './apex-methods';

const shapeOf = (text: string) => apexShapeOf(new SourceFile('/p/classes/Svc.cls', text));

describe('Apex file shape', () => {
  it('finds classes, inner classes, what they implement, and their methods with body ranges', () => {
    const text = [
      'public with sharing class Svc {',
      "  private static final String URL = 'x{y}';",
      '  public String label { get; set; }',
      "  @InvocableMethod(label='Go {now}' callout=true)",
      '  public static List<String> go(List<Id> ids) {',
      '    if (ids.isEmpty()) { return null; }',
      '    for (Integer i = 0; i < 3; i++) { helper(); }',
      "    return new List<String>{ 'a' };",
      '  }',
      '  @future(callout = true) static void later() {}',
      '  private static void helper() {}',
      '  public class Job implements Queueable, Database.AllowsCallouts {',
      '    public void execute(QueueableContext ctx) {}',
      '  }',
      '  public class Chunk implements Database.Batchable<SObject> { }',
      '  public class Child extends Job { }',
      '}',
    ].join('\n');
    const shape = shapeOf(text);
    assert.deepEqual(
      allClasses(shape).map((c) => [c.name, c.outer?.name, c.queueable, c.allowsCallouts, c.batchable, c.extendsName]),
      [
        ['Svc', undefined, false, false, false, undefined],
        ['Job', 'Svc', true, true, false, undefined],
        ['Chunk', 'Svc', false, false, true, undefined],
        ['Child', 'Svc', false, false, false, 'Job'],
      ],
    );
    const svc = classNamed(shape, 'svc')!;
    assert.deepEqual(
      svc.methods.map((m) => [m.name, m.invocable?.callout, m.future?.callout]),
      [
        ['go', true, undefined],
        ['later', undefined, true],
        ['helper', undefined, undefined],
      ],
    );
    const go = methodsNamed(svc, 'GO')[0];
    assert.equal(text.slice(go.bodyStart, go.bodyStart + 1), '{');
    assert.equal(text.slice(go.bodyEnd - 1, go.bodyEnd), '}');
    assert.ok(text.slice(go.bodyStart, go.bodyEnd).includes("return new List<String>{ 'a' };"), 'the body runs to its own closing brace');
    assert.equal(text.slice(go.paramsStart, go.paramsEnd + 1), '(List<Id> ids)');
    assert.deepEqual(
      classNamed(shape, 'Job')!.methods.map((m) => m.name),
      ['execute'],
    );
  });

  it('reads braces in comments and strings as text, not structure', () => {
    const shape = shapeOf("public class Svc {\n  // }\n  /* { */ void a() { String s = '}'; }\n  void b() {}\n}");
    assert.deepEqual(
      classNamed(shape, 'Svc')!.methods.map((m) => m.name),
      ['a', 'b'],
    );
  });

  it('survives broken code: an unclosed class ends with the file', () => {
    const text = 'public class Svc {\n  void a() { if (x) {';
    const shape = shapeOf(text);
    assert.equal(shape.classes[0].bodyEnd, text.length);
    assert.equal(shape.classes[0].methods[0].bodyEnd, text.length);
  });

  it('constructors are methods; properties, initialisers and interface declarations are not', () => {
    const shape = shapeOf(
      'public class Svc {\n  public Svc(Integer n) {}\n  static { init(); }\n  Integer n { get { return 1; } }\n}\ninterface I { void x(); }',
    );
    assert.deepEqual(
      classNamed(shape, 'Svc')!.methods.map((m) => m.name),
      ['Svc'],
    );
    assert.deepEqual(classNamed(shape, 'I')!.methods, []);
  });
});
