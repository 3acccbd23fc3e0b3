/**
 * What an Apex method does when a Flow calls it: a synchronous callout in the Flow's transaction, or
 * only an asynchronous hand-off (a Queueable or batch that allows callouts, a `@future(callout=true)`
 * method, a platform event), and through which credentials, following its calls inside its class and
 * into plain classes of the project (`Svc.send(…)`, `new Svc().send(…)`, a variable declared `Svc s`).
 * Calls that cannot be resolved (interfaces, collections, other packages) are not followed: the trace
 * may miss a callout, never invent one. Only the classes on the path are read.
 */
import type { ReportRelated } from '../findings';
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import type { CalloutCredential } from './apex';
import { calloutFields, declarationsIn, isGuarded, methodFacts, type LiteralSite } from './apex-facts';
import { apexShapeOf, classNamed, methodsNamed, type ApexClassDecl, type ApexFileShape, type ApexMethod } from './apex-methods';
import type { SfdxProject } from './project';

export type Mode = 'sync' | 'async';

export interface TracedCredential {
  readonly credential: CalloutCredential;
  readonly file: SourceFile;
  readonly mode: Mode;
}

export interface AsyncHandOff {
  readonly kind: 'queueable' | 'batch' | 'future' | 'platform-event';
  /** The enqueue, executeBatch, publish or @future call. */
  readonly at: ReportRelated;
  /** Whether the work handed off may call out (AllowsCallouts, callout=true) — a platform event never does itself. */
  readonly callsOut: boolean;
}

export interface ApexTrace {
  /** The first synchronous callout on the path (or the entry's `@InvocableMethod(callout=true)`). */
  readonly sync: ReportRelated | undefined;
  /**
   * Every synchronous callout found on the path runs inside a `try` whose catch handles a
   * CalloutException without throwing (in its method or in a caller on the path): the Apex reports the
   * failure itself (usually as an output) and the action does not fault.
   */
  readonly handled: boolean;
  readonly handOffs: readonly AsyncHandOff[];
  readonly credentials: readonly TracedCredential[];
  /** A `callout:` endpoint whose credential is built at run time was reached. */
  readonly dynamic: boolean;
}

/** A class of the project (or an inner class) with the file it is declared in. */
interface ClassRef {
  readonly shape: ApexFileShape;
  readonly decl: ApexClassDecl;
}

const TRACES = memoKey<WeakMap<ApexMethod, ApexTrace>>('apex traces');
/** A bound on the methods one trace visits (a large org's service layer is deep; a finding needs one path). */
const MAX_METHODS = 400;

/** The `@InvocableMethod` of a top-level class: what a Flow's Apex action runs. */
export function invocableMethodOf(file: SourceFile, className: string): { shape: ApexFileShape; method: ApexMethod } | undefined {
  const shape = apexShapeOf(file);
  const decl = shape.classes.find((c) => c.name.toLowerCase() === className.toLowerCase()) ?? shape.classes[0];
  const method = decl?.methods.find((m) => m.invocable !== undefined);
  return method ? { shape, method } : undefined;
}

/** Traces a method (memoised per project build: the classes it reaches may change). */
export function traceApexMethod(project: SfdxProject, shape: ApexFileShape, entry: ApexMethod): ApexTrace {
  const traces = project.memo.get(TRACES, () => new WeakMap());
  let trace = traces.get(entry);
  if (!trace) traces.set(entry, (trace = new Tracer(project).run(shape, entry)));
  return trace;
}

class Tracer {
  /** The first synchronous callout evidence (an endpoint, `new Http()`…). */
  private sync: ReportRelated | undefined;
  /** Where requests are sent (`http.send(…)`, `WebServiceCallout.invoke`): the first outside any guarding `try`, and how many are inside one. */
  private unguarded: ReportRelated | undefined;
  private guardedSends = 0;
  private readonly handOffs: AsyncHandOff[] = [];
  private readonly credentials: TracedCredential[] = [];
  private dynamic = false;
  /** Each method is walked at most once per mode and guard (four ways at most). */
  private readonly seen = new Map<ApexMethod, Set<string>>();
  private readonly queue: { shape: ApexFileShape; method: ApexMethod; mode: Mode; guarded: boolean }[] = [];

