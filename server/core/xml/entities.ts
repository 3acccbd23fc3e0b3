/** Decoding of XML character and predefined entity references. Nothing is ever expanded beyond these. */

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export interface EntityIssue {
  /** Offset (relative to the decoded slice) of the `&` that starts the bad reference. */
  readonly at: number;
  readonly length: number;
  readonly message: string;
}

/**
 * Decodes `&lt;`-style references in `raw`. Unknown or malformed references are kept verbatim and
 * reported through `onIssue` (unless `allowUnknownNamed`, used when a DTD may declare them). With
 * `offsets`, pushes for each UTF-16 unit of the result the index in `raw` it comes from (a decoded
 * reference: its `&`), for findings that point into the file.
 */
export function decodeEntities(raw: string, allowUnknownNamed: boolean, onIssue?: (issue: EntityIssue) => void, offsets?: number[]): string {
  let amp = raw.indexOf('&');
  if (amp < 0) {
    if (offsets) pushRun(offsets, 0, raw.length);
    return raw;
  }
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1);
    const body = semi < 0 ? '' : raw.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (semi > amp + 1 && semi - amp <= 12) {
      if (body.charCodeAt(0) === 35 /* # */) {
        const hex = body.charCodeAt(1) === 120; /* x */
        const digits = hex ? body.slice(2) : body.slice(1);
        if (digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
          const code = parseInt(digits, hex ? 16 : 10);
          if (isXmlChar(code)) decoded = String.fromCodePoint(code);
        }
      } else {
        decoded = PREDEFINED[body];
        if (decoded === undefined && allowUnknownNamed && /^[A-Za-z_][\w.-]*$/.test(body)) {
          decoded = raw.slice(amp, semi + 1);
        }
      }
    }
    if (decoded === undefined) {
      const len = semi < 0 ? 1 : Math.min(semi - amp + 1, 12);
      onIssue?.({
        at: amp,
        length: len,
        message:
          semi < 0 || semi - amp > 12
            ? "'&' must start a reference such as &amp;amp; (escape a literal ampersand as &amp;amp;)"
            : `Unknown or invalid reference '${raw.slice(amp, semi + 1)}'`,
      });
      out += raw.slice(last, amp + 1);
      if (offsets) pushRun(offsets, last, amp + 1);
      last = amp + 1;
      amp = raw.indexOf('&', amp + 1);
      continue;
    }
    out += raw.slice(last, amp) + decoded;
    if (offsets) {
      pushRun(offsets, last, amp);
      // A reference kept as written (declared in a DTD) maps unit by unit; a decoded character to its `&`.
      const verbatim = decoded.length === semi + 1 - amp && decoded.charCodeAt(0) === 38; /* & */
      for (let u = 0; u < decoded.length; u++) offsets.push(verbatim ? amp + u : amp);
    }
    last = semi + 1;
    amp = raw.indexOf('&', last);
  }
  if (offsets) pushRun(offsets, last, raw.length);
  return out + raw.slice(last);
}

function pushRun(offsets: number[], from: number, to: number): void {
  for (let i = from; i < to; i++) offsets.push(i);
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
