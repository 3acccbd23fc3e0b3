import { coreName, insertFirstChild } from '../../../edits/xml-edits';
import { operationReconnection, type SalesforceOperation } from '../../../mule/app';
import { SESSION_CONNECTIVITY } from '../../../mule/error-types';
import { isOperationName } from '../../../mule/operations';
import { mapOperationError, retriedOnEveryPath } from '../../../mule/propagation';
import { PER_USER_CONNECTION } from '../../../mule/salesforce-connector';
import { salesforceListeners } from '../../../mule/salesforce-listeners';
import { isTestSuite } from '../../../mule/structure';
import type { XmlElement } from '../../../xml/types';
import { firstThatFits, msg, prose } from '../../message';
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
    // Whether some Salesforce element names a configuration the app cannot tell (an unresolved placeholder, a
    // missing config-ref): then any configuration may be the one it uses.
    const unknownUse =
      app.operations.some((op) => !op.config && !op.notSalesforceConfig && isOperationName(op.el.local) && unknownRef(op.configRef)) ||
      salesforceListeners(app).some((l) => !l.config && unknownRef(l.configRef));
    for (const config of app.sfConfigs.values()) {
      const conn = config.connection;
      if (!conn || config.reconnection.kind !== 'none' || isTestSuite(config.file.xml.root)) continue;
      // The SDK refreshes an authorization-code token itself; what fails after that no reconnection can fix.
      if (conn.local === PER_USER_CONNECTION) continue;
      // Operations in a sub-flow nothing calls never run, so they never fail.
      const users = app.operations.filter((op) => op.config === config && isOperationName(op.el.local) && !(op.flow && app.neverRuns(op.flow)));
      const exposed = users.filter((op) => op.reconnection.kind === 'none');
      // A listener whose connection fails is stopped and started again with one attempt to connect, unless a
      // strategy gives it more: if that one attempt fails, it stays stopped.
      const stopped = salesforceListeners(app).filter((l) => l.config === config && operationReconnection(l.el).kind === 'none');
      const listened = salesforceListeners(app).some((l) => l.config === config);
      if (exposed.length === 0 && stopped.length === 0) {
        if (users.length > 0 || listened) continue; // every user brings its own strategy
        if (!unknownUse) continue; // nothing in the app uses it: nothing can fail
      }
      // An until-successful that retries the connectivity failure runs the operation again on a new
      // connection, which logs in again: those operations do recover, the strategy is just the better place.
      const retried = exposed.filter((op) => retriedOnEveryPath(app, op.el, mapOperationError(app, op.el, SESSION_CONNECTIVITY)));
      const failing = exposed.filter((op) => !retried.includes(op));
      const r = coreName(conn, 'reconnection');
      const rc = coreName(conn, 'reconnect');
      const allRetried = exposed.length > 0 && failing.length === 0 && stopped.length === 0;
      const listedOps = failing.length ? failing : allRetried ? exposed : [];
      const listed: { el: XmlElement; file: { path: string }; message: string }[] = [
        ...stopped.map((l) => ({
          el: l.el,
          file: l.flow.file,
          message: msg`<${l.el.name}> in '${l.flow.name}' uses '${config.name}': it gets one attempt to reconnect when its connection fails`,
        })),
        ...listedOps.map((op: SalesforceOperation) => ({
          el: op.el,
          file: op.file,
          message: retried.includes(op)
            ? msg`<${op.el.name}> uses '${config.name}' and retries through until-successful`
            : msg`<${op.el.name}> uses '${config.name}' without its own reconnection strategy`,
        })),
      ];
      const more = listed.length > 5 ? msg` The first 5 of the ${listed.length} are its related locations.` : '';
      const opsFail = failing.length ? msg`${failing.length} operation${prose(failing.length === 1 ? ' fails' : 's fail')}` : undefined;
      const oneAttempt = stopped.length
        ? msg`${stopped.length} listener${prose(stopped.length === 1 ? ' gets' : 's get')} one attempt to reconnect when ${prose(stopped.length === 1 ? 'its' : 'their')} connection fails`
        : undefined;
      const listenerWhy = stopped.length
        ? prose(
            ' A listener whose connection fails is stopped and started again with a single attempt to connect: if Salesforce cannot be reached or refuses the login at that moment (an outage, a maintenance window), it stays stopped and its flow receives no more events. A bounded strategy gives it several attempts.',
          )
        : '';
      ctx.report({
        path: config.file.path,
        ...tagRange(conn),
        ...(allRetried ? { severity: 'info' as const } : {}),
        message: allRetried
          ? msg`Salesforce connection '${config.name}' has no reconnection strategy, so its ${exposed.length} operation${prose(exposed.length === 1 ? ' logs' : 's log')} in again only through until-successful`
          : opsFail
            ? firstThatFits(
                msg`Salesforce connection '${config.name}' has no reconnection strategy: ${opsFail} when its session expires${oneAttempt ? msg`, and ${oneAttempt}` : ''}`,
                msg`Salesforce connection '${config.name}' has no reconnection strategy: ${opsFail} when its session expires${stopped.length ? msg`, and ${stopped.length} listener${prose(stopped.length === 1 ? ' gets' : 's get')} one attempt to reconnect` : ''}`,
              )
            : oneAttempt
              ? msg`Salesforce connection '${config.name}' has no reconnection strategy: ${oneAttempt}`
              : msg`Salesforce connection '${config.name}' has no reconnection strategy: its operations fail when its session expires`,
        detail: allRetried
          ? msg`Its ${exposed.length} operation${prose(exposed.length === 1 ? ' runs' : 's run')} inside until-successful, which retries an expired session on a new connection and so logs in again; a reconnection strategy does that before the failure reaches the flow, without re-running the rest of the scope or waiting millisBetweenRetries. ${ADD}${more}`
          : opsFail
            ? msg`When its session expires or is invalidated, ${opsFail} with SALESFORCE:CONNECTIVITY instead of logging in again and re-running${retried.length ? msg` (${retried.length} other${prose(retried.length === 1 ? ' retries' : 's retry')} through until-successful, which logs in again)` : ''}.${listenerWhy} ${ADD}${more}`
            : stopped.length
              ? msg`${oneAttempt}.${listenerWhy} ${ADD}${more}`
              : msg`When its session expires or is invalidated, its operations fail with SALESFORCE:CONNECTIVITY instead of logging in again and re-running. ${ADD}`,
        related: listed.slice(0, 5).map((l) => ({ path: l.file.path, start: l.el.start, end: l.el.nameEnd, message: l.message })),
        fix: {
          title: 'Add a bounded reconnection strategy (3 attempts, 5 s apart)',
          edits: [insertFirstChild(config.file, conn, [`<${r}>`, `\t<${rc} frequency="5000" count="3"/>`, `</${r}>`])],
        },
      });
    }
  },
);

/**
 * A config-ref the app cannot read: missing, or a placeholder with no single value. (A name the app does not
 * define — a domain's configuration — is not one of this app's connections.)
 */
function unknownRef(ref: string | undefined): boolean {
  return ref === undefined || ref.includes('${');
}