  constructor(private readonly project: SfdxProject) {}

  run(shape: ApexFileShape, entry: ApexMethod): ApexTrace {
    const declared = entry.invocable?.callout
      ? at(shape.file, entry.invocable, `Apex method ${entry.cls.name}.${entry.name} calls out (@InvocableMethod(callout=true))`)
      : undefined;
    this.visit(shape, entry, 'sync', false);
    let visited = 0;
    while (this.queue.length && visited++ < MAX_METHODS) {
      const next = this.queue.shift()!;
      this.walk(next.shape, next.method, next.mode, next.guarded);
    }
    // `callout=true` declares a callout; when the code shows only a hand-off to asynchronous Apex that calls
    // out, the code is what runs.
    const onlyHandsOff = this.sync === undefined && this.handOffs.some((h) => h.callsOut);
    return {
      sync: onlyHandsOff ? undefined : (declared ?? this.sync),
      // A declared callout with no site found is not known to be handled.
      handled: this.unguarded === undefined && this.guardedSends > 0,
      handOffs: this.handOffs,
      credentials: this.credentials,
      dynamic: this.dynamic,
    };
  }

  private visit(shape: ApexFileShape, method: ApexMethod, mode: Mode, guarded: boolean): void {
    let states = this.seen.get(method);
    if (!states) this.seen.set(method, (states = new Set()));
    const key = `${mode}${guarded ? ' guarded' : ''}`;
    // Walked synchronously and unguarded: every other way adds nothing.
    if (states.has(key) || states.has('sync')) return;
    states.add(key);
    this.queue.push({ shape, method, mode, guarded });
  }

  private walk(shape: ApexFileShape, method: ApexMethod, mode: Mode, guarded: boolean): void {
    const facts = methodFacts(shape, method);
    const file = shape.file;
    const guardedAt = (offset: number) => guarded || isGuarded(facts, offset);
    const where = `Apex method ${method.cls.name}.${method.name} calls out`;
    // Every evidence site counts for whether failures are handled; the first one found is shown.
    const sites: { start: number; end: number; what: string }[] = [...facts.syncCalls, ...facts.literals].sort((a, b) => a.start - b.start);
    for (const site of sites) this.callout(file, site, `${where} (${site.what})`, mode);
    // The sends: where a failure is raised, and so where a `try` must be to catch it.
    for (const s of facts.syncCalls) if (s.what === 'WebServiceCallout.invoke') this.send(file, s, `${where} (${s.what})`, mode, guardedAt(s.start));
    for (const call of facts.calls) {
      if (call.parts.length !== 2 || call.parts[1].toLowerCase() !== 'send') continue;
      const receiver = call.parts[0].toLowerCase() === 'http' ? 'Http' : this.typeOf(shape, method, call.parts[0]);
      if (receiver && /^(system\.)?http$/i.test(receiver)) this.send(file, call, `${where} (Http.send)`, mode, guardedAt(call.start));
    }
    for (const lit of facts.literals) this.literal(file, lit, mode);
    // Static fields initialised with a `callout:` endpoint, read by this method (its own class's, or `Other.FIELD`).
    for (const f of calloutFields(shape, method.cls)) {
      if (!facts.words.has(f.name.toLowerCase())) continue;
      this.callout(file, f.literal, `${where} (${f.literal.what})`, mode);
      this.literal(file, f.literal, mode);
    }
    for (const h of facts.handOffs) {
      const where = at(file, h, '');
      if (h.kind === 'platform-event') {
        this.handOffs.push({
          kind: 'platform-event',
          at: { ...where, message: `Apex method ${method.cls.name}.${method.name} publishes a platform event` },
          callsOut: false,
        });
        continue;
      }
      const name = h.className ?? (h.variable ? this.typeOf(shape, method, h.variable) : undefined);
      const target = name ? this.resolveClass(shape, method.cls, name) : undefined;
      if (!target) continue; // not in the project: never guess
      const allows = this.allowsCallouts(target);
      const what = h.kind === 'queueable' ? `enqueues Queueable ${target.decl.name}` : `starts batch ${target.decl.name}`;
      this.handOffs.push({
        kind: h.kind,
        at: { ...where, message: `Apex method ${method.cls.name}.${method.name} ${what}${allows ? ' (Database.AllowsCallouts)' : ''}` },
        callsOut: allows,
      });
      const entries = h.kind === 'queueable' ? ['execute'] : ['start', 'execute', 'finish'];
      for (const n of entries) for (const m of this.methodsOf(target, n)) this.visit(m.shape, m.method, 'async', false);
    }
    for (const call of facts.calls) {
      for (const target of this.resolveCall(shape, method, call.parts, call.ctor === true)) {
        const future = target.method.future;
        if (!future) {
          this.visit(target.shape, target.method, mode, guardedAt(call.start));
          continue;
        }
        this.handOffs.push({
          kind: 'future',
          at: at(
            file,
            call,
            `Apex method ${method.cls.name}.${method.name} calls @future${future.callout ? '(callout=true)' : ''} method ${target.method.cls.name}.${target.method.name}`,
          ),
          callsOut: future.callout,
        });
        if (future.callout) this.visit(target.shape, target.method, 'async', false);
      }
    }
    // `Other.FIELD`, where Other is a class (not a variable) with a field initialised with a callout endpoint.
    for (const r of facts.fieldReads) {
      if (this.typeOf(shape, method, r.owner) !== undefined) continue;
      const owner = this.resolveClass(shape, method.cls, r.owner);
      if (!owner) continue;
      const field = calloutFields(owner.shape, owner.decl).find((f) => f.name.toLowerCase() === r.field.toLowerCase());
      if (!field) continue;
      this.callout(owner.shape.file, field.literal, `Apex method ${method.cls.name}.${method.name} calls out (${field.literal.what})`, mode);
      this.literal(owner.shape.file, field.literal, mode);
    }
  }

