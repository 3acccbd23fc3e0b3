import type { MuleApp } from '../../../mule/app';
import { subtreeReachesSalesforce } from '../../../mule/call-graph';
import { salesforceReconnections } from '../../../mule/reconnections';
import { attrNode } from '../../../xml/dom';
import type { XmlAttribute } from '../../../xml/types';
import { muleRule } from '../../rule';
import { valueRange } from '../../ranges';
import { msg, prose, withTail } from '../../message';

export default muleRule(
  {
    id: 'mule/retry-without-backoff',
    scope: 'mule-app',
    type: 'suggestion',
    defaultSeverity: 'warning',
    description:
      'Salesforce retries less than a second apart (until-successful millisBetweenRetries, reconnect frequency): a thundering herd of logins that can lock the user or hit the login rate limit.',
    hasSuggestions: true,
    options: {
      minDelayMs: { type: 'number', default: 1000, minimum: 0, description: 'Shortest accepted delay between retries, in milliseconds.' },
    },
  },
  (app, ctx) => {
    const min = ctx.options.minDelayMs as number;
    const check = (path: string, a: XmlAttribute | undefined, what: string) => {
      if (!a || a.value.includes('#[')) return;
      const values = app.props.expand(a.value);
      if (!values) return;
      const fast = values.map((v) => Number(v.trim())).filter((n) => Number.isFinite(n) && n < min);
      if (!fast.length) return;
      const via = a.value.includes('${') ? msg`${a.value} resolves to ${values.join(' or ')}. ` : '';
      ctx.report({
        path,
        ...valueRange(a),
        message: withTail(msg`${what} retries ${fast[0]} ms apart`, prose(': every worker logs in to Salesforce again almost at once')),
        detail: msg`${via}Every worker logs in to Salesforce again almost at once, which hits login rate limits and can lock the integration user. Wait at least ${min} ms (seconds are better) between attempts.`,
        ...(a.value.includes('${')
          ? {}
          : { suggestions: [{ title: 'Wait 5000 ms between attempts', edits: [{ path, start: a.valueStart, end: a.valueEnd, newText: '5000' }] }] }),
      });
    };
    for (const r of salesforceReconnections(app)) check(r.file.path, attrNode(r.strategy, 'frequency'), msg`The reconnection strategy of ${r.owner}`);
    forEachUntil(app, (path, a) => check(path, a, prose('This until-successful around a Salesforce call')));
  },
);

function forEachUntil(app: MuleApp, visit: (path: string, a: XmlAttribute | undefined) => void): void {
  for (const { el, file } of app.coreElements('until-successful')) {
    if (subtreeReachesSalesforce(app, el)) visit(file.path, attrNode(el, 'millisBetweenRetries'));
  }
}
