/**
 * A tolerant, namespace-aware XML scanner that keeps exact offsets for elements, attributes and
 * attribute values. It never throws: well-formedness errors are collected (the first one is what
 * `xml/malformed` reports) and the scanner recovers so that the rest of the file can still be
 * analysed. No DTD is processed and no entity other than the five predefined ones and character
 * references is ever expanded, so external entities and expansion bombs are inert by construction.
 *
 * Chosen over saxes / htmlparser2 / fast-xml-parser by measurement (see ARCHITECTURE.md): it is
 * faster than all three on real Mule and Flow files and gives attribute *value* ranges, which the
 * quick fixes need.
 */
import { intern } from '../text/intern';
import { decodeEntities } from './entities';
import type { TextFacts, XmlAttribute, XmlComment, XmlDocument, XmlElement, XmlProblem } from './types';

/** Elements nested deeper than this are scanned for well-formedness but not materialised. */
export const MAX_ANALYSED_DEPTH = 256;
/** Errors kept per document; later ones are dropped. */
export const MAX_ERRORS = 50;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

type NsScope = Map<string, string>;

/**
 * How far the elements of one subtree under the root have moved since they were parsed. Every element
 * and attribute of the subtree shares one, so an edit before the subtree moves all of it at once
 * (`xml/incremental.ts`): offsets are stored as parsed and read through it.
 */
class Moved {
  delta = 0;
  constructor(
    /** The text the subtree was parsed from: attribute values are read from it (see `AttrSlot.Value`). */
    readonly text: string,
  ) {}
}

/**
 * The tree's element. Derived values (prefix, end of the name, the flags) are getters on the
 * prototype, so each of the millions of elements in a large workspace carries fewer fields: less to
 * allocate and less for the garbage collector to copy.
 */
/** What elements and attributes share: a qualified name, split once (see `splitQName`) and read through getters. */
class Named {
  constructor(
    /** The shared [name, prefix, local] triple. */
    protected readonly q: QName,
  ) {}
  get name(): string {
    return this.q[0];
  }
  get prefix(): string {
    return this.q[1];
  }
  get local(): string {
    return this.q[2];
  }
}

class Element extends Named implements XmlElement {
  children: XmlElement[] = NO_CHILDREN;
  private s: number;
  /** Where the start tag ends, times two, plus one for a self-closing tag (a field less per element; V8 strings are under 2^29 characters, so this stays a small integer). */
  private o: number;
  private c: number;
  private e: number;
  constructor(
    q: QName,
    readonly ns: string,
    start: number,
    openEnd: number,
    selfClosing: boolean,
    /** The attributes, flat: `ATTR_STRIDE` slots each (see `AttrSlot`). */
    private readonly a: AttrData,
    public parent: Element | null,
    readonly nsScope: NsScope,
    readonly moved: Moved,
  ) {
    super(q);
    this.s = start;
    this.o = openEnd * 2 + (selfClosing ? 1 : 0);
    this.c = openEnd;
    this.e = openEnd;
  }
  get start(): number {
    return this.s + this.moved.delta;
  }
  get openEnd(): number {
    return (this.o >> 1) + this.moved.delta;
  }
  get closeStart(): number {
    return this.c + this.moved.delta;
  }
  set closeStart(v: number) {
    this.c = v - this.moved.delta;
  }
  get end(): number {
    return this.e + this.moved.delta;
  }
  set end(v: number) {
    this.e = v - this.moved.delta;
  }
  get nameEnd(): number {
    return this.start + 1 + this.q[0].length;
  }
  get selfClosing(): boolean {
    return (this.o & 1) !== 0;
  }
  /** A new array of attribute objects on every call: the tree itself keeps them flat. */
  get attrs(): XmlAttribute[] {
    const a = this.a;
    if (a.length === 0) return [];
    const out: XmlAttribute[] = [];
    for (let i = 0; i < a.length; i += ATTR_STRIDE) out.push(this.attributeAt(i));
    return out;
  }
  attr(name: string): string | undefined {
    const i = this.slotOf(name);
    return i < 0 ? undefined : this.valueAt(i);
  }
  attrNode(name: string): XmlAttribute | undefined {
    const i = this.slotOf(name);
    return i < 0 ? undefined : this.attributeAt(i);
  }
  /** Where the attribute with this qualified name starts in the flat array (-1: none). */
  private slotOf(name: string): number {
    const a = this.a;
    for (let i = 0; i < a.length; i += ATTR_STRIDE) if ((a[i] as QName)[0] === name) return i;
    return -1;
  }
  /** An attribute's value: stored when entities made it differ from its text, read from the text otherwise. */
  private valueAt(i: number): string {
    const a = this.a;
    const v = a[i + AttrSlot.Value];
    return v !== undefined ? (v as string) : this.moved.text.slice(a[i + AttrSlot.ValueStart] as number, a[i + AttrSlot.ValueEnd] as number);
  }
  private attributeAt(i: number): XmlAttribute {
    const a = this.a;
    const q = a[i] as QName;
    return new Attribute(
      q,
      q[1] ? (this.nsScope.get(q[1]) ?? '') : '',
      this.valueAt(i),
      a[i + AttrSlot.Start] as number,
      a[i + AttrSlot.ValueStart] as number,
      a[i + AttrSlot.ValueEnd] as number,
      this.moved,
    );
  }
}

