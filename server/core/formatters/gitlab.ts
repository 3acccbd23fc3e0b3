/**
 * GitLab Code Quality (a subset of the Code Climate issue format): one issue per finding with the
 * rule as `check_name`, the detail as `content.body`, a path relative to the working directory and a
 * fingerprint that stays with the finding when lines move (so merge requests show only new issues).
 */
import { hash64 } from '../text/hash';
import { identity, visible, type FormatInput } from './types';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

export function formatGitlab(input: FormatInput): string {
  const issues: unknown[] = [];
  for (const r of input.results) {
    for (const f of r.findings) {
      if (!visible(f, input.quiet)) continue;
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        ...(f.detail ? { content: { body: f.detail } } : {}),
        categories: ['Bug Risk'],
        severity: SEVERITY[f.severity],
        fingerprint: hash64(identity(r.displayPath, f)),
        location: { path: r.displayPath, lines: { begin: f.line, end: f.endLine } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