  private callout(file: SourceFile, site: { start: number; end: number }, message: string, mode: Mode): void {
    if (mode === 'sync') this.sync ??= at(file, site, message);
  }

  private send(file: SourceFile, site: { start: number; end: number }, message: string, mode: Mode, guarded: boolean): void {
    if (mode !== 'sync') return;
    this.sync ??= at(file, site, message);
    if (guarded) this.guardedSends++;
    else this.unguarded ??= at(file, site, message);
  }

  private literal(file: SourceFile, lit: LiteralSite, mode: Mode): void {
    if (!lit.credential) {
      this.dynamic = true;
      return;
    }
    const c = lit.credential;
    if (!this.credentials.some((t) => t.file === file && t.credential.start === c.start && (t.mode === mode || t.mode === 'sync'))) {
      this.credentials.push({ credential: c, file, mode });
    }
  }

  /** Whether a Queueable or batch class (or a class it extends) implements Database.AllowsCallouts. */
  private allowsCallouts(ref: ClassRef): boolean {
    let cur: ClassRef | undefined = ref;
    for (let depth = 0; cur && depth < 5; depth++) {
      if (cur.decl.allowsCallouts) return true;
      cur = cur.decl.extendsName ? this.resolveClass(cur.shape, cur.decl, cur.decl.extendsName) : undefined;
    }
    return false;
  }

  /** The methods named `name` of a class, or of the classes it extends (the nearest that declares it). */
  private methodsOf(ref: ClassRef, name: string): { shape: ApexFileShape; method: ApexMethod }[] {
    let cur: ClassRef | undefined = ref;
    for (let depth = 0; cur && depth < 5; depth++) {
      const found = methodsNamed(cur.decl, name);
      if (found.length) return found.map((method) => ({ shape: cur!.shape, method }));
      cur = cur.decl.extendsName ? this.resolveClass(cur.shape, cur.decl, cur.decl.extendsName) : undefined;
    }
    return [];
  }

