/** Reading the recovery snippets the extension contributes (snippets/*.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli';

export type Snippets = Record<string, { prefix: string; description: string; body: string[] }>;

export const loadSnippets = (file: string) => JSON.parse(readFileSync(join(REPO, 'snippets', file), 'utf8')) as Snippets;

/** Expands a VS Code snippet body with its defaults: ${1:x} → x, ${1|a,b|} → a, $0 / $1 → ''. */
export function expand(body: readonly string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1');
  return text.replace(/\$\d+/g, '').replace(/\t/g, '    ');
}
