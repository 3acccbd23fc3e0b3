/**
 * Which kind of org a login host or a JWT audience belongs to, and the audiences and token endpoints a
 * text mentions: a JWT bearer assertion must name the login server it is posted to, https://login.salesforce.com
 * for production and https://test.salesforce.com for sandboxes (OAuth 2.0 JWT Bearer Flow for
 * Server-to-Server Integration: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm).
 * My Domain hosts: MyDomain.my.salesforce.com in production, MyDomain--Sandbox.sandbox.my.salesforce.com
 * in a sandbox (MyDomain--Sandbox.my.salesforce.com without enhanced domains) (My Domain URL Formats:
 * https://help.salesforce.com/s/articleView?id=sf.domain_name_url_formats.htm). Pure: no I/O.
 */
import type { Span } from './context';

export type OrgKind = 'production' | 'sandbox';

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** The kind of org a URL or host logs in to, when the host says. */
export function orgKindOf(urlOrHost: string): OrgKind | undefined {
  const host = /^(?:https?:\/\/)?([^/:\s"']+)/i.exec(urlOrHost.trim())?.[1]?.toLowerCase();
  if (!host) return undefined;
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) return 'sandbox';
  if (host.endsWith('.my.salesforce.com')) return host.includes('--') ? 'sandbox' : 'production';
  if (host === 'login.salesforce.com') return 'production';
  return undefined;
}

const JWT = /\beyJ[\w-]*\.(eyJ[\w-]*)\.[\w-]*/g;
const AUD_CLAIM = /"aud"\s*:\s*"([^"]+)"|\baud\s*[=:]\s*["']?(https?:\/\/[^\s"',;}&]+)/gi;
const TOKEN_ENDPOINT = /\bhttps?:\/\/[\w.-]+\/services\/oauth2\/token\b/gi;

/** Audiences of JWT assertions in the text: decoded from the assertions themselves, or written out as claims. */
export function audiencesIn(text: string): Located<string>[] {
  const out: Located<string>[] = [];
  if (text.includes('eyJ')) {
    for (const m of text.matchAll(JWT)) {
      const claims = decodeClaims(m[1]);
      const aud = claims?.aud;
      for (const a of Array.isArray(aud) ? aud : [aud])
        if (typeof a === 'string') out.push({ value: a, span: { start: m.index!, end: m.index! + m[0].length } });
    }
  }
  if (/aud/i.test(text)) {
    for (const m of text.matchAll(AUD_CLAIM)) {
      const value = m[1] ?? m[2];
      const start = m.index! + m[0].indexOf(value);
      out.push({ value, span: { start, end: start + value.length } });
    }
  }
  return out;
}

/** OAuth token endpoints the text posts to (…/services/oauth2/token). */
export function tokenEndpointsIn(text: string): Located<string>[] {
  if (!text.includes('/services/oauth2/token')) return [];
  return [...text.matchAll(TOKEN_ENDPOINT)].map((m) => ({ value: m[0], span: { start: m.index!, end: m.index! + m[0].length } }));
}

/** The claims of a JWT payload (base64url JSON), or undefined when it is not one. */
function decodeClaims(payload: string): Record<string, unknown> | undefined {
  const json = base64UrlToText(payload);
  if (!json?.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url to text (UTF-8 bytes read as Latin-1 are enough for the ASCII claims looked at here). */
function base64UrlToText(s: string): string | undefined {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    value = ((value << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}
