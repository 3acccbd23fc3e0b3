/** Reading Salesforce metadata XML: leaf values and their ranges, matched by local name. */
import { textOf, textRange } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { SourceFile } from '../project/source-file';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export interface Located<T = string> {
  readonly value: T;
  readonly start: number;
  readonly end: number;
}

// Plain loops: these run for every node of every Flow, and a callback per call is an allocation each.
export function kids(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const children = el.children;
  for (let i = 0; i < children.length; i++) if (children[i].local === local) out.push(children[i]);
  return out;
}

export function kid(el: XmlElement, local: string): XmlElement | undefined {
  const children = el.children;
  for (let i = 0; i < children.length; i++) if (children[i].local === local) return children[i];
  return undefined;
}

/** The trimmed text of a child leaf element, with its range; undefined when absent. */
export function leaf(file: SourceFile, el: XmlElement, local: string): Located | undefined {
  const c = kid(el, local);
  if (!c) return undefined;
  const r = textRange(file.text, c);
  return { value: textOf(file.text, c).trim(), start: r.start, end: r.end };
}

/** The trimmed text of a child leaf element (its range is not worked out). */
export function leafValue(file: SourceFile, el: XmlElement, local: string): string | undefined {
  const c = kid(el, local);
  return c ? textOf(file.text, c).trim() : undefined;
}

export function leafBool(file: SourceFile, el: XmlElement, local: string): boolean | undefined {
  const v = leafValue(file, el, local);
  return v === undefined ? undefined : v.toLowerCase() === 'true';
}

/** The metadata root element when the file is the expected type (`<Flow>`, `<NamedCredential>` …). */
export function metadataRoot(file: SourceFile, local: string): XmlElement | undefined {
  const root = file.xml.root;
  if (!root || root.local !== local || (root.ns !== METADATA_NS && root.ns !== '')) return undefined;
  return root;
}

/** Metadata API name of a source-format file: `force-app/.../Foo.flow-meta.xml` → `Foo`. */
