import { calloutInfo } from '../../../salesforce/callouts';
import { describeCallout } from '../../../salesforce/describe';
import { flowPaths, isRecordTriggered } from '../../../salesforce/flow';
import { sfdxRule } from '../../rule';

export default sfdxRule(
  {
    id: 'flow/sync-callout-in-record-trigger',
    scope: 'sfdx-project',
    type: 'problem',
    defaultSeverity: 'error',
    description: "A callout reachable on a record-triggered flow's immediate path, inside the transaction that saves the record.",
  },
  (project, ctx) => {
    for (const flow of project.flows) {
      if (!isRecordTriggered(flow)) continue;
      const immediate = flowPaths(flow).find((p) => !p.async);
      if (!immediate) continue;
      for (const name of immediate.nodes) {
        const node = flow.nodes.get(name)!;
        const info = calloutInfo(project, flow, node);
        if (info.kind !== 'callout') continue;
        ctx.report({
          path: flow.file.path,
          ...node.nameRange,
          message: `${describeCallout(flow, node, info)} runs on the immediate path of record-triggered flow '${flow.apiName}', inside the transaction that saves the record: Salesforce refuses callouts there ("You have uncommitted work pending"), and a slow or failing call (an expired session) blocks or rolls back the save. Move it to a Run Asynchronously path (scheduledPaths with pathType AsyncAfterCommit).`,
          related: [
            ...(flow.startTarget ? [{ path: flow.file.path, start: flow.startTarget.start, end: flow.startTarget.end, message: 'the immediate path starts here' }] : []),
            ...(info.evidence ? [info.evidence] : []),
          ],
        });
      }
    }
  },
);
