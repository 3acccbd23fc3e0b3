import type { Fix } from '../../../findings';
import type { MuleApp, MuleFile } from '../../../mule/app';
import { blindRetryScopes } from '../../../mule/blind-retries';
import { flowReachesSalesforce, subtreeReachesSalesforce } from '../../../mule/call-graph';
import { salesforceReconnections } from '../../../mule/reconnections';
import { catchesEverything, handlerLoops, isCounterGuarded } from '../../../mule/retry-loops';
import { retryBudget } from '../../../mule/until-successful';
import { attrNode } from '../../../xml/dom';
import type { XmlElement } from '../../../xml/types';
import { msg, prose, withTail } from '../../message';
import { muleRule, type RuleContext } from '../../rule';
import { tagRange, valueRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/unbounded-retry',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'reconnect-forever on Salesforce, until-successful whose retries (maxRetries × millisBetweenRetries) outlast any reasonable wait, or an error handler that loops back through flow-ref with no counter: a dead session is retried for good.',
    hasSuggestions: true,
    options: {
      maxTotalRetryMs: {
        type: 'number',
        default: 3_600_000,
        minimum: 1,
        description:
          'Longest total retry time of an until-successful (maxRetries × millisBetweenRetries, in milliseconds) that is still bounded: 180 tries 1 s apart is a poll, not a runaway.',
      },
    },
  },
  (app, ctx) => {
    const budget = ctx.options.maxTotalRetryMs as number;
    for (const r of salesforceReconnections(app)) {
      if (r.strategy.local !== 'reconnect-forever') continue;
      ctx.report({
        path: r.file.path,
        ...tagRange(r.strategy),
        message: withTail(
          msg`reconnect-forever on ${r.owner} retries forever when the session cannot be re-established`,
          prose(', and the flow never fails or alerts'),
        ),
        detail:
          'When a revoked token, an expired password or an IP restriction keeps the session from being re-established, the connector retries forever and the flow never fails or alerts. Use <reconnect count=".."/> so the failure surfaces.',
        suggestions: [foreverToBounded(r.file, r.strategy)],
      });
    }
    // An until-successful that retries everything is mule/blind-session-retry's finding (it states the budget).
    const blind = blindRetryScopes(app);
    for (const { el, file } of app.coreElements('until-successful')) if (!blind.has(el)) checkUntil(app, file, el, budget, ctx);
    for (const loop of handlerLoops(app)) {
      if (!flowReachesSalesforce(app, loop.target.name) || isCounterGuarded(app, loop)) continue;
      const file = app.fileOf(loop.flowRef);
      if (!file) continue;
      const everything = catchesEverything(app, loop.onError)
        ? ' It catches every error, so a revoked token or IP restriction loops like a transient failure.'
        : '';
      ctx.report({
        path: file.path,
        ...tagRange(loop.flowRef),
        message: withTail(
          msg`This error handler runs '${loop.target.name}' again with no counter guarding it`,
          prose(', so a dead session loops until the stack or the worker gives out'),
        ),
        detail: msg`'${loop.target.name}' leads back to '${loop.owner.name}', with no counter guarding it: if the Salesforce session cannot be restored, the flow loops until the stack or the worker gives out.${prose(everything)} Count attempts (a variable or object store entry) and stop after a few.`,
        related: [{ path: file.path, start: loop.onError.start, end: loop.onError.nameEnd, message: 'the handler that starts the loop' }],
      });
    }
  },
);

function checkUntil(app: MuleApp, file: MuleFile, el: XmlElement, budget: number, ctx: RuleContext): void {
  const budgetOf = retryBudget(app, el);
  if (!budgetOf) return;
  const { retries, delays } = budgetOf;
  let worst: { retries: number; delay: number; total: number } | undefined;
  for (const r of retries) {
    const n = Number(r.trim());
    for (const d of delays) {
      const ms = Number(d.trim());
      if (!Number.isFinite(ms) || ms < 0) continue;
      const total = Number.isInteger(n) && n >= 0 ? n * ms : Infinity;
      if (total > budget && (!worst || total > worst.total)) worst = { retries: n, delay: ms, total };
    }
  }
  if (!worst || !subtreeReachesSalesforce(app, el)) return;
  const a = attrNode(el, 'maxRetries');
  const range = a ? valueRange(a) : tagRange(el);
  const resolved = a && a.value.includes('${') ? msg`${a.value} resolves to ${retries.join(' or ')}. ` : '';
  const howLong = Number.isFinite(worst.total)
    ? msg`up to ${worst.retries} times ${worst.delay / 1000} s apart, ${duration(worst.total)} in all`
    : msg`with maxRetries=${worst.retries}, which is not a count`;
  ctx.report({
    path: file.path,
    ...range,
    message: withTail(
      msg`This until-successful around a Salesforce call retries ${howLong} (limit ${duration(budget)})`,
      prose(': a dead session holds the message that long'),
    ),
    detail: msg`${resolved}A dead session holds the message that long before anyone hears of it. Retry a few times, seconds to minutes apart.`,
    ...(a && !a.value.includes('${')
      ? { suggestions: [{ title: 'Retry at most 5 times', edits: [{ path: file.path, start: a.valueStart, end: a.valueEnd, newText: '5' }] }] }
      : {}),
  });
}

function duration(ms: number): string {
  if (ms >= 3_600_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(1)} min`;
  return `${+(ms / 1000).toFixed(1)} s`;
}

function foreverToBounded(file: MuleFile, el: XmlElement): Fix {
  const name = el.prefix ? `${el.prefix}:reconnect` : 'reconnect';
  const edits = [{ path: file.path, start: el.start + 1, end: el.nameEnd, newText: `${name} count="5"` }];
  if (!el.selfClosing && el.closeStart < el.end)
    edits.push({ path: file.path, start: el.closeStart + 2, end: el.closeStart + 2 + el.name.length, newText: name });
  return { title: 'Give up after 5 attempts (<reconnect count="5">)', edits };
}
