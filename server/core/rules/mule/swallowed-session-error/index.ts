import { coreName, insertFirstChild } from '../../../edits/xml-edits';
import type { Fix } from '../../../findings';
import type { MuleFile, SalesforceOperation } from '../../../mule/app';
import { dispositionOf } from '../../../mule/handler-body';
import { isOperationName } from '../../../mule/operations';
import { mapOperationError, propagate, sessionFailureTypes } from '../../../mule/propagation';
import type { XmlElement } from '../../../xml/types';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/swallowed-session-error',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description: 'on-error-continue that catches a Salesforce session failure and neither logs, raises, routes nor stores the message: silent data loss.',
    hasSuggestions: true,
  },
  (app, ctx) => {
    const reached = new Map<XmlElement, { op: SalesforceOperation; type: string }>();
    for (const op of app.operations) {
      if (!isOperationName(op.el.local)) continue;
      for (const t of sessionFailureTypes(op)) {
        const type = mapOperationError(app, op.el, t);
        for (const hit of propagate(app, op.el, type).handlers) {
          if (hit.onError.local === 'on-error-continue' && !reached.has(hit.onError)) reached.set(hit.onError, { op, type: hit.type });
        }
      }
    }
    for (const [handler, { op, type }] of reached) {
      const file = app.fileOf(handler);
      if (!file || dispositionOf(app, handler)) continue;
      const opFlow = op.flow ? ` in '${op.flow.name}'` : '';
      ctx.report({
        path: file.path,
        ...tagRange(handler),
        message: `This on-error-continue catches the Salesforce session failure from <${op.el.name}>${opFlow} (as ${type}) and completes the flow successfully, but it neither logs, raises, routes nor stores anything: the message is lost without a trace. Log it and park it for replay, or let it propagate.`,
        related: [{ path: op.file.path, start: op.el.start, end: op.el.nameEnd, message: 'the session failure comes from here' }],
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
