/**
 * A file's text with lazily built line index and XML tree (parsed at most once per text). A file
 * above the analysis size limit is never parsed: its tree is empty (see the file/too-large rule).
 * A file that replaces an earlier version of itself may be given that version's tree and line index:
 * the tree is then updated in place where the edit allows (`xml/incremental.ts`) and the line index
 * derived from the old one, instead of scanning the whole text again.
 */
import { LineIndex } from '../text/line-index';
import { Memo } from './memo';
import { reparse } from '../xml/incremental';
import { parseXml } from '../xml/scanner';
import type { TextFacts, XmlDocument } from '../xml/types';

const NOT_ANALYSED: XmlDocument = Object.freeze({ text: '', root: null, comments: [], errors: [], depthLimitAt: null });

/** What a new version of a file may take over from the version it replaces. */
export interface Previous {
  /** Owned from now on by the new version: it may be changed in place. */
  readonly tree?: XmlDocument;
  /** Read only. */
  readonly lines?: LineIndex;
}

export class SourceFile {
  private lineIndex: LineIndex | undefined;
  private parsed: XmlDocument | undefined;
  /**
   * What models derive from this version of the file alone (a Flow's graph, an Apex class's callouts, a
   * credential's fields). Cleared with the tree by `release`, since those answers point into it.
   */
  readonly memo = new Memo();

  constructor(
    readonly path: string,
    /** The text; for a file above the size limit that the host did not read whole, only its beginning. */
    readonly text: string,
    /** Above the size limit: not analysed. */
    readonly tooLarge = false,
    private previous?: Previous,
    /** What the host checked of the text when it read it (see `TextFacts`). */
    readonly facts?: TextFacts,
    /** The file's size in characters when it is known without the whole text (a file too large to read). */
    private readonly knownSize?: number,
  ) {}

  /** Characters in the file (the whole file's, even when only its beginning was read). */
  get size(): number {
    return this.knownSize ?? this.text.length;
  }

  get lines(): LineIndex {
    if (this.lineIndex) return this.lineIndex;
    const base = this.previous?.lines;
    if (this.previous) this.previous = { tree: this.previous.tree };
    return (this.lineIndex = base ? LineIndex.afterEdit(base, this.text) : new LineIndex(this.text));
  }

  get xml(): XmlDocument {
    if (this.parsed) return this.parsed;
    const base = this.previous?.tree;
    if (this.previous) this.previous = { lines: this.previous.lines };
    if (this.tooLarge) return (this.parsed = NOT_ANALYSED);
    return (this.parsed = (base && reparse(base, this.text)) || parseXml(this.text, this.facts));
  }

  /**
   * What the version that replaces this file may take over. The tree becomes the new version's, which
   * may change it in place; this file parses again if it is still asked for its tree.
   */
  handOver(): Previous {
    const tree = this.parsed && this.parsed !== NOT_ANALYSED ? this.parsed : this.previous?.tree;
    const lines = this.lineIndex ?? this.previous?.lines;
    this.parsed = undefined;
    this.previous = undefined;
    this.memo.clear(); // its answers point into the tree the new version now changes
    return { tree, lines };
  }

  /** Forgets the tree, line index and memo (rebuilt on next use): lets a batch run free memory as it goes. */
  release(): void {
    this.parsed = undefined;
    this.previous = undefined;
    this.lineIndex = undefined;
    this.memo.clear();
  }
}
