/**
 * Text from files and pasted logs, made safe to print on a terminal: control characters (C0 but tab,
 * DEL, C1 — which include ESC and CSI, so an element name cannot retitle or clear the terminal) and the
 * bidirectional overrides that make text read differently from what it is, shown as `\xHH` / `\u{HHHH}`.
 */

// eslint-disable-next-line no-control-regex -- these control characters are exactly what is being matched
const UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_ALL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function escapeForTerminal(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE_ALL, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
