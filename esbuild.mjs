// Bundles each host into one file: the CLI, the language server, the VS Code extension, the probe
// (jsforce, loaded on first use) and the runbook panel's page script.
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

/** The probe (jsforce) is its own bundle, required from dist/ on first use: see server/node/probe/load.ts. */
const probeAsSeparateBundle = {
  name: 'probe-as-separate-bundle',
  setup(b) {
    b.onResolve({ filter: /^\.\/probe$/ }, (args) =>
      /[\\/]node[\\/]probe[\\/]load\.ts$/.test(args.importer) ? { path: './probe.js', external: true } : undefined,
    );
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['server/cli/entry.ts'], outfile: 'dist/cli.js', plugins: [probeAsSeparateBundle] }),
  build({ ...common, entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js', plugins: [probeAsSeparateBundle] }),
  build({ ...common, entryPoints: ['server/node/probe/probe.ts'], outfile: 'dist/probe.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The runbook panel's page script: a classic script (it reads its own CSP nonce), for the webview's Chromium.
  build({
    ...common,
    entryPoints: ['client/src/runbook/webview.ts'],
    outfile: 'dist/webview/runbook.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
]);
chmodSync('dist/cli.js', 0o755);
