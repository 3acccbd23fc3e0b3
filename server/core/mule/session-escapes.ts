/**
 * Where the session failure of each Salesforce operation escapes unhandled: the flows with a message
 * source it reaches with no handler having matched it, and the handler it escapes through there (the
 * flow's own, referenced or default error handler, or none). A failure may surface as several types
 * (`sessionFailureTypes`); a flow counts only when every one of them escapes there, since a handler
 * matching either one handles the session failure.
 */
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp, SalesforceOperation } from './app';
import { isOperationName } from './operations';
import { flowHandler, mapOperationError, propagate, sessionFailureTypes, type PathStep } from './propagation';

export interface SessionEscape {
  readonly op: SalesforceOperation;
  /** The type the operation throws (after its error mappings), for the first of its session failure types. */
  readonly thrown: string;
  /** The flow with a message source the failure leaves unhandled. */
  readonly flow: FlowModel;
  /** The types the failure has when it leaves `flow` (one per session failure type, without repeats). */
  readonly types: readonly string[];
  /** The calls climbed through from the operation's flow up to `flow`. */
  readonly steps: readonly PathStep[];
  /** The error handler the failure escapes through (undefined when the flow has none). */
  readonly handler: { readonly el: XmlElement; readonly isDefault: boolean } | undefined;
}

/** Every (operation, flow) pair where a session failure escapes unhandled, operations in app order. */
export function sessionEscapes(app: MuleApp): SessionEscape[] {
  const out: SessionEscape[] = [];
  for (const op of app.operations) {
    if (!op.flow || !isOperationName(op.el.local)) continue;
    const types = sessionFailureTypes(op);
    if (types.length === 0) continue;
    const walks = types.map((t) => {
      const thrown = mapOperationError(app, op.el, t);
      return { thrown, unhandled: propagate(app, op.el, thrown).unhandled };
    });
    const seen = new Set<XmlElement>();
    for (const end of walks[0].unhandled) {
      if (seen.has(end.flowEl)) continue;
      seen.add(end.flowEl);
      const endTypes: string[] = [];
      let everyType = true;
      for (const w of walks) {
        const same = w.unhandled.find((e) => e.flowEl === end.flowEl);
        if (!same) {
          everyType = false;
          break;
        }
        if (!endTypes.includes(same.type)) endTypes.push(same.type);
      }
      const flow = app.flowAt(end.flowEl);
      if (!everyType || !flow) continue;
      const handler = flowHandler(app, flow);
      out.push({
        op,
        thrown: walks[0].thrown,
        flow,
        types: endTypes,
        steps: end.steps,
        handler: handler.el ? { el: handler.el, isDefault: handler.isDefault } : undefined,
      });
    }
  }
  return out;
}
