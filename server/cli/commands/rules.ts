import { RULES } from '../../core/rules';
import { ruleDocs } from '../../node/rule-docs';
import { parseCommandArgs } from '../args';
import { UsageError, EXIT, type CliIO } from '../io';

export const RULES_HELP = `Usage: session-guard rules [--format text|json]

Lists every rule with its default severity, whether it has fixes, and its documentation.`;

export async function rulesCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('rules', argv, { format: { type: 'string', short: 'f', default: 'text' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout(RULES_HELP + '\n');
    return EXIT.ok;
  }
  const docs = ruleDocs();
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    defaultSeverity: r.meta.defaultSeverity,
    type: r.meta.type,
    description: r.meta.description,
    fixable: !!r.meta.fixable,
    hasSuggestions: !!r.meta.hasSuggestions,
    options: Object.fromEntries(Object.entries(r.meta.options ?? {}).map(([k, v]) => [k, { type: v.type, default: v.default, description: v.description }])),
    docsUrl: docs.url(r.meta.id),
  }));
  if (values.format === 'json') {
    io.stdout(JSON.stringify(rules, null, 2) + '\n');
    return EXIT.ok;
  }
  if (values.format !== 'text') throw new UsageError(`Unknown format '${values.format}'. Use text or json.`);
  const w = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) {
    const flags = [r.fixable ? 'fix' : '', r.hasSuggestions ? 'suggestions' : ''].filter(Boolean).join(', ');
    io.stdout(`${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(7)}  ${r.description}${flags ? ` [${flags}]` : ''}\n`);
  }
  return EXIT.ok;
}
