import { flowPaths, isRecordTriggered } from '../../../salesforce/flow';
import { calloutsOf, describeReached, reachedLocation } from '../../../salesforce/subflows';
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
    const beforeSave = flow.triggerType === 'RecordBeforeSave';
    for (const name of immediate.nodes) {
      const node = flow.nodes.get(name)!;
      // Asynchronous Apex (a Queueable, a batch, @future) calls out later, in its own transaction: not here.
      const r = calloutsOf(project, flow, node).find((c) => c.info.sync);
      if (!r) continue;
      const why = beforeSave
        ? `runs in before-save flow '${flow.apiName}', which cannot make callouts at all: the save fails. Move it to an after-save flow's Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).`
        : `runs on the immediate path of record-triggered flow '${flow.apiName}', inside the transaction that saves the record: Salesforce refuses callouts there ("You have uncommitted work pending"), and a slow or failing call (an expired session) blocks or rolls back the save. Move it to a Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).`;
      ctx.report({
        path: flow.file.path,
        ...node.nameRange,
        message: `${describeReached(flow, node, r)} ${why}`,
        related: [
          ...(flow.startTarget
            ? [{ path: flow.file.path, start: flow.startTarget.start, end: flow.startTarget.end, message: 'the immediate path starts here' }]
            : []),
          ...reachedLocation(flow, node, r),
          ...(r.info.evidence ? [r.info.evidence] : []),
        ],
      });
    }
  },
);
