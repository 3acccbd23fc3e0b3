/** Reading and writing `.sessionguard-baseline.json`; paths in it are relative to its folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyBaseline, parseBaseline, renderBaseline, updateBaseline, type Baseline, type BaselineFile } from '../core/engine/baseline';
import type { FileResult } from '../core/formatters';
import { displayPath } from './paths';

export const DEFAULT_BASELINE_FILE = '.sessionguard-baseline.json';

export class BaselineError extends Error {}

/** The baseline in `file`; undefined when there is none (and `mustExist` is false). */
export function readBaseline(file: string, mustExist: boolean): Baseline | undefined {
  if (!existsSync(file)) {
    if (mustExist) throw new BaselineError(`${file} does not exist; create it with --write-baseline`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const b = parseBaseline(json);
  if (typeof b === 'string') throw new BaselineError(`${file} ${b}`);
  return b;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderBaseline(baseline));
}

/** The checked files as the baseline names them (relative to the baseline file's folder). */
export function baselineFiles(results: readonly FileResult[], file: string): BaselineFile[] {
  const base = dirname(file);
  return results.flatMap((r) => (r.path === undefined ? [] : [{ path: displayPath(r.path, base), findings: r.findings }]));
}

export interface BaselineRun {
  /** The results with the findings the baseline knows taken out. */
  readonly results: FileResult[];
  readonly suppressed: number;
  /** Recorded findings of the checked files that no longer occur. */
  readonly gone: number;
  /** How many findings the file now records (`write` only). */
  readonly written?: number;
}

/**
 * `--baseline` (`write` false) reports only what `file` does not know; `--write-baseline` (`write` true)
 * first records the findings of the checked files in it (keeping what it holds for other files).
 */
export function runWithBaseline(results: readonly FileResult[], file: string, write: boolean): BaselineRun {
  const files = baselineFiles(results, file);
  let baseline = readBaseline(file, !write);
  let written: number | undefined;
  if (write) {
    baseline = updateBaseline(baseline, files);
    writeBaseline(file, baseline);
    written = baseline.findings.length;
  }
  const outcome = applyBaseline(baseline!, files);
  const byPath = new Map(results.filter((r) => r.path !== undefined).map((r, i) => [r, outcome.findings[i]]));
  return {
    results: results.map((r) => (byPath.has(r) ? { ...r, findings: byPath.get(r)! } : r)),
    suppressed: outcome.suppressed,
    gone: outcome.gone.length,
    ...(written !== undefined ? { written } : {}),
  };
}
