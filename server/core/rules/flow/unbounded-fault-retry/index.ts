import { calloutInfo } from '../../../salesforce/callouts';
import { describeCallout } from '../../../salesforce/describe';
import { canReach, reachableFrom, reachableNodes, type FlowModel } from '../../../salesforce/flow';
import { kids, leafValue } from '../../../salesforce/metadata';
import { firstThatFits, msg, prose } from '../../message';
import { sfdxFlowRule } from '../../rule';

export default sfdxFlowRule(
  {
    id: 'flow/unbounded-fault-retry',
    scope: 'sfdx-flow',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'A fault path that leads back to the same callout with no counter-guarded decision (and no screen) on the cycle: a dead session loops until the flow hits its element limit.',
  },
  (flow, project, ctx) => {
    const reachable = reachableNodes(flow);
    for (const name of reachable) {
      const node = flow.nodes.get(name)!;
      const fault = node.edges.find((e) => e.kind === 'fault');
      if (!fault) continue;
      const info = calloutInfo(project, flow, node);
      // The fault path is taken only when the call fails in this transaction and the Apex does not catch it.
      if (info.kind !== 'callout' || !info.sync || info.handled) continue;
      if (fault.target !== name && !canReach(flow, fault.target, name)) continue;
      const cycle = [...reachableFrom(flow, [fault.target])].filter((n) => n === name || canReach(flow, n, name));
      if (cycle.includes(name) === false) cycle.push(name);
      if (isBounded(flow, cycle)) continue;
      ctx.report({
        path: flow.file.path,
        start: fault.targetRange.start,
        end: fault.targetRange.end,
        message: firstThatFits(
          msg`The fault path of ${describeCallout(flow, node, info)} leads back to it with no counter: the flow retries until its element limit`,
          msg`The fault path of ${describeCallout(flow, node, info)} leads back to it with no counter`,
        ),
        detail: prose(
          'An expired or revoked session fails the same way every time, so the flow retries until it hits its limit of executed elements. Add a Number variable, increment it on the fault path, and stop with a Decision after a few attempts.',
        ),
        related: [{ path: flow.file.path, start: node.nameRange.start, end: node.nameRange.end, message: msg`the callout '${name}'` }],
      });
    }
  },
);

/** A screen (a user decides) or a decision on a number that the cycle increments. */
function isBounded(flow: FlowModel, cycle: readonly string[]): boolean {
  const nodes = cycle.map((n) => flow.nodes.get(n)!).filter(Boolean);
  if (nodes.some((n) => n.type === 'screens')) return true;
  const incremented = new Set<string>();
  for (const n of nodes) {
    if (n.type !== 'assignments') continue;
    for (const item of kids(n.el, 'assignmentItems')) {
      const op = leafValue(flow.file, item, 'operator');
      const target = leafValue(flow.file, item, 'assignToReference');
      if (target && (op === 'Add' || op === 'Subtract')) incremented.add(target.toLowerCase());
    }
  }
  if (!incremented.size) return false;
  for (const n of nodes) {
    if (n.type !== 'decisions') continue;
    for (const rule of kids(n.el, 'rules')) {
      for (const cond of kids(rule, 'conditions')) {
        const left = leafValue(flow.file, cond, 'leftValueReference')?.toLowerCase();
        if (left && incremented.has(left)) return true;
      }
    }
  }
  return false;
}
