/**
 * Lint throughput of the real CLI, whole process included (start-up, discovery, reading, analysis,
 * formatting): `node dist/cli.js lint DIR --output FILE` (the default stylish report), timed from
 * spawn to exit.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigResolver } from '../server/node/config-loader';
import { discover } from '../server/node/discovery';
import { RULES } from '../server/core/rules';
import { median } from './stats';

export const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');

/** Bytes of the files `lint` analyses under `dir` (targets only, like the MB/s of ESLint runs). */
export function lintedBytes(dir: string): { files: number; bytes: number } {
  const found = discover([dir], dir, new ConfigResolver(RULES));
  let bytes = 0;
  for (const p of found.targets) bytes += statSync(p).size;
  return { files: found.targets.length, bytes };
}

export interface ThroughputFigure {
  readonly files: number;
  readonly megabytes: number;
  readonly runsMs: number[];
  readonly medianMs: number;
  readonly mbPerSecond: number;
}

/** Spawns the CLI `runs` times after one warm-up; the exit status must be a lint result (0 or 1). */
export function cliThroughput(dir: string, runs: number, extraArgs: string[] = []): ThroughputFigure {
  const { files, bytes } = lintedBytes(dir);
  const once = (): number => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'lint', dir, '--output', join(REPO, 'bench', '.out', 'lint.txt'), ...extraArgs], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const ms = performance.now() - t;
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint ${dir} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  once();
  const runsMs = Array.from({ length: runs }, once);
  const medianMs = median(runsMs);
  return { files, megabytes: bytes / 1e6, runsMs, medianMs, mbPerSecond: bytes / 1e6 / (medianMs / 1000) };
}
