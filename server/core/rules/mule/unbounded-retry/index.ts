import type { Fix } from '../../../findings';
import type { MuleApp, MuleFile } from '../../../mule/app';
import { subtreeReachesSalesforce } from '../../../mule/call-graph';
import { flowReachesSalesforce } from '../../../mule/call-graph';
import { handlerLoops, isCounterGuarded } from '../../../mule/retry-loops';
import { attrNode } from '../../../xml/dom';
import type { XmlElement } from '../../../xml/types';
import { muleRule, type RuleContext } from '../../rule';
import { tagRange, valueRange } from '../../ranges';
import { salesforceReconnections } from '../../../mule/reconnections';

export default muleRule(
  {
    id: 'mule/unbounded-retry',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'reconnect-forever on Salesforce, until-successful with a non-finite or absurd maxRetries, or an error handler that loops back through flow-ref with no counter: a dead session is retried forever.',
    hasSuggestions: true,
    options: {
      maxRetries: { type: 'number', default: 50, minimum: 1, description: 'Highest maxRetries of an until-successful that is still considered bounded.' },
    },
  },
  (app, ctx) => {
    const ceiling = ctx.options.maxRetries as number;
    for (const r of salesforceReconnections(app)) {
      if (r.strategy.local !== 'reconnect-forever') continue;
      ctx.report({
        path: r.file.path,
        ...tagRange(r.strategy),
        message: `reconnect-forever on ${r.owner}: when the session cannot be re-established (revoked token, expired password, IP restriction) the connector retries forever and the flow never fails or alerts. Use <reconnect count=".."/> so the failure surfaces.`,
        suggestions: [foreverToBounded(r.file, r.strategy)],
      });
    }
    for (const { el, file } of app.coreElements('until-successful')) checkUntil(app, file, el, ceiling, ctx);
    for (const loop of handlerLoops(app)) {
      if (!flowReachesSalesforce(app, loop.target.name) || isCounterGuarded(loop)) continue;
      const file = app.fileOf(loop.flowRef);
      if (!file) continue;
      ctx.report({
        path: file.path,
        ...tagRange(loop.flowRef),
        message: `This error handler runs '${loop.target.name}' again, which leads back to '${loop.owner.name}', with no counter guarding it: if the Salesforce session cannot be restored, the flow loops until the stack or the worker gives out. Count attempts (a variable or object store entry) and stop after a few.`,
        related: [{ path: file.path, start: loop.onError.start, end: loop.onError.nameEnd, message: 'the handler that starts the loop' }],
      });
    }
  },
);

function checkUntil(app: MuleApp, file: MuleFile, el: XmlElement, ceiling: number, ctx: RuleContext): void {
  const a = attrNode(el, 'maxRetries');
  if (!a || a.value.includes('#[')) return;
  const value = app.props.expand(a.value);
  if (!value) return;
  const bad = value.map((v) => Number(v.trim())).filter((n) => !Number.isInteger(n) || n < 0 || n > ceiling);
  if (!bad.length || !subtreeReachesSalesforce(app, el)) return;
  const via = a.value.includes('${') ? ` (${a.value} resolves to ${value.join(' or ')})` : '';
  ctx.report({
    path: file.path,
    ...valueRange(a),
    message: `until-successful with maxRetries=${bad[0]}${via} around a Salesforce call is effectively unbounded (limit ${ceiling}): a dead session is retried ${Number.isFinite(bad[0]) && bad[0] >= 0 ? `${bad[0]} times` : 'without end'} before anyone hears of it.`,
    ...(a.value.includes('${')
      ? {}
      : { suggestions: [{ title: 'Retry at most 5 times', edits: [{ path: file.path, start: a.valueStart, end: a.valueEnd, newText: '5' }] }] }),
  });
}

function foreverToBounded(file: MuleFile, el: XmlElement): Fix {
  const name = el.prefix ? `${el.prefix}:reconnect` : 'reconnect';
  const edits = [{ path: file.path, start: el.start + 1, end: el.nameEnd, newText: `${name} count="5"` }];
  if (!el.selfClosing && el.closeStart < el.end)
    edits.push({ path: file.path, start: el.closeStart + 2, end: el.closeStart + 2 + el.name.length, newText: name });
  return { title: 'Give up after 5 attempts (<reconnect count="5">)', edits };
}
