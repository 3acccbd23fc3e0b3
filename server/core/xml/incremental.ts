/**
 * Re-parsing after an edit without scanning the whole document again: an editor changes a 1 MB
 * Mule file one keystroke at a time, and a full parse of it costs ~20 ms.
 *
 * The previous tree is updated in place, so every element outside the edit keeps its identity (the
 * Mule model uses that to keep what it derived from unchanged flows):
 * - an edit inside one child of the root re-parses that child alone, as a child of the root, and
 *   moves the elements after it;
 * - an edit of whitespace between children of the root only moves the elements after it.
 * Anything else (an edit that crosses elements, touches the prolog, or could change the document's
 * other errors) returns undefined and the caller parses in full. The result is always exactly what a
 * full parse of the new text gives; the tests compare the two on random edits.
 */
import { changedRange, type ChangedRange } from '../text/changed-range';
import { ownCopy } from '../text/own-copy';
import { hasDocumentWideState, MAX_ERRORS, moveRootChild, parseRootChild, replaceChild, shiftEndTag } from './scanner';
import type { XmlComment, XmlDocument, XmlElement, XmlProblem } from './types';

const WHITESPACE = /^[ \t\r\n]*$/;

/**
 * The tree of `text`, built by changing `prev` (the tree of an earlier version) in place, or undefined
 * when only a full parse can tell. After a successful call `prev` must not be used any more.
 */
export function reparse(prev: XmlDocument, text: string): XmlDocument | undefined {
  const root = prev.root;
  if (!root || prev.depthLimitAt !== null || hasDocumentWideState(prev)) return undefined;
  const change = changedRange(prev.text, text);
  if (!change) return undefined;
  // Only inside the root's content: between the end of its start tag and the start of its end tag.
  if (change.start < root.openEnd || change.oldEnd > root.closeStart) return undefined;
  const index = childAround(root.children, change);
  if (index >= 0) return reparseChild(prev, text, change, index);
  return moveAfterWhitespaceEdit(prev, text, change);
}

/** The index of the child strictly around the changed region (its first and last characters untouched), or -1. */
function childAround(children: readonly XmlElement[], change: ChangedRange): number {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (c.end <= change.start) lo = mid + 1;
    else if (c.start >= change.oldEnd) hi = mid - 1;
    else return c.start < change.start && change.oldEnd < c.end ? mid : -1;
  }
  return -1;
}

function reparseChild(prev: XmlDocument, text: string, change: ChangedRange, index: number): XmlDocument | undefined {
  const root = prev.root!;
  const old = root.children[index];
  // A child's errors depend on its own text alone: the scanner enters and leaves every closed child of
  // the root in the same state. An error outside every child (recovery across children, text of the
  // root, an element never closed) could depend on this one: then only a full parse can tell.
  for (const e of prev.errors) if (childAround(root.children, { start: e.start, oldEnd: e.end, newEnd: e.end }) < 0) return undefined;
  const delta = change.newEnd - change.oldEnd;
  // A copy, so that the new elements' names and values do not keep this whole version of the text alive.
  const fragment = parseRootChild(ownCopy(text.slice(old.start, old.end + delta)), root);
  if (!fragment || prev.errors.length - errorsIn(prev.errors, old) + fragment.errors.length > MAX_ERRORS) return undefined;
  const at = old.start;
  moveRootChild(fragment.el, at);
  for (let i = index + 1; i < root.children.length; i++) moveRootChild(root.children[i], delta);
  shiftEndTag(root, delta);
  replaceChild(root, index, fragment.el);
  const comments: XmlComment[] = [];
  for (const c of prev.comments) if (c.end <= old.start) comments.push(c);
  for (const c of fragment.comments) comments.push({ start: c.start + at, end: c.end + at, body: c.body });
  for (const c of prev.comments) if (c.start >= old.end) comments.push({ start: c.start + delta, end: c.end + delta, body: c.body });
  const errors: XmlProblem[] = [];
  for (const e of prev.errors) if (e.end <= old.start) errors.push(e);
  for (const e of fragment.errors) errors.push({ message: e.message, start: e.start + at, end: e.end + at });
  for (const e of prev.errors) if (e.start >= old.end) errors.push({ message: e.message, start: e.start + delta, end: e.end + delta });
  return { text, root, comments, errors, depthLimitAt: null };
}

/** How many of `errors` lie within `el`. */
function errorsIn(errors: readonly XmlProblem[], el: XmlElement): number {
  let n = 0;
  for (const e of errors) if (e.start > el.start && e.end < el.end) n++;
  return n;
}

/** Whitespace typed or deleted between children of the root changes nothing but the offsets after it. */
function moveAfterWhitespaceEdit(prev: XmlDocument, text: string, change: ChangedRange): XmlDocument | undefined {
  if (!WHITESPACE.test(prev.text.slice(change.start, change.oldEnd)) || !WHITESPACE.test(text.slice(change.start, change.newEnd))) return undefined;
  const root = prev.root!;
  for (const c of root.children) if (c.start < change.oldEnd && change.start < c.end) return undefined;
  for (const c of prev.comments) if (c.start < change.oldEnd && change.start < c.end) return undefined;
  for (const e of prev.errors) if (e.start < change.oldEnd && change.start < e.end) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const after = (offset: number): number => (offset >= change.oldEnd ? offset + delta : offset);
  for (const c of root.children) if (c.start >= change.oldEnd) moveRootChild(c, delta);
  shiftEndTag(root, delta);
  const comments = prev.comments.map((c) => (c.start >= change.oldEnd ? { start: c.start + delta, end: c.end + delta, body: c.body } : c));
  const errors = prev.errors.map((e) => (e.start >= change.oldEnd ? { message: e.message, start: e.start + delta, end: after(e.end) } : e));
  return { text, root, comments, errors, depthLimitAt: null };
}
