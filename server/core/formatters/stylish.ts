/**
 * ESLint-style "stylish" text: a header per file, one line per problem
 * (`  line:col  severity  message  rule-id`), and a summary. VS Code's problem matcher
 * `$session-guard-stylish` parses exactly this shape.
 */
import { counts, visible, type FormatInput } from './types';

const LINE_BREAK = /[\r\n]/;
const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, underline: 4, bold: 1 } as const;

export function formatStylish(input: FormatInput): string {
  const paint = (code: keyof typeof ANSI, s: string) => (input.color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const r of input.results) {
    const shown = r.findings.filter((f) => visible(f, input.quiet));
    if (!shown.length) continue;
    lines.push('', paint('underline', r.displayPath));
    const posW = Math.max(...shown.map((f) => `${f.line}:${f.column}`.length));
    const sevW = Math.max(...shown.map((f) => f.severity.length));
    const messages = shown.map((f) => oneLine(f.message));
    const msgW = Math.max(...messages.map((m) => m.length));
    for (const [i, f] of shown.entries()) {
      const sev = f.severity.padEnd(sevW);
      const sevPainted = f.severity === 'error' ? paint('red', sev) : f.severity === 'warning' ? paint('yellow', sev) : paint('cyan', sev);
      lines.push(`  ${paint('dim', `${f.line}:${f.column}`.padStart(posW))}  ${sevPainted}  ${messages[i].padEnd(msgW)}  ${paint('dim', f.ruleId)}`);
    }
  }
  const c = counts(input.results.map((r) => ({ ...r, findings: r.findings.filter((f) => visible(f, input.quiet)) })));
  const total = c.errors + c.warnings + c.infos;
  if (total > 0) {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}, ${c.infos} info${c.infos === 1 ? '' : 's'})`;
    lines.push('', paint('bold', c.errors ? paint('red', summary) : paint('yellow', summary)));
    const fixable = input.results.reduce((n, r) => n + r.findings.filter((f) => visible(f, input.quiet) && f.fix).length, 0);
    if (fixable) lines.push(`  ${fixable} problem${fixable === 1 ? ' is' : 's are'} fixable with the \`--fix\` option.`);
    lines.push('');
  }
  return lines.join('\n');
}

function oneLine(s: string): string {
  // Most messages are one line already: the replacement tries its pattern at every space otherwise.
  return LINE_BREAK.test(s) ? s.replace(/\s*[\r\n]+\s*/g, ' ') : s;
}
