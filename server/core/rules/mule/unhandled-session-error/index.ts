import { coreName, wrapElement } from '../../../edits/xml-edits';
import type { FlowModel, MuleApp, SalesforceOperation } from '../../../mule/app';
import { isOperationName } from '../../../mule/operations';
import { flowHandler, mapOperationError, propagate, sessionFailureTypes, type UnhandledEnd } from '../../../mule/propagation';
import { muleRule, type ReportRelated } from '../../rule';
import { tagRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/unhandled-session-error',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'A Salesforce operation whose session failure reaches no matching error handler on some path (try scopes, flow handler, global/default handler, every caller).',
    hasSuggestions: true,
  },
  (app, ctx) => {
    for (const op of app.operations) {
      if (!op.flow || !isOperationName(op.el.local)) continue;
      let end: UnhandledEnd | undefined;
      let thrown = '';
      for (const t of sessionFailureTypes(op)) {
        thrown = mapOperationError(app, op.el, t);
        end = propagate(app, op.el, thrown).unhandled[0];
        if (end) break;
      }
      const flow = end && app.flowOf(end.flowEl);
      if (!end || !flow) continue;
      ctx.report({
        path: op.file.path,
        ...tagRange(op.el),
        message: message(app, op, thrown, end, flow),
        related: related(app, end, flow),
        suggestions: () => [
          {
            title: 'Wrap in a try that logs and re-throws Salesforce session failures',
            edits: [wrapInSessionTry(op)],
          },
        ],
      });
    }
  },
);

function message(app: MuleApp, op: SalesforceOperation, thrown: string, end: UnhandledEnd, flow: FlowModel): string {
  const handler = flowHandler(app, flow);
  const source = flow.source ? `<${flow.source.name}>` : 'its source';
  const via = end.steps.length ? ` (through ${end.steps.length} call${end.steps.length === 1 ? '' : 's'})` : '';
  const what = thrown === end.type ? thrown : `${thrown}, seen there as ${end.type}`;
  const handlers = handler.el ? `its ${handler.isDefault ? 'default ' : ''}error handler has no on-error matching ${end.type}` : 'it has no error handler';
  return `A Salesforce session failure from <${op.el.name}> (${what}) reaches no matching error handler when flow '${flow.name}' runs from ${source}${via}: ${handlers}, so Mule's default handler fails the message without re-authentication, classification or alert.`;
}

function related(app: MuleApp, end: UnhandledEnd, flow: FlowModel): ReportRelated[] {
  const out: ReportRelated[] = [];
  for (const s of end.steps) {
    const file = app.fileOf(s.el);
    if (file) out.push({ path: file.path, start: s.el.start, end: s.el.nameEnd, message: s.message });
  }
  const src = flow.source ?? flow.el;
  out.push({ path: flow.file.path, start: src.start, end: src.nameEnd, message: `flow '${flow.name}' starts here; nothing on the way handles ${end.type}` });
  const handler = flowHandler(app, flow).el;
  const hf = handler ? app.fileOf(handler) : undefined;
  if (handler && hf) out.push({ path: hf.path, start: handler.start, end: handler.nameEnd, message: `this error handler has no on-error for ${end.type}` });
  return out;
}

function wrapInSessionTry(op: SalesforceOperation) {
  const n = (l: string) => coreName(op.el, l);
  return wrapElement(
    op.file,
    op.el,
    [`<${n('try')}>`],
    [
      `\t<${n('error-handler')}>`,
      `\t\t<${n('on-error-propagate')} type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED">`,
      `\t\t\t<${n('logger')} level="ERROR" message="#['Salesforce session failure: ' ++ (error.description default '')]"/>`,
      `\t\t</${n('on-error-propagate')}>`,
      `\t</${n('error-handler')}>`,
      `</${n('try')}>`,
    ],
  );
}
