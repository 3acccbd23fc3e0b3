/**
 * SARIF 2.1.0 for GitHub code scanning: rule metadata with the rule's page as help (Markdown), results
 * with 1-based regions, the detail as Markdown, URIs relative to the working directory (%SRCROOT%),
 * related locations, fixes, and the finding's fingerprint as a partial fingerprint, so code scanning
 * follows a finding across commits that move it.
 */
import type { Finding } from '../findings';
import { hash64 } from '../text/hash';
import { identity, visible, type FormatInput } from './types';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
export const SARIF_FINGERPRINT = 'sessionGuard/v1';

export function formatSarif(input: FormatInput): string {
  const pathOf = input.pathOf ?? ((p: string) => p);
  const rules = [...input.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: unknown[] = [];
  for (const r of input.results) {
    for (const f of r.findings) {
      if (!visible(f, input.quiet)) continue;
      const i = index.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(i !== undefined ? { ruleIndex: i } : {}),
        level: LEVEL[f.severity],
        message: f.detail ? { text: f.message, markdown: `${markdownText(f.message)}\n\n${markdownText(f.detail)}` } : { text: f.message },
        locations: [location(r.displayPath, f)],
        ...(f.fingerprint ? { partialFingerprints: { [SARIF_FINGERPRINT]: hash64(identity(r.displayPath, f)) } } : {}),
        ...(f.related.length ? { relatedLocations: f.related.map((x, k) => ({ id: k, ...location(pathOf(x.path), x), message: { text: x.message } })) } : {}),
        ...(f.fix
          ? {
              fixes: [
                {
                  description: { text: f.fix.title },
                  artifactChanges: groupEdits(pathOf, f),
                },
              ],
            }
          : {}),
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Session Guard',
            semanticVersion: input.toolVersion,
            version: input.toolVersion,
            rules: rules.map((m) => {
              const doc = input.docs?.text(m.id);
              const url = input.docs?.url(m.id);
              return {
                id: m.id,
                name: m.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
                shortDescription: { text: m.description },
                fullDescription: { text: m.description, ...(doc ? { markdown: whyItMatters(doc) ?? m.description } : {}) },
                ...(url && !url.startsWith('file:') ? { helpUri: url } : {}),
                help: doc ? { text: doc, markdown: doc } : { text: m.description },
                defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
                properties: { tags: ['salesforce', 'mule', m.type], problem: { severity: m.defaultSeverity } },
              };
            }),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory session-guard ran in' } } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** The rule page's "What it catches" and "Why it matters" sections (the full description of a rule). */
function whyItMatters(doc: string): string | undefined {
  const parts = ['## What it catches', '## Why it matters'].map((h) => {
    const i = doc.indexOf(`\n${h}\n`);
    if (i < 0) return undefined;
    const rest = doc.slice(i + h.length + 2);
    const next = rest.search(/\n## /);
    return `**${h.slice(3)}**\n\n${(next < 0 ? rest : rest.slice(0, next)).trim()}`;
  });
  return parts.every((p) => p === undefined) ? undefined : parts.filter(Boolean).join('\n\n');
}

/** Plain text as Markdown that shows it literally (names like `a_b_c` or `<salesforce:query>`). */
function markdownText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

function location(displayPath: string, l: { line: number; column: number; endLine: number; endColumn: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUri(displayPath), uriBaseId: '%SRCROOT%' },
      region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: Math.max(l.endColumn, l.line === l.endLine ? l.column : 1) },
    },
  };
}

function groupEdits(pathOf: (p: string) => string, f: Finding) {
  const byPath = new Map<string, { start: number; end: number; newText: string }[]>();
  for (const e of f.fix!.edits) {
    const p = pathOf(e.path);
    let list = byPath.get(p);
    if (!list) byPath.set(p, (list = []));
    list.push(e);
  }
  return [...byPath].map(([p, edits]) => ({
    artifactLocation: { uri: encodeUri(p), uriBaseId: '%SRCROOT%' },
    replacements: edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.newText } })),
  }));
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
