import { coreName, wrapElement } from '../../../edits/xml-edits';
import type { SalesforceOperation } from '../../../mule/app';
import { flowReachesSalesforce } from '../../../mule/call-graph';
import { isOperationName } from '../../../mule/operations';
import { firstDefiniteRetry, mapOperationError } from '../../../mule/propagation';
import { catchesEverything, handlerLoops } from '../../../mule/retry-loops';
import type { XmlElement } from '../../../xml/types';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';

/** A failure no retry can fix; if it is retried, every error is. */
const PROBE = 'SALESFORCE:INVALID_INPUT';

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
    const blind = new Map<XmlElement, SalesforceOperation>();
    for (const op of app.operations) {
      if (!isOperationName(op.el.local)) continue;
      const probe = mapOperationError(app, op.el, PROBE);
      const first = firstDefiniteRetry(app, op.el, probe);
      if (first && !blind.has(first.scope)) blind.set(first.scope, op);
    }
    for (const [scope, op] of blind) {
      const file = app.fileOf(scope);
      if (!file) continue;
      const sameFile = op.file === file;
      ctx.report({
        path: file.path,
        ...tagRange(scope),
        message: `This until-successful retries every error from <${op.el.name}>, including ones a retry cannot fix (invalid input, a revoked token, an IP restriction or a per-user credential all fail the same way each time). Classify first: inside the retry, propagate only transient types (SALESFORCE:CONNECTIVITY, TIMEOUT, UNAVAILABLE, COMMUNICATION) and handle the rest once.`,
        related: [{ path: op.file.path, start: op.el.start, end: op.el.nameEnd, message: 'the retried Salesforce operation' }],
        suggestions: sameFile && op.el.parent === scope ? () => [classifyingTry(op)] : [],
      });
    }
    for (const loop of handlerLoops(app)) {
      if (!flowReachesSalesforce(app, loop.target.name) || !catchesEverything(app, loop.onError)) continue;
      const file = app.fileOf(loop.flowRef);
      if (!file) continue;
      ctx.report({
        path: file.path,
        ...tagRange(loop.flowRef),
        message: `This error handler catches every error and runs '${loop.target.name}' again, which leads back to '${loop.owner.name}' and its Salesforce calls: a revoked token or IP restriction is retried exactly like a transient failure. Restrict the handler to transient types (type="SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT") or add a when condition.`,
        related: [{ path: file.path, start: loop.onError.start, end: loop.onError.nameEnd, message: 'the handler that catches everything' }],
      });
    }
  },
);

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
