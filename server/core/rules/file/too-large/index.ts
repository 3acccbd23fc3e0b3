import { xmlFileRule } from '../../rule';

/** The default limit: far above real Mule and Flow files (a few KB to a few hundred KB). */
export const DEFAULT_MAX_BYTES = 4_000_000;

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
      message: `This file is ${mb(file.size)}, above the ${mb(ctx.options.maxBytes as number)} analysis limit, so it was not analysed`,
      detail: 'Raise "maxBytes" of file/too-large in .sessionguardrc.json to analyse it.',
    });
  },
);
