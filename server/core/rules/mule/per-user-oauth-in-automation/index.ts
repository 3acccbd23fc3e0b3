import { entryPaths } from '../../../mule/call-graph';
import { isOperationName } from '../../../mule/operations';
import { PER_USER_CONNECTION } from '../../../mule/salesforce-connector';
import { salesforceListeners } from '../../../mule/salesforce-listeners';
import { isHttpListener } from '../../../mule/structure';
import { attr } from '../../../xml/dom';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';
import { msg, prose, withTail } from '../../message';

export default muleRule(
  {
    id: 'mule/per-user-oauth-in-automation',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'A per-user OAuth (authorization code) Salesforce connection used from a flow started by a scheduler or listener, or by a Salesforce listener itself, where no user is present to authorize again.',
  },
  (app, ctx) => {
    for (const op of app.operations) {
      const conn = op.config?.connection;
      if (!op.flow || !conn || conn.local !== PER_USER_CONNECTION || !isOperationName(op.el.local)) continue;
      const automated = entryPaths(app, op.flow).find((p) => p.entry.source && !isHttpListener(p.entry.source));
      if (!automated) continue;
      const source = automated.entry.source!;
      const owner = attr(op.el, 'resourceOwnerId') ?? attr(conn, 'resourceOwnerId');
      ctx.report({
        path: op.file.path,
        ...tagRange(op.el),
        message: withTail(
          msg`<${op.el.name}> uses per-user OAuth connection '${op.config!.name}' from a flow started by <${source.name}>`,
          prose(': every run fails once the stored token expires'),
        ),
        detail: msg`'${op.config!.name}' is a per-user OAuth connection (authorization code grant)${owner ? msg` for resource owner '${owner}'` : ''}, used from flow '${automated.entry.name}', which starts from <${source.name}>. No user is present there: when the stored token expires or is revoked every run fails with INVALID_SESSION_ID until someone re-authorizes by hand. Use a server-to-server connection (salesforce:jwt-connection or salesforce:oauth-client-credentials-connection) for automation.`,
        related: [
          { path: op.config!.file.path, start: conn.start, end: conn.nameEnd, message: 'the per-user OAuth connection' },
          { path: automated.entry.file.path, start: source.start, end: source.nameEnd, message: msg`'${automated.entry.name}' runs without a user` },
          ...automated.sites.map((s) => ({
            path: app.fileOf(s.el)?.path ?? automated.entry.file.path,
            start: s.el.start,
            end: s.el.nameEnd,
            message: msg`called from '${s.caller.name}'`,
          })),
        ],
      });
    }
    // A Salesforce listener on the per-user connection subscribes with the stored token itself, with no user behind it.
    for (const l of salesforceListeners(app)) {
      const conn = l.config?.connection;
      if (!conn || conn.local !== PER_USER_CONNECTION) continue;
      const owner = attr(conn, 'resourceOwnerId');
      ctx.report({
        path: l.flow.file.path,
        ...tagRange(l.el),
        message: withTail(
          msg`<${l.el.name}> listens through per-user OAuth connection '${l.config!.name}'`,
          prose(': it stops receiving events once the stored token can no longer be refreshed'),
        ),
        detail: msg`'${l.config!.name}' is a per-user OAuth connection (authorization code grant)${owner ? msg` for resource owner '${owner}'` : ''}, and flow '${l.flow.name}' starts from this listener, which subscribes with that user's stored token. The connector refreshes the access token while the refresh token lasts; when that is revoked or expires (a password reset, the connected app's refresh token policy), no user is present to authorize again and the subscription fails until someone re-authorizes by hand. Use a server-to-server connection (salesforce:jwt-connection or salesforce:oauth-client-credentials-connection) for listeners.`,
        related: [{ path: l.config!.file.path, start: conn.start, end: conn.nameEnd, message: 'the per-user OAuth connection' }],
      });
    }
  },
);
