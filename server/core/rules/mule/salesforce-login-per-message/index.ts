import { perMessageEntries } from '../../../mule/login-paths';
import { NS } from '../../../mule/namespaces';
import { salesforceRequests } from '../../../mule/salesforce-http';
import { isSoapLogin } from '../../../mule/salesforce-logins';
import { msg, prose, withTail } from '../../message';
import { muleRule, type ReportRelated } from '../../rule';
import { tagRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/salesforce-login-per-message',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'A login to Salesforce over HTTP (an OAuth token request, a SOAP login) that runs for every message of a listener or a frequent scheduler, with no cached token in front of it.',
    options: {
      minSchedulerIntervalMs: {
        type: 'number',
        default: 60_000,
        minimum: 1,
        description: 'A scheduler that fires more often than this (in milliseconds) counts as running the login for every message.',
      },
    },
  },
  (app, ctx) => {
    const minInterval = ctx.options.minSchedulerIntervalMs as number;
    for (const req of salesforceRequests(app)) {
      const soap = !req.token && isSoapLogin(app, req);
      if (!req.token && !soap) continue;
      const entries = perMessageEntries(app, req.el, req.flow, minInterval);
      if (entries.length === 0) continue;
      const first = entries[0];
      const more = entries.length > 1 ? msg` (and ${entries.length - 1} other source${entries.length === 2 ? '' : 's'})` : '';
      const login = soap ? prose('logs in to Salesforce with a SOAP login()') : prose('asks Salesforce for a new OAuth token');
      const related: ReportRelated[] = [];
      for (const e of entries) {
        for (const { el: site, caller } of e.sites) {
          const how = site.ns === NS.apikit ? prose('routed here by the APIkit router in') : prose('called from');
          related.push({ path: caller.file.path, start: site.start, end: site.nameEnd, message: msg`${how} '${caller.name}'` });
        }
        related.push({
          path: e.flow.file.path,
          start: e.source.start,
          end: e.source.nameEnd,
          message: msg`flow '${e.flow.name}' starts here: ${prose(e.rate)}`,
        });
      }
      ctx.report({
        path: req.file.path,
        ...tagRange(req.el),
        message: withTail(
          msg`This request logs in to Salesforce on ${prose(first.rate)} (flow '${first.flow.name}')${more}`,
          prose(", which can exceed Salesforce's login rate limit"),
        ),
        detail: msg`It ${login} (${req.path}) with no cached token in front of it. Every message is a login: Salesforce blocks a user's logins beyond 3,600 an hour (LOGIN_RATE_EXCEEDED), and every integration that shares the user fails with it. Keep the token in an object store (or a cache scope) and log in again only when a call is rejected with 401.`,
        related,
      });
    }
  },
);
