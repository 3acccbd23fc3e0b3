/**
 * Loads the probe on first use. In the bundles, esbuild.mjs maps this require to the separate
 * dist/probe.js (jsforce and its dependencies), so the CLI and the language server start without it.
 */
import type * as Probe from './probe';

export type ProbeModule = typeof Probe;

export async function loadProbe(): Promise<ProbeModule> {
  // A require, not an import: esbuild maps it to the separate bundle (an import would inline jsforce).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./probe') as ProbeModule;
}
