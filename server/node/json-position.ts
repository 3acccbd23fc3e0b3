/**
 * Positions in a JSON text, for messages about configuration files: where `JSON.parse` stopped, and
 * where the value of a key path (`["rules", "mule/x", 1]`) starts. A small scanner of its own: it only
 * has to skip strings, numbers, literals and nesting of a text that parsed.
 */

import { LineIndex, type Position } from '../core/text/line-index';

/** 1-based line and column. */
export type TextPosition = Position;

export function positionOf(text: string, offset: number): TextPosition {
  return new LineIndex(text).positionAt(offset);
}

/** Where a JSON.parse error happened: Node names the position ("at position 42") or the text ended. */
export function syntaxErrorPosition(text: string, error: Error): TextPosition {
  const m = /position (\d+)/.exec(error.message);
  return positionOf(text, m ? Number(m[1]) : text.length);
}

/** The offset of the key (or array element) that `path` names, or of the deepest part of it that exists. */
export function offsetOfPath(text: string, path: readonly (string | number)[]): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      for (;;) {
        ws();
        if (i >= text.length || text[i] === close) {
          i++;
          return;
        }
        if (c === '{') {
          skipString();
          ws();
          i++; // colon
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  ws();
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let found = i;
  for (const part of path) {
    ws();
    if (typeof part === 'number') {
      if (text[i] !== '[') return found;
      i++;
      for (let k = 0; ; k++) {
        ws();
        if (i >= text.length || text[i] === ']') return found;
        if (k === part) break;
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
      found = i;
    } else {
      if (text[i] !== '{') return found;
      i++;
      for (;;) {
        ws();
        if (i >= text.length || text[i] !== '"') return found;
        const keyStart = i;
        skipString();
        let key: string;
        try {
          key = JSON.parse(text.slice(keyStart, i)) as string;
        } catch {
          return found;
        }
        ws();
        i++; // colon
        if (key === part) {
          found = keyStart;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
    }
  }
  return found;
}
