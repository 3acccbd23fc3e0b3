import { coreName, insertFirstChild } from '../../../edits/xml-edits';
import type { Fix } from '../../../findings';
import type { MuleFile, SalesforceOperation } from '../../../mule/app';
import { dispositionOf } from '../../../mule/handler-body';
import { answersHttpError } from '../../../mule/http-error-response';
import { isOperationName } from '../../../mule/operations';
import { mapOperationError, propagate, sessionFailureTypes } from '../../../mule/propagation';
import { attr } from '../../../xml/dom';
import type { XmlElement } from '../../../xml/types';
import { msg, prose } from '../../message';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/swallowed-session-error',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'on-error-continue that catches a Salesforce session failure and neither logs, raises, routes, stores nor answers the HTTP caller with an error: the flow completes as if the call had succeeded.',
    hasSuggestions: true,
  },
  (app, ctx) => {
    // Every operation whose session failure a continue catches, per continue: one finding per handler.
    const reached = new Map<XmlElement, { op: SalesforceOperation; type: string }[]>();
    for (const op of app.operations) {
      if (!isOperationName(op.el.local)) continue;
      for (const t of sessionFailureTypes(op)) {
        const type = mapOperationError(app, op.el, t);
        for (const hit of propagate(app, op.el, type).handlers) {
          if (hit.onError.local !== 'on-error-continue') continue;
          let list = reached.get(hit.onError);
          if (!list) reached.set(hit.onError, (list = []));
          if (!list.some((r) => r.op === op)) list.push({ op, type: hit.type });
        }
      }
    }
    for (const [handler, hits] of reached) {
      const file = app.fileOf(handler);
      if (!file || dispositionOf(app, handler) || answersHttpError(app, handler)) continue;
      const first = hits[0];
      const what =
        hits.length === 1
          ? msg`the Salesforce session failure of <${first.op.el.name}>${first.op.flow ? msg` in '${first.op.flow.name}'` : ''}`
          : msg`the Salesforce session failures of ${hits.length} operations`;
      const types = [...new Set(hits.map((h) => h.type))].join(' or ');
      const trace =
        attr(handler, 'logException') === 'false'
          ? prose('and with logException="false" not even Mule\'s own log line records it')
          : prose("and Mule's own log line (logException) is the only trace");
      ctx.report({
        path: file.path,
        ...tagRange(handler),
        message: msg`This on-error-continue catches ${what} and completes the flow as if the call had succeeded`,
        detail: msg`${prose(hits.length === 1 ? 'The failure arrives' : 'The failures arrive')} here as ${types}: the handler does not raise, route, store or log ${prose(hits.length === 1 ? 'it' : 'them')}, nor answer an HTTP caller with an error status, ${trace}. Log the failure with its error and let it propagate, or record what must be recovered.`,
        related: hits.map((h) => ({
          path: h.op.file.path,
          start: h.op.el.start,
          end: h.op.el.nameEnd,
          message: msg`the session failure of <${h.op.el.name}>${h.op.flow ? msg` in '${h.op.flow.name}'` : ''} comes from here`,
        })),
        suggestions: () => suggestions(file, handler),
      });
    }
  },
);

function suggestions(file: MuleFile, handler: XmlElement): Fix[] {
  const logger = coreName(handler, 'logger');
  const out: Fix[] = [
    {
      title: 'Log the failure with its description',
      edits: [insertFirstChild(file, handler, [`<${logger} level="ERROR" message="#['Salesforce failure swallowed: ' ++ (error.description default '')]"/>`])],
    },
  ];
  const propagateName = handler.prefix ? `${handler.prefix}:on-error-propagate` : 'on-error-propagate';
  const edits = [{ path: file.path, start: handler.start + 1, end: handler.nameEnd, newText: propagateName }];
  if (!handler.selfClosing && handler.closeStart < handler.end) {
    edits.push({ path: file.path, start: handler.closeStart + 2, end: handler.closeStart + 2 + handler.name.length, newText: propagateName });
  }
  out.push({ title: 'Let the failure propagate (on-error-propagate)', edits });
  return out;
}
