/** `session-guard` command line: lint (CI mode), diagnose (root cause of a pasted error), probe (live org), rules. */
import { diagnoseCommand, DIAGNOSE_HELP } from './commands/diagnose';
import { lintCommand, LINT_HELP } from './commands/lint';
import { probeCommand, PROBE_HELP } from './commands/probe';
import { rulesCommand, RULES_HELP } from './commands/rules';
import { escapeForTerminal } from '../core/text/terminal';
import { EXIT, UsageError, type CliIO } from './io';
import { VERSION } from './version';

const HELP = `Session Guard ${VERSION}: finds the paths that lose messages to Salesforce INVALID_SESSION_ID.

Usage:
  session-guard lint [paths...] [--format stylish|json|sarif|junit] [--output FILE]
                     [--max-warnings N] [--config FILE] [--quiet] [--fix]
  session-guard diagnose [FILE|-] [--format text|json]
  session-guard probe --instance-url URL (--access-token T | --target-org ALIAS)
                      [--user USERNAME] [--error FILE] [--format text|json]
  session-guard rules [--format text|json]
  session-guard --version

Run 'session-guard <command> --help' for details.`;

const COMMAND_HELP: Record<string, string> = { lint: LINT_HELP, diagnose: DIAGNOSE_HELP, probe: PROBE_HELP, rules: RULES_HELP };

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await lintCommand(rest, io);
      case 'diagnose':
        return await diagnoseCommand(rest, io);
      case 'probe':
        return await probeCommand(rest, io);
      case 'rules':
        return await rulesCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP + '\n');
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command '${command}' (commands: lint, diagnose, probe, rules)`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // One line, in our words, and where the options are described.
      const help = command && COMMAND_HELP[command] ? `session-guard ${command} --help` : 'session-guard --help';
      io.stderr(`session-guard: ${escapeForTerminal((e as Error).message.replace(/\.$/, ''))}. Run '${help}' for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`session-guard: internal error: ${(e as Error).stack ?? e}\n`);
    return EXIT.usage;
  }
}

export function nodeIO(): CliIO {
  return {
    cwd: process.cwd(),
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
