import { coreName, insertFirstChild, wrapElement } from '../../../edits/xml-edits';
import type { Fix } from '../../../findings';
import type { MuleApp, MuleFile, SalesforceOperation } from '../../../mule/app';
import { listenerErrorResponse, type ListenerErrorResponse } from '../../../mule/http-error-response';
import { PER_USER_CONNECTION } from '../../../mule/salesforce-connector';
import { sessionEscapes, type SessionEscape } from '../../../mule/session-escapes';
import { sourceKind, type SourceKind } from '../../../mule/structure';
import { attr } from '../../../xml/dom';
import type { XmlElement } from '../../../xml/types';
import { msg, prose, withTail } from '../../message';
import { muleRule, type ReportRelated, type RuleContext } from '../../rule';
import { tagRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/unhandled-session-error',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'A Salesforce session failure that escapes a flow with no matching error handler (try scopes, flow handler, global/default handler, every caller): one finding per handler it escapes through.',
    hasSuggestions: true,
    options: {
      requestResponseSeverity: {
        type: 'severity',
        default: 'info',
        description:
          'Severity when every flow the failure escapes is started by an HTTP listener: the caller gets an error response and can retry. The rule severity applies to schedulers, queue and Salesforce event listeners, where nobody hears of it.',
      },
    },
  },
  (app, ctx) => {
    // Group by where the failure escapes: the same handler (or the same flow without one) is one root cause.
    const groups = new Map<XmlElement, SessionEscape[]>();
    for (const e of sessionEscapes(app)) {
      const key = e.handler?.el ?? e.flow.el;
      const list = groups.get(key);
      if (list) list.push(e);
      else groups.set(key, [e]);
    }
    const single = new Map<SalesforceOperation, SessionEscape[]>();
    for (const [at, escapes] of groups) {
      const ops = new Set(escapes.map((e) => e.op));
      if (ops.size >= 2) reportGroup(app, ctx, at, escapes, ops.size);
      else {
        const op = escapes[0].op;
        single.set(op, [...(single.get(op) ?? []), ...escapes]);
      }
    }
    for (const [op, escapes] of single) reportOperation(app, ctx, op, escapes);
  },
);

function severityOf(ctx: RuleContext, escapes: readonly SessionEscape[]) {
  const requestResponse = escapes.every((e) => e.flow.source && sourceKind(e.flow.source) === 'request-response');
  return requestResponse ? (ctx.options.requestResponseSeverity as 'info' | 'warning' | 'error') : undefined;
}

function kindsOf(escapes: readonly SessionEscape[]): Set<SourceKind> {
  return new Set<SourceKind>(escapes.map((e) => (e.flow.source ? sourceKind(e.flow.source) : 'other')));
}

