import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FORMATS, format, showsFingerprints, showsSuggestions, type FormatName } from '../../core/formatters';
import { counts } from '../../core/formatters/types';
import { RULES } from '../../core/rules';
import { escapeForTerminal } from '../../core/text/terminal';
import { BaselineError, DEFAULT_BASELINE_FILE, runWithBaseline } from '../../node/baseline-file';
import { ConfigLoadError, configResolverFor, describeProblems } from '../../node/config-loader';
import { lintProject, type LintProjectOptions, type LintProjectResult } from '../../node/lint-project';
import { displayPath, toCorePath } from '../../node/paths';
import { printConfig } from '../../node/print-config';
import { ruleDocs } from '../../node/rule-docs';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO } from '../io';
import { VERSION } from '../version';

export const LINT_HELP = `Usage: session-guard lint [paths or quoted globs...] [options]

Lints Mule XML (root element <mule>) and Salesforce metadata under the given files, folders or globs
('src/**/*.xml'; default: the current folder). target/, node_modules/, .sfdx/, .sf/ and .git/ are
skipped, and so is what .sessionguardignore files (gitignore syntax) and the configuration ignore.

Options:
  -f, --format <name>        stylish (default), stylish-verbose, json, sarif, junit or gitlab
  -v, --verbose              with stylish: each finding's explanation under it
  -o, --output <file>        write the report to a file instead of stdout
      --max-warnings <n>     exit with 1 when there are more than n warnings
  -c, --config <file>        use this .sessionguardrc.json instead of the nearest one
      --print-config <file>  print the configuration that applies to a file, and exit
      --ignore-pattern <p>   also ignore files matching p (gitignore syntax, relative to the
                             current folder; repeatable)
      --no-ignore            ignore nothing but the folders above
      --quiet                report errors only
      --fix                  apply safe fixes to the files, then report what is left
      --fix-dry-run          work out the fixes without writing them; JSON shows each fixed
                             file's text as "output"
      --stdin                lint standard input instead of files
      --stdin-filename <f>   the file standard input stands for: it is linted inside that
                             file's Mule app or SFDX project, so references resolve
      --write-baseline[=<file>]
                             record today's findings in a baseline (default
                             ${DEFAULT_BASELINE_FILE}, meant to be committed)
      --baseline[=<file>]    report only findings the baseline does not know
      --concurrency <n>      threads: a number, off, or auto (default: several for 400+ files
                             on machines with 4+ cores)
      --no-color             plain text output
  -h, --help                 show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage or configuration error, or a file that cannot be read.
Set SESSION_GUARD_TIMING=1 to print the ten slowest rules on stderr (=all: every rule; =N: N rows).`;

/** Rows of the timing table: `1` (or any other word) the ten slowest like ESLint's TIMING, `all` every rule, N ≥ 2 that many. */
function timingRows(value: string): number {
  if (value.trim().toLowerCase() === 'all') return Number.POSITIVE_INFINITY;
  const n = Number.parseInt(value, 10);
  return n >= 2 ? n : 10;
}

/** `--baseline` and `--write-baseline` take an optional value, written `--baseline=FILE` (a bare word after them is a path to lint). */
function takeOptionalValue(argv: string[], name: string): { present: boolean; value?: string; rest: string[] } {
  let present = false;
  let value: string | undefined;
  const rest: string[] = [];
  for (const [i, a] of argv.entries()) {
    if (argv.indexOf('--') >= 0 && i > argv.indexOf('--')) rest.push(a);
    else if (a === `--${name}`) present = true;
    else if (a.startsWith(`--${name}=`)) {
      present = true;
      value = a.slice(name.length + 3);
      if (!value) throw new UsageError(`--${name}= needs a file name`);
    } else rest.push(a);
  }
  return { present, ...(value !== undefined ? { value } : {}), rest };
}

