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
  /**
   * Every line break before this offset is in `starts` (the text's length once all are). Texts with only
   * `\n` are indexed as far as positions are asked for: a lint run asks for the positions of a file's
   * findings, often all in its first part.
   */
  private scanned: number;

  constructor(
    private readonly text: string,
    /** Already known line starts (see `afterEdit`). */
    known?: number[],
  ) {
    if (known) {
      this.starts = known;
      this.scanned = text.length;
      return;
    }
    const starts = [0];
    this.starts = starts;
    if (text.indexOf('\r') < 0) {
      this.scanned = 0; // the common case, only \n: see `scanTo`
      return;
    }
    this.scanned = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }

  /** Indexes the line breaks before `offset` (indexOf jumps from break to break natively). */
  private scanTo(offset: number): void {
    const text = this.text;
    let i = this.scanned;
    while (i < offset) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) {
        i = text.length;
        break;
      }
      this.starts.push(nl + 1);
      i = nl + 1;
    }
    this.scanned = i;
  }

  /** The whole index (what everything but `positionAt` reads). */
  private get allStarts(): number[] {
    if (this.scanned < this.text.length) this.scanTo(this.text.length);
    return this.starts;
  }

  /**
   * The index of `text`, derived from the index of an earlier version of it: line starts before the
   * change are kept, those after it moved, and only the changed region is scanned.
   */
  static afterEdit(prev: LineIndex, text: string): LineIndex {
    const change = changedRange(prev.text, text);
    if (!change) return new LineIndex(text, prev.allStarts);
    const old = prev.allStarts;
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
    return this.allStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    if (this.scanned < o) this.scanTo(o);
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
    const starts = this.allStarts;
    const l = Math.max(1, Math.min(line, starts.length));
    return Math.min(starts[l - 1] + Math.max(0, column - 1), this.lineEnd(l));
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    const starts = this.allStarts;
    return starts[Math.max(1, Math.min(line, starts.length)) - 1];
  }

  /** Offset just before the line break of a 1-based line. */
  lineEnd(line: number): number {
    const starts = this.allStarts;
    const l = Math.max(1, Math.min(line, starts.length));
    if (l === starts.length) return this.text.length;
    let e = starts[l] - 1;
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
