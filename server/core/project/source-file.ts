/** A file's text with lazily built line index and XML tree (parsed at most once per text). */
import { LineIndex } from '../text/line-index';
import { parseXml } from '../xml/scanner';
import type { XmlDocument } from '../xml/types';

export class SourceFile {
  private lineIndex: LineIndex | undefined;
  private parsed: XmlDocument | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  get xml(): XmlDocument {
    return (this.parsed ??= parseXml(this.text));
  }

  /** Forgets the tree and line index (rebuilt on next use): lets a batch run free memory as it goes. */
  release(): void {
    this.parsed = undefined;
    this.lineIndex = undefined;
  }
}
