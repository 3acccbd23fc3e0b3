import type { Fix, TextEdit } from '../../../findings';
import { coreName, insertFirstChild, removeElement } from '../../../edits/xml-edits';
import { isOperationName } from '../../../mule/operations';
import { KNOWN_FAKE_OPERATIONS, SALESFORCE_OPERATIONS, SALESFORCE_SOURCES } from '../../../mule/salesforce-connector';
import { closest } from '../../../text/closest';
import { muleRule } from '../../rule';
import { tagRange } from '../../ranges';
import { msg } from '../../message';

export default muleRule(
  {
    id: 'mule/unknown-salesforce-element',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'A salesforce:* processor that is not an operation of the Salesforce connector (such as salesforce:invalidate-connection): the app fails to deploy.',
    fixable: true,
    hasSuggestions: true,
  },
  (app, ctx) => {
    for (const op of app.operations) {
      const local = op.el.local;
      // Listed (10.x–12.x or 9.x), or in a family a newer connector may extend: do not guess.
      if (isOperationName(local) || SALESFORCE_SOURCES.has(local)) continue;
      const fake = KNOWN_FAKE_OPERATIONS.get(local);
      const range = tagRange(op.el);
      if (fake) {
        const edits: TextEdit[] = [removeElement(op.file, op.el)];
        let title = `Remove <${op.el.name}>`;
        const conn = op.config?.connection;
        if (conn && op.config!.reconnection.kind === 'none') {
          const r = coreName(conn, 'reconnection');
          const rc = coreName(conn, 'reconnect');
          edits.push(insertFirstChild(op.config!.file, conn, [`<${r}>`, `\t<${rc} frequency="5000" count="3"/>`, `</${r}>`]));
          title += ` and give '${op.config!.name}' a bounded reconnection strategy`;
        }
        ctx.report({
          path: op.file.path,
          ...range,
          message: msg`<${op.el.name}> is not an operation of the Salesforce connector, so the app fails to deploy`,
          detail: fake,
          related: op.config
            ? [
                {
                  path: op.config.file.path,
                  start: op.config.el.start,
                  end: op.config.el.nameEnd,
                  message: msg`'${op.config.name}' is the connection it refers to`,
                },
              ]
            : [],
          fix: { title, edits },
        });
        continue;
      }
      const guess = closest(local, SALESFORCE_OPERATIONS, 3);
      const suggestions: Fix[] = [];
      if (guess) {
        const edits: TextEdit[] = [{ path: op.file.path, start: op.el.start + 1, end: op.el.nameEnd, newText: `${op.el.prefix}:${guess}` }];
        if (!op.el.selfClosing && op.el.closeStart < op.el.end) {
          edits.push({ path: op.file.path, start: op.el.closeStart + 2, end: op.el.closeStart + 2 + op.el.name.length, newText: `${op.el.prefix}:${guess}` });
        }
        suggestions.push({ title: `Change to <${op.el.prefix}:${guess}>`, edits });
      }
      ctx.report({
        path: op.file.path,
        ...range,
        message: msg`<${op.el.name}> is not an operation of the Salesforce connector (9.x–12.x), so the app fails to deploy${guess ? msg`: did you mean <${op.el.prefix}:${guess}>?` : ''}`,
        suggestions,
      });
    }
  },
);