type MutableElement = Element;

/**
 * An element's attributes, stored flat in one array: five slots per attribute instead of an object
 * each (an attribute object and its array slot took 88 bytes, its slots take 40). Offsets are as
 * parsed and move with the element (see `Moved`); an attribute's namespace comes from the element's
 * scope.
 */
type AttrData = readonly (QName | string | number | undefined)[];
const enum AttrSlot {
  Name = 0,
  /**
   * The decoded value when entities make it differ from the text between the quotes; undefined
   * otherwise, and the value is read from the text when asked for. Rules read a few attributes of a
   * few elements (260,000 reads for the 1.4 million attributes of the bench's Mule apps): a string kept
   * for each was most of what the garbage collector copied of a Mule tree.
   */
  Value = 1,
  Start = 2,
  ValueStart = 3,
  ValueEnd = 4,
}
const ATTR_STRIDE = 5;

/**
 * A view of one attribute, made when a rule asks for the attribute itself (for its ranges): a new
 * object each time, so compare attributes by element and name, not by identity. It ends just after its
 * closing quote.
 */
class Attribute extends Named implements XmlAttribute {
  constructor(
    q: QName,
    readonly ns: string,
    readonly value: string,
    private readonly s: number,
    private readonly vs: number,
    private readonly ve: number,
    private readonly moved: Moved,
  ) {
    super(q);
  }
  get start(): number {
    return this.s + this.moved.delta;
  }
  get end(): number {
    return this.ve + 1 + this.moved.delta;
  }
  get valueStart(): number {
    return this.vs + this.moved.delta;
  }
  get valueEnd(): number {
    return this.ve + this.moved.delta;
  }
}

/**
 * Leaf elements share these: most elements of Flow metadata have no attributes and many have no
 * children. The attributes are frozen, so a stray push throws instead of corrupting every leaf. The
 * children are not: `for…of` over a frozen array leaves V8's optimised path (it allocates a result
 * object per step, ~60 MB in the bench's Mule half, where rules loop over children everywhere); the
 * `readonly` type of `XmlElement.children` keeps writes out instead.
 */
const NO_ATTRS: AttrData = Object.freeze([]);
const NO_CHILDREN: XmlElement[] = [];

/**
 * Qualified names repeat across files: split each once, and keep one copy of the name for every
 * element that carries it. Bounded so that hostile input cannot grow it.
 */
type QName = readonly [name: string, prefix: string, local: string];
const QNAMES = new Map<string, QName>();
const MAX_QNAMES = 20_000;
function splitQName(name: string): QName {
  let q = QNAMES.get(name);
  if (!q) {
    // The name is usually a slice of the document: the cache keeps the canonical copy (intern.ts), with
    // which the rules' comparisons against literal names are a pointer comparison.
    const cached = QNAMES.size < MAX_QNAMES;
    const own = cached ? intern(name) : name;
    const colon = own.indexOf(':');
    q = colon > 0 ? [own, intern(own.slice(0, colon)), intern(own.slice(colon + 1))] : [own, '', own];
    if (cached) QNAMES.set(own, q);
  }
  return q;
}

/**
 * Names by a hash of their characters, computed while the scanner reads them: a name seen before costs
 * one comparison in place instead of a slice and a lookup. Process-wide, like the name cache, and holding
 * only its (canonical) entries.
 */
