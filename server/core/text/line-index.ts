import { changedRange } from './changed-range';

/** Converts UTF-16 offsets to 1-based line/column and back; `\n`, `\r\n` and `\r` end lines. */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units. */
  readonly column: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(
    private readonly text: string,
    /** Already known line starts (see `afterEdit`). */
    known?: number[],
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // The common case: only \n. indexOf jumps from break to break natively.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, derived from the index of an earlier version of it: line starts before the
   * change are kept, those after it moved, and only the changed region is scanned.
   */
  static afterEdit(prev: LineIndex, text: string): LineIndex {
    const change = changedRange(prev.text, text);
    if (!change) return new LineIndex(text, prev.starts);
    const old = prev.starts;
    // Whether offset p starts a line depends on text[p - 1] and text[p]: only p in [start, newEnd] can differ.
    const starts: number[] = [];
    let k = 0;
    while (k < old.length && old[k] < change.start) starts.push(old[k++]);
    for (let p = change.start; p <= change.newEnd; p++) {
      const before = p === 0 ? -1 : text.charCodeAt(p - 1);
      if (p === 0 || before === 10 || (before === 13 && text.charCodeAt(p) !== 10)) starts.push(p);
    }
    const delta = change.newEnd - change.oldEnd;
    while (k < old.length && old[k] <= change.oldEnd) k++;
    while (k < old.length) starts.push(old[k++] + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }

  offsetAt(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    return Math.min(this.starts[l - 1] + Math.max(0, column - 1), this.lineEnd(l));
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(1, Math.min(line, this.starts.length)) - 1];
  }

  /** Offset just before the line break of a 1-based line. */
  lineEnd(line: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    if (l === this.starts.length) return this.text.length;
    let e = this.starts[l] - 1;
    if (e > 0 && this.text.charCodeAt(e) === 10 && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  /** The whitespace that indents a 1-based line. */
  indentOf(line: number): string {
    const s = this.lineStart(line);
    let e = s;
    while (e < this.text.length && (this.text[e] === ' ' || this.text[e] === '\t')) e++;
    return this.text.slice(s, e);
  }
}
