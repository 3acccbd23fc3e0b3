import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateWorkspace } from '../../bench/generate';
import { autoConcurrency, claimOrder } from '../../server/node/parallel-lint';
import { binary, cli } from '../support/cli';

describe('session-guard lint --concurrency', () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-par-'));
  generateWorkspace(root, { muleFiles: 120, flows: 60, filesPerApp: 20, flowsPerProject: 20, seed: 3 });

  it('gives the same report on two threads as on one (units are never split across threads)', () => {
    const one = binary(['lint', root, '--format', 'json', '--concurrency', 'off']);
    const two = binary(['lint', root, '--format', 'json', '--concurrency', '2']);
    assert.equal(two.code, one.code);
    assert.equal(one.code, 1, 'the generated workspace has errors');
    const a = JSON.parse(one.stdout);
    assert.ok(a.length > 100 && a.some((f: { messages: unknown[] }) => f.messages.length > 0));
    const suggested = a
      .flatMap((f: { messages: { suggestions: unknown[] }[] }) => f.messages)
      .filter((m: { suggestions: unknown[] }) => m.suggestions.length > 0);
    assert.ok(suggested.length > 10, 'JSON reports carry the suggestions, from worker threads too');
    assert.equal(two.stdout, one.stdout);
  });

  it('hands out whole Mule apps and SFDX projects, those with the most files first', () => {
    const files = ['/w/c.xml', '/w/a/src/main/mule/x.xml', '/w/b/src/main/mule/z.xml', '/w/a/src/main/mule/y.xml'];
    assert.deepEqual(
      claimOrder(files),
      [['/w/a/src/main/mule/x.xml', '/w/a/src/main/mule/y.xml'], ['/w/c.xml'], ['/w/b/src/main/mule/z.xml']],
      'ties keep the order of discovery',
    );
  });

  it('gives the same report with more threads than units, and with the main thread alone', () => {
    const app = join(root, 'mule', 'app-0');
    const many = binary(['lint', app, '--format', 'json', '--concurrency', '8']);
    const off = binary(['lint', app, '--format', 'json', '--concurrency', 'off']);
    assert.equal(many.code, off.code);
    assert.ok(JSON.parse(off.stdout).length > 1);
    assert.equal(many.stdout, off.stdout);
  });

  it('auto uses threads only for large runs on machines with four or more cores', () => {
    assert.equal(autoConcurrency(10_000, 2), 1);
    assert.equal(autoConcurrency(100, 16), 1);
    assert.equal(autoConcurrency(10_000, 8), 4);
    assert.equal(autoConcurrency(10_000, 4), 2);
  });

  it('rejects a bad --concurrency value', async () => {
    const r = await cli(['lint', root, '--concurrency', 'many']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--concurrency expects a number of threads, auto or off, got 'many'/);
  });

  it('prints the time per rule with SESSION_GUARD_TIMING', async () => {
    const r = await cli(['lint', root, '-o', join(root, '..', `${root.split('/').pop()}.txt`)], undefined, '', { SESSION_GUARD_TIMING: '3' });
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0], /^Rule +\| Time \(ms\) \| Relative$/);
    assert.equal(lines.length, 5, 'header, separator and three rows');
    assert.match(lines[2], /^[a-z]+\/[a-z-]+ +\| +\d+\.\d \| +\d+\.\d%$/);
  });

  it('SESSION_GUARD_TIMING=1 prints the ten slowest rules and =all every rule', async () => {
    const rows = async (value: string) => {
      const r = await cli(['lint', root, '-o', join(root, '..', `${root.split('/').pop()}.txt`)], undefined, '', { SESSION_GUARD_TIMING: value });
      return r.stderr.trim().split('\n').length - 2;
    };
    assert.equal(await rows('1'), 10);
    assert.ok((await rows('all')) > 10, 'every rule that ran');
  });
});
