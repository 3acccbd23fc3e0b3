/** Small helpers to write Mule XML fixtures concisely: the namespace header sits on line 1. */
import { NS } from '../../server/core/mule/namespaces';

export const MULE_HEADER =
  `<mule xmlns="${NS.core}" xmlns:salesforce="${NS.salesforce}" xmlns:http="${NS.http}" xmlns:ee="${NS.ee}" ` +
  `xmlns:doc="${NS.doc}" xmlns:batch="${NS.batch}" xmlns:apikit="${NS.apikit}" xmlns:os="${NS.os}" ` +
  `xmlns:vm="http://www.mulesoft.org/schema/mule/vm" xmlns:validation="${NS.validation}">`;

/** Removes the common indentation of a template literal and its first/last blank lines. */
export function dedent(s: string): string {
  const lines = s
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A Mule configuration file whose body starts on line 2, column 1. */
export function mule(body: string): string {
  return `${MULE_HEADER}\n${dedent(body)}\n</mule>\n`;
}

/** A Salesforce config with a basic connection, optionally with reconnection. */
export function sfConfig(name = 'sf', inner = ''): string {
  return `<salesforce:sfdc-config name="${name}"><salesforce:basic-connection username="u" password="p">${inner}</salesforce:basic-connection></salesforce:sfdc-config>`;
}

export const RECONNECT = '<reconnection><reconnect frequency="5000" count="3"/></reconnection>';

/**
 * 1-based position of the n-th occurrence of `needle` in `text`, plus the end of that occurrence:
 * expected positions are computed from the fixture text, independently of the rule under test.
 */
export function at(text: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`fixture does not contain occurrence ${nth} of ${JSON.stringify(needle)}`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length;
    return { line, column: o - before.lastIndexOf('\n') };
  };
  const s = pos(i);
  const e = pos(i + needle.length);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}
