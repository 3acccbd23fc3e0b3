/**
 * The engine's canonical copy of a string: the one it uses for property names and for the string
 * literals in our code. Two canonical strings are equal only if they are the same object, so
 * `el.ns === NS.core` or `el.local === 'flow-ref'` is one pointer comparison instead of comparing
 * forty characters, for every element every rule looks at. The copy never refers to the document the
 * string was sliced from (see own-copy.ts). For names and namespace URIs, which repeat: it allocates.
 */
export function intern(s: string): string {
  // A property name is stored in its canonical form, and reading the key back returns that form.
  const holder: Record<string, 0> = Object.create(null);
  holder[s] = 0;
  for (const k in holder) return k;
  return s;
}
