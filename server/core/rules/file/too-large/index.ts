import type { ResolvedConfig } from '../../../config/config';
import { xmlFileRule } from '../../rule';

/** The default limit: far above real Mule and Flow files (a few KB to a few hundred KB). */
export const DEFAULT_MAX_BYTES = 4_000_000;

/** The size limit a configuration sets (undefined when the rule is off: then every file is analysed). */
export function sizeLimit(config: ResolvedConfig): number | undefined {
  const r = config.rules.get('file/too-large');
  if (r?.severity === 'off') return undefined;
  const v = r?.options.maxBytes;
  return typeof v === 'number' ? v : DEFAULT_MAX_BYTES;
}

export default xmlFileRule(
  {
    id: 'file/too-large',
    scope: 'xml-file',
    type: 'problem',
    defaultSeverity: 'warning',
    description: 'A file above the analysis size limit was not analysed (generated or binary files would otherwise slow every run).',
    options: {
      maxBytes: { type: 'number', default: DEFAULT_MAX_BYTES, minimum: 1, description: 'Files with more characters than this are not analysed.' },
    },
  },
  (file, ctx) => {
    if (!file.tooLarge) return;
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    ctx.report({
      path: file.path,
      start: 0,
      end: 0,
      message: `This file is ${mb(file.text.length)}, above the ${mb(ctx.options.maxBytes as number)} analysis limit, so it was not analysed. Raise "maxBytes" of file/too-large in .sessionguardrc.json to analyse it.`,
    });
  },
);
