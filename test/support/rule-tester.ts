/**
 * ESLint-style rule tests: each case is a set of files (paths relative to a virtual workspace,
 * default app layout), linted with only the rule under test enabled. Invalid cases assert every
 * reported finding's position and message, and the text produced by its fix and suggestions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig, sizeLimit } from '../../server/core/config/config';
import { MASK, redact } from '../../server/core/diagnose/redact';
import { applyEdits } from '../../server/core/edits/xml-edits';
import { lint } from '../../server/core/engine/linter';
import type { Finding, Fix } from '../../server/core/findings';
import { Program } from '../../server/core/program/program';
import { RULES } from '../../server/core/rules';
import type { Rule } from '../../server/core/rules/rule';
import { MAX_MESSAGE_LENGTH } from '../../server/core/rules/message';

export const ROOT = '/ws';
export const DEFAULT_FILE = 'app/src/main/mule/main.xml';

export type Files = string | Record<string, string>;

export interface ExpectedFinding {
  /** Relative path; defaults to the first file of the case. */
  readonly path?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Substring or pattern the message must contain/match. */
  readonly message?: string | RegExp;
  /** Substring or pattern the detail (the explanation) must contain/match. */
  readonly detail?: string | RegExp;
  readonly severity?: Finding['severity'];
  /** Number of related locations, or substrings their messages must contain (in order). */
  readonly related?: number | readonly string[];
  /** Expected files after applying the finding's fix (relative path → text); null = no fix. */
  readonly fixOutput?: Record<string, string> | string | null;
  /** Expected text of each suggestion applied alone (title substring + output of the first file or map). */
  readonly suggestions?: readonly { title: string | RegExp; output: Record<string, string> | string }[];
}

export interface ValidCase {
  readonly name: string;
  readonly files: Files;
  readonly options?: Record<string, unknown>;
}

export interface InvalidCase extends ValidCase {
  readonly findings: readonly ExpectedFinding[];
}

/**
 * Issue 21: a message is one sentence of at most 160 characters that names the element and the
 * consequence; the explanation goes to `detail`. `ruleTests` checks it for every finding of every
 * invalid case of every rule.
 */
export { MAX_MESSAGE_LENGTH };

