/**
 * SARIF 2.1.0 for GitHub code scanning: rule metadata with help URIs, results with 1-based
 * regions, URIs relative to the working directory (%SRCROOT%), related locations and fixes.
 */
import type { Finding } from '../findings';
import { docsUrl } from '../rules/rule';
import { visible, type FormatInput } from './types';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(input: FormatInput): string {
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
        message: { text: f.message },
        locations: [location(r.displayPath, f)],
        ...(f.related.length
          ? { relatedLocations: f.related.map((x, k) => ({ id: k, ...location(relPath(r.displayPath, f.path, x.path), x), message: { text: x.message } })) }
          : {}),
        ...(f.fix
          ? {
              fixes: [
                {
                  description: { text: f.fix.title },
                  artifactChanges: groupEdits(r.displayPath, f),
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
            informationUri: 'https://github.com/session-guard/session-guard',
            rules: rules.map((m) => ({
              id: m.id,
              name: m.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: m.description },
              fullDescription: { text: m.description },
              helpUri: docsUrl(m.id),
              help: { text: `${m.description} See ${docsUrl(m.id)}` },
              defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
              properties: { tags: ['salesforce', 'mule', m.type], problem: { severity: m.defaultSeverity } },
            })),
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

function location(displayPath: string, l: { line: number; column: number; endLine: number; endColumn: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUri(displayPath), uriBaseId: '%SRCROOT%' },
      region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: Math.max(l.endColumn, l.line === l.endLine ? l.column : 1) },
    },
  };
}

/** Related locations carry absolute core paths; express them relative like the main one. */
function relPath(displayPath: string, corePath: string, otherCorePath: string): string {
  if (corePath === otherCorePath) return displayPath;
  const a = corePath.split('/');
  const b = otherCorePath.split('/');
  let k = 0;
  while (k < a.length - 1 && k < b.length - 1 && a[k] === b[k]) k++;
  const up = a.length - 1 - k;
  const dispDir = displayPath.split('/').slice(0, -1);
  const base = up <= dispDir.length ? dispDir.slice(0, dispDir.length - up) : [...dispDir, ...Array(up - dispDir.length).fill('..')];
  return [...base, ...b.slice(k)].join('/');
}

function groupEdits(displayPath: string, f: Finding) {
  const byPath = new Map<string, { start: number; end: number; newText: string }[]>();
  for (const e of f.fix!.edits) {
    const p = relPath(displayPath, f.path, e.path);
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
