/** Reading Salesforce metadata XML: leaf values and their ranges, matched by local name. */
import { textOf, textRange } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { SourceFile } from '../project/source-file';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export interface Located<T = string> {
  readonly value: T;
  readonly start: number;
  readonly end: number;
}

export function kids(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function kid(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

/** The trimmed text of a child leaf element, with its range; undefined when absent. */
export function leaf(file: SourceFile, el: XmlElement, local: string): Located | undefined {
  const c = kid(el, local);
  if (!c) return undefined;
  const r = textRange(file.text, c);
  return { value: textOf(file.text, c).trim(), start: r.start, end: r.end };
}

export function leafValue(file: SourceFile, el: XmlElement, local: string): string | undefined {
  return leaf(file, el, local)?.value;
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
export function apiNameOf(path: string, suffix: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.toLowerCase().endsWith(suffix.toLowerCase()) ? base.slice(0, base.length - suffix.length) : base;
}
