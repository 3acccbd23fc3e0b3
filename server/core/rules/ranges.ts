/** Ranges rules report on. */
import type { XmlAttribute, XmlElement } from '../xml/types';

/** `<prefix:name` of an element's start tag: short, and it is what users look for. */
export function tagRange(el: XmlElement): { start: number; end: number } {
  return { start: el.start, end: el.nameEnd };
}

export function valueRange(a: XmlAttribute): { start: number; end: number } {
  return { start: a.valueStart, end: a.valueEnd };
}
