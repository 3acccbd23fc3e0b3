/**
 * Every reconnection strategy that applies to Salesforce connections and operations: those of the Salesforce
 * connector, and those of the Salesforce Composite connector (`salesforce-composite:`), whose connections log in
 * to the same org (OAuth username-password, JWT, SAML…) and take the same strategies.
 */
import { memoKey } from '../project/memo';
import { attr, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import { operationReconnection, type MuleApp, type MuleFile } from './app';
import { NS } from './namespaces';
import { isOperationName } from './operations';
import { inProcessorPosition } from './structure';

export interface SalesforceReconnection {
  readonly strategy: XmlElement;
  readonly file: MuleFile;
  /** Human description of where it applies, e.g. "Salesforce connection 'sf'". */
  readonly owner: string;
}

export function salesforceReconnections(app: MuleApp): readonly SalesforceReconnection[] {
  return app.memo.get(RECONNECTIONS, () => {
    const out: SalesforceReconnection[] = [];
    for (const c of app.sfConfigs.values()) {
      if (c.reconnection.el) out.push({ strategy: c.reconnection.el, file: c.file, owner: `Salesforce connection '${c.name}'` });
    }
    for (const op of app.operations) {
      if (op.reconnection.el && isOperationName(op.el.local)) out.push({ strategy: op.reconnection.el, file: op.file, owner: `<${op.el.name}>` });
    }
    for (const file of app.files) for (const top of app.topLevelOf(file.path) ?? []) out.push(...compositeReconnections(app, top, file));
    return out;
  });
}

const RECONNECTIONS = memoKey<readonly SalesforceReconnection[]>('Salesforce reconnection strategies of the app');
const COMPOSITE = memoKey<readonly { strategy: XmlElement; owner: string }[]>('Salesforce Composite reconnection strategies of an element');

/** The strategies of a top-level element's Salesforce Composite connection or operations (memoised per element). */
function compositeReconnections(app: MuleApp, top: XmlElement, file: MuleFile): SalesforceReconnection[] {
  const found = app.aboutElement(top, COMPOSITE, () => {
    const out: { strategy: XmlElement; owner: string }[] = [];
    if (top.ns === NS.salesforceComposite && top.local === 'composite-config') {
      const name = attr(top, 'name') ?? '';
      for (const conn of top.children) {
        if (conn.ns !== NS.salesforceComposite || !conn.local.endsWith('-connection')) continue;
        const r = operationReconnection(conn);
        if (r.el) out.push({ strategy: r.el, owner: `Salesforce Composite connection '${name}'` });
      }
      return out;
    }
    walk(top, (el) => {
      if (el.ns !== NS.salesforceComposite || !inProcessorPosition(el)) return undefined;
      const r = operationReconnection(el);
      if (r.el) out.push({ strategy: r.el, owner: `<${el.name}>` });
      return false;
    });
    return out;
  });
  return found.map((f) => ({ ...f, file }));
}
