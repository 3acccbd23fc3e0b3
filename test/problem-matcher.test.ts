/**
 * The contributed $session-guard-stylish problem matcher, run the way VS Code's task system runs
 * multi-line matchers (a sliding buffer of pattern-length lines, the last pattern looping), over
 * real `session-guard lint` output.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, REPO } from './support/cli';

interface Pattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}

interface Marker {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

/** VS Code's StartStopProblemCollector + MultiLineMatcher, reduced to what a stylish matcher uses. */
function run(patterns: Pattern[], lines: string[]): Marker[] {
  const res = patterns.map((p) => new RegExp(p.regexp));
  const out: Marker[] = [];
  let buffer: string[] = [];
  let active: Record<string, string> | undefined;
  const fill = (data: Record<string, string>, p: Pattern, m: RegExpExecArray) => {
    for (const k of ['file', 'line', 'column', 'severity', 'message', 'code'] as const) if (p[k] !== undefined) data[k] = m[p[k]!];
  };
  const emit = (d: Record<string, string>) =>
    out.push({ file: d.file, line: Number(d.line), column: Number(d.column), severity: d.severity, message: d.message, code: d.code });
  for (const line of lines) {
    if (active) {
      const m = res[res.length - 1].exec(line);
      if (m) {
        const d = { ...active };
        fill(d, patterns[patterns.length - 1], m);
        emit(d);
        continue;
      }
      active = undefined;
      buffer = [];
    }
    buffer.push(line);
    if (buffer.length > patterns.length) buffer.shift();
    if (buffer.length < patterns.length) continue;
    const data: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < patterns.length && ok; i++) {
      const m = res[i].exec(buffer[i]);
      if (!m) ok = false;
      else fill(data, patterns[i], m);
    }
    if (!ok) continue;
    emit(data);
    buffer = [];
    if (patterns[patterns.length - 1].loop) active = data;
  }
  return out;
}

describe('$session-guard-stylish problem matcher', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'session-guard-stylish');

  it('is contributed with a file pattern and a looping problem pattern', () => {
    assert.equal(matcher.owner, 'session-guard');
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
    assert.equal(matcher.pattern.length, 2);
    assert.equal(matcher.pattern[1].loop, true);
  });

  it('reads every finding of real CLI output, with file, position, severity, message and rule', async () => {
    const r = await cli(['lint', 'test/fixtures/cli', '--no-color']);
    const json = JSON.parse((await cli(['lint', 'test/fixtures/cli', '--format', 'json'])).stdout) as {
      filePath: string;
      messages: { ruleId: string; line: number; column: number; severity: string; message: string }[];
    }[];
    const expected = json.flatMap((f) =>
      f.messages.map((m) => ({ file: f.filePath, line: m.line, column: m.column, severity: m.severity, message: m.message, code: m.ruleId })),
    );
    const markers = run(matcher.pattern, r.stdout.split('\n'));
    assert.deepEqual(markers, expected);
    assert.ok(markers.length >= 4);
  });
});
