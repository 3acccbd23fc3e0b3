/**
 * Against peers on the same Flow files: the bare parse by fast-xml-parser 5 and by our scanner, and a
 * full parse + scan by Lightning Flow Scanner core next to a full Session Guard analysis of the same
 * flows (both read the files from disk). Measured side by side, alternating, in one process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { parse as lfsParse, scan as lfsScan } from '@flow-scanner/lightning-flow-scanner-core';
import { XMLParser } from 'fast-xml-parser';
import type * as SessionGuard from './sg-entry';
import { median } from './stats';

export interface PeerFigures {
  readonly flows: number;
  readonly megabytes: number;
  readonly parseMs: { sessionGuard: number; fastXmlParser: number };
  readonly scanMs: { sessionGuard: number; lightningFlowScanner: number };
}

/** Session Guard's analysis as shipped: bench/sg-entry.ts bundled like dist/cli.js. */
function bundledSessionGuard(): typeof SessionGuard {
  const out = join(__dirname, '.out', 'sg-lint.cjs');
  buildSync({
    entryPoints: [join(__dirname, 'sg-entry.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is built just above
  return require(out) as typeof SessionGuard;
}

export async function peers(flowPaths: readonly string[], runs: number): Promise<PeerFigures> {
  const { lintUnits, RULES, ConfigResolver, parseXml } = bundledSessionGuard();
  const texts = flowPaths.map((p) => readFileSync(p, 'utf8'));
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const fxp = new XMLParser({ ignoreAttributes: false });
  const parse = { sg: [] as number[], fxp: [] as number[] };
  const scan = { sg: [] as number[], lfs: [] as number[] };
  const time = async (fn: () => unknown) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const sgParse = () => texts.forEach((t) => parseXml(t));
  const fxpParse = () => texts.forEach((t) => fxp.parse(t));
  // What `session-guard lint` runs for its default report: every rule, messages masked, positions; no
  // suggestions (only the JSON report shows them, and Lightning Flow Scanner builds no edits either).
  const sgScan = () => lintUnits(flowPaths, { cwd: '/', rules: RULES, configs: new ConfigResolver(RULES), suggestions: false });
  const lfsRun = async () => lfsScan(await lfsParse([...flowPaths]));
  // Warm-up, then alternate so that both see the same machine state.
  sgParse();
  fxpParse();
  sgScan();
  await lfsRun();
  for (let i = 0; i < runs; i++) {
    parse.sg.push(await time(sgParse));
    parse.fxp.push(await time(fxpParse));
    scan.sg.push(await time(sgScan));
    scan.lfs.push(await time(lfsRun));
  }
  return {
    flows: flowPaths.length,
    megabytes: bytes / 1e6,
    parseMs: { sessionGuard: median(parse.sg), fastXmlParser: median(parse.fxp) },
    scanMs: { sessionGuard: median(scan.sg), lightningFlowScanner: median(scan.lfs) },
  };
}
