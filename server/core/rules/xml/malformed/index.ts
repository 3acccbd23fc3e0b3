import { msg } from '../../message';
import { xmlFileRule } from '../../rule';
import { MAX_ANALYSED_DEPTH } from '../../../xml/scanner';

export default xmlFileRule(
  {
    id: 'xml/malformed',
    scope: 'xml-file',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'The file is not well-formed XML; it cannot deploy and only part of it could be analysed.',
  },
  (file, ctx) => {
    const doc = file.xml;
    const first = doc.errors[0];
    if (first) {
      const more = doc.errors.length - 1;
      ctx.report({
        path: file.path,
        start: first.start,
        end: Math.max(first.start, first.end),
        message: msg`Not well-formed XML (${first.message}): only the readable part of the file was analysed`,
        ...(more > 0 ? { detail: `${more} more problem${more === 1 ? '' : 's'} follow${more === 1 ? 's' : ''}, possibly caused by this one.` } : {}),
      });
    }
    if (doc.depthLimitAt !== null) {
      ctx.report({
        path: file.path,
        start: doc.depthLimitAt,
        end: doc.depthLimitAt + 1,
        message: `Elements nested deeper than ${MAX_ANALYSED_DEPTH} levels were not analysed`,
      });
    }
  },
);
