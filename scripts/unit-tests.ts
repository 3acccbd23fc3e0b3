/**
 * `npm run test:unit`: every test that needs no real editor (server/ and test/ but test/e2e) in one
 * process: the quick loop while working. Imported here rather than spawned per file, so the set starts
 * once. `scripts/test.mjs --unit` builds the bundles first (the CLI and language-server tests run them).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..');

function find(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = [...find(join(root, 'server')), ...find(join(root, 'test')).filter((f) => !f.includes(`${join('test', 'e2e')}`))]
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
void (async () => {
  for (const f of files) await import(pathToFileURL(f).href);
})();
