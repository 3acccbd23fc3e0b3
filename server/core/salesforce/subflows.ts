/**
 * The callouts an element of a Flow runs: an action's own, or — for a `subflows` element (and a
 * Process Builder action of type `flow`) — every callout of the flow it runs, transitively. A subflow
 * runs in the same transaction, as the same user, so its callouts count for the parent's rules. Cycles
 * are cut (a flow already on the way is not entered again) and the depth is bounded. A subflow that is
 * not in the project contributes nothing: never a guess.
 */
import type { ReportRelated } from '../findings';
import { memoKey } from '../project/memo';
import { msg, prose } from '../text/message';
import { calloutInfo, type CalloutInfo } from './callouts';
import { describeCallout } from './describe';
import { flowPaths, type FlowModel, type FlowNode } from './flow';
import { leafValue } from './metadata';
import type { SfdxProject } from './project';

export interface ReachedCallout {
  /** The flow whose action calls out: the element's own flow, or a subflow. */
  readonly flow: FlowModel;
  /** The action that calls out. */
  readonly node: FlowNode;
  readonly info: CalloutInfo & { kind: 'callout' };
  /** The subflow elements inside the called flows on the way to the action (empty for the element's own action or a direct subflow's). */
  readonly chain: readonly { readonly flow: FlowModel; readonly node: FlowNode }[];
  /**
   * Its failure is handled before it reaches the element: by a fault connector inside the called flows (on
   * the action, or on a subflow element on the way), or by the Apex itself (`CalloutInfo.handled`).
   */
  readonly handledInside: boolean;
}

/** A bound on nested subflows (Salesforce's own limit on nesting is far lower in practice). */
const MAX_DEPTH = 12;

const NONE: readonly ReachedCallout[] = Object.freeze([]);

/** Callouts of a called flow (by model), computed with that flow as the root of the walk (per project build). */
const BY_CALLEE = memoKey<WeakMap<FlowModel, readonly ReachedCallout[]>>('callouts of a flow run as a subflow');

/** The API name of the flow an element runs as a subflow, or undefined for any other element. */
export function subflowName(flow: FlowModel, node: FlowNode): string | undefined {
  if (node.type === 'subflows') return leafValue(flow.file, node.el, 'flowName') || undefined;
  if (node.type === 'actionCalls' && leafValue(flow.file, node.el, 'actionType') === 'flow') return leafValue(flow.file, node.el, 'actionName') || undefined;
  return undefined;
}

/** The callouts an element runs: its own as an action, or those of the flow it runs. */
export function calloutsOf(project: SfdxProject, flow: FlowModel, node: FlowNode): readonly ReachedCallout[] {
  const callee = subflowName(flow, node);
  if (callee !== undefined) {
    const target = resolveFlow(project, callee);
    if (!target || target === flow) return NONE;
    const memo = project.memo.get(BY_CALLEE, () => new WeakMap());
    let found = memo.get(target);
    if (!found) memo.set(target, (found = calloutsInFlow(project, target, new Set([target.apiName.toLowerCase()]), 0)));
    // A cycle back into this flow reaches this flow's own elements, which are reported where they are.
    return found.some((r) => r.flow === flow || r.chain.some((c) => c.flow === flow))
      ? found.filter((r) => r.flow !== flow && !r.chain.some((c) => c.flow === flow))
      : found;
  }
  const info = calloutInfo(project, flow, node);
  if (info.kind !== 'callout') return NONE;
  return [{ flow, node, info, chain: [], handledInside: hasFault(node) || info.handled === true }];
}

function calloutsInFlow(project: SfdxProject, flow: FlowModel, onTheWay: Set<string>, depth: number): ReachedCallout[] {
  const out: ReachedCallout[] = [];
  const seen = new Set<string>();
  for (const path of flowPaths(flow)) {
    for (const name of path.nodes) {
      if (seen.has(name)) continue;
      seen.add(name);
      const node = flow.nodes.get(name)!;
      const callee = subflowName(flow, node);
      if (callee === undefined) {
        const info = calloutInfo(project, flow, node);
        if (info.kind === 'callout') out.push({ flow, node, info, chain: [], handledInside: hasFault(node) || info.handled === true });
        continue;
      }
      const target = resolveFlow(project, callee);
      if (!target || depth >= MAX_DEPTH || onTheWay.has(target.apiName.toLowerCase())) continue; // a cycle, or too deep
      onTheWay.add(target.apiName.toLowerCase());
      for (const r of calloutsInFlow(project, target, onTheWay, depth + 1)) {
        out.push({ flow: r.flow, node: r.node, info: r.info, chain: [{ flow, node }, ...r.chain], handledInside: r.handledInside || hasFault(node) });
      }
      onTheWay.delete(target.apiName.toLowerCase());
    }
  }
  return out;
}

function resolveFlow(project: SfdxProject, name: string): FlowModel | undefined {
  const local = project.localName(name);
  return local === undefined ? undefined : project.flow(local);
}

export function hasFault(node: FlowNode): boolean {
  return node.edges.some((e) => e.kind === 'fault');
}

/** The element a finding is on, for its message: e.g. `Apex action 'Push' (ErpPush)`, or `Subflow 'Sync' (flow 'Sync_Account')`. */
export function describeElement(flow: FlowModel, node: FlowNode, r: ReachedCallout): string {
  if (r.flow === flow && r.node === node) return describeCallout(r.flow, r.node, r.info);
  return msg`Subflow '${node.name}' (flow '${subflowName(flow, node)}')`;
}

/**
 * For a subflow element, the sentence that names the callout it reaches, to open a finding's detail (with a
 * trailing space): e.g. `Its callout is Apex action 'Push' (ErpPush) in flow 'Sync_Account'. `; empty for
 * the element's own action.
 */
export function describeReachedCallout(flow: FlowModel, node: FlowNode, r: ReachedCallout): string {
  if (r.flow === flow && r.node === node) return '';
  const via = r.chain.map((c) => msg`subflow '${c.node.name}' of flow '${c.flow.apiName}'`);
  return msg`Its callout is ${describeCallout(r.flow, r.node, r.info)} in flow '${r.flow.apiName}'${via.length ? msg` (reached through ${via.join(prose(', then '))})` : ''}. `;
}

/** The callout inside a subflow, as a related location (none for the element's own action). */
export function reachedLocation(flow: FlowModel, node: FlowNode, r: ReachedCallout): ReportRelated[] {
  if (r.flow === flow && r.node === node) return [];
  return [
    {
      path: r.flow.file.path,
      start: r.node.nameRange.start,
      end: r.node.nameRange.end,
      message: msg`${describeCallout(r.flow, r.node, r.info)} in subflow '${r.flow.apiName}'`,
    },
  ];
}
