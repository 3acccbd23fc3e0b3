/**
 * V8 represents a substring of 13 or more characters as a slice that references the whole string it
 * came from. A process-wide cache that keeps such a substring keeps the entire document alive — in an
 * editor, every version of it in which a new value was typed. Caches store copies made here instead.
 */
export function ownCopy(s: string): string {
  // Prepending a character makes a rope that slicing must flatten into a new sequential string; the
  // slice then refers to that copy, never to the text `s` came from.
  return (' ' + s).slice(1);
}
