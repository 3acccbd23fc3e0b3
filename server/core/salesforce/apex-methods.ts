/**
 * The shape of an Apex file: its classes (top level and inner) with what they implement, and their
 * methods with annotations and body ranges. Found by brace matching on the lexed code (comments and
 * string contents blanked, so braces, semicolons and annotations are matched on code only), with one
 * pass over the braces and semicolons: a `{` directly inside a class body opens a class, a method (its
 * header ends in `name(…)`) or some other block (a property, an initialiser). Enough to follow a Flow's
 * Apex action from its `@InvocableMethod` through the calls it makes; not a compiler.
 */
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import { lexedApexOf, type LexedApex } from './apex';

export interface ApexClassDecl {
  /** As written. */
  readonly name: string;
  readonly outer: ApexClassDecl | undefined;
  /** Offset of the class name. */
  readonly nameStart: number;
  /** Offsets of the body's `{` and just after its `}`. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** `implements … Database.AllowsCallouts`. */
  readonly allowsCallouts: boolean;
  readonly queueable: boolean;
  readonly batchable: boolean;
  /** The class it extends, as written (a class of the file or of the project). */
  readonly extendsName: string | undefined;
  readonly methods: readonly ApexMethod[];
  readonly inner: readonly ApexClassDecl[];
}

export interface ApexMethod {
  readonly name: string;
  readonly cls: ApexClassDecl;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Offsets of the parameter list's `(` and `)`. */
  readonly paramsStart: number;
  readonly paramsEnd: number;
  /** Offsets of the body's `{` and just after its `}`. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** `@InvocableMethod`, and its range when present. */
  readonly invocable: { readonly callout: boolean; readonly start: number; readonly end: number } | undefined;
  /** `@future`, and whether it may call out. */
  readonly future: { readonly callout: boolean; readonly start: number; readonly end: number } | undefined;
}

export interface ApexFileShape {
  readonly file: SourceFile;
  readonly lexed: LexedApex;
  /** Top-level classes (one, in a deployable file). */
  readonly classes: readonly ApexClassDecl[];
}

interface MutableClass {
  name: string;
  outer: MutableClass | undefined;
  nameStart: number;
  bodyStart: number;
  bodyEnd: number;
  allowsCallouts: boolean;
  queueable: boolean;
  batchable: boolean;
  extendsName: string | undefined;
  methods: ApexMethod[];
  inner: MutableClass[];
}

interface MutableMethod {
  name: string;
  cls: MutableClass;
  nameStart: number;
  nameEnd: number;
  paramsStart: number;
  paramsEnd: number;
  bodyStart: number;
  bodyEnd: number;
  invocable: ApexMethod['invocable'];
  future: ApexMethod['future'];
}

type Frame = { readonly kind: 'class'; readonly cls: MutableClass } | { readonly kind: 'method'; readonly method: MutableMethod } | { readonly kind: 'block' };
const BLOCK: Frame = Object.freeze({ kind: 'block' });

const SHAPE = memoKey<ApexFileShape>('apex file shape');

/** The classes and methods of an Apex file, memoised on the file's version. */
export function apexShapeOf(file: SourceFile): ApexFileShape {
  return file.memo.get(SHAPE, () => parseShape(file));
}

/** Words that end a header with `(…)` without declaring a method (control blocks never sit in a class body, but broken code may put them there). */
const NOT_METHOD: ReadonlySet<string> = new Set(['if', 'for', 'while', 'switch', 'catch', 'when', 'new', 'return', 'else', 'do', 'try', 'finally', 'on']);

const CLASS_HEADER = /\b(class|interface|enum)\s+([A-Za-z_]\w*)/gi;
const INVOCABLE = /@InvocableMethod\b(\s*\([^)]*\))?/i;
const FUTURE = /@future\b(\s*\([^)]*\))?/i;
const CALLOUT_TRUE = /\bcallout\s*=\s*true\b/i;

