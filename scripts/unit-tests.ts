/**
 * `npm run test:unit`: every test that needs no real editor, in one process: the quick loop while
 * working. `scripts/test.mjs --unit` builds the bundles first (the CLI and language-server tests run them)
 * and passes the test files; they are imported here rather than spawned one by one, so the set starts once.
 */
import { pathToFileURL } from 'node:url';

void (async () => {
  for (const f of process.argv.slice(2)) await import(pathToFileURL(f).href);
})();