  private resolveCall(shape: ApexFileShape, method: ApexMethod, parts: readonly string[], ctor: boolean): { shape: ApexFileShape; method: ApexMethod }[] {
    const here: ClassRef = { shape, decl: method.cls };
    if (parts.length === 1) {
      // An unqualified call: a method of this class, or of a class it is nested in.
      for (let c: ApexClassDecl | undefined = method.cls; c; c = c.outer) {
        const found = this.methodsOf({ shape, decl: c }, parts[0]);
        if (found.length) return found;
      }
      return [];
    }
    const head = parts[0].toLowerCase();
    const name = parts[parts.length - 1];
    if (parts.length === 2 && head === 'this') return this.methodsOf(here, name);
    if (parts.length === 2 && head === 'super') {
      const parent = method.cls.extendsName ? this.resolveClass(shape, method.cls, method.cls.extendsName) : undefined;
      return parent ? this.methodsOf(parent, name) : [];
    }
    if (parts.length === 2) {
      // A variable (locals and fields shadow class names), else a class.
      const type = ctor ? undefined : this.typeOf(shape, method, parts[0]);
      const target = this.resolveClass(shape, method.cls, type ?? parts[0]);
      return target ? this.methodsOf(target, name) : [];
    }
    if (parts.length === 3) {
      const target = this.resolveClass(shape, method.cls, `${parts[0]}.${parts[1]}`);
      return target ? this.methodsOf(target, name) : [];
    }
    return [];
  }

  /** The declared type of a variable in a method: its parameters and body, then its class's fields. */
  private typeOf(shape: ApexFileShape, method: ApexMethod, variable: string): string | undefined {
    const name = variable.toLowerCase();
    return declarations(shape, method.paramsStart, method.bodyEnd).get(name) ?? declarations(shape, method.cls.bodyStart, method.cls.bodyEnd).get(name);
  }

  /**
   * A class by name as seen from a class of a file: an inner class (of it or a class it is nested in),
   * the file's own class, `Outer.Inner`, then a class of the project (`ns__Name` / `ns.Name` of this
   * project's namespace included). Undefined for anything else: standard classes, other packages.
   */
  private resolveClass(shape: ApexFileShape, from: ApexClassDecl, name: string): ClassRef | undefined {
    const dotted = name.split('.').map((p) => p.trim());
    if (dotted.length === 1) {
      const lower = name.toLowerCase();
      for (let c: ApexClassDecl | undefined = from; c; c = c.outer) {
        if (c.name.toLowerCase() === lower) return { shape, decl: c };
        const inner = c.inner.find((i) => i.name.toLowerCase() === lower);
        if (inner) return { shape, decl: inner };
      }
      return this.projectClass(name);
    }
    if (dotted.length === 2) {
      const ns = this.project.namespace;
      if (ns && dotted[0].toLowerCase() === ns.toLowerCase()) return this.projectClass(dotted[1]);
      const outer = this.resolveClass(shape, from, dotted[0]);
      const inner = outer?.decl.inner.find((i) => i.name.toLowerCase() === dotted[1].toLowerCase());
      return outer && inner ? { shape: outer.shape, decl: inner } : undefined;
    }
    return undefined;
  }

  private projectClass(name: string): ClassRef | undefined {
    const local = this.project.localName(name);
    if (local === undefined || this.project.index.pathOf('apex', local) === undefined) return undefined;
    const file = this.project.fileNamed('apex', local);
    if (!file || file.tooLarge) return undefined;
    const shape = apexShapeOf(file);
    const decl = classNamed(shape, local);
    return decl && decl.outer === undefined ? { shape, decl } : undefined;
  }
}

function at(file: SourceFile, site: { start: number; end: number }, message: string): ReportRelated {
  return { path: file.path, start: site.start, end: site.end, message };
}

/** The variables declared in a range of a file version (a method, a class body), scanned once per range. */
const DECLARATIONS = memoKey<Map<string, ReadonlyMap<string, string>>>('Apex declarations per range');

function declarations(shape: ApexFileShape, from: number, to: number): ReadonlyMap<string, string> {
  const byRange = shape.file.memo.get(DECLARATIONS, () => new Map());
  const key = `${from}:${to}`;
  let found = byRange.get(key);
  if (!found) byRange.set(key, (found = declarationsIn(shape.lexed.code, from, to)));
  return found;
}
