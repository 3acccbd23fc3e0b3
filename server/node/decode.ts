/**
 * Text decoding for files users hand us (lint targets, pasted-error files), and the way back, so
 * `--fix` writes a file in the encoding it was read in and never rewrites bytes it could not read.
 */
import type { TextFacts } from '../core/xml/types';
import { firstControlByte } from './control-bytes';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export interface Decoded {
  readonly text: string;
  readonly encoding: Encoding;
  /** False when invalid UTF-8 bytes became U+FFFD: writing the text back would lose them. */
  readonly lossless: boolean;
  /** What the bytes showed of the text (UTF-8 only: see `control-bytes.ts`); pass it on to the workspace. */
  readonly facts: TextFacts;
}

const NO_FACTS: TextFacts = Object.freeze({});
const NO_CONTROLS: TextFacts = Object.freeze({ noControlChars: true });

/** UTF-8 (with or without BOM) or UTF-16 with BOM; invalid UTF-8 bytes become U+FFFD. */
export function decodeText(buf: Buffer): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: buf.toString('utf16le', 2), encoding: 'utf16le', lossless: buf.length % 2 === 0, facts: NO_FACTS };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be', lossless: buf.length % 2 === 0, facts: NO_FACTS };
  }
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const text = body.toString('utf8');
  return {
    text,
    encoding: bom ? 'utf8bom' : 'utf8',
    lossless: !text.includes('\ufffd') || Buffer.from(text, 'utf8').equals(body),
    facts: firstControlByte(body) < 0 ? NO_CONTROLS : NO_FACTS,
  };
}

export function decode(buf: Buffer): string {
  return decodeText(buf).text;
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
  }
}
