/**
 * V8 represents a substring of 13 or more characters as a slice that references the whole string it
 * came from. A process-wide cache that keeps such a substring keeps the entire document alive — in an
 * editor, every version of it in which a new value was typed. Caches store copies made here instead.
 */
export function ownCopy(s: string): string {
  // Joining an array builds a new sequential string; it shares nothing with `s`.
  return s.split('').join('');
}
