import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Program } from '../program/program';
import { declarationsIn, NOT_TYPES } from './apex-facts';
import { invocableMethodOf, traceApexMethod, type ApexTrace } from './apex-trace';

const P = '/p/force-app/main/default/classes';

/** Traces the @InvocableMethod of `entry` in a project made of the given classes. */
function trace(classes: Record<string, string>, entry: string): ApexTrace | undefined {
  const program = new Program();
  program.setFile('/p/sfdx-project.json', '{"packageDirectories":[{"path":"force-app"}]}');
  for (const [name, text] of Object.entries(classes)) program.setFile(`${P}/${name}.cls`, text);
  const project = program.sfdxProject('sfdx:/p')!;
  const file = project.fileNamed('apex', entry)!;
  const inv = invocableMethodOf(file, entry);
  return inv && traceApexMethod(project, inv.shape, inv.method);
}

const summary = (t: ApexTrace | undefined) =>
  t && {
    sync: t.sync?.message,
    handOffs: t.handOffs.map((h) => `${h.kind}${h.callsOut ? ' calls out' : ''}: ${h.at.message}`),
    credentials: t.credentials.map((c) => `${c.credential.name} ${c.mode} (${c.file.path.slice(P.length + 1)})`),
  };

const invocable = (body: string, extra = '') =>
  `public class Action {\n  @InvocableMethod(label='Go')\n  public static void run(List<Id> ids) {\n    ${body}\n  }\n${extra}}\n`;

describe('Apex trace: synchronous callouts', () => {
  it('follows a helper of the class and a static call into another class to the callout', () => {
    const t = trace(
      {
        Action: invocable('prepare(ids);', '  private static void prepare(List<Id> ids) { ErpClient.post(ids); }\n'),
        ErpClient:
          "public class ErpClient {\n  public static void post(List<Id> ids) {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Erp/orders');\n    new Http().send(r);\n  }\n}\n",
      },
      'Action',
    );
    assert.deepEqual(summary(t), {
      sync: "Apex method ErpClient.post calls out ('callout:Erp/orders')",
      handOffs: [],
      credentials: ['Erp sync (ErpClient.cls)'],
    });
  });

  it('an instance call through a variable declared with a class of the project, and new X().m()', () => {
    const t = trace(
      {
        Action: invocable('ErpClient c = new ErpClient();\n    c.post();\n    new Audit().record();'),
        ErpClient: 'public class ErpClient { public void post() { WebServiceCallout.invoke(this, null, null, null); } }',
        Audit: "public class Audit { public void record() { String e = 'callout:Audit_Log/x'; } }",
      },
      'Action',
    );
    assert.equal(t?.sync?.message, 'Apex method ErpClient.post calls out (WebServiceCallout.invoke)');
    assert.deepEqual(summary(t)?.credentials, ['Audit_Log sync (Audit.cls)']);
  });

  it('an endpoint in a static field of the class, or in a constant of another class', () => {
    const t = trace(
      {
        Action: invocable(
          'HttpRequest r = new HttpRequest();\n    r.setEndpoint(ENDPOINT);\n    r.setEndpoint(Config.BILLING_URL);',
          "  private static final String ENDPOINT = 'callout:Erp/v1';\n",
        ),
        Config:
          "public class Config {\n  public static final String BILLING_URL = 'callout:Billing/v2';\n  public static final String UNUSED = 'callout:Unused';\n}\n",
      },
      'Action',
    );
    assert.deepEqual(summary(t)?.credentials, ['Erp sync (Action.cls)', 'Billing sync (Config.cls)']);
  });

  it('@InvocableMethod(callout=true) is evidence of a synchronous callout on its own', () => {
    const t = trace({ Action: 'public class Action { @InvocableMethod(callout=true) public static void run() {} }' }, 'Action');
    assert.equal(t?.sync?.message, 'Apex method Action.run calls out (@InvocableMethod(callout=true))');
  });

  it('callout=true on a method whose code only hands the callout to a Queueable: the code wins', () => {
    const t = trace(
      {
        Action:
          "public class Action {\n  @InvocableMethod(callout=true)\n  public static void run(List<Id> ids) { System.enqueueJob(new Job()); }\n  public class Job implements Queueable, Database.AllowsCallouts { public void execute(QueueableContext c) { String u = 'callout:Erp'; } }\n}\n",
      },
      'Action',
    );
    assert.equal(t?.sync, undefined);
    assert.deepEqual(summary(t)?.credentials, ['Erp async (Action.cls)']);
  });

  it('a callout in another method of the class, off the invoked path, is not evidence', () => {
    const t = trace(
      { Action: invocable('update [SELECT Id FROM Account];', "  public static void unused() { new Http().send(null); String u = 'callout:Erp'; }\n") },
      'Action',
    );
    assert.deepEqual(summary(t), { sync: undefined, handOffs: [], credentials: [] });
  });

  it('recursion and call cycles between classes terminate', () => {
    const t = trace(
      {
        Action: invocable('A.ping(3);'),
        A: 'public class A { public static void ping(Integer n) { B.pong(n); ping(n - 1); } }',
        B: "public class B { public static void pong(Integer n) { A.ping(n); String u = 'callout:Erp'; } }",
      },
      'Action',
    );
    assert.deepEqual(summary(t)?.credentials, ['Erp sync (B.cls)']);
  });

  it('calls into classes that are not in the project are not followed (and not guessed)', () => {
    const t = trace({ Action: invocable('ns.Remote.call(ids); Missing.call(ids); JSON.serialize(ids);') }, 'Action');
    assert.deepEqual(summary(t), { sync: undefined, handOffs: [], credentials: [] });
  });
});

