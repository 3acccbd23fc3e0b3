import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnose } from '../../core/diagnose/classify';
import { formatDiagnosisText } from '../../core/diagnose/format-text';
import { decode } from '../../node/decode';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO } from '../io';

export const DIAGNOSE_HELP = `Usage: session-guard diagnose [FILE|-] [--format text|json]

Finds the root cause of a Salesforce session failure (INVALID_SESSION_ID and friends) in pasted
text: a Mule log, a Flow fault e-mail, an Apex debug log, jsforce / simple-salesforce / restforce /
sf CLI output, a SOAP fault or a raw HTTP response. Reads FILE, or standard input when FILE is '-'
or omitted. Tokens, passwords and session cookies are masked in every output.

Options:
  -f, --format <name>   text (default) or json
      --color           colours even when not on a terminal
      --no-color        plain text even on a terminal
  -h, --help            this help

Exit codes: 0 a diagnosis was printed (including UNKNOWN), 2 usage error or unreadable input.`;

/** Inputs larger than this are refused with a message: an error text is never this big. */
const MAX_DIAGNOSE_BYTES = 16 * 1024 * 1024;

export async function diagnoseCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('diagnose', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(DIAGNOSE_HELP + '\n');
    return EXIT.ok;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`Unknown format '${values.format}'. Use text or json.`);
  if (positionals.length > 1) throw new UsageError(`diagnose reads one input, got ${positionals.length}: ${positionals.join(', ')}.`);
  const source = positionals[0] ?? '-';

  let text: string;
  if (source === '-') {
    if (io.stdinIsTTY) io.stderr('session-guard: paste the error text, then press Ctrl-D (Ctrl-Z Enter on Windows).\n');
    text = await io.readStdin();
  } else {
    const path = resolve(io.cwd, source);
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch (e) {
      io.stderr(`session-guard: cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT.usage;
    }
    if (buf.length > MAX_DIAGNOSE_BYTES) {
      io.stderr(
        `session-guard: ${source} is ${buf.length} bytes; diagnose reads at most ${MAX_DIAGNOSE_BYTES} bytes of error text. Cut the log down to the failure.\n`,
      );
      return EXIT.usage;
    }
    text = decode(buf);
  }
  if (text.length > MAX_DIAGNOSE_BYTES) {
    io.stderr(`session-guard: the input is larger than ${MAX_DIAGNOSE_BYTES} bytes; cut the log down to the failure.\n`);
    return EXIT.usage;
  }
  if (!text.trim()) {
    io.stderr('session-guard: the input is empty; paste or pipe the error text.\n');
    return EXIT.usage;
  }
  const d = diagnose(text);
  if (values.format === 'json') io.stdout(JSON.stringify(d, null, 2) + '\n');
  else io.stdout(formatDiagnosisText(d, text, values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR));
  return EXIT.ok;
}
