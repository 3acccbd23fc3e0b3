/**
 * ESLint-style "stylish" text: a header per file, one line per problem
 * (`  line:col  severity  message  rule-id`), and a closing line with the number of files checked.
 * VS Code's problem matcher `$session-guard-stylish` parses exactly this shape. `verbose` prints each
 * finding's detail under it (the problem matcher then reads only the first finding of each file).
 * Text from the files is escaped for the terminal (`escapeForTerminal`).
 */
import { escapeForTerminal } from '../text/terminal';
import { counts, plural, visible, type FormatInput } from './types';

const LINE_BREAK = /[\r\n]/;
const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, underline: 4, bold: 1 } as const;
/** Detail lines are wrapped to this many columns (or 40 past the indent, whichever is more). */
const WRAP = 100;

export function formatStylish(input: FormatInput): string {
  const paint = (code: keyof typeof ANSI, s: string) => (input.color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const r of input.results) {
    const shown = r.findings.filter((f) => visible(f, input.quiet));
    if (!shown.length) continue;
    lines.push('', paint('underline', escapeForTerminal(r.displayPath)));
    const posW = Math.max(...shown.map((f) => `${f.line}:${f.column}`.length));
    const sevW = Math.max(...shown.map((f) => f.severity.length));
    const messages = shown.map((f) => escapeForTerminal(oneLine(f.message)));
    const msgW = Math.max(...messages.map((m) => m.length));
    const indent = ' '.repeat(2 + posW + 2 + sevW + 2);
    for (const [i, f] of shown.entries()) {
      const sev = f.severity.padEnd(sevW);
      const sevPainted = f.severity === 'error' ? paint('red', sev) : f.severity === 'warning' ? paint('yellow', sev) : paint('cyan', sev);
      lines.push(
        `  ${paint('dim', `${f.line}:${f.column}`.padStart(posW))}  ${sevPainted}  ${messages[i].padEnd(msgW)}  ${paint('dim', escapeForTerminal(f.ruleId))}`,
      );
      if (input.verbose && f.detail) {
        for (const l of wrap(escapeForTerminal(oneLine(f.detail)), Math.max(WRAP - indent.length, 40))) lines.push(paint('dim', `${indent}${l}`));
      }
    }
  }
  const c = counts(input.results.map((r) => ({ ...r, findings: r.findings.filter((f) => visible(f, input.quiet)) })));
  const total = c.errors + c.warnings + c.infos;
  const files = plural(input.results.length, 'file');
  if (total > 0) {
    const summary = `✖ ${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')}) in ${files}`;
    lines.push('', paint('bold', c.errors ? paint('red', summary) : paint('yellow', summary)));
    const fixable = input.results.reduce((n, r) => n + r.findings.filter((f) => visible(f, input.quiet) && f.fix).length, 0);
    if (fixable) lines.push(`  ${fixable} problem${fixable === 1 ? ' is' : 's are'} fixable with the \`--fix\` option.`);
  } else {
    // --quiet hides warnings and infos: say so rather than "no problems".
    const all = counts(input.results);
    const hidden = all.warnings + all.infos;
    lines.push(
      paint(
        'green',
        hidden ? `✔ ${files} checked, no errors (--quiet hides ${plural(hidden, 'warning or info', 'warnings or infos')})` : `✔ ${files} checked, no problems`,
      ),
    );
  }
  lines.push('');
  return lines.join('\n');
}

function oneLine(s: string): string {
  // Most messages are one line already: the replacement tries its pattern at every space otherwise.
  return LINE_BREAK.test(s) ? s.replace(/\s*[\r\n]+\s*/g, ' ') : s;
}

/** Words into lines of at most `width` characters (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
