/**
 * One lint run from the file system: discover, read, analyse, and hand back results with display
 * paths. The CLI is a thin shell around this; tests call it directly.
 */
import { readFileSync } from 'node:fs';
import { lint } from '../core/engine/linter';
import type { Finding } from '../core/findings';
import type { FileResult } from '../core/formatters';
import { Workspace } from '../core/project/workspace';
import { RULES } from '../core/rules';
import type { Rule } from '../core/rules/rule';
import { ConfigResolver } from './config-loader';
import { contextFiles } from './context';
import { decodeText, type Decoded } from './decode';
import { discover, type DiscoveryProblem } from './discovery';
import { displayPath, toCorePath, toOsPath } from './paths';

export interface LintRunOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly configFile?: string;
  readonly rules?: readonly Rule[];
}

export interface LintRun {
  readonly results: FileResult[];
  readonly problems: DiscoveryProblem[];
  readonly unmatched: string[];
  readonly workspace: Workspace;
  /** Core path → findings (same objects as in results). */
  readonly findings: Map<string, Finding[]>;
  /** Core path → how the file was encoded on disk (for writing fixes back). */
  readonly encodings: Map<string, Decoded>;
}

/** Throws ConfigLoadError for an invalid configuration; everything else becomes a problem. */
export function runLint(opts: LintRunOptions): LintRun {
  const rules = opts.rules ?? RULES;
  const configs = new ConfigResolver(rules, opts.configFile);
  const found = discover(opts.paths, opts.cwd, configs);
  const problems = [...found.problems];
  const ws = new Workspace();
  const targets: string[] = [];
  const encodings = new Map<string, Decoded>();
  const readText = (p: string): string | undefined => {
    try {
      const d = decodeText(readFileSync(p));
      encodings.set(toCorePath(p), d);
      return d.text;
    } catch (e) {
      problems.push({ path: p, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return undefined;
    }
  };
  for (const p of found.targets) {
    const text = readText(p);
    if (text === undefined) continue;
    ws.setFile(toCorePath(p), text);
    targets.push(toCorePath(p));
  }
  for (const p of contextFiles(found.targets)) {
    const text = readText(p);
    if (text !== undefined) ws.setFile(toCorePath(p), text);
  }
  const findings = lint(ws, rules, { targets, configFor: (path) => configs.forFile(toOsPath(path)).resolved });
  const results: FileResult[] = [...findings]
    .map(([path, list]) => ({ displayPath: displayPath(path, opts.cwd), findings: list }))
    .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { results, problems, unmatched: found.unmatched, workspace: ws, findings, encodings };
}
