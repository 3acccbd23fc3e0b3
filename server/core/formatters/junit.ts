/**
 * JUnit XML: a test suite per file, a failing test case per problem, one passing case for clean files.
 * A failure's body holds the message, the detail and the rule's page (CI viewers show it in full).
 */
import { visible, type FormatInput } from './types';

export function formatJunit(input: FormatInput): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites name="session-guard">'];
  for (const r of input.results) {
    const shown = r.findings.filter((f) => visible(f, input.quiet));
    out.push(
      `  <testsuite package="session-guard" time="0" tests="${Math.max(shown.length, 1)}" errors="0" failures="${shown.length}" skipped="0" name="${esc(r.displayPath)}">`,
    );
    if (!shown.length) out.push(`    <testcase time="0" name="${esc(r.displayPath)}" classname="session-guard" />`);
    for (const f of shown) {
      const name = `${r.displayPath}:${f.line}:${f.column} ${f.ruleId}`;
      const body = [`${f.severity}: ${f.message} (${f.ruleId}) at ${r.displayPath}:${f.line}:${f.column}`];
      if (f.detail) body.push('', f.detail);
      const doc = input.docs?.text(f.ruleId);
      if (doc) body.push('', doc.trimEnd());
      out.push(`    <testcase time="0" name="${esc(name)}" classname="${esc(r.displayPath.replace(/\.[^./]+$/, '').replace(/\//g, '.'))}">`);
      out.push(`      <failure message="${esc(f.message)}" type="${f.severity}"><![CDATA[${cdata(body.join('\n'))}]]></failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

// eslint-disable-next-line no-control-regex -- these control characters are exactly what is being matched
const XML_UNSAFE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

function esc(s: string): string {
  return s.replace(XML_UNSAFE, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? '');
}

function cdata(s: string): string {
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what is being matched
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/]]>/g, ']]]]><![CDATA[>');
}
