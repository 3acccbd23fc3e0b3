import { calloutInfo } from '../../../salesforce/callouts';
import { describeCallout } from '../../../salesforce/describe';
import { flowPaths, isRecordTriggered } from '../../../salesforce/flow';
import { sfdxFlowRule } from '../../rule';

export default sfdxFlowRule(
  {
    id: 'flow/sync-callout-in-record-trigger',
    scope: 'sfdx-flow',
    type: 'problem',
    defaultSeverity: 'error',
    description: "A callout reachable on a record-triggered flow's immediate path, inside the transaction that saves the record.",
  },
  (flow, project, ctx) => {
    if (!isRecordTriggered(flow)) return;
    const immediate = flowPaths(flow).find((p) => !p.async);
    if (!immediate) return;
    for (const name of immediate.nodes) {
      const node = flow.nodes.get(name)!;
      const info = calloutInfo(project, flow, node);
      if (info.kind !== 'callout' || !info.sync) continue;
      ctx.report({
        path: flow.file.path,
        ...node.nameRange,
        message: `${describeCallout(flow, node, info)} runs on the immediate path of record-triggered flow '${flow.apiName}', inside the transaction that saves the record: Salesforce refuses callouts there ("You have uncommitted work pending"), and a slow or failing call (an expired session) blocks or rolls back the save. Move it to a Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).`,
        related: [
          ...(flow.startTarget
            ? [{ path: flow.file.path, start: flow.startTarget.start, end: flow.startTarget.end, message: 'the immediate path starts here' }]
            : []),
          ...(info.evidence ? [info.evidence] : []),
        ],
      });
    }
  },
);
