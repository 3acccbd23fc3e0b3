/** The one region in which two versions of a text differ: what an editor's keystroke changed. */
export interface ChangedRange {
  /** First offset that differs (the same in both versions). */
  readonly start: number;
  /** End of the replaced region in the old text. */
  readonly oldEnd: number;
  /** End of the replacing region in the new text. */
  readonly newEnd: number;
}

/** Compared a block at a time first: comparing two slices runs natively, far faster than a character loop. */
const BLOCK = 1024;
/** Characters a single edit is assumed to change at most, for a first guess at the common suffix. */
const GUESSED_EDIT = 256;

/**
 * The smallest region outside of which `before` and `after` are equal (common prefix and suffix),
 * or undefined when the texts are equal. Hosts send whole texts; this recovers the edit from them.
 */
export function changedRange(before: string, after: string): ChangedRange | undefined {
  if (before === after) return undefined;
  const min = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= min && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  // A keystroke changes a few characters: try all but the last few hundred of the common suffix at once.
  const guess = Math.min(oldEnd, newEnd) - start - GUESSED_EDIT;
  if (guess > BLOCK && before.slice(oldEnd - guess) === after.slice(newEnd - guess)) {
    oldEnd -= guess;
    newEnd -= guess;
  }
  while (oldEnd - BLOCK >= start && newEnd - BLOCK >= start && before.slice(oldEnd - BLOCK, oldEnd) === after.slice(newEnd - BLOCK, newEnd)) {
    oldEnd -= BLOCK;
    newEnd -= BLOCK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}
