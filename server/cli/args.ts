/**
 * Command-line parsing for every command: Node's `parseArgs`, with its errors said once, on one line,
 * in our words ("unknown option '--fixx' (did you mean --fix?)") instead of Node's advice about `--`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../core/text/closest';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals, options });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = (e as Error).message;
    const names = Object.entries(options).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'([^']+)'/.exec(message)?.[1] ?? '?';
      const near = closest(given.split('=')[0], names, given.startsWith('--') ? 3 : 0);
      throw new UsageError(`unknown option '${given}' for '${command}'${near ? ` (did you mean ${near}?)` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const given = /--[\w-]+/.exec(message)?.[0] ?? 'an option';
      throw new UsageError(/argument missing/.test(message) ? `option '${given}' needs a value` : `option '${given}' takes no value`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const given = /'([^']+)'/.exec(message)?.[1] ?? '?';
      throw new UsageError(`'${command}' takes no arguments, got '${given}'`);
    }
    throw e;
  }
}