function parseShape(file: SourceFile): ApexFileShape {
  const lexed = lexedApexOf(file);
  const code = lexed.code;
  const classes: MutableClass[] = [];
  const stack: Frame[] = [];
  const re = /[{};]/g;
  let boundary = 0;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const i = m.index;
    const ch = code.charCodeAt(i);
    if (ch === 0x7b /* { */) {
      const parent = stack.length ? stack[stack.length - 1] : undefined;
      let frame = BLOCK;
      if (!parent || parent.kind === 'class') {
        const outer = parent?.kind === 'class' ? parent.cls : undefined;
        const cls = classHeader(code, boundary, i, outer);
        if (cls) {
          (outer ? outer.inner : classes).push(cls);
          frame = { kind: 'class', cls };
        } else if (outer) {
          const method = methodHeader(code, boundary, i, outer);
          if (method) {
            outer.methods.push(method);
            frame = { kind: 'method', method };
          }
        }
      }
      stack.push(frame);
    } else if (ch === 0x7d /* } */) {
      const frame = stack.pop();
      if (frame?.kind === 'class') frame.cls.bodyEnd = i + 1;
      else if (frame?.kind === 'method') frame.method.bodyEnd = i + 1;
    }
    boundary = i + 1;
  }
  // Unclosed bodies (broken code) end with the file.
  for (const frame of stack) {
    if (frame.kind === 'class' && frame.cls.bodyEnd < 0) frame.cls.bodyEnd = code.length;
    else if (frame.kind === 'method' && frame.method.bodyEnd < 0) frame.method.bodyEnd = code.length;
  }
  return { file, lexed, classes };
}

function classHeader(code: string, from: number, brace: number, outer: MutableClass | undefined): MutableClass | undefined {
  const header = code.slice(from, brace);
  let last: RegExpMatchArray | undefined;
  for (const m of header.matchAll(CLASS_HEADER)) last = m;
  if (!last) return undefined;
  const tail = header.slice(last.index! + last[0].length);
  const ext = /\bextends\s+([A-Za-z_][\w.]*)/i.exec(tail);
  return {
    name: last[2],
    outer,
    nameStart: from + last.index! + last[0].length - last[2].length,
    bodyStart: brace,
    bodyEnd: -1,
    allowsCallouts: /\bDatabase\s*\.\s*AllowsCallouts\b/i.test(tail),
    queueable: /\bQueueable\b/i.test(tail),
    batchable: /\bDatabase\s*\.\s*Batchable\b/i.test(tail),
    extendsName: ext ? ext[1] : undefined,
    methods: [],
    inner: [],
  };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** `… name(params) {`: the method whose body opens at `brace`, or undefined for any other block. */
function methodHeader(code: string, from: number, brace: number, cls: MutableClass): MutableMethod | undefined {
  let k = brace - 1;
  while (k >= from && isSpace(code.charCodeAt(k))) k--;
  if (k < from || code.charCodeAt(k) !== 0x29 /* ) */) return undefined;
  const paramsEnd = k;
  let depth = 0;
  for (; k >= from; k--) {
    const c = code.charCodeAt(k);
    if (c === 0x29) depth++;
    else if (c === 0x28 /* ( */ && --depth === 0) break;
  }
  if (k < from) return undefined;
  const paramsStart = k;
  k--;
  while (k >= from && isSpace(code.charCodeAt(k))) k--;
  const nameEnd = k + 1;
  while (k >= from && isWordChar(code.charCodeAt(k))) k--;
  const nameStart = k + 1;
  if (nameStart === nameEnd) return undefined;
  const name = code.slice(nameStart, nameEnd);
  if (NOT_METHOD.has(name.toLowerCase()) || (k >= from && code.charCodeAt(k) === 0x2e) /* . */) return undefined;
  const before = code.slice(from, nameStart);
  return {
    name,
    cls,
    nameStart,
    nameEnd,
    paramsStart,
    paramsEnd,
    bodyStart: brace,
    bodyEnd: -1,
    invocable: annotation(INVOCABLE, before, from),
    future: annotation(FUTURE, before, from),
  };
}

function annotation(re: RegExp, before: string, offset: number): { callout: boolean; start: number; end: number } | undefined {
  const m = re.exec(before);
  if (!m) return undefined;
  return { callout: m[1] !== undefined && CALLOUT_TRUE.test(m[1]), start: offset + m.index, end: offset + m.index + m[0].length };
}

/** Every class of the file, inner classes included (outer first). */
export function allClasses(shape: ApexFileShape): ApexClassDecl[] {
  const out: ApexClassDecl[] = [];
  const visit = (c: ApexClassDecl) => {
    out.push(c);
    for (const i of c.inner) visit(i);
  };
  for (const c of shape.classes) visit(c);
  return out;
}

/** The class named `name` (case-insensitively) among the file's classes: the top-level one or an inner one. */
export function classNamed(shape: ApexFileShape, name: string): ApexClassDecl | undefined {
  const lower = name.toLowerCase();
  for (const c of allClasses(shape)) if (c.name.toLowerCase() === lower) return c;
  return undefined;
}

/** Methods of a class by name (case-insensitively: Apex is), overloads included. */
export function methodsNamed(cls: ApexClassDecl, name: string): ApexMethod[] {
  const lower = name.toLowerCase();
  return cls.methods.filter((m) => m.name.toLowerCase() === lower);
}
