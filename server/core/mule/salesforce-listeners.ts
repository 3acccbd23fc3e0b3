/** The Salesforce message sources (streaming and object listeners) of an app's flows, with the connection each uses. */
import { memoKey } from '../project/memo';
import { attr } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp, SalesforceConfig } from './app';
import { NS } from './namespaces';
import { SALESFORCE_SOURCES } from './salesforce-connector';

export interface SalesforceListener {
  readonly el: XmlElement;
  readonly flow: FlowModel;
  /** The connection its config-ref names; undefined when the app defines none of that name. */
  readonly config: SalesforceConfig | undefined;
  /** Its config-ref after property resolution (still holding `${…}` when that cannot be resolved to one value). */
  readonly configRef: string | undefined;
}

const LISTENERS = memoKey<readonly SalesforceListener[]>('Salesforce listeners of the app');

/** The app's flows whose message source is a Salesforce listener, in app order (memoised per app build). */
export function salesforceListeners(app: MuleApp): readonly SalesforceListener[] {
  return app.memo.get(LISTENERS, () => {
    const out: SalesforceListener[] = [];
    for (const flow of app.flows.values()) {
      const el = flow.source;
      if (!el || el.ns !== NS.salesforce || !SALESFORCE_SOURCES.has(el.local)) continue;
      const raw = attr(el, 'config-ref');
      const ref = app.resolve(raw) ?? raw;
      out.push({ el, flow, config: ref === undefined ? undefined : app.sfConfigs.get(ref), configRef: ref });
    }
    return out;
  });
}
