/** Small read helpers over the scanner's tree. */
import { decodeEntities } from './entities';
import type { XmlAttribute, XmlElement } from './types';

export function attr(el: XmlElement, name: string): string | undefined {
  return el.attr(name);
}

export function attrNode(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attrNode(name);
}

/** Child elements, optionally filtered by local name (and namespace URI). */
export function children(el: XmlElement, local?: string, ns?: string): readonly XmlElement[] {
  if (local === undefined) return el.children;
  return el.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns));
}

export function firstChild(el: XmlElement, local: string, ns?: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && (ns === undefined || c.ns === ns)) return c;
  return undefined;
}

/** Pre-order walk without recursion (documents can be deep). Return false from `visit` to skip a subtree. */
export function walk(root: XmlElement, visit: (el: XmlElement) => boolean | void): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (visit(el) === false) continue;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
}

export function ancestors(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let p = el.parent; p; p = p.parent) out.push(p);
  return out;
}

/**
 * Visits the runs of character data directly inside `el`, in order: text (`cdata` false, entities not yet
 * decoded) and CDATA sections (`cdata` true, without their markers); child elements and comments are skipped.
 */
export function forEachContentRun(text: string, el: XmlElement, visit: (start: number, end: number, cdata: boolean) => void): void {
  let i = el.openEnd;
  const end = el.closeStart;
  let childIndex = 0;
  while (i < end) {
    const lt = text.indexOf('<', i);
    const stop = lt < 0 || lt > end ? end : lt;
    if (stop > i) visit(i, stop, false);
    if (stop === end) break;
    if (text.startsWith('<![CDATA[', stop)) {
      const close = text.indexOf(']]>', stop + 9);
      const cEnd = close < 0 || close > end ? end : close;
      visit(stop + 9, cEnd, true);
      i = cEnd + 3;
    } else if (text.startsWith('<!--', stop)) {
      const close = text.indexOf('-->', stop + 4);
      i = close < 0 ? end : close + 3;
    } else {
      const child = el.children[childIndex];
      if (child && child.start === stop) {
        i = Math.max(child.end, stop + 1);
        childIndex++;
      } else {
        const gt = text.indexOf('>', stop);
        i = gt < 0 ? end : gt + 1;
      }
    }
  }
}

/**
 * The character data directly inside `el` (text and CDATA, entities decoded, whitespace kept), ignoring
 * child elements and comments. Leaf elements such as `<name>X</name>` are the common case. Asked for
 * rarely, so the scanner does not note which elements have text (a pass over every run of indentation).
 */
export function textOf(text: string, el: XmlElement): string {
  let out = '';
  forEachContentRun(text, el, (s, e, cdata) => {
    out += cdata ? text.slice(s, e) : decodeEntities(text.slice(s, e), true);
  });
  return out;
}

/** The child whose range holds `offset` (children are in document order: a binary search). */
export function childAt(children: readonly XmlElement[], offset: number): XmlElement | null {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return null;
}

/** The range of the trimmed text content of a leaf element (for findings on `<name>X</name>`). */
export function textRange(text: string, el: XmlElement): { start: number; end: number } {
  let s = el.openEnd;
  let e = el.closeStart;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}
