/** The human-readable probe report (`session-guard probe --format text`). */
import type { ProbeReport } from './probe-verdict';

const ANSI = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
const MARK = { passed: '✔', failed: '✖', skipped: '–' } as const;

export function formatProbeText(r: ProbeReport, color = false): string {
  const paint = (code: keyof typeof ANSI, s: string) => (color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const out: string[] = [`${paint('bold', 'Probe')} ${r.instanceUrl} (API v${r.apiVersion})`, ''];
  const w = Math.max(...r.checks.map((c) => c.title.length));
  for (const c of r.checks) {
    const mark = c.status === 'passed' ? paint('green', MARK.passed) : c.status === 'failed' ? paint('red', MARK.failed) : paint('dim', MARK.skipped);
    out.push(`  ${mark} ${c.title.padEnd(w)}  ${c.status === 'skipped' ? paint('dim', `skipped: ${c.detail}`) : c.detail}`);
  }
  if (r.confirmed.length) {
    out.push('', paint('bold', 'Confirmed'));
    for (const v of r.confirmed) out.push(`  ${paint('red', v.cause)}`, ...v.evidence.map((e) => `    ${e}`));
  }
  if (r.refuted.length) {
    out.push('', paint('bold', 'Ruled out'));
    for (const v of r.refuted) out.push(`  ${paint('green', v.cause)}`, ...v.evidence.map((e) => `    ${e}`));
  }
  if (r.undecided.length) out.push('', `${paint('bold', 'Not decided by the probe:')} ${r.undecided.join(', ')}`);
  out.push('', r.summary);
  return out.join('\n') + '\n';
}
