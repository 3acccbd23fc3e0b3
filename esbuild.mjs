// Bundles each host into one file: the CLI now; the language server and the extension join later.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  legalComments: 'none',
};

await build({ ...common, entryPoints: ['server/cli/entry.ts'], outfile: 'dist/cli.js' });
chmodSync('dist/cli.js', 0o755);
