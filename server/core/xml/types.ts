/**
 * The tree produced by the tolerant XML scanner. Every node carries UTF-16 offsets into the
 * original text so that findings and fixes can point at exact characters.
 */

export interface XmlAttribute {
  /** Qualified name as written, e.g. `doc:name`. */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI ('' when unprefixed: attributes do not take the default namespace). */
  readonly ns: string;
  /** Value with character and entity references decoded. */
  readonly value: string;
  /** Offset of the first character of the name. */
  readonly start: number;
  /** Offset just after the closing quote. */
  readonly end: number;
  /** Offset just after the opening quote. */
  readonly valueStart: number;
  /** Offset of the closing quote. */
  readonly valueEnd: number;
}

export interface XmlElement {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI resolved from the in-scope declarations ('' when none). */
  readonly ns: string;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just after the tag name. */
  readonly nameEnd: number;
  /** Offset just after the `>` (or `/>`) that ends the start tag. */
  openEnd: number;
  /** Offset of `</` of the end tag; equals `openEnd` for self-closing elements. */
  closeStart: number;
  /** Offset just after the end tag (or the start tag when self-closing / never closed properly). */
  end: number;
  readonly selfClosing: boolean;
  /** The attributes as objects, made on each read (the tree stores them flat): prefer `attr`/`attrNode`. */
  readonly attrs: XmlAttribute[];
  /** The decoded value of the attribute with this qualified name. */
  attr(name: string): string | undefined;
  /** The attribute with this qualified name, as a new object (compare attributes by element and name). */
  attrNode(name: string): XmlAttribute | undefined;
  readonly children: readonly XmlElement[];
  readonly parent: XmlElement | null;
  /** Namespace prefixes in scope at this element ('' is the default namespace). */
  readonly nsScope: ReadonlyMap<string, string>;
}

export interface XmlComment {
  /** Offset of `<!--`. */
  readonly start: number;
  /** Offset just after `-->`. */
  readonly end: number;
  /** The comment body, without the delimiters. */
  readonly body: string;
}

export interface XmlProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface XmlDocument {
  readonly text: string;
  readonly root: XmlElement | null;
  readonly comments: XmlComment[];
  /** Well-formedness errors in document order; the first one is the one users see. */
  readonly errors: XmlProblem[];
  /** Set when elements deeper than the analysis limit were skipped (not an XML error). */
  readonly depthLimitAt: number | null;
}

/**
 * What the host already knows of a text from reading it, so that the scanner need not find it out
 * again (a lint run checks the bytes as it reads them: see `node/control-bytes.ts`).
 */
export interface TextFacts {
  /** The text holds none of the control characters XML forbids (U+0000–U+001F other than tab, line feed and carriage return). */
  readonly noControlChars?: boolean;
}
