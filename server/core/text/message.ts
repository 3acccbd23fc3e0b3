/**
 * Lint messages are the rule's prose with values quoted from the files. The `msg` template tag marks
 * every interpolated value, so that the engine masks secrets in what came from a file (a token pasted
 * into an error type) and never in the rule's own words ("an OAuth authorization-code connection").
 * A message built with `msg` and used inside another `msg` keeps its own marks; the engine removes
 * every mark before a message leaves the core.
 */

/** Opens and closes a value quoted from a file (private-use characters: no Mule file needs them). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Starts a message built by `msg`, so that an enclosing `msg` does not quote it as a whole. */
const BUILT = '\uE002';
const MARKS = /[\uE000-\uE002]/g;
const BUILT_CODE = 0xe002;

/** Whether a text holds any mark (three native searches: cheaper than an expression on the many short texts). */
function hasMarks(s: string): boolean {
  return s.indexOf(OPEN) >= 0 || s.indexOf(CLOSE) >= 0 || s.indexOf(BUILT) >= 0;
}

/** Builds a message whose interpolated values are quoted from files (see the module comment). */
export function msg(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  let out = BUILT + strings[0];
  for (let i = 0; i < values.length; i++) out += quote(values[i]) + strings[i + 1];
  return out;
}

/** A fragment of the rule's own words, to use inside `msg` without it being taken for a quoted value. */
export function prose(text: string): string {
  return BUILT + plain(text);
}

function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  if (s.charCodeAt(0) === BUILT_CODE) return s.slice(1);
  const clean = plain(s);
  return clean === '' ? '' : OPEN + clean + CLOSE;
}

/**
 * The message as shown: each quoted value passed through `mask`, the prose as written. A message that
 * was not built with `msg` (no marks) is masked as a whole: nothing tells its prose from its values.
 */
export function maskQuoted(message: string, mask: (text: string) => string, mightHoldSecret: (text: string) => boolean = () => true): string {
  if (message.charCodeAt(0) !== BUILT_CODE) return plain(mask(message));
  let out = '';
  let i = 1;
  for (;;) {
    const open = message.indexOf(OPEN, i);
    if (open < 0) return out + plain(message.slice(i));
    const close = message.indexOf(CLOSE, open + 1);
    const value = message.slice(open + 1, close < 0 ? message.length : close);
    // Most quoted values are names (a flow, an element, an action): only those that might hold a secret
    // go through the masking expressions.
    out += plain(message.slice(i, open)) + (mightHoldSecret(value) ? mask(value) : value);
    if (close < 0) return out;
    i = close + 1;
  }
}

/** The longest message (issue 21): one line that fits a terminal and the Problems panel; the rest is the detail. */
export const MAX_MESSAGE_LENGTH = 160;

/**
 * `head` followed by `tail` when both fit in a message (`MAX_MESSAGE_LENGTH`), else `head` alone: a
 * consequence that long names in `head` leave no room for (the detail says it in full anyway).
 */
export function withTail(head: string, tail: string): string {
  return firstThatFits(msg`${head}${tail}`, head);
}

/** The first of `messages` that fits in `MAX_MESSAGE_LENGTH` characters (the last when none does): most said first. */
export function firstThatFits(...messages: readonly string[]): string {
  return messages.find((m) => plain(m).length <= MAX_MESSAGE_LENGTH) ?? messages[messages.length - 1];
}

/** The message without marks and unmasked (for tests and for messages that never leave the core). */
export function plain(message: string): string {
  return hasMarks(message) ? message.replace(MARKS, '') : message;
}
