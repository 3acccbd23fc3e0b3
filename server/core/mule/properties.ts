/**
 * `${property}` resolution for a Mule app. Values come from every YAML/.properties file of the app
 * and from `<global-property>`; a key defined differently in several files (one per environment)
 * resolves to all of its values. Anything that cannot be resolved (secure properties, system
 * properties, missing keys) is *unknown*: rules treat unknown values as "could be anything" and
 * never report on them.
 */

export interface PropertySource {
  readonly path: string;
  readonly values: ReadonlyMap<string, string>;
}

const PLACEHOLDER = /\$\{([^${}]*)\}/;
const MAX_CANDIDATES = 16;
const MAX_DEPTH = 8;

export class PropertyResolver {
  private readonly values = new Map<string, Set<string>>();

  constructor(sources: readonly PropertySource[]) {
    for (const s of sources) {
      for (const [k, v] of s.values) {
        let set = this.values.get(k);
        if (!set) this.values.set(k, (set = new Set()));
        set.add(v);
      }
    }
  }

  static readonly empty = new PropertyResolver([]);

  hasPlaceholder(text: string): boolean {
    return text.indexOf('${') >= 0;
  }

  /** All values `text` can take once placeholders are replaced, or null when any is unknown. */
  expand(text: string): string[] | null {
    return this.expandDepth(text, 0);
  }

  /** The single value of `text`, or null when unknown or ambiguous. */
  single(text: string): string | null {
    if (text.indexOf('${') < 0) return text;
    const all = this.expand(text);
    return all && all.length === 1 ? all[0] : null;
  }

  private expandDepth(text: string, depth: number): string[] | null {
    if (text.indexOf('${') < 0) return [text]; // most values: no regular expression needed
    const m = PLACEHOLDER.exec(text);
    if (!m) return [text];
    if (depth > MAX_DEPTH) return null;
    const key = m[1].trim();
    if (key.includes('::')) return null; // secure::, file:: and other prefixed resolvers
    const candidates = this.values.get(key);
    if (!candidates || candidates.size === 0) return null;
    const out = new Set<string>();
    for (const c of candidates) {
      const replaced = text.slice(0, m.index) + c + text.slice(m.index + m[0].length);
      const expanded = this.expandDepth(replaced, depth + 1);
      if (expanded === null) return null;
      for (const e of expanded) {
        out.add(e);
        if (out.size > MAX_CANDIDATES) return null;
      }
    }
    return [...out];
  }
}
