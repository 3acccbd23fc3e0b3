import { coreName, insertFirstChild } from '../../../edits/xml-edits';
import { isOperationName } from '../../../mule/operations';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';

export default muleRule(
  {
    id: 'mule/missing-reconnection',
    scope: 'mule-app',
    type: 'suggestion',
    defaultSeverity: 'warning',
    description:
      'Salesforce connection with no bounded reconnection strategy: an expired session fails the message instead of logging in again and re-running the operation.',
    fixable: true,
  },
  (app, ctx) => {
    for (const config of app.sfConfigs.values()) {
      const conn = config.connection;
      if (!conn || config.reconnection.kind !== 'none') continue;
      const users = app.operations.filter((op) => op.config === config && isOperationName(op.el.local));
      const exposed = users.filter((op) => op.reconnection.kind === 'none');
      if (users.length > 0 && exposed.length === 0) continue; // every operation brings its own strategy
      const r = coreName(conn, 'reconnection');
      const rc = coreName(conn, 'reconnect');
      ctx.report({
        path: config.file.path,
        ...tagRange(conn),
        message: `Salesforce connection '${config.name}' has no reconnection strategy: when its session expires or is invalidated, ${exposed.length ? `${exposed.length} operation${exposed.length === 1 ? ' fails' : 's fail'}` : 'its operations fail'} with SALESFORCE:CONNECTIVITY instead of logging in again and re-running. Add <reconnection><reconnect count=".." frequency=".."/></reconnection>.`,
        related: exposed.slice(0, 5).map((op) => ({
          path: op.file.path,
          start: op.el.start,
          end: op.el.nameEnd,
          message: `<${op.el.name}> uses '${config.name}' without its own reconnection strategy`,
        })),
        fix: {
          title: 'Add a bounded reconnection strategy (3 attempts, 5 s apart)',
          edits: [insertFirstChild(config.file, conn, [`<${r}>`, `\t<${rc} frequency="5000" count="3"/>`, `</${r}>`])],
        },
      });
    }
  },
);
