/** Wording shared by the Salesforce rules. */
import { msg, prose } from '../text/message';
import type { CalloutInfo } from './callouts';
import type { Automation, FlowModel, FlowNode } from './flow';
import { leafValue } from './metadata';

/** e.g. `External Service action 'Add_Account' (BankService.addAccount)`. */
export function describeCallout(flow: FlowModel, node: FlowNode, info: CalloutInfo & { kind: 'callout' }): string {
  const action = leafValue(flow.file, node.el, 'actionName') ?? '';
  return msg`${prose(info.via === 'external-service' ? 'External Service' : 'Apex')} action '${node.name}' (${action})`;
}

export function describeAutomation(a: Automation): string {
  return prose(
    {
      'record-triggered': 'record-triggered flow',
      scheduled: 'schedule-triggered flow',
      'platform-event': 'platform event-triggered flow',
      'process-builder': 'Process Builder process',
    }[a],
  );
}
