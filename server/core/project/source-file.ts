/**
 * A file's text with lazily built line index and XML tree (parsed at most once per text). A file
 * above the analysis size limit is never parsed: its tree is empty (see the file/too-large rule).
 * A file that replaces an earlier version of itself may be given that version's tree: it is then
 * updated in place where the edit allows (`xml/incremental.ts`) instead of parsed again.
 */
import { LineIndex } from '../text/line-index';
import { reparse } from '../xml/incremental';
import { parseXml } from '../xml/scanner';
import type { XmlDocument } from '../xml/types';

const NOT_ANALYSED: XmlDocument = Object.freeze({ text: '', root: null, comments: [], errors: [], depthLimitAt: null });

export class SourceFile {
  private lineIndex: LineIndex | undefined;
  private parsed: XmlDocument | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    /** Above the size limit: not analysed. */
    readonly tooLarge = false,
    /** The tree of an earlier version of this file, owned from now on by this file. */
    private base?: XmlDocument,
  ) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  get xml(): XmlDocument {
    if (this.parsed) return this.parsed;
    const base = this.base;
    this.base = undefined;
    if (this.tooLarge) return (this.parsed = NOT_ANALYSED);
    return (this.parsed = (base && reparse(base, this.text)) || parseXml(this.text));
  }

  /**
   * Gives this file's tree to the version that replaces it, which may change it in place; this file
   * parses again if it is still asked for its tree.
   */
  handOverTree(): XmlDocument | undefined {
    const tree = this.parsed && this.parsed !== NOT_ANALYSED ? this.parsed : this.base;
    this.parsed = undefined;
    this.base = undefined;
    return tree;
  }

  /** Forgets the tree and line index (rebuilt on next use): lets a batch run free memory as it goes. */
  release(): void {
    this.parsed = undefined;
    this.base = undefined;
    this.lineIndex = undefined;
  }
}
