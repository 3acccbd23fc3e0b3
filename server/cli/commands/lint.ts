import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FORMATS, format, showsSuggestions, type FormatName } from '../../core/formatters';
import { counts } from '../../core/formatters/types';
import { RULES } from '../../core/rules';
import { ConfigLoadError } from '../../node/config-loader';
import { lintProject, type LintProjectResult } from '../../node/lint-project';
import { displayPath } from '../../node/paths';
import { EXIT, UsageError, type CliIO } from '../io';
import { VERSION } from '../version';

export const LINT_HELP = `Usage: session-guard lint [paths...] [options]

Lints Mule XML (root element <mule>) and Salesforce metadata under the given files or folders
(default: the current folder). target/, node_modules/, .sfdx/ and .sf/ are skipped.

Options:
  -f, --format <name>      stylish (default), json, sarif or junit
  -o, --output <file>      write the report to a file instead of stdout
      --max-warnings <n>   exit with 1 when there are more than n warnings
  -c, --config <file>      use this .sessionguardrc.json instead of the nearest one
      --quiet              report errors only
      --fix                apply safe fixes to the files, then report what is left
      --concurrency <n>    threads: a number, off, or auto (default: several for 400+ files
                           on machines with 4+ cores)
      --no-color           plain text output
  -h, --help               show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage or configuration error.
Set SESSION_GUARD_TIMING=1 to print the ten slowest rules on stderr (=all: every rule; =N: N rows).`;

/** Rows of the timing table: `1` (or any other word) the ten slowest like ESLint's TIMING, `all` every rule, N ≥ 2 that many. */
function timingRows(value: string): number {
  if (value.trim().toLowerCase() === 'all') return Number.POSITIVE_INFINITY;
  const n = Number.parseInt(value, 10);
  return n >= 2 ? n : 10;
}

export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      config: { type: 'string', short: 'c' },
      quiet: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: 'auto' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(LINT_HELP + '\n');
    return EXIT.ok;
  }
  const fmt = values.format as string;
  if (!(FORMATS as readonly string[]).includes(fmt)) throw new UsageError(`Unknown format '${fmt}'. Use one of: ${FORMATS.join(', ')}.`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'] as string;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings expects a non-negative integer, got '${raw}'.`);
    maxWarnings = Number(raw);
  }
  const concurrency = values.concurrency as string;
  if (!/^(auto|off|[1-9]\d?)$/.test(concurrency)) throw new UsageError(`--concurrency expects a number of threads, auto or off, got '${concurrency}'.`);
  const configFile = values.config ? resolve(io.cwd, values.config as string) : undefined;
  const timings = io.env.SESSION_GUARD_TIMING ? new Map<string, number>() : undefined;
  let run: LintProjectResult;
  try {
    run = await lintProject({
      paths: positionals,
      cwd: io.cwd,
      ...(configFile ? { configFile } : {}),
      fix: values.fix as boolean,
      threads: concurrency === 'off' ? 1 : concurrency === 'auto' ? 'auto' : Number(concurrency),
      // Suggestions are built only when the report shows them.
      suggestions: showsSuggestions(fmt as FormatName),
      ...(timings ? { timings } : {}),
    });
  } catch (e) {
    if (e instanceof ConfigLoadError) {
      io.stderr(`session-guard: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  for (const { path, message } of run.notFixed) io.stderr(`session-guard: ${displayPath(path, io.cwd)} ${message}.\n`);
  for (const p of run.problems) io.stderr(`session-guard: ${displayPath(p.path.startsWith('/') ? p.path : resolve(p.path), io.cwd)} ${p.message}; skipped.\n`);
  if (run.unmatched.length && run.results.length === 0) {
    io.stderr(`session-guard: no Mule XML or Salesforce metadata found in ${run.unmatched.join(', ')}.\n`);
    return EXIT.usage;
  }
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && !values.output && !io.env.NO_COLOR;
  const text = format(fmt as FormatName, {
    results: run.results,
    rules: RULES.map((r) => r.meta),
    toolVersion: VERSION,
    quiet: values.quiet as boolean,
    color,
  });
  if (values.output) {
    const out = resolve(io.cwd, values.output as string);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (e) {
      io.stderr(`session-guard: cannot write ${out}: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
  } else io.stdout(text);
  if (timings) io.stderr(timingTable(timings, timingRows(io.env.SESSION_GUARD_TIMING!)));
  const c = counts(run.results);
  if (c.errors > 0) return EXIT.findings;
  if (maxWarnings >= 0 && c.warnings > maxWarnings) {
    io.stderr(`session-guard: ${c.warnings} warnings found, more than --max-warnings ${maxWarnings}.\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Like ESLint's TIMING=1: the slowest rules, with their share of the rule time. */
function timingTable(timings: ReadonlyMap<string, number>, top: number): string {
  const rows = [...timings].sort((a, b) => b[1] - a[1]).slice(0, top);
  const total = [...timings.values()].reduce((a, b) => a + b, 0);
  const w = Math.max(4, ...rows.map(([id]) => id.length));
  const lines = [`${'Rule'.padEnd(w)} | Time (ms) | Relative`, `${'-'.repeat(w)}:|----------:|--------:`];
  for (const [id, ms] of rows) lines.push(`${id.padEnd(w)} | ${ms.toFixed(1).padStart(9)} | ${((ms / (total || 1)) * 100).toFixed(1).padStart(7)}%`);
  return lines.join('\n') + '\n';
}
