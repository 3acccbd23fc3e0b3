import { loopBody, reachableNodes } from '../../../salesforce/flow';
import { calloutsOf, describeElement, describeReachedCallout, reachedLocation } from '../../../salesforce/subflows';
import { firstThatFits, msg } from '../../message';
import { sfdxFlowRule } from '../../rule';

export default sfdxFlowRule(
  {
    id: 'flow/callout-in-loop',
    scope: 'sfdx-flow',
    type: 'suggestion',
    defaultSeverity: 'warning',
    description: "A callout inside a loop body: one callout per record, which exhausts the transaction's callout limit under bulk load.",
  },
  (flow, project, ctx) => {
    const reachable = reachableNodes(flow);
    const reported = new Set<string>();
    for (const loop of flow.nodes.values()) {
      if (loop.type !== 'loops' || !reachable.has(loop.name)) continue;
      for (const name of loopBody(flow, loop)) {
        if (reported.has(name)) continue;
        const node = flow.nodes.get(name)!;
        // Asynchronous hand-offs call out in their own transactions, not once per item here.
        const r = calloutsOf(project, flow, node).find((c) => c.info.sync);
        if (!r) continue;
        reported.add(name);
        ctx.report({
          path: flow.file.path,
          ...node.nameRange,
          message: firstThatFits(
            msg`${describeElement(flow, node, r)} runs once per item of loop '${loop.name}': a batch of records makes one callout each`,
            msg`${describeElement(flow, node, r)} runs once per item of loop '${loop.name}'`,
          ),
          detail: msg`${describeReachedCallout(flow, node, r)}A batch of records makes at least one callout each, and a transaction allows 100: a larger batch fails the interview (Too many callouts: 101) after the earlier calls have reached the remote system, where nothing rolls them back. Collect the items in the loop and make one callout after it.`,
          related: [
            { path: flow.file.path, start: loop.nameRange.start, end: loop.nameRange.end, message: msg`the loop '${loop.name}'` },
            ...reachedLocation(flow, node, r),
          ],
        });
      }
    }
  },
);