const NAME_SLOTS = 4096;
const NAMES: (QName | undefined)[] = new Array<QName | undefined>(NAME_SLOTS).fill(undefined);

/**
 * Namespace URIs in their canonical form (see intern.ts): every element's `ns` is compared with the
 * constants in namespaces.ts. Bounded like the names.
 */
const URIS = new Map<string, string>();
function namespaceUri(value: string): string {
  let uri = URIS.get(value);
  if (uri === undefined) {
    uri = intern(value);
    if (URIS.size < MAX_QNAMES) URIS.set(uri, uri);
  }
  return uri;
}

/** Characters XML 1.0 forbids anywhere in a document. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is being matched
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Offset of the first character XML forbids, or -1. When the host has ruled out the control characters,
 * only the two non-characters are left: a native search each, which returns at once on the one-byte
 * strings most files decode to (they cannot hold them), instead of the expression's pass over every character.
 */
function firstForbiddenChar(text: string, facts: TextFacts | undefined): number {
  if (facts?.noControlChars !== true) return FORBIDDEN_CHAR.exec(text)?.index ?? -1;
  const a = text.indexOf('\uFFFE');
  const b = text.indexOf('\uFFFF');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

function isNameStart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    c === 95 || // _
    c === 58 || // :
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** `facts`: what the host already checked of the text (trusted: see `TextFacts`). */
export function parseXml(text: string, facts?: TextFacts): XmlDocument {
  return new Scanner(text).run(facts);
}

/**
 * Whether a re-parse of part of this document could differ from a full parse for reasons outside
 * that part: a DOCTYPE that declares entities, a forbidden character (only the first is reported), or
 * as many errors as are kept.
 */
export function hasDocumentWideState(doc: XmlDocument): boolean {
  // At the error cap, later errors were dropped: a fix in one place would bring them back.
  return (doc instanceof Document && doc.documentWide) || doc.errors.length >= MAX_ERRORS;
}

/** One element parsed on its own: offsets relative to the start of the text it was parsed from. */
export interface ParsedFragment {
  readonly el: XmlElement;
  readonly comments: XmlComment[];
  readonly errors: XmlProblem[];
}

/**
 * Parses `text`, which must be exactly one element, as a child of the root element `root` (for its
 * name and namespace declarations) without touching `root`. Returns undefined unless the element starts at offset 0,
 * ends exactly at the end of `text`, and no character XML forbids and no element beyond the depth limit
 * occurs: then the result is what a parse of the whole document would have built at that place (the
 * scanner's state after a closed child of the root is the same whatever the child held).
 */
export function parseRootChild(text: string, root: XmlElement): ParsedFragment | undefined {
  if (FORBIDDEN_CHAR.test(text)) return undefined;
  return new Scanner(text).rootChild(root);
}

/**
 * Moves a child of the root and everything in it by `delta` characters (an edit before it changed the
 * length of the text): one addition, whatever the subtree holds.
 */
export function moveRootChild(el: XmlElement, delta: number): void {
  (el as Element).moved.delta += delta;
}

/** Moves only the end tag of an element (its content grew or shrank by `delta`). */
export function shiftEndTag(el: XmlElement, delta: number): void {
  const e = el as Element;
  e.closeStart += delta;
  e.end += delta;
}

/** Puts `el` at `index` among `parent`'s children in place of the element there. */
export function replaceChild(parent: XmlElement, index: number, el: XmlElement): void {
  (parent as Element).children[index] = el;
  (el as Element).parent = parent as Element;
}

/**
 * A parsed document. A class, not an object literal: V8 moves the objects of a literal straight to the
 * old generation once most of them have lived long (as Mule trees do, for a whole app's analysis), and an
 * old object pointing into a young tree keeps that tree alive through every young collection until the
 * next full one: after the first Mule apps of a run, every Flow's tree would be copied and promoted.
 * Instances of a class are never pretenured.
 */
class Document implements XmlDocument {
  constructor(
    readonly text: string,
    readonly root: XmlElement | null,
    readonly comments: XmlComment[],
    readonly errors: XmlProblem[],
    readonly depthLimitAt: number | null,
    /**
     * Its DOCTYPE declares entities (references to them are then not reported as unknown), or it has a
     * character XML forbids (only the first is reported): a re-parse of part of it could differ.
     */
    readonly documentWide: boolean,
  ) {}
}

class Scanner {
  private readonly errors: XmlProblem[] = [];
  private readonly comments: XmlComment[] = [];
  private readonly stack: MutableElement[] = [];
  private root: MutableElement | null = null;
  private rootClosed = false;
  private doctypeDeclaresEntities = false;
  private depthLimitAt: number | null = null;
  /** Depth of unmaterialised elements currently open below the depth limit. */
  private skippedDepth = 0;
  private readonly skippedNames: string[] = [];
  /** Where the name `readName` read last ends. */
  private nameEnd = 0;
  /**
   * The children of the open element at each depth of the stack, gathered here and copied into an
   * array of exactly their number when it closes: arrays grown by push keep room for 16 more.
   */
  private readonly kids: Element[][] = [];
  private readonly kidCount: number[] = [];
  /** The attributes of the start tag being read (copied out at its end, for the same reason). */
  private readonly attrScratch: (QName | string | number | undefined)[] = [];
  /** Offset of the next '&' at or after the last text run or attribute value (n when there is none): one search per '&'. */
  private nextAmp = -1;
  /** Offset of the next '<' at or after the last attribute value (n when there is none). */
  private nextLt = -1;
  private readonly defaultScope: NsScope = new Map([
    ['xml', XML_NS],
    ['xmlns', XMLNS_NS],
  ]);

  constructor(private readonly text: string) {}

  run(facts?: TextFacts): XmlDocument {
    const text = this.text;
    const n = text.length;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const forbidden = firstForbiddenChar(text, facts);
    if (forbidden >= 0) {
      this.error(`Character U+${text.charCodeAt(forbidden).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, forbidden, forbidden + 1);
    }
    const contentStart = i;
    while (i < n) {
      const lt = text.indexOf('<', i);
      const runEnd = lt < 0 ? n : lt;
      if (runEnd > i) this.text_(i, runEnd);
      if (lt < 0) break;
      i = this.markup(lt, contentStart);
    }
    if (this.stack.length > 0 || this.skippedDepth > 0) {
      const open = this.stack[this.stack.length - 1];
      const name = this.skippedDepth > 0 ? this.skippedNames[this.skippedNames.length - 1] : open.name;
      this.error(`Element <${name}> is never closed`, n, n);
      for (let d = 0; d < this.stack.length; d++) {
        const el = this.stack[d];
        el.closeStart = n;
        el.end = n;
        this.settleChildren(el, d);
      }
    }
    if (!this.root) this.error('The document has no root element', n, n);
    return new Document(text, this.root, this.comments, this.errors, this.depthLimitAt, this.doctypeDeclaresEntities || forbidden >= 0);
  }

  /** The markup that starts at `lt` (a '<'); returns the offset after it. */
  private markup(lt: number, contentStart: number): number {
    const c = this.text.charCodeAt(lt + 1);
    if (c === 33 /* ! */) return this.bang(lt);
    if (c === 63 /* ? */) return this.processingInstruction(lt, contentStart);
    if (c === 47 /* / */) return this.endTag(lt);
    if (isNameStart(c)) return this.startTag(lt);
    this.error("'<' must start a tag (escape a literal '<' as &lt;)", lt, lt + 1);
    return lt + 1;
  }

  /** See `parseRootChild`. */
  rootChild(root: XmlElement): ParsedFragment | undefined {
    const text = this.text;
    const n = text.length;
    if (text.charCodeAt(0) !== 60 || !isNameStart(text.charCodeAt(1))) return undefined;
    // A stand-in for the root with its name and scope, so that nothing here can change the real one.
    const proxy = new Element(splitQName(root.name), root.ns, 0, 0, false, NO_ATTRS, null, root.nsScope as NsScope, new Moved(this.text));
    this.open(proxy);
    let i = this.startTag(0);
    while (this.stack.length > 1 && i < n) {
      const lt = text.indexOf('<', i);
      const runEnd = lt < 0 ? n : lt;
      if (runEnd > i) this.text_(i, runEnd);
      if (lt < 0) {
        i = n;
        break;
      }
      i = this.markup(lt, -1);
    }
    const closed = this.stack.length === 1 && this.stack[0] === proxy;
    if (!closed || i !== n || this.kidCount[0] !== 1 || this.skippedDepth > 0 || this.depthLimitAt !== null || this.doctypeDeclaresEntities) return undefined;
    if (this.errors.length >= MAX_ERRORS) return undefined;
    return { el: this.kids[0][0], comments: this.comments, errors: this.errors };
  }

  private error(message: string, start: number, end: number): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, start, end });
  }

  /** Character data between markup. */
  private text_(from: number, to: number): void {
    const text = this.text;
    const top = this.stack[this.stack.length - 1];
    if (!top && this.skippedDepth === 0) {
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (!isSpace(c) && !(k === 0 && c === 0xfeff)) {
          this.error(this.root ? 'Text is not allowed after the root element' : 'Text is not allowed before the root element', k, k + 1);
          return;
        }
      }
      return;
    }
    if (this.nextAmp < from) {
      const found = text.indexOf('&', from);
      this.nextAmp = found < 0 ? text.length : found;
    }
    const amp = this.nextAmp;
    if (amp < to) {
      decodeEntities(text.slice(amp, to), this.doctypeDeclaresEntities, (issue) => this.error(issue.message, amp + issue.at, amp + issue.at + issue.length));
    }
  }

  private bang(lt: number): number {
    const text = this.text;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) {
        this.error('Comment is never closed (missing -->)', lt, text.length);
        return text.length;
      }
      this.comments.push({ start: lt, end: close + 3, body: text.slice(lt + 4, close) });
      return close + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (this.stack.length === 0 && this.skippedDepth === 0) this.error('CDATA is only allowed inside an element', lt, lt + 9);
      if (close < 0) {
        this.error('CDATA section is never closed (missing ]]>)', lt, text.length);
        return text.length;
      }
      return close + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt)) {
      if (this.root) this.error('DOCTYPE is only allowed before the root element', lt, lt + 9);
      return this.skipDoctype(lt);
    }
    this.error("Unknown markup declaration (expected '<!--', '<![CDATA[' or '<!DOCTYPE')", lt, lt + 2);
    return lt + 2;
  }

  /** Skips a DOCTYPE including its internal subset without interpreting any declaration. */
  private skipDoctype(lt: number): number {
    const text = this.text;
    let i = lt + 9;
    let bracket = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39) {
        const close = text.indexOf(String.fromCharCode(c), i + 1);
        if (close < 0) break;
        i = close + 1;
        continue;
      }
      if (c === 91) bracket++;
      else if (c === 93) bracket--;
      else if (c === 60 && text.startsWith('<!ENTITY', i)) this.doctypeDeclaresEntities = true;
      else if (c === 62 && bracket <= 0) return i + 1;
      i++;
    }
    this.error('DOCTYPE is never closed', lt, text.length);
    return text.length;
  }

  private processingInstruction(lt: number, contentStart: number): number {
    const text = this.text;
    const close = text.indexOf('?>', lt + 2);
    let k = lt + 2;
    while (k < text.length && isNameChar(text.charCodeAt(k))) k++;
    const target = text.slice(lt + 2, k);
    if (target.toLowerCase() === 'xml' && lt !== contentStart) {
      this.error('The XML declaration is only allowed at the very start of the file', lt, k);
    }
    if (close < 0) {
      this.error('Processing instruction is never closed (missing ?>)', lt, text.length);
      return text.length;
    }
    return close + 2;
  }

  private endTag(lt: number): number {
    const text = this.text;
    // The usual case first: `</name>` of the open element.
    const open = this.stack[this.stack.length - 1];
    if (open && this.skippedDepth === 0) {
      const after = lt + 2 + open.name.length;
      if (text.charCodeAt(after) === 62 /* > */ && text.startsWith(open.name, lt + 2)) {
        this.close(open, lt, after + 1);
        return after + 1;
      }
    }
    let k = lt + 2;
    while (k < text.length && isNameChar(text.charCodeAt(k))) k++;
    const name = text.slice(lt + 2, k);
    const nameEnd = k;
    while (k < text.length && isSpace(text.charCodeAt(k))) k++;
    let end: number;
    if (text.charCodeAt(k) === 62) {
      end = k + 1;
    } else {
      this.error(`End tag </${name}> is not closed with '>'`, lt, k);
      const gt = text.indexOf('>', k);
      const nextLt = text.indexOf('<', k);
      end = gt >= 0 && (nextLt < 0 || gt < nextLt) ? gt + 1 : k;
    }
    if (this.skippedDepth > 0) {
      const expected = this.skippedNames.pop()!;
      this.skippedDepth--;
      if (expected !== name) this.error(`Mismatched end tag </${name}>: expected </${expected}>`, lt, nameEnd);
      return end;
    }
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.error(`End tag </${name}> has no matching start tag`, lt, end);
      return end;
    }
    if (top.name === name) {
      this.close(top, lt, end);
      return end;
    }
    this.error(`Mismatched end tag </${name}>: expected </${top.name}>`, lt, nameEnd);
    // Recovery: if an enclosing element has this name, the elements above it were left unclosed.
    for (let d = this.stack.length - 2; d >= 0; d--) {
      if (this.stack[d].name === name) {
        while (this.stack.length - 1 > d) {
          const el = this.stack[this.stack.length - 1];
          this.close(el, lt, lt);
        }
        this.close(this.stack[d], lt, end);
        return end;
      }
    }
    return end; // a stray end tag: ignore it
  }

  /** Pushes `el` on the stack of open elements, with no children yet. */
  private open(el: MutableElement): void {
    const d = this.stack.length;
    this.stack.push(el);
    this.kidCount[d] = 0;
    if (this.kids.length <= d) this.kids.push([]);
  }

  /** Closes the innermost open element (always `el`). */
  private close(el: MutableElement, closeStart: number, end: number): void {
    el.closeStart = closeStart;
    el.end = end;
    this.settleChildren(el, this.stack.length - 1);
    this.stack.pop();
    if (el === this.root) this.rootClosed = true;
  }

  private settleChildren(el: MutableElement, depth: number): void {
    const count = this.kidCount[depth];
    if (count > 0) el.children = this.kids[depth].slice(0, count);
  }

  private startTag(lt: number): number {
    const text = this.text;
    const n = text.length;
    const q = this.readName(lt + 1);
    let k = this.nameEnd;
    const name = q[0];
    const prefix = q[1];
    const nameEnd = k;
    const depth = this.stack.length;
    // The root and each of its children start a subtree that moves as one (see `Moved`).
    const moved = depth <= 1 ? new Moved(text) : this.stack[depth - 1].moved;
    const scratch = this.attrScratch;
    let attrCount = 0;
    let hasNsDecl = false;
    let selfClosing = false;
    let openEnd: number;
    for (;;) {
      const wsStart = k;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (k >= n) {
        this.error(`Start tag <${name}> is not closed with '>'`, lt, n);
        openEnd = n;
        break;
      }
      const c = text.charCodeAt(k);
      if (c === 62 /* > */) {
        openEnd = k + 1;
        break;
      }
      if (c === 47 /* / */ && text.charCodeAt(k + 1) === 62) {
        selfClosing = true;
        openEnd = k + 2;
        break;
      }
      if (c === 60 /* < */) {
        this.error(`Start tag <${name}> is not closed with '>'`, lt, k);
        openEnd = k;
        break;
      }
      if (!isNameStart(c)) {
        this.error(`Unexpected character '${text[k]}' in start tag <${name}>`, k, k + 1);
        k++;
        continue;
      }
      if (k === wsStart && attrCount > 0) {
        this.error('Attributes must be separated by whitespace', k, k + 1);
      }
      const aStart = k;
      const aq = this.readName(k);
      k = this.nameEnd;
      const aName = aq[0];
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 61 /* = */) {
        this.error(`Attribute '${aName}' has no value (expected ="...")`, aStart, k);
        continue;
      }
      k++;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const q = text.charCodeAt(k);
      if (q !== 34 && q !== 39) {
        this.error(`The value of attribute '${aName}' must be quoted`, aStart, k);
        continue;
      }
      const close = text.indexOf(q === 34 ? '"' : "'", k + 1);
      if (close < 0) {
        this.error(`The value of attribute '${aName}' is never closed`, aStart, n);
        openEnd = n;
        break;
      }
      const valueStart = k + 1;
      // The next '<' and '&' are each searched for once for the whole document, not once per attribute.
      if (this.nextLt < valueStart) {
        const found = text.indexOf('<', valueStart);
        this.nextLt = found < 0 ? n : found;
      }
      if (this.nextLt < close) {
        this.error(`'<' is not allowed in the value of attribute '${aName}' (escape it as &lt;)`, this.nextLt, this.nextLt + 1);
      }
      for (let j = 0; j < attrCount; j += ATTR_STRIDE) {
        if ((scratch[j] as QName)[0] === aName) {
          this.error(`Attribute '${aName}' is specified more than once`, aStart, aStart + aName.length);
          break;
        }
      }
      if (aName === 'xmlns' || aq[1] === 'xmlns') hasNsDecl = true;
      scratch[attrCount + AttrSlot.Name] = aq;
      if (this.nextAmp < valueStart) {
        const found = text.indexOf('&', valueStart);
        this.nextAmp = found < 0 ? n : found;
      }
      scratch[attrCount + AttrSlot.Value] = this.nextAmp < close ? this.decode(text.slice(valueStart, close), valueStart) : undefined;
      scratch[attrCount + AttrSlot.Start] = aStart;
      scratch[attrCount + AttrSlot.ValueStart] = k + 1;
      scratch[attrCount + AttrSlot.ValueEnd] = close;
      attrCount += ATTR_STRIDE;
      k = close + 1;
    }

    if (this.skippedDepth > 0) {
      this.skipSubtree(name, selfClosing);
      return openEnd;
    }
    const attrs: AttrData = attrCount > 0 ? scratch.slice(0, attrCount) : NO_ATTRS;
    const parent = this.stack[this.stack.length - 1] ?? null;
    if (!parent && (this.root || this.rootClosed)) {
      this.error('Only one root element is allowed', lt, nameEnd);
      this.skipSubtree(name, selfClosing);
      return openEnd;
    }
    if (this.stack.length > MAX_ANALYSED_DEPTH) {
      if (this.depthLimitAt === null) this.depthLimitAt = lt;
      this.skipSubtree(name, selfClosing);
      return openEnd;
    }

    // Namespace declarations first, then resolution of the element and attribute prefixes.
    const inherited = parent ? parent.nsScope : this.defaultScope;
    let scope = inherited;
    if (hasNsDecl) {
      for (let j = 0; j < attrCount; j += ATTR_STRIDE) {
        const aq = attrs[j] as QName;
        if (aq[0] === 'xmlns' || aq[1] === 'xmlns') {
          if (scope === inherited) scope = new Map(scope);
          const v = attrs[j + AttrSlot.Value];
          scope.set(
            aq[0] === 'xmlns' ? '' : aq[2],
            namespaceUri(v !== undefined ? (v as string) : text.slice(attrs[j + AttrSlot.ValueStart] as number, attrs[j + AttrSlot.ValueEnd] as number)),
          );
        }
      }
    }
    let ns = scope.get(prefix) ?? '';
    if (prefix && !scope.has(prefix)) {
      this.error(`Namespace prefix '${prefix}' is not declared`, lt + 1, lt + 1 + prefix.length);
      ns = '';
    }
    for (let j = 0; j < attrCount; j += ATTR_STRIDE) {
      const aPrefix = (attrs[j] as QName)[1];
      if (aPrefix && !scope.has(aPrefix)) {
        const aStart = attrs[j + AttrSlot.Start] as number;
        this.error(`Namespace prefix '${aPrefix}' is not declared`, aStart, aStart + aPrefix.length);
      }
    }

    const el = new Element(q, ns, lt, openEnd, selfClosing, attrs, parent, scope, moved);
    if (parent) {
      const d = this.stack.length - 1;
      this.kids[d][this.kidCount[d]++] = el;
    } else this.root = el;
    if (!selfClosing) this.open(el);
    return openEnd;
  }

  /** The name that starts at `from` (a name start character); sets `nameEnd`. */
  private readName(from: number): QName {
    const text = this.text;
    const n = text.length;
    let k = from;
    let h = 0;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (!isNameChar(c)) break;
      h = (Math.imul(h, 31) + c) | 0;
    }
    this.nameEnd = k;
    const slot = h & (NAME_SLOTS - 1);
    const seen = NAMES[slot];
    if (seen !== undefined && seen[0].length === k - from && text.startsWith(seen[0], from)) return seen;
    const q = splitQName(text.slice(from, k));
    // Only cached names are canonical copies: anything else would keep a slice of this document alive.
    if (QNAMES.get(q[0]) === q) NAMES[slot] = q;
    return q;
  }

  private skipSubtree(name: string, selfClosing: boolean): void {
    if (selfClosing) return;
    this.skippedDepth++;
    this.skippedNames.push(name);
  }

  private decode(raw: string, offset: number): string {
    if (raw.indexOf('&') < 0) return raw;
    return decodeEntities(raw, this.doctypeDeclaresEntities, (issue) => this.error(issue.message, offset + issue.at, offset + issue.at + issue.length));
  }
}
