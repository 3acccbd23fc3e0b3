/**
 * The human-readable diagnosis (`session-guard diagnose --format text`): cause and confidence,
 * whether a retry can succeed, the evidence with line:column in the pasted text, where it happened,
 * the recovery, the runbook as numbered steps, and the other candidates. Secrets are already masked.
 */
import { LineIndex } from '../text/line-index';
import { SIGNALS } from './signals';
import type { Diagnosis } from './classify';

const ANSI = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function formatDiagnosisText(d: Diagnosis, original: string, color = false): string {
  const paint = (code: keyof typeof ANSI, s: string) => (color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const lines = new LineIndex(original);
  const out: string[] = [];
  const pct = (c: number) => `${Math.round(c * 100)}%`;
  out.push(`${paint('bold', `${d.cause}`)}  ${d.title}  ${paint('dim', `(confidence ${pct(d.confidence)})`)}`);
  if (d.cause !== 'UNKNOWN') {
    out.push(
      d.recoverable === 'yes'
        ? paint('green', 'Recoverable without a person: a bounded retry or re-authentication can succeed.')
        : d.recoverable === 'no'
          ? paint('red', 'Not recoverable by retrying: a person has to change something first.')
          : paint('yellow', 'Whether a retry can recover is unknown until the cause is confirmed (run probe, or check the candidates below).'),
    );
  }
  out.push('', d.summary);

  const topSignals = new Set(SIGNALS.filter((s) => s.cause === d.cause).map((s) => s.id));
  const own = d.evidence.filter((e) => topSignals.has(e.signal) || !SIGNALS.some((s) => s.id === e.signal));
  if (own.length) {
    out.push('', paint('bold', 'Evidence'));
    const pos = own.map((e) => {
      const p = lines.positionAt(e.start);
      return `${p.line}:${p.column}`;
    });
    const w = Math.max(...pos.map((p) => p.length));
    own.forEach((e, i) => out.push(`  ${paint('dim', pos[i].padStart(w))}  ${JSON.stringify(e.text)}  ${paint('dim', `${e.means} (${e.signal})`)}`));
  }

  const where = whereLines(d);
  if (where.length) out.push('', paint('bold', 'Where'), ...where.map((l) => `  ${l}`));

  out.push('', paint('bold', 'Recovery'), `  ${d.recovery}`);
  out.push('', paint('bold', 'Runbook'), ...d.runbook.map((s, i) => `  ${i + 1}. ${s}`));
  if (d.snippet) out.push('', `${paint('bold', 'Recovery snippet:')} "${d.snippet}" (VS Code: Session Guard: Insert Recovery Snippet)`);
  if (d.alternatives.length) out.push('', `${paint('bold', 'Also possible:')} ${d.alternatives.map((a) => `${a.cause} (${pct(a.confidence)})`).join(', ')}`);
  return out.join('\n') + '\n';
}

function whereLines(d: Diagnosis): string[] {
  const c = d.context;
  const out: string[] = [];
  if (c.muleElement) out.push(`Mule element ${c.muleElement.path} in ${c.muleElement.app}, ${c.muleElement.file}:${c.muleElement.line}`);
  if (c.muleErrorType) out.push(`Mule error type ${c.muleErrorType}`);
  if (c.flowApiName) out.push(`Flow ${c.flowApiName}`);
  if (c.user) out.push(`Running user ${c.user}`);
  if (c.orgId) out.push(`Org ${c.orgId}`);
  return out;
}