export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const write = takeOptionalValue(argv, 'write-baseline');
  const use = takeOptionalValue(write.rest, 'baseline');
  const { values, positionals } = parseCommandArgs('lint', use.rest, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    verbose: { type: 'boolean', short: 'v', default: false },
    output: { type: 'string', short: 'o' },
    'max-warnings': { type: 'string' },
    config: { type: 'string', short: 'c' },
    'print-config': { type: 'string' },
    'ignore-pattern': { type: 'string', multiple: true },
    'no-ignore': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    fix: { type: 'boolean', default: false },
    'fix-dry-run': { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
    'stdin-filename': { type: 'string' },
    concurrency: { type: 'string', default: 'auto' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(LINT_HELP + '\n');
    return EXIT.ok;
  }
  const fmt = values.format as string;
  if (!(FORMATS as readonly string[]).includes(fmt)) throw new UsageError(`unknown format '${fmt}' (use one of: ${FORMATS.join(', ')})`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'] as string;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings expects a non-negative integer, got '${raw}'`);
    maxWarnings = Number(raw);
  }
  const concurrency = values.concurrency as string;
  if (!/^(auto|off|[1-9]\d?)$/.test(concurrency)) throw new UsageError(`--concurrency expects a number of threads, auto or off, got '${concurrency}'`);
  const stdin = values.stdin as boolean;
  if (values['stdin-filename'] !== undefined && !stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (stdin && positionals.length) throw new UsageError(`--stdin lints standard input, not paths (got ${positionals.join(', ')})`);
  if (stdin && values.fix) throw new UsageError('--fix cannot write standard input back; use --fix-dry-run and read "output" from --format json');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (write.present && use.present && (write.value ?? DEFAULT_BASELINE_FILE) !== (use.value ?? DEFAULT_BASELINE_FILE)) {
    throw new UsageError('--write-baseline and --baseline name different files');
  }
  const baselineFile = write.present || use.present ? resolve(io.cwd, write.value ?? use.value ?? DEFAULT_BASELINE_FILE) : undefined;
  const configFile = values.config ? resolve(io.cwd, values.config as string) : undefined;
  const timings = io.env.SESSION_GUARD_TIMING ? new Map<string, number>() : undefined;
  const options: LintProjectOptions = {
    paths: positionals,
    cwd: io.cwd,
    ...(configFile ? { configFile } : {}),
    fix: values.fix as boolean,
    fixDryRun: values['fix-dry-run'] as boolean,
    threads: concurrency === 'off' ? 1 : concurrency === 'auto' ? 'auto' : Number(concurrency),
    // Suggestions and fingerprints are made only when the report shows them.
    suggestions: showsSuggestions(fmt as FormatName),
    fingerprints: showsFingerprints(fmt as FormatName) || baselineFile !== undefined,
    ignorePatterns: (values['ignore-pattern'] as string[] | undefined) ?? [],
    noIgnore: values['no-ignore'] as boolean,
    ...(stdin ? { stdin: { text: await io.readStdin(), ...(values['stdin-filename'] ? { filename: values['stdin-filename'] as string } : {}) } } : {}),
    ...(timings ? { timings } : {}),
  };
  const say = (line: string) => io.stderr(`session-guard: ${escapeForTerminal(line)}\n`);
  const shown = (p: string) => displayPath(toCorePath(resolve(io.cwd, p)), io.cwd);
  let run: LintProjectResult;
  try {
    if (values['print-config'] !== undefined) {
      io.stdout(JSON.stringify(printConfig(configResolverFor(options), resolve(io.cwd, values['print-config'] as string)), null, 2) + '\n');
      return EXIT.ok;
    }
    run = await lintProject(options);
  } catch (e) {
    if (e instanceof ConfigLoadError) {
      const lines = [`session-guard: invalid configuration in ${shown(e.file)}:`, ...describeProblems(e.file, e.problems, shown).split('\n')];
      io.stderr(lines.map(escapeForTerminal).join('\n') + '\n');
      return EXIT.usage;
    }
    throw e;
  }
  for (const { path, message } of run.notFixed) say(`${displayPath(path, io.cwd)} ${message}.`);
  // A file that cannot be read is an error (exit 2), named here, never a silent skip.
  for (const p of run.problems) say(`${displayPath(toCorePath(resolve(io.cwd, p.path)), io.cwd)} ${p.message}; skipped.`);
  if (run.unmatched.length && run.results.length === 0) {
    say(`no Mule XML or Salesforce metadata found in ${run.unmatched.join(', ')}.`);
    return EXIT.usage;
  }
  let results = run.results;
  if (baselineFile) {
    try {
      const b = runWithBaseline(results, baselineFile, write.present);
      results = b.results;
      if (b.written !== undefined) say(`wrote ${b.written} finding${b.written === 1 ? '' : 's'} to ${shown(baselineFile)}.`);
      else {
        say(
          `baseline ${shown(baselineFile)}: ${b.suppressed} known finding${b.suppressed === 1 ? '' : 's'} not reported, ${b.gone} no longer occur${b.gone === 1 ? 's' : ''}` +
            `${b.gone ? ' (run --write-baseline to drop them)' : ''}.`,
        );
      }
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      say(`baseline ${e.message.replace(baselineFile, shown(baselineFile))}.`);
      return EXIT.usage;
    }
  }
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && !values.output && !io.env.NO_COLOR;
  const text = format(fmt as FormatName, {
    results,
    rules: RULES.map((r) => r.meta),
    toolVersion: VERSION,
    quiet: values.quiet as boolean,
    verbose: values.verbose as boolean,
    color,
    pathOf: (p) => displayPath(p, io.cwd),
    docs: ruleDocs(),
  });
  if (values.output) {
    const out = resolve(io.cwd, values.output as string);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (e) {
      say(`cannot write ${out}: ${(e as Error).message}`);
      return EXIT.usage;
    }
  } else io.stdout(text);
  if (timings) io.stderr(timingTable(timings, timingRows(io.env.SESSION_GUARD_TIMING!)));
  if (run.problems.length) return EXIT.usage;
  const c = counts(results);
  if (c.errors > 0) return EXIT.findings;
  if (maxWarnings >= 0 && c.warnings > maxWarnings) {
    say(`${c.warnings} warnings found, more than --max-warnings ${maxWarnings}.`);
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
