/**
 * Masks secrets in any text before it is shown, logged or returned: access tokens and session ids
 * (`00D…!…`, keeping the org prefix, which is not secret and helps diagnosis), `Bearer …`, refresh
 * tokens, passwords, client secrets, security tokens, `sid=` cookies, SOAP `<sessionId>`.
 */

export const MASK = '****';

interface Rule {
  readonly re: RegExp;
  /** Index of the capture group holding the secret. */
  readonly group: number;
  /**
   * Strings of which the text must hold at least one for `re` to match: a native search rules most
   * texts out before the expression runs (lint messages rarely hold a '!', a '<' or an '=').
   */
  readonly needs?: readonly string[];
}

const RULES: readonly Rule[] = [
  // Access tokens / session ids: 15- or 18-char org id, '!', then the secret part.
  { re: /\b(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)!([A-Za-z0-9._-]{8,})/g, group: 2, needs: ['!'] },
  // A credential after the scheme word has a digit or punctuation in it: "OAuth connection" and
  // "Basic authentication" are English, not secrets.
  { re: /\b(Bearer|OAuth|Basic)\s+((?=[A-Za-z0-9._~+/=!-]{8,})[A-Za-z]*[0-9._~+/=!-][A-Za-z0-9._~+/=!-]*)/gi, group: 2 },
  { re: /(<(?:\w+:)?sessionId>)([^<]+)(<\/(?:\w+:)?sessionId>)/gi, group: 2, needs: ['<'] },
  // key=value and "key": "value" forms.
  {
    re: /(\b(?:access_token|refresh_token|id_token|session_?id|sid|password|passwd|pwd|client_secret|consumer_?secret|security_?token|securityToken|private_key|assertion|code)\s*[=:]\s*"?)([^"&\s,;}<]{3,})/gi,
    group: 2,
    needs: ['=', ':'],
  },
  {
    re: /("(?:access_token|refresh_token|id_token|sessionId|password|client_secret|consumerSecret|securityToken|assertion)"\s*:\s*")([^"]{3,})(")/gi,
    group: 2,
    needs: ['"'],
  },
  // Cookies: sid=..., and Salesforce refresh tokens that stand alone (5Aep861…).
  { re: /(\bsid=)([^;\s]{8,})/gi, group: 2, needs: ['='] },
  { re: /\b(5Aep86[A-Za-z0-9._]{20,})/g, group: 1, needs: ['5Aep86'] },
];

export interface RedactedSpan {
  readonly start: number;
  readonly end: number;
}

/** The secret spans of `text` (sorted, non-overlapping). */
export function secretSpans(text: string): RedactedSpan[] {
  const spans: RedactedSpan[] = [];
  for (const { re, group, needs } of RULES) {
    if (needs && !holdsAny(text, needs)) continue;
    // exec on the shared expression: matchAll would copy it for every call (hot on lint messages).
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '') re.lastIndex++;
      const secret = m[group];
      if (!secret) continue;
      let offset = m.index!;
      for (let g = 1; g < group; g++) offset += m[g]?.length ?? 0;
      const rel = m[0].indexOf(secret, offset - m.index!);
      const start = m.index! + (rel >= 0 ? rel : 0);
      spans.push({ start, end: start + secret.length });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedactedSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
      continue;
    }
    out.push(s);
  }
  return out;
}

function holdsAny(text: string, needles: readonly string[]): boolean {
  for (const n of needles) if (text.includes(n)) return true;
  return false;
}

export function redact(text: string): string {
  const spans = secretSpans(text);
  if (!spans.length) return text;
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + MASK;
    last = s.end;
  }
  return out + text.slice(last);
}

/**
 * Maps an offset in the original text to the same place in `redact(text)`: offsets inside a masked
 * secret move to the start (or, for an end offset, the end) of its mask.
 */
export function redactedOffsetMapper(text: string): (offset: number, isEnd?: boolean) => number {
  const spans = secretSpans(text);
  return (offset, isEnd = false) => {
    let shift = 0;
    for (const s of spans) {
      if (offset <= s.start) break;
      if (offset < s.end || (isEnd && offset === s.end)) return s.start + shift + (isEnd ? MASK.length : 0);
      shift += MASK.length - (s.end - s.start);
    }
    return offset + shift;
  };
}
