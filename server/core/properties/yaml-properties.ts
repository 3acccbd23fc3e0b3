/**
 * Flattens a Mule YAML properties file into dotted keys (`a: {b: 1}` → `a.b = "1"`).
 *
 * Most such files are nested `key: value` lines and nothing else. Those are read here directly
 * (`simpleYamlProperties`); anything else in a file — lists, flow collections, anchors, tags, block or
 * multi-line scalars, escapes, numbers that YAML would rewrite — hands the whole file to the `yaml`
 * library, which the direct reading must agree with wherever it answers (a property test checks this).
 * The library costs ~0.2 ms a call once warm and several ms while cold, for a file of five lines: a lint
 * of a hundred apps spent more time in it than in all their YAML-driven rules.
 */
import { parse } from 'yaml';

export function parseYamlProperties(text: string): Map<string, string> {
  return simpleYamlProperties(text) ?? libraryYamlProperties(text);
}

/** The whole file through the `yaml` library (YAML 1.2, core schema). */
export function libraryYamlProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false });
  } catch {
    return out; // an unreadable properties file resolves nothing: placeholders stay unknown
  }
  flatten(doc, '', out, 0);
  return out;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (value === null || value === undefined) {
    if (prefix) out.set(prefix, '');
    return;
  }
  if (Array.isArray(value)) {
    if (prefix) out.set(prefix, value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(','));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flatten(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
    }
    return;
  }
  if (prefix) out.set(prefix, String(value));
}

const MAX_DEPTH = 32;

/** Tabs, characters YAML does not print or treats specially (controls, surrogates, BOM, non-characters): left to the library. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is being matched
const UNUSUAL_CHAR = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

/** Keys read directly: plain, starting with a letter or '_' (never a number, a boolean or null in YAML). */
const SIMPLE_KEY = /^[A-Za-z_][\w.-]*$/;
const NON_STRING_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/** Plain values YAML's core schema keeps as written: integers that print back the same, and lower-case booleans. */
const SAME_AS_WRITTEN = /^(?:0|-?[1-9][0-9]{0,14}|true|false)$/;
/** Plain values that may be something other than their text (numbers, null, booleans in other cases, .inf, .nan). */
const MAYBE_NOT_TEXT = /^(?:[-+.0-9~]|(?:null|Null|NULL|True|TRUE|False|FALSE)$)/;
/** Characters that give a plain value's first character another meaning (flow collections, anchors, tags, block scalars…). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>%@`]/;

/**
 * The properties of a file made only of `key: value` lines, nested by indentation, with comments, blank
 * lines and single-line quoted or plain values; undefined when the file holds anything else (the library
 * then reads it). Exactly what `libraryYamlProperties` gives for the files it answers.
 */
export function simpleYamlProperties(text: string): Map<string, string> | undefined {
  if (UNUSUAL_CHAR.test(text)) return undefined;
  const out = new Map<string, string>();
  /** The open mappings, outermost first: their indentation, dotted path and keys so far. */
  const indents: number[] = [];
  const paths: string[] = [];
  const keys: Set<string>[] = [];
  /** A key with nothing after its colon: a nested mapping follows, or its value is null. */
  let open: string | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.charCodeAt(lineEnd - 1) === 13 ? text.slice(lineStart, lineEnd - 1) : text.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (line.includes('\r')) return undefined;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) continue;

    if (open !== undefined) {
      if (indents.length > 0 && indent > indents[indents.length - 1]) {
        if (indents.length >= MAX_DEPTH - 1) return undefined;
        indents.push(indent);
        paths.push(open);
        keys.push(new Set());
      } else out.set(open, '');
      open = undefined;
    }
    if (indents.length === 0) {
      indents.push(indent);
      paths.push('');
      keys.push(new Set());
    }
    while (indents.length > 0 && indent < indents[indents.length - 1]) {
      indents.pop();
      paths.pop();
      keys.pop();
    }
    if (indents.length === 0 || indent !== indents[indents.length - 1]) return undefined;

    const colon = line.indexOf(':', indent);
    if (colon < 0 || (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32)) return undefined;
    const key = trimSpacesEnd(line.slice(indent, colon)); // `key : value` is the key 'key'
    if (!SIMPLE_KEY.test(key) || NON_STRING_KEY.test(key) || key === '__proto__') return undefined;
    const siblings = keys[keys.length - 1];
    if (siblings.has(key)) return undefined;
    siblings.add(key);
    const parent = paths[paths.length - 1];
    const path = parent ? `${parent}.${key}` : key;
    const rest = line.slice(skipSpaces(line, colon + 1));
    if (rest === '' || rest.charCodeAt(0) === 35 /* # */) {
      open = path;
      continue;
    }
    const value = scalar(rest);
    if (value === undefined) return undefined;
    out.set(path, value);
  }
  if (open !== undefined) out.set(open, '');
  return out;
}

/** A single-line value (no leading spaces): its string, or undefined when YAML could read it differently. */
function scalar(rest: string): string | undefined {
  const q = rest.charCodeAt(0);
  if (q === 34 /* " */ || q === 39 /* ' */) {
    const close = rest.indexOf(rest[0], 1);
    if (close < 0) return undefined;
    const inner = rest.slice(1, close);
    // Escapes in double quotes, a doubled quote in single quotes: left to the library.
    if ((q === 34 && inner.includes('\\')) || rest.charCodeAt(close + 1) === q) return undefined;
    // Then only spaces, or spaces and a comment.
    const next = skipSpaces(rest, close + 1);
    if (next < rest.length && !(rest.charCodeAt(next) === 35 && next > close + 1)) return undefined;
    return inner;
  }
  const comment = rest.indexOf(' #');
  const value = trimSpacesEnd(comment < 0 ? rest : rest.slice(0, comment));
  if (INDICATOR_START.test(value) && !SAME_AS_WRITTEN.test(value)) return undefined;
  if (value.includes(': ') || value.endsWith(':')) return undefined;
  if (SAME_AS_WRITTEN.test(value)) return value;
  if (MAYBE_NOT_TEXT.test(value)) return undefined;
  return value;
}

/** YAML separates with spaces (and tabs, which `simpleYamlProperties` leaves to the library), not with every Unicode space. */
function skipSpaces(s: string, from: number): number {
  let i = from;
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

function trimSpacesEnd(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return s.slice(0, e);
}
