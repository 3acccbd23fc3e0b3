/** Reading the README's code blocks, so that tests run what it prints (and the two cannot drift apart). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli';

export const README = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The first ```lang block after the first line of the README that starts with `intro`, as printed. */
export function codeBlockAfter(intro: string, lang: string): string {
  const at = README.search(new RegExp(`^${intro.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  assert.ok(at >= 0, `the README has a line starting with "${intro}"`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(README.slice(at));
  assert.ok(m, `a ${lang} block follows "${intro}"`);
  return m[1];
}
