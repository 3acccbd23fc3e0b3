/**
 * Machine-readable results: one entry per linted file (also files without findings), with
 * 1-based positions, UTF-16 offsets, docs links, related locations and fixes.
 */
import { visible, type FormatInput } from './types';

export function formatJson(input: FormatInput): string {
  const out = input.results.map((r) => {
    const messages = r.findings
      .filter((f) => visible(f, input.quiet))
      .map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        offset: f.start,
        endOffset: f.end,
        docsUrl: f.docsUrl,
        related: f.related.map((x) => ({ path: x.path, line: x.line, column: x.column, endLine: x.endLine, endColumn: x.endColumn, message: x.message })),
        ...(f.fix ? { fix: f.fix } : {}),
        suggestions: f.suggestions,
      }));
    return {
      filePath: r.displayPath,
      messages,
      errorCount: messages.filter((m) => m.severity === 'error').length,
      warningCount: messages.filter((m) => m.severity === 'warning').length,
      infoCount: messages.filter((m) => m.severity === 'info').length,
    };
  });
  return JSON.stringify(out, null, 2) + '\n';
}
