/** Converts UTF-16 offsets to 1-based line/column and back; `\n`, `\r\n` and `\r` end lines. */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units. */
  readonly column: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
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
