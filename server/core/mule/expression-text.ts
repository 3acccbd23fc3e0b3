/**
 * The text of attribute values and element content as Mule reads it (entities decoded, CDATA unwrapped),
 * with the offset of every character in the file, and the key/value pairs written in it: DataWeave
 * object fields (`password: 'x'`, `"client_secret" : "y"`, `urn#password: "z"`), query strings
 * (`grant_type=password&password=x`) and XML elements inside a literal (`<urn:password>x</urn:password>`).
 * Scanning is lexical: a value is reported as a literal only when it is one, and offsets point into the file.
 */
import { forEachContentRun } from '../xml/dom';
import { decodeEntities } from '../xml/entities';
import type { XmlAttribute, XmlElement } from '../xml/types';

/** Decoded text with the file offset of each of its characters (and one past the end). */
export interface SourceText {
  readonly text: string;
  /** File offset of the character at decoded index `i` (`i === text.length` gives the end). */
  offsetAt(i: number): number;
}

/** Decoded text collected run by run, with the file offset of each UTF-16 unit. */
interface Runs {
  readonly texts: string[];
  readonly offsets: number[];
}

/** Decodes `raw` (which starts at file offset `base`) as the scanner does (`decodeEntities`), keeping each unit's offset. */
function decodeFrom(raw: string, base: number, cdata: boolean, out: Runs): void {
  if (cdata) {
    out.texts.push(raw);
    for (let i = 0; i < raw.length; i++) out.offsets.push(base + i);
    return;
  }
  const from = out.offsets.length;
  out.texts.push(decodeEntities(raw, false, undefined, out.offsets));
  for (let k = from; k < out.offsets.length; k++) out.offsets[k] += base;
}

function build(parts: Runs, end: number): SourceText {
  const offsets = parts.offsets;
  offsets.push(end);
  return { text: parts.texts.join(''), offsetAt: (i) => offsets[Math.max(0, Math.min(i, offsets.length - 1))] };
}

/** An attribute's value as Mule reads it. */
export function attributeText(fileText: string, a: XmlAttribute): SourceText {
  const parts: Runs = { texts: [], offsets: [] };
  decodeFrom(fileText.slice(a.valueStart, a.valueEnd), a.valueStart, false, parts);
  return build(parts, a.valueEnd);
}

/** The character data directly inside `el` (text and CDATA), child elements and comments left out. */
export function contentText(fileText: string, el: XmlElement): SourceText {
  const parts: Runs = { texts: [], offsets: [] };
  forEachContentRun(fileText, el, (s, e, cdata) => decodeFrom(fileText.slice(s, e), s, cdata, parts));
  return build(parts, el.closeStart);
}

/** A key and the text of its value, with decoded offsets into the scanned text. */
export interface Pair {
  /** The key without quotes and without a namespace prefix (`urn#password` → `password`). */
  readonly key: string;
  readonly keyStart: number;
  /** The value expression as written (trimmed). */
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value's leading string literal (`'x' ++ p('y')` → `x`), with its range including the quotes. */
  readonly literal?: { readonly text: string; readonly start: number; readonly end: number };
}

const KEY_CHAR = /[\w.#$-]/;

/** The string literal starting at `i` (a quote), or undefined when the text there is not one. */
function stringAt(text: string, i: number): { text: string; end: number } | undefined {
  const q = text[i];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  let out = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\' && j + 1 < text.length) {
      out += text[j + 1];
      j++;
    } else if (c === q) return { text: out, end: j + 1 };
    else out += c;
  }
  return undefined;
}

/**
 * Fields of DataWeave object literals anywhere in `text`, nested ones included. A field is a key (an
 * identifier, a namespaced name or a quoted string) after `{` or `,`, then `:` (not `::`), then a value
 * running to the next `,` or closing bracket at the same depth.
 */
export function objectPairs(text: string): Pair[] {
  const out: Pair[] = [];
  const n = text.length;
  /** Whether a key may start here: the last significant character was `{` or `,`. */
  let expectKey = false;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '{' || c === ',') {
      expectKey = true;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (!expectKey) {
      if (c === '"' || c === "'" || c === '`') {
        const s = stringAt(text, i);
        if (s) i = s.end - 1;
      }
      continue;
    }
    expectKey = false;
    let keyEnd: number;
    let key: string;
    if (c === '"' || c === "'") {
      const s = stringAt(text, i);
      if (!s) continue;
      key = s.text;
      keyEnd = s.end;
    } else if (KEY_CHAR.test(c)) {
      let j = i;
      while (j < n && KEY_CHAR.test(text[j])) j++;
      key = text.slice(i, j);
      keyEnd = j;
    } else continue;
    let j = keyEnd;
    while (j < n && /\s/.test(text[j])) j++;
    if (text[j] !== ':' || text[j + 1] === ':') {
      i = keyEnd - 1;
      continue;
    }
    const keyStart = i;
    let v = j + 1;
    while (v < n && /\s/.test(text[v])) v++;
    const valueEnd = valueEndFrom(text, v);
    const value = text.slice(v, valueEnd).trim();
    const lit = stringAt(text, v);
    out.push({
      key: bareKey(key),
      keyStart,
      value,
      valueStart: v,
      valueEnd: v + value.length,
      ...(lit ? { literal: { text: lit.text, start: v, end: lit.end } } : {}),
    });
    // Continue inside the value: nested objects hold fields too.
    i = v - 1;
  }
  return out;
}

/** Where a field's value ends: the next `,` or unmatched closing bracket at its own depth. */
function valueEndFrom(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const s = stringAt(text, i);
      if (s) {
        i = s.end - 1;
        continue;
      }
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return text.length;
}

/** `urn#password`, `ns0:password`, `'password'` → `password`. */
function bareKey(key: string): string {
  const hash = key.lastIndexOf('#');
  const k = hash >= 0 ? key.slice(hash + 1) : key;
  const colon = k.lastIndexOf(':');
  return colon >= 0 ? k.slice(colon + 1) : k;
}

/** `key=value` pairs of query strings or form bodies in `text` (after `?`, `&`, a quote or the start). */
export function queryPairs(text: string): Pair[] {
  const out: Pair[] = [];
  const re = /(^|[?&"'\s])([A-Za-z_][\w.-]*)=([^&"'\s#]*)/g;
  for (const m of text.matchAll(re)) {
    const keyStart = m.index! + m[1].length;
    const valueStart = keyStart + m[2].length + 1;
    const value = m[3];
    out.push({
      key: m[2],
      keyStart,
      value,
      valueStart,
      valueEnd: valueStart + value.length,
      literal: { text: value, start: valueStart, end: valueStart + value.length },
    });
  }
  return out;
}

/** `<ns:key>value</ns:key>` written inside a literal (a SOAP envelope in a payload). */
export function xmlLiteralPairs(text: string): Pair[] {
  const out: Pair[] = [];
  const re = /<((?:[\w.-]+:)?([\w.-]+))(?:\s[^<>]*)?>([^<]*)<\/\1\s*>/g;
  for (const m of text.matchAll(re)) {
    const valueStart = m.index! + m[0].indexOf('>') + 1;
    const value = m[3];
    out.push({
      key: m[2],
      keyStart: m.index! + 1,
      value,
      valueStart,
      valueEnd: valueStart + value.length,
      literal: { text: value, start: valueStart, end: valueStart + value.length },
    });
  }
  return out;
}

/** The string literals of an expression (to find paths written inside `#[...]`). */
export function stringLiterals(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const s = stringAt(text, i);
    if (s) {
      out.push(s.text);
      i = s.end - 1;
    }
  }
  return out;
}
