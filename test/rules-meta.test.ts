/**
 * Every rule has its code, its doc (fixed headings, a bad and a good example) and its tests, and is
 * reachable from its findings through a docs link. The doc examples are run through the linter:
 * the bad one must trigger the rule and the good one must not.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../server/core/rules';
import { ruleDocPath } from '../server/core/rules/rule';
import { ruleDocFile } from '../server/node/rule-docs';
import { example } from './support/rule-docs';
import { lintFiles } from './support/rule-tester';

const RULES_DIR = join(__dirname, '..', 'server', 'core', 'rules');
const HEADINGS = ['## What it catches', '## Why it matters', '## Bad example', '## Good example', '## Options', '## When not to use it'];

function ruleFolders(dir = RULES_DIR, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (existsSync(join(p, 'index.ts'))) out.push(prefix + name);
    else out.push(...ruleFolders(p, `${prefix}${name}/`));
  }
  return out;
}

describe('rule catalogue', () => {
  it('registers every rule folder and nothing else, in id order', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      ruleFolders().sort(),
    );
  });
  it('has unique ids', () => assert.equal(new Set(RULES.map((r) => r.meta.id)).size, RULES.length));
});

for (const rule of RULES) {
  const id = rule.meta.id;
  const folder = join(RULES_DIR, id);
  describe(`${id} has code, doc and tests`, () => {
    it('has index.ts, README.md and a test file', () => {
      assert.ok(existsSync(join(folder, 'index.ts')));
      assert.ok(existsSync(join(folder, 'README.md')), 'README.md');
      assert.ok(
        readdirSync(folder).some((f) => f.endsWith('.test.ts')),
        'a *.test.ts file',
      );
    });
    it('links its findings to its doc, which ships with the package', () => {
      assert.equal(ruleDocPath(id), `server/core/rules/${id}/README.md`);
      assert.equal(ruleDocFile(id), join(folder, 'README.md'));
    });
    const readme = existsSync(join(folder, 'README.md')) ? readFileSync(join(folder, 'README.md'), 'utf8') : '';
    it('doc has the fixed headings in order and documents options and fixes', () => {
      assert.ok(readme.startsWith(`# ${id}\n`), 'title is the rule id');
      let last = -1;
      for (const h of HEADINGS) {
        const i = readme.indexOf(`\n${h}\n`);
        assert.ok(i > last, `heading "${h}" present and in order`);
        last = i;
      }
      for (const opt of Object.keys(rule.meta.options ?? {})) assert.ok(readme.includes(`\`${opt}\``), `option ${opt} documented`);
      assert.equal(/\*\*Fix:\*\* yes/.test(readme), !!rule.meta.fixable, 'README states whether a fix exists');
      assert.ok(readme.includes(`**Default severity:** ${rule.meta.defaultSeverity}`), 'README states the default severity');
    });
    it('bad example triggers the rule', () => {
      const ex = example(id, readme, '## Bad example');
      const { findings } = lintFiles(ex.files, rule, ex.options);
      assert.ok(
        findings.some((f) => f.ruleId === id),
        `expected a finding, got ${findings.map((f) => f.ruleId).join(', ') || 'none'}`,
      );
    });
    it('good example does not', () => {
      const ex = example(id, readme, '## Good example');
      const { findings } = lintFiles(ex.files, rule, ex.options);
      assert.deepEqual(
        findings.map((f) => `${f.line}:${f.column} ${f.message}`),
        [],
      );
    });
  });
}