describe('Apex trace: asynchronous hand-offs', () => {
  const queueable = (allows: boolean) =>
    `public class SyncJob implements Queueable${allows ? ', Database.AllowsCallouts' : ''} {\n  public void execute(QueueableContext ctx) {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Erp/orders');\n    new Http().send(r);\n  }\n}\n`;

  it('System.enqueueJob of a Queueable that allows callouts: no synchronous callout, its credentials are async', () => {
    const t = trace({ Action: invocable('System.enqueueJob(new SyncJob(ids));'), SyncJob: queueable(true) }, 'Action');
    assert.deepEqual(summary(t), {
      sync: undefined,
      handOffs: ['queueable calls out: Apex method Action.run enqueues Queueable SyncJob (Database.AllowsCallouts)'],
      credentials: ['Erp async (SyncJob.cls)'],
    });
  });

  it('a Queueable given through a variable, and one that does not allow callouts', () => {
    const t = trace({ Action: invocable('SyncJob job = new SyncJob();\n    System.enqueueJob(job);'), SyncJob: queueable(false) }, 'Action');
    assert.deepEqual(summary(t)?.handOffs, ['queueable: Apex method Action.run enqueues Queueable SyncJob']);
  });

  it('a @future(callout=true) method, in the class or in another class', () => {
    const t = trace(
      {
        Action: invocable('later(ids);\n    Remote.push(ids);', "  @future(callout=true) static void later(List<Id> ids) { String u = 'callout:Erp'; }\n"),
        Remote: "public class Remote { @future(callout=true) public static void push(List<Id> ids) { String u = 'callout:Crm'; } }",
      },
      'Action',
    );
    assert.deepEqual(summary(t), {
      sync: undefined,
      handOffs: [
        'future calls out: Apex method Action.run calls @future(callout=true) method Action.later',
        'future calls out: Apex method Action.run calls @future(callout=true) method Remote.push',
      ],
      credentials: ['Erp async (Action.cls)', 'Crm async (Remote.cls)'],
    });
  });

  it('Database.executeBatch of a batch that allows callouts, following start, execute and finish', () => {
    const t = trace(
      {
        Action: invocable('Database.executeBatch(new Resync(), 50);'),
        Resync:
          'public class Resync implements Database.Batchable<SObject>, Database.AllowsCallouts {\n  public Database.QueryLocator start(Database.BatchableContext c) { return null; }\n  public void execute(Database.BatchableContext c, List<SObject> s) { ErpClient.post(); }\n  public void finish(Database.BatchableContext c) {}\n}\n',
        ErpClient: "public class ErpClient { public static void post() { String u = 'callout:Erp'; new Http(); } }",
      },
      'Action',
    );
    assert.deepEqual(summary(t), {
      sync: undefined,
      handOffs: ['batch calls out: Apex method Action.run starts batch Resync (Database.AllowsCallouts)'],
      credentials: ['Erp async (ErpClient.cls)'],
    });
  });

  it('an inner Queueable class, and an inherited AllowsCallouts', () => {
    const t = trace(
      {
        Action: invocable(
          'System.enqueueJob(new Job());',
          "  public class Job extends BaseJob implements Queueable { public void execute(QueueableContext c) { String u = 'callout:Erp'; } }\n",
        ),
        BaseJob: 'public virtual class BaseJob implements Database.AllowsCallouts {}',
      },
      'Action',
    );
    assert.deepEqual(summary(t)?.handOffs, ['queueable calls out: Apex method Action.run enqueues Queueable Job (Database.AllowsCallouts)']);
  });

  it('publishing a platform event is a hand-off that does not call out itself', () => {
    const t = trace({ Action: invocable('EventBus.publish(new Order_Event__e());') }, 'Action');
    assert.deepEqual(summary(t)?.handOffs, ['platform-event: Apex method Action.run publishes a platform event']);
  });

  it('a synchronous callout next to a hand-off is still synchronous', () => {
    const t = trace({ Action: invocable("System.enqueueJob(new SyncJob());\n    String u = 'callout:Crm';"), SyncJob: queueable(true) }, 'Action');
    assert.equal(t?.sync?.message, "Apex method Action.run calls out ('callout:Crm')");
    assert.deepEqual(summary(t)?.credentials, ['Crm sync (Action.cls)', 'Erp async (SyncJob.cls)']);
  });
});

