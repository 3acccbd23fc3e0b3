import { coreName, insertFirstChild } from '../../../edits/xml-edits';
import type { SalesforceOperation } from '../../../mule/app';
import { SESSION_CONNECTIVITY } from '../../../mule/error-types';
import { isOperationName } from '../../../mule/operations';
import { mapOperationError, retriedOnEveryPath } from '../../../mule/propagation';
import { PER_USER_CONNECTION } from '../../../mule/salesforce-connector';
import { isTestSuite } from '../../../mule/structure';
import { msg, prose } from '../../message';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';

const ADD = prose('Add <reconnection><reconnect count=".." frequency=".."/></reconnection>.');

export default muleRule(
  {
    id: 'mule/missing-reconnection',
    scope: 'mule-app',
    type: 'suggestion',
    defaultSeverity: 'warning',
    description:
      'Salesforce connection with no bounded reconnection strategy: an expired session fails the message instead of logging in again and re-running the operation (info when every operation already retries through until-successful).',
    fixable: true,
  },
  (app, ctx) => {
    for (const config of app.sfConfigs.values()) {
      const conn = config.connection;
      if (!conn || config.reconnection.kind !== 'none' || isTestSuite(config.file.xml.root)) continue;
      // The SDK refreshes an authorization-code token itself; what fails after that no reconnection can fix.
      if (conn.local === PER_USER_CONNECTION) continue;
      // Operations in a sub-flow nothing calls never run, so they never fail.
      const users = app.operations.filter((op) => op.config === config && isOperationName(op.el.local) && !(op.flow && app.neverRuns(op.flow)));
      const exposed = users.filter((op) => op.reconnection.kind === 'none');
      if (users.length > 0 && exposed.length === 0) continue; // every operation brings its own strategy
      // An until-successful that retries the connectivity failure runs the operation again on a new
      // connection, which logs in again: those operations do recover, the strategy is just the better place.
      const retried = exposed.filter((op) => retriedOnEveryPath(app, op.el, mapOperationError(app, op.el, SESSION_CONNECTIVITY)));
      const failing = exposed.filter((op) => !retried.includes(op));
      const r = coreName(conn, 'reconnection');
      const rc = coreName(conn, 'reconnect');
      const allRetried = exposed.length > 0 && failing.length === 0;
      const listed = failing.length ? failing : exposed;
      const more = listed.length > 5 ? msg` The first 5 of the ${listed.length} are its related locations.` : '';
      const fail = failing.length ? msg`${failing.length} operation${prose(failing.length === 1 ? ' fails' : 's fail')}` : prose('its operations fail');
      ctx.report({
        path: config.file.path,
        ...tagRange(conn),
        ...(allRetried ? { severity: 'info' as const } : {}),
        message: allRetried
          ? msg`Salesforce connection '${config.name}' has no reconnection strategy, so its ${exposed.length} operation${prose(exposed.length === 1 ? ' logs' : 's log')} in again only through until-successful`
          : msg`Salesforce connection '${config.name}' has no reconnection strategy: ${fail} when its session expires`,
        detail: allRetried
          ? msg`Its ${exposed.length} operation${prose(exposed.length === 1 ? ' runs' : 's run')} inside until-successful, which retries an expired session on a new connection and so logs in again; a reconnection strategy does that before the failure reaches the flow, without re-running the rest of the scope or waiting millisBetweenRetries. ${ADD}${more}`
          : msg`When its session expires or is invalidated, ${fail} with SALESFORCE:CONNECTIVITY instead of logging in again and re-running${retried.length ? msg` (${retried.length} other${prose(retried.length === 1 ? ' retries' : 's retry')} through until-successful, which logs in again)` : ''}. ${ADD}${more}`,
        related: listed.slice(0, 5).map((op: SalesforceOperation) => ({
          path: op.file.path,
          start: op.el.start,
          end: op.el.nameEnd,
          message: retried.includes(op)
            ? msg`<${op.el.name}> uses '${config.name}' and retries through until-successful`
            : msg`<${op.el.name}> uses '${config.name}' without its own reconnection strategy`,
        })),
        fix: {
          title: 'Add a bounded reconnection strategy (3 attempts, 5 s apart)',
          edits: [insertFirstChild(config.file, conn, [`<${r}>`, `\t<${rc} frequency="5000" count="3"/>`, `</${r}>`])],
        },
      });
    }
  },
);
