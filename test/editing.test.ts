/**
 * An editor changes files one keystroke at a time, and the workspace then reuses what it built for the
 * previous version (the tree, re-parsed in place; the line index; the Mule model's walks). Whatever
 * is typed, the findings must be those of a fresh workspace given the same texts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { resolveConfig } from '../server/core/config/config';
import { lint } from '../server/core/engine/linter';
import { Program } from '../server/core/program/program';
import { RULES } from '../server/core/rules';
import { REPO } from './support/cli';

const CONFIG = resolveConfig(RULES);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The bundled examples, as workspace paths and texts. */
const EXAMPLES = new Map(filesUnder(join(REPO, 'examples')).map((p) => [`/w/${relative(join(REPO, 'examples'), p)}`, readFileSync(p, 'utf8')]));
const EDITABLE = [...EXAMPLES.keys()].filter((p) => p.endsWith('.xml') || p.endsWith('.cls'));

function findings(ws: Program): string {
  const targets = [...ws.paths()];
  return JSON.stringify([...lint(ws, RULES, { targets, configFor: () => CONFIG })].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function fresh(texts: ReadonlyMap<string, string>): Program {
  const ws = new Program();
  for (const [p, t] of texts) ws.setFile(p, t);
  return ws;
}

describe('editing the examples keystroke by keystroke', () => {
  it('gives the findings of a fresh workspace after every edit, in Mule and Salesforce files alike', () => {
    // Typing, deleting, pasting names and types the rules care about, and markup that breaks the file.
    const typed = fc.constantFrom(
      'a',
      ' ',
      '\n',
      'flow',
      'SALESFORCE:CONNECTIVITY',
      'ANY',
      '"',
      '<',
      '/>',
      '</flow>',
      '<flow-ref name="sync-orders"/>',
      'callout:Erp',
      'NamedPrincipal',
      'PerUser',
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ file: fc.nat(), at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.array(typed, { maxLength: 2 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const texts = new Map(EXAMPLES);
          const ws = fresh(texts);
          findings(ws);
          for (const e of edits) {
            const path = EDITABLE[e.file % EDITABLE.length];
            const text = texts.get(path)!;
            const at = e.at % (text.length + 1);
            const next = text.slice(0, at) + e.insert.join('') + text.slice(Math.min(text.length, at + e.remove));
            texts.set(path, next);
            ws.setFile(path, next);
            assert.equal(findings(ws), findings(fresh(texts)), `after editing ${path} at ${at}`);
          }
        },
      ),
      { numRuns: 60, seed: 21 },
    );
  });
});
