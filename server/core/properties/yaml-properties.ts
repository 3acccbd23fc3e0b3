/** Flattens a Mule YAML properties file into dotted keys (`a: {b: 1}` → `a.b = "1"`). */
import { parse } from 'yaml';

export function parseYamlProperties(text: string): Map<string, string> {
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
  if (depth > 32) return;
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