/** What is wrong with a finding's message by the rule above, or undefined when nothing is. */
export function messageShapeProblem(message: string): string | undefined {
  if (/[\r\n]/.test(message)) return 'has a line break';
  if (message.length > MAX_MESSAGE_LENGTH) return `is ${message.length} characters long (at most ${MAX_MESSAGE_LENGTH}; move the explanation to detail)`;
  // A second sentence: an end of sentence followed by a capital letter (quoted names aside).
  if (/[.!?]\s+[A-Z]/.test(message.replace(/'[^']*'|"[^"]*"|`[^`]*`|<[^>]*>/g, "''"))) return 'has more than one sentence (move the explanation to detail)';
  return undefined;
}

function normalize(files: Files): Record<string, string> {
  return typeof files === 'string' ? { [DEFAULT_FILE]: files } : files;
}

export function lintFiles(
  files: Files,
  rule: Rule | undefined,
  options: Record<string, unknown> = {},
  rules: readonly Rule[] = RULES,
): { findings: Finding[]; program: Program } {
  const map = normalize(files);
  const onlyThis = Object.fromEntries(
    rules.map((r) => [r.meta.id, { severity: r === rule || !rule ? r.meta.defaultSeverity : ('off' as const), options: r === rule ? options : {} }]),
  );
  const config = resolveConfig(rules, { rules: onlyThis });
  const program = new Program({ sizeLimit: () => sizeLimit(config) });
  for (const [rel, text] of Object.entries(map)) program.setFile(`${ROOT}/${rel}`, text);
  const targets = [...program.paths()].filter((p) => program.isLintable(p));
  const result = lint(program, rules, { targets, configFor: () => config });
  const findings = [...result.values()].flat().filter((f) => !rule || f.ruleId === rule.meta.id || f.ruleId === 'internal-error');
  return { findings, program };
}

function applyFix(program: Program, fix: Fix): Record<string, string> {
  const out: Record<string, string> = {};
  const byPath = new Map<string, Fix['edits'][number][]>();
  for (const e of fix.edits) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  for (const [path, edits] of byPath) out[path.slice(ROOT.length + 1)] = applyEdits(program.file(path)!.text, edits);
  return out;
}

/** Lints the case with every rule before and after applying `fix`: no rule may report more afterwards. */
function assertFixAddsNothing(files: Record<string, string>, program: Program, fix: Fix): void {
  const count = (fs: Finding[]) => {
    const m = new Map<string, number>();
    for (const f of fs) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
    return m;
  };
  const before = count(lintFiles(files, undefined).findings);
  const fixed = { ...files, ...applyFix(program, fix) };
  const after = lintFiles(fixed, undefined).findings;
  for (const [id, n] of count(after)) {
    assert.ok(
      n <= (before.get(id) ?? 0),
      `after "${fix.title}", ${id} reports ${n} (was ${before.get(id) ?? 0}):\n${after
        .filter((f) => f.ruleId === id)
        .map((f) => `  ${f.path}:${f.line} ${f.message}`)
        .join('\n')}`,
    );
  }
}

function expectOutput(actual: Record<string, string>, expected: Record<string, string> | string, firstFile: string): void {
  const exp = typeof expected === 'string' ? { [firstFile]: expected } : expected;
  for (const [rel, text] of Object.entries(exp)) assert.equal(actual[rel], text, `fixed text of ${rel}`);
  for (const rel of Object.keys(actual)) assert.ok(rel in exp, `fix also changed ${rel}`);
}

export function ruleTests(ruleId: string, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  describe(ruleId, () => {
    it('is registered', () => assert.ok(rule, `rule ${ruleId} is in RULES`));
    if (!rule) return;
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { findings } = lintFiles(c.files, rule, c.options);
        assert.deepEqual(
          findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`),
          [],
          'no findings expected',
        );
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const files = normalize(c.files);
        const firstFile = Object.keys(files)[0];
        const { findings, program } = lintFiles(c.files, rule, c.options);
        assert.equal(
          findings.length,
          c.findings.length,
          `finding count; got:\n${findings.map((f) => `  ${f.path}:${f.line}:${f.column} ${f.message}`).join('\n')}`,
        );
        // Masking is for secrets quoted from files, never for the rule's prose.
        if (!Object.values(files).some((t) => redact(t) !== t)) {
          for (const f of findings) {
            for (const m of [f.message, ...f.related.map((r) => r.message)])
              assert.ok(!m.includes(MASK), `masked text in a message with no secret in the input: ${m}`);
          }
        }
        // A fix of a Mule rule never trades its finding for another one (of any rule).
        if (ruleId.startsWith('mule/')) {
          for (const f of findings) if (f.fix) assertFixAddsNothing(files, program, f.fix);
        }
        c.findings.forEach((exp, i) => {
          const f = findings[i];
          assert.equal(f.ruleId, ruleId);
          assert.equal(f.path, `${ROOT}/${exp.path ?? firstFile}`, `finding ${i} path`);
          assert.equal(`${f.line}:${f.column}`, `${exp.line}:${exp.column}`, `finding ${i} position (${f.message})`);
          if (exp.endLine !== undefined) assert.equal(f.endLine, exp.endLine, `finding ${i} endLine`);
          if (exp.endColumn !== undefined) assert.equal(f.endColumn, exp.endColumn, `finding ${i} endColumn`);
          if (exp.severity) assert.equal(f.severity, exp.severity);
          if (typeof exp.message === 'string') assert.ok(f.message.includes(exp.message), `message "${f.message}" should contain "${exp.message}"`);
          else if (exp.message) assert.match(f.message, exp.message);
          if (typeof exp.detail === 'string') assert.ok(f.detail?.includes(exp.detail), `detail "${f.detail}" should contain "${exp.detail}"`);
          else if (exp.detail) assert.match(f.detail ?? '', exp.detail);
          const problem = messageShapeProblem(f.message);
          assert.equal(problem, undefined, `finding ${i} message "${f.message}" ${problem}`);
          if (typeof exp.related === 'number') assert.equal(f.related.length, exp.related, 'related count');
          else if (exp.related) {
            assert.equal(f.related.length, exp.related.length, `related: ${f.related.map((r) => r.message).join(' | ')}`);
            exp.related.forEach((m, k) => assert.ok(f.related[k].message.includes(m), `related ${k} "${f.related[k].message}" should contain "${m}"`));
          }
          if (exp.fixOutput === null) assert.equal(f.fix, undefined, 'no fix expected');
          else if (exp.fixOutput !== undefined) {
            assert.ok(f.fix, 'a fix is expected');
            expectOutput(applyFix(program, f.fix!), exp.fixOutput, firstFile);
          }
          if (exp.suggestions) {
            assert.equal(f.suggestions.length, exp.suggestions.length, `suggestions: ${f.suggestions.map((s) => s.title).join(' | ')}`);
            exp.suggestions.forEach((s, k) => {
              const got = f.suggestions[k];
              if (typeof s.title === 'string') assert.ok(got.title.includes(s.title), `suggestion title "${got.title}"`);
              else assert.match(got.title, s.title);
              expectOutput(applyFix(program, got), s.output, firstFile);
            });
          }
        });
      });
    }
  });
}
