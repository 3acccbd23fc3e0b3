import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatProbeText } from '../../core/diagnose/format-probe';
import { MASK, redact } from '../../core/diagnose/redact';
import { decode } from '../../node/decode';
import { loadProbe } from '../../node/probe/load';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO } from '../io';

export const PROBE_HELP = `Usage: session-guard probe --instance-url URL --access-token TOKEN [options]
       session-guard probe --target-org ALIAS [--user USERNAME] [options]

Confirms or rules out the causes of a Salesforce session failure against the live org: whether the
token is accepted (userinfo, REST API), the org's id against the token's org prefix (sandbox
refresh), the integration user (inactive, frozen) and its recent login history (Restricted IP,
Invalid Password, …), and the daily API limit. Tokens are never printed.

Options:
      --instance-url <url>   the org's My Domain URL (https://acme.my.salesforce.com)
      --access-token <tok>   the token to investigate; '-' reads it from standard input.
                             Prefer the SESSION_GUARD_ACCESS_TOKEN environment variable: command
                             lines end up in shell history and process lists
      --target-org <alias>   a Salesforce CLI login (sf org display) for the org-level checks;
                             with --access-token, the token is investigated and this login reads the org
      --user <username>      the integration user whose state and login history to read
                             (default: the token's user)
      --error <file|->       the error text being investigated ('-' reads standard input):
                             token org prefixes in it are compared with the org's id
      --api-version <v>      REST API version (default 62.0)
      --timeout <seconds>    per request (default 30)
  -f, --format <name>        text (default) or json
      --color, --no-color    force colours on or off
  -h, --help                 this help

Exit codes: 0 nothing wrong found, 1 the token was rejected or a cause was confirmed,
2 usage error, Salesforce CLI failure, or the org could not be reached.`;

export async function probeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('probe', argv, {
    'instance-url': { type: 'string' },
    'access-token': { type: 'string' },
    'target-org': { type: 'string' },
    user: { type: 'string' },
    error: { type: 'string' },
    'api-version': { type: 'string' },
    timeout: { type: 'string' },
    format: { type: 'string', short: 'f', default: 'text' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(PROBE_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`probe takes no positional arguments, got: ${positionals.map((p) => redact(p)).join(', ')}.`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`Unknown format '${values.format}'. Use text or json.`);
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    if (!/^\d+$/.test(values.timeout) || Number(values.timeout) < 1)
      throw new UsageError(`--timeout expects a whole number of seconds, got '${values.timeout}'.`);
    timeoutMs = Number(values.timeout) * 1000;
  }

  if (values['access-token'] === '-' && values.error === '-')
    throw new UsageError('--access-token - and --error - both read standard input; pass the token in SESSION_GUARD_ACCESS_TOKEN instead.');
  let accessToken = values['access-token'] ?? io.env.SESSION_GUARD_ACCESS_TOKEN;
  if (accessToken === '-') accessToken = (await io.readStdin()).trim();
  else if (values['access-token'] !== undefined)
    io.stderr('session-guard: note: a token on the command line ends up in shell history; prefer SESSION_GUARD_ACCESS_TOKEN or --access-token -.\n');
  if (accessToken !== undefined && !accessToken) throw new UsageError('--access-token is empty.');

  let errorText: string | undefined;
  if (values.error === '-') {
    errorText = await io.readStdin();
  } else if (values.error !== undefined) {
    try {
      errorText = decode(readFileSync(resolve(io.cwd, values.error)));
    } catch (e) {
      io.stderr(`session-guard: cannot read ${values.error}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT.usage;
    }
  }

  const probe = await loadProbe();
  let outcome;
  try {
    outcome = await probe.runProbe({
      instanceUrl: values['instance-url'],
      accessToken,
      targetOrg: values['target-org'],
      user: values.user,
      errorText,
      apiVersion: values['api-version'],
      timeoutMs,
      env: io.env as NodeJS.ProcessEnv,
    });
  } catch (e) {
    if (e instanceof probe.ProbeUsageError) throw new UsageError(e.message);
    if (e instanceof probe.SfCliError) {
      io.stderr(`session-guard: ${scrub(e.message, [accessToken])}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const { report, unreachable, secrets } = outcome;
  const text =
    values.format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : formatProbeText(report, values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR);
  io.stdout(scrub(text, secrets));
  if (unreachable) {
    io.stderr(`session-guard: could not reach ${report.instanceUrl}: ${scrub(unreachable, secrets)}\n`);
    return EXIT.usage;
  }
  return report.tokenValid === false || report.confirmed.length ? EXIT.findings : EXIT.ok;
}

/** The last line of defence: whatever a report says, the tokens used never appear in it. */
function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = redact(text);
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join(MASK);
  return out;
}
