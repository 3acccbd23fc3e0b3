/**
 * Machine-readable results: one entry per linted file (also files without findings), with
 * 1-based positions, UTF-16 offsets, the detail, docs links, related locations, fixes and (with
 * `--fix-dry-run`) the fixed text as `output`, as ESLint's JSON does. Paths are shown as `filePath` is.
 */
import type { Fix } from '../findings';
import { visible, type FormatInput } from './types';

export function formatJson(input: FormatInput): string {
  const pathOf = input.pathOf ?? ((p: string) => p);
  const fix = (f: Fix) => ({ title: f.title, edits: f.edits.map((e) => ({ path: pathOf(e.path), start: e.start, end: e.end, newText: e.newText })) });
  const out = input.results.map((r) => {
    const messages = r.findings
      .filter((f) => visible(f, input.quiet))
      .map((f) => {
        const url = input.docs?.url(f.ruleId);
        return {
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          ...(f.detail !== undefined ? { detail: f.detail } : {}),
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          offset: f.start,
          endOffset: f.end,
          ...(url ? { docsUrl: url } : {}),
          ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
          related: f.related.map((x) => ({
            path: pathOf(x.path),
            line: x.line,
            column: x.column,
            endLine: x.endLine,
            endColumn: x.endColumn,
            message: x.message,
          })),
          ...(f.fix ? { fix: fix(f.fix) } : {}),
          suggestions: f.suggestions.map(fix),
        };
      });
    return {
      filePath: r.displayPath,
      messages,
      errorCount: messages.filter((m) => m.severity === 'error').length,
      warningCount: messages.filter((m) => m.severity === 'warning').length,
      infoCount: messages.filter((m) => m.severity === 'info').length,
      fixableCount: messages.filter((m) => m.fix).length,
      ...(r.output !== undefined ? { output: r.output } : {}),
    };
  });
  return JSON.stringify(out, null, 2) + '\n';
}
