/** Every reconnection strategy that applies to Salesforce connections and operations. */
import type { XmlElement } from '../xml/types';
import type { MuleApp, MuleFile } from './app';
import { isOperationName } from './operations';

export interface SalesforceReconnection {
  readonly strategy: XmlElement;
  readonly file: MuleFile;
  /** Human description of where it applies, e.g. "Salesforce connection 'sf'". */
  readonly owner: string;
}

export function salesforceReconnections(app: MuleApp): SalesforceReconnection[] {
  const out: SalesforceReconnection[] = [];
  for (const c of app.sfConfigs.values()) {
    if (c.reconnection.el) out.push({ strategy: c.reconnection.el, file: c.file, owner: `Salesforce connection '${c.name}'` });
  }
  for (const op of app.operations) {
    if (op.reconnection.el && isOperationName(op.el.local)) out.push({ strategy: op.reconnection.el, file: op.file, owner: `<${op.el.name}>` });
  }
  return out;
}
