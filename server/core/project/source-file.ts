/**
 * A file's text with lazily built line index and XML tree (parsed at most once per text). A file
 * above the analysis size limit is never parsed: its tree is empty (see the file/too-large rule).
 */
import { LineIndex } from '../text/line-index';
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
  ) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  get xml(): XmlDocument {
    return (this.parsed ??= this.tooLarge ? NOT_ANALYSED : parseXml(this.text));
  }

  /** Forgets the tree and line index (rebuilt on next use): lets a batch run free memory as it goes. */
  release(): void {
    this.parsed = undefined;
    this.lineIndex = undefined;
  }
}