describe('Apex trace: the invoked method', () => {
  it('a class without an @InvocableMethod has no entry to trace', () => {
    const program = new Program();
    const file = `${P}/Plain.cls`;
    program.setFile(file, 'public class Plain { public static void run() {} }');
    assert.equal(invocableMethodOf(program.file(file)!, 'Plain'), undefined);
  });
});

describe('Apex trace: constructors', () => {
  it('new X(…) runs X’s constructor, which may hand work to @future', () => {
    const t = trace(
      {
        Action: invocable('new CardLeft(ids[0]);'),
        CardLeft:
          "public class CardLeft {\n  public CardLeft(Id caseId) { init(caseId); }\n  void init(Id caseId) { notifyLater(caseId); }\n  @future(callout=true) static void notifyLater(Id caseId) { String u = 'callout:Erp'; }\n}\n",
      },
      'Action',
    );
    assert.deepEqual(summary(t), {
      sync: undefined,
      handOffs: ['future calls out: Apex method CardLeft.init calls @future(callout=true) method CardLeft.notifyLater'],
      credentials: ['Erp async (CardLeft.cls)'],
    });
  });
});

describe('Apex trace: callout failures the Apex handles itself', () => {
  const client = "public class ErpClient { public static void post() { String u = 'callout:Erp'; new Http().send(null); } }";
  it('a try around the call, whose catch (Exception) does not throw, handles every callout below it', () => {
    const t = trace({ Action: invocable('try { ErpClient.post(); } catch (Exception e) { ok = false; }'), ErpClient: client }, 'Action');
    assert.equal(t?.handled, true);
  });
  it('what counts is where the request is sent: new Http() before the try, http.send inside it', () => {
    const t = trace(
      {
        Action: invocable(
          "Http http = new Http();\n    HttpRequest req = new HttpRequest();\n    req.setEndpoint('callout:Erp');\n    try { HttpResponse res = http.send(req); } catch (CalloutException e) { ok = false; }",
        ),
      },
      'Action',
    );
    assert.equal(t?.handled, true);
    assert.equal(t?.sync?.message, 'Apex method Action.run calls out (new Http())');
  });
  it('a catch that throws, one for another type, or a callout outside the try is not handled', () => {
    for (const body of [
      'try { ErpClient.post(); } catch (Exception e) { throw new AuraHandledException(e.getMessage()); }',
      'try { ErpClient.post(); } catch (DmlException e) { ok = false; }',
      'try { ok = true; } catch (Exception e) { ok = false; }\n    ErpClient.post();',
    ]) {
      assert.equal(trace({ Action: invocable(body), ErpClient: client }, 'Action')?.handled, false, body);
    }
  });
  it('the first catch that matches a CalloutException decides; nested blocks inside the try are covered', () => {
    const t = trace(
      {
        Action: invocable(
          'try { if (ids != null) { for (Id i : ids) { ErpClient.post(); } } } catch (CalloutException e) { ok = false; } catch (Exception e) { throw e; }',
        ),
        ErpClient: client,
      },
      'Action',
    );
    assert.equal(t?.handled, true);
  });
});

describe('declarations in a range, against one expression per variable', () => {
  /** The obvious answer for one variable: the first `Type name` followed by a separator whose type is not a keyword. */
  function reference(code: string, variable: string): string | undefined {
    const re = new RegExp(`\\b([A-Za-z_][\\w.]*)\\s+${variable}\\s*[=;,)]`, 'gi');
    for (const m of code.matchAll(re)) if (!NOT_TYPES.has(m[1].toLowerCase())) return m[1];
    return undefined;
  }
  it('finds the same type for every variable on random Apex-like code', () => {
    const word = fc.constantFrom('Foo', 'bar', 'x', 'Y', 'return', 'final', 'Svc.Inner', 'new', 'String', 'acc');
    const sep = fc.constantFrom(' ', '  ', ' = ', ';', ', ', ')', '(', '\n', '.', ' {', '}');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, sep), { maxLength: 30 }), (parts) => {
        const code = parts.map(([w, s]) => w + s).join('');
        const found = declarationsIn(code, 0, code.length);
        for (const v of ['foo', 'bar', 'x', 'y', 'acc', 'string']) assert.equal(found.get(v), reference(code, v), `${v} in ${JSON.stringify(code)}`);
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});
