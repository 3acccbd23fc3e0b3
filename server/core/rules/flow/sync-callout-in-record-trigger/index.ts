import { flowPaths, isRecordTriggered } from '../../../salesforce/flow';
import { calloutsOf, describeElement, describeReachedCallout, reachedLocation } from '../../../salesforce/subflows';
import { firstThatFits, msg } from '../../message';
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
      const element = describeElement(flow, node, r);
      const reached = describeReachedCallout(flow, node, r);
      const message = beforeSave
        ? firstThatFits(
            msg`${element} runs in before-save flow '${flow.apiName}', which cannot make callouts at all: the save fails`,
            msg`${element} runs in a before-save flow, which cannot make callouts at all: the save fails`,
          )
        : firstThatFits(
            msg`${element} runs on the immediate path of record-triggered flow '${flow.apiName}', where Salesforce refuses callouts`,
            msg`${element} runs on the immediate path of a record-triggered flow, where Salesforce refuses callouts`,
          );
      const detail = beforeSave
        ? msg`${reached}Before-save flow '${flow.apiName}' cannot make callouts at all: the save fails. Move it to an after-save flow's Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).`
        : msg`${reached}The immediate path of record-triggered flow '${flow.apiName}' runs inside the transaction that saves the record: Salesforce refuses callouts there ("You have uncommitted work pending"), and a slow or failing call (an expired session) blocks or rolls back the save. Move it to a Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).`;
      ctx.report({
        path: flow.file.path,
        ...node.nameRange,
        message,
        detail,
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
