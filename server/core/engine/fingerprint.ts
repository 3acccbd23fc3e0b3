/**
 * What a finding is about, as a short stable string: the rule, the XPath-like path of the element the
 * finding starts in (named steps where elements have names), the attribute it points into, and the text
 * it points at. No line numbers and no message wording: an edit above a finding, or a new wording of
 * its message, leaves the fingerprint as it was. Baselines match on it; SARIF carries it as a partial
 * fingerprint and GitLab as the fingerprint (each with the file's path).
 */
import type { SourceFile } from '../project/source-file';
import { hash64 } from '../text/hash';
import { childAt, textOf } from '../xml/dom';
import type { XmlElement } from '../xml/types';

/** Text a finding points at longer than this (a whole element) says nothing the element path does not. */
const MAX_ANCHOR = 120;

/**
 * The element path of `offset`: `mule/flow[@name='orders']/salesforce:create[1]/@config-ref`. A step
 * is named by the element's `name` attribute, or by a `<name>` child (Salesforce metadata: Flow
 * elements, credentials), else by its position among the siblings of the same name.
 */
export function elementPath(file: SourceFile, offset: number): string {
  if (file.tooLarge || !file.path.toLowerCase().endsWith('.xml')) return '';
  const root = file.xml.root;
  if (!root || offset < root.start || offset >= root.end) return '';
  const steps: string[] = [];
  let el: XmlElement | null = root;
  let last: XmlElement = root;
  while (el) {
    steps.push(step(file.text, el));
    last = el;
    el = childAt(el.children, offset);
  }
  if (offset < last.openEnd) {
    for (const a of last.attrs) {
      if (offset >= a.start && offset < a.end) {
        steps.push(`@${a.name}`);
        break;
      }
    }
  }
  return steps.join('/');
}

function step(text: string, el: XmlElement): string {
  const name = el.attr('name');
  if (name !== undefined) return `${el.name}[@name=${quote(name)}]`;
  for (const c of el.children) {
    if (c.local === 'name' && c.children.length === 0) return `${el.name}[name=${quote(textOf(text, c).trim())}]`;
  }
  const siblings = el.parent?.children ?? [el];
  let n = 0;
  for (const s of siblings) {
    if (s.name === el.name) n++;
    if (s === el) break;
  }
  return `${el.name}[${n}]`;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The text a finding points at, whitespace collapsed; empty when it is long (a whole element). */
export function anchorText(file: SourceFile, start: number, end: number): string {
  if (end - start > MAX_ANCHOR * 4) return '';
  const t = file.text.slice(start, end).replace(/\s+/g, ' ').trim();
  return t.length > MAX_ANCHOR ? '' : t;
}

/** The key of a finding before its occurrence number (several findings may share one). */
export function fingerprintKey(ruleId: string, file: SourceFile, start: number, end: number): string {
  return `${ruleId}\u0000${elementPath(file, start)}\u0000${anchorText(file, start, end)}`;
}

/** The fingerprint of the `occurrence`-th finding (0-based, in the order reported) with this key. */
export function fingerprintOf(key: string, occurrence: number): string {
  return hash64(occurrence === 0 ? key : `${key}\u0000${occurrence}`);
}