/** The error responses of the HTTP listeners that start the flows the failure escapes. */
function listenerResponses(escapes: readonly SessionEscape[]): { defaults: number; own: ListenerErrorResponse[] } {
  const seen = new Set<XmlElement>();
  const own: ListenerErrorResponse[] = [];
  let defaults = 0;
  for (const e of escapes) {
    const src = e.flow.source;
    if (!src || sourceKind(src) !== 'request-response' || seen.has(src)) continue;
    seen.add(src);
    const r = listenerErrorResponse(e.flow.file.text, src);
    if (r) own.push(r);
    else defaults++;
  }
  return { defaults, own };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** What the HTTP caller gets: MuleSoft's default error response, the listener's own, or some of each. */
function httpAnswer(escapes: readonly SessionEscape[]): string {
  const { defaults, own } = listenerResponses(escapes);
  const byDefault = prose("the listener's default error response (status 500, the error description as its body)");
  if (own.length === 0) return byDefault;
  const ownText =
    own.length === 1
      ? msg`the listener's own <http:error-response> (status ${clip(own[0].status ?? '500')}, body ${own[0].body ? clip(own[0].body) : 'the error description'})`
      : prose("the listeners' own <http:error-response>");
  return defaults === 0 ? ownText : msg`${byDefault} or ${ownText}`;
}

/** What happens to the escaped failure, by the sources of the flows it escapes. */
function consequence(escapes: readonly SessionEscape[]): string {
  const kinds = kindsOf(escapes);
  const parts: string[] = [];
  if (kinds.has('request-response')) parts.push(msg`the HTTP caller gets ${httpAnswer(escapes)}, which it may retry`);
  if (kinds.has('scheduler')) parts.push(prose('the scheduled run ends: its work waits for the next run and nothing alerts'));
  if (kinds.has('queue')) parts.push(prose("the message is redelivered or dropped by the listener's acknowledgement settings, and nothing alerts"));
  if (kinds.has('salesforce-event')) parts.push(prose('the Salesforce event is not processed again unless the listener replays it, and nothing alerts'));
  if (kinds.has('other')) parts.push(prose('no caller waits for the flow: nothing retries or alerts'));
  return msg`Mule's default handling logs it and ${parts.reduce((a, p) => msg`${a}; ${p}`)}`;
}

/** The consequence in a few words for the message, when every flow it escapes has the same kind of source. */
const SHORT_CONSEQUENCE: Readonly<Record<SourceKind, string>> = {
  'request-response': "the HTTP caller gets the listener's default 500 response",
  scheduler: 'the scheduled run ends and nothing alerts',
  queue: 'the message is redelivered or dropped and nothing alerts',
  'salesforce-event': 'the event is not processed again unless replayed',
  other: 'nothing retries or alerts',
};

function shortConsequence(escapes: readonly SessionEscape[]): string {
  const kinds = [...kindsOf(escapes)];
  if (kinds.length !== 1) return '';
  if (kinds[0] === 'request-response') {
    const { defaults, own } = listenerResponses(escapes);
    if (own.length > 0) return prose(defaults === 0 ? ": the HTTP caller gets the listener's own error response" : ': the HTTP caller gets an error response');
  }
  return prose(`: ${SHORT_CONSEQUENCE[kinds[0]]}`);
}

/** When the failures escape as MULE:RETRY_EXHAUSTED: what reaches the handler is what outlasted the retries. */
function afterRetries(escapes: readonly SessionEscape[]): string {
  return escapes.some((e) => e.types.includes('MULE:RETRY_EXHAUSTED'))
    ? prose(
        ' (until-successful raises MULE:RETRY_EXHAUSTED once its retries are spent: an expired session is retried on a new login, so what gets this far is a failure that outlasts the retries, such as a revoked token, a changed password or a frozen user)',
      )
    : '';
}

function typesText(escapes: readonly SessionEscape[]): string {
  const types: string[] = [];
  for (const e of escapes) for (const t of e.types) if (!types.includes(t)) types.push(t);
  return types.join(' or ');
}

function reportGroup(app: MuleApp, ctx: RuleContext, at: XmlElement, escapes: readonly SessionEscape[], count: number): void {
  const file = app.fileOf(at);
  if (!file) return;
  const flows = [...new Set(escapes.map((e) => e.flow))];
  const flowNames = flows.map((f) => msg`'${f.name}'`).join(', ');
  const handler = escapes[0].handler;
  const types = typesText(escapes);
  const kind = prose(handler?.isDefault ? 'default ' : '');
  // The element is where the finding is (this handler, this flow): its name is in the detail, the consequence fits.
  const where = handler ? msg`escape through this ${kind}error handler` : prose('escape this flow, which has no error handler');
  const how = handler
    ? msg`escape flow${prose(flows.length === 1 ? '' : 's')} ${flowNames} through this ${kind}error handler, which has no on-error matching ${types}${afterRetries(escapes)}`
    : msg`escape flow ${flowNames}, which has no error handler`;
  const related: ReportRelated[] = [];
  const ops = new Set<SalesforceOperation>();
  for (const e of escapes) {
    if (ops.has(e.op)) continue;
    ops.add(e.op);
    const via = e.steps.length ? msg` (through ${e.steps.length} call${e.steps.length === 1 ? '' : 's'})` : '';
    related.push({ path: e.op.file.path, start: e.op.el.start, end: e.op.el.nameEnd, message: msg`<${e.op.el.name}> in '${e.op.flow?.name}'${via}` });
  }
  for (const f of flows) {
    const src = f.source ?? f.el;
    related.push({ path: f.file.path, start: src.start, end: src.nameEnd, message: msg`flow '${f.name}' starts here` });
  }
  const severity = severityOf(ctx, escapes);
  ctx.report({
    path: file.path,
    ...tagRange(at),
    ...(severity ? { severity } : {}),
    message: msg`Salesforce session failures of ${count} operations ${where}${shortConsequence(escapes)}`,
    detail: msg`They ${how}: ${consequence(escapes)}. Handle them once here (log, classify, answer or park the message).`,
    related,
    // Only a handler written out here can take the new on-error (not a reference to one).
    suggestions: handler && at.local === 'error-handler' && !at.selfClosing && attr(at, 'ref') === undefined ? () => [addHandlerEntry(file, at, escapes)] : [],
  });
}

function reportOperation(app: MuleApp, ctx: RuleContext, op: SalesforceOperation, escapes: readonly SessionEscape[]): void {
  const first = escapes[0];
  const source = first.flow.source ? `<${first.flow.source.name}>` : 'its source';
  const via = first.steps.length ? msg` (through ${first.steps.length} call${first.steps.length === 1 ? '' : 's'})` : '';
  const escapedAs = first.types.join(' or ');
  const what = first.types.length === 1 && first.types[0] === first.thrown ? first.thrown : msg`${first.thrown}, escaping as ${escapedAs}`;
  const handlerText = first.handler
    ? msg`its ${first.handler.isDefault ? 'default ' : ''}error handler has no on-error matching ${escapedAs}${afterRetries(escapes)}`
    : prose('it has no error handler');
  const others = escapes.length > 1 ? msg` (and ${escapes.length - 1} other flow${escapes.length === 2 ? '' : 's'})` : '';
  const severity = severityOf(ctx, escapes);
  ctx.report({
    path: op.file.path,
    ...tagRange(op.el),
    ...(severity ? { severity } : {}),
    message: withTail(msg`<${op.el.name}> in '${op.flow?.name ?? first.flow.name}' fails unhandled when ${sessionEnds(op)}`, shortConsequence(escapes)),
    detail: msg`A Salesforce session failure from <${op.el.name}> (${what}) escapes flow '${first.flow.name}', started by ${source}${via}${others}: ${handlerText}. ${consequence(escapes)}.`,
    related: related(app, escapes),
    suggestions: () => [{ title: 'Wrap in a try that logs and re-throws Salesforce session failures', edits: [wrapInSessionTry(op)] }],
  });
}

/** How the operation's session ends for good: an authorization-code token is refreshed until its refresh token is refused. */
function sessionEnds(op: SalesforceOperation): string {
  return prose(op.config?.connection?.local === PER_USER_CONNECTION ? 'its OAuth token can no longer be refreshed' : 'the session expires');
}

function related(app: MuleApp, escapes: readonly SessionEscape[]): ReportRelated[] {
  const out: ReportRelated[] = [];
  for (const e of escapes) {
    for (const s of e.steps) {
      const file = app.fileOf(s.el);
      if (file) out.push({ path: file.path, start: s.el.start, end: s.el.nameEnd, message: s.message });
    }
    const src = e.flow.source ?? e.flow.el;
    out.push({
      path: e.flow.file.path,
      start: src.start,
      end: src.nameEnd,
      message: msg`flow '${e.flow.name}' starts here; nothing on the way handles ${e.types.join(' or ')}`,
    });
    const hf = e.handler ? app.fileOf(e.handler.el) : undefined;
    if (e.handler && hf)
      out.push({
        path: hf.path,
        start: e.handler.el.start,
        end: e.handler.el.nameEnd,
        message: msg`this error handler has no on-error for ${e.types.join(' or ')}`,
      });
  }
  return out;
}

function addHandlerEntry(file: MuleFile, handler: XmlElement, escapes: readonly SessionEscape[]): Fix {
  const n = (l: string) => coreName(handler, l);
  const types: string[] = [];
  for (const e of escapes) for (const t of e.types) if (!types.includes(t)) types.push(t);
  return {
    title: 'Add an on-error-propagate that logs Salesforce session failures',
    edits: [
      insertFirstChild(file, handler, [
        `<${n('on-error-propagate')} type="${types.join(', ')}">`,
        `\t<${n('logger')} level="ERROR" message="#['Salesforce session failure: ' ++ (error.description default '')]"/>`,
        `</${n('on-error-propagate')}>`,
      ]),
    ],
  };
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
