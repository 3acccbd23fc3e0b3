import { coreName, wrapElement } from '../../../edits/xml-edits';
import type { MuleApp, SalesforceOperation } from '../../../mule/app';
import { blindRetryScopes } from '../../../mule/blind-retries';
import { flowReachesSalesforce } from '../../../mule/call-graph';
import { catchesEverything, handlerLoops, isCounterGuarded } from '../../../mule/retry-loops';
import type { XmlElement } from '../../../xml/types';
import { msg, prose, withTail } from '../../message';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';
import { retryBudget } from '../../../mule/until-successful';

export default muleRule(
  {
    id: 'mule/blind-session-retry',
    scope: 'mule-app',
    type: 'suggestion',
    defaultSeverity: 'warning',
    description:
      'A retry (until-successful or a flow-ref loop) around a Salesforce operation that retries every error with no classification step, so revoked tokens and IP restrictions are retried pointlessly.',
    hasSuggestions: true,
  },
  (app, ctx) => {
    for (const [scope, op] of blindRetryScopes(app)) {
      const file = app.fileOf(scope);
      if (!file) continue;
      const sameFile = op.file === file;
      ctx.report({
        path: file.path,
        ...tagRange(scope),
        message: msg`This until-successful retries every error from <${op.el.name}>${budgetText(app, scope)}, including ones a retry cannot fix`,
        detail:
          'Invalid input, a revoked token, an IP restriction or a per-user credential all fail the same way each time. Classify first: inside the retry, propagate only transient types (SALESFORCE:CONNECTIVITY, TIMEOUT, UNAVAILABLE, COMMUNICATION) and handle the rest once.',
        related: [{ path: op.file.path, start: op.el.start, end: op.el.nameEnd, message: 'the retried Salesforce operation' }],
        suggestions: sameFile && op.el.parent === scope ? () => [classifyingTry(op)] : [],
      });
    }
    for (const loop of handlerLoops(app)) {
      // A loop with no counter is mule/unbounded-retry's finding, which says it catches everything too.
      if (!flowReachesSalesforce(app, loop.target.name) || !catchesEverything(app, loop.onError) || !isCounterGuarded(app, loop)) continue;
      const file = app.fileOf(loop.flowRef);
      if (!file) continue;
      ctx.report({
        path: file.path,
        ...tagRange(loop.flowRef),
        message: withTail(
          msg`This error handler catches every error and runs '${loop.target.name}' again`,
          prose(', so a revoked token or IP restriction is retried like a transient failure'),
        ),
        detail: msg`'${loop.target.name}' leads back to '${loop.owner.name}' and its Salesforce calls: a revoked token or IP restriction is retried exactly like a transient failure. Restrict the handler to transient types (type="SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT") or add a when condition.`,
        related: [{ path: file.path, start: loop.onError.start, end: loop.onError.nameEnd, message: 'the handler that catches everything' }],
      });
    }
  },
);

/**
 * " (up to 10 times, 60 s apart)" from the scope's attributes, `${}` placeholders resolved (Mule's defaults
 * when absent) in every environment: " (up to 3 times, 10 to 30 s apart)" when the environments differ;
 * nothing when a value is not a number.
 */
function budgetText(app: MuleApp, scope: XmlElement): string {
  const budget = retryBudget(app, scope);
  if (!budget) return '';
  const retries = range(budget.retries);
  const seconds = range(budget.delays, 1000);
  if (!retries || !seconds) return '';
  return msg` (up to ${retries} times, ${seconds} s apart)`;
}

/** "5", or "3 to 5" when the values differ (each divided by `unit`); undefined when one is not a whole number. */
function range(values: readonly string[], unit = 1): string | undefined {
  const numbers = values.map((v) => v.trim());
  if (numbers.some((v) => !/^\d+$/.test(v))) return undefined;
  const n = numbers.map((v) => Number(v) / unit);
  const [lo, hi] = [Math.min(...n), Math.max(...n)];
  return lo === hi ? `${lo}` : `${lo} to ${hi}`;
}

function classifyingTry(op: SalesforceOperation) {
  const n = (l: string) => coreName(op.el, l);
  return {
    title: 'Wrap in a try that retries only transient failures',
    edits: [
      wrapElement(
        op.file,
        op.el,
        [`<${n('try')}>`],
        [
          `\t<${n('error-handler')}>`,
          `\t\t<${n('on-error-propagate')} type="SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT, SALESFORCE:UNAVAILABLE, SALESFORCE:COMMUNICATION">`,
          `\t\t\t<${n('logger')} level="WARN" message="#['Transient Salesforce failure, retrying: ' ++ (error.description default '')]"/>`,
          `\t\t</${n('on-error-propagate')}>`,
          `\t\t<${n('on-error-continue')} type="ANY">`,
          `\t\t\t<${n('logger')} level="ERROR" message="#['Salesforce failure a retry cannot fix: ' ++ (error.description default '')]"/>`,
          `\t\t\t<${n('set-variable')} variableName="salesforceFailure" value="#[error.description]"/>`,
          `\t\t</${n('on-error-continue')}>`,
          `\t</${n('error-handler')}>`,
          `</${n('try')}>`,
        ],
      ),
    ],
  };
}
