/**
 * The Flow graph: nodes with their names and ranges, every connector kind (including scheduled
 * paths, fault connectors and isGoTo back edges), and reachability from the start's immediate
 * connector and from each scheduled/async path. A single child where a list is usual works,
 * because children are read one by one.
 */
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import type { XmlElement } from '../xml/types';
import { apiNameOf } from '../project/layout';
import { kid, kids, leaf, leafValue, metadataRoot, type Located } from './metadata';

const NODE_TYPES: ReadonlySet<string> = new Set([
  'actionCalls',
  'apexPluginCalls',
  'assignments',
  'collectionProcessors',
  'customErrors',
  'decisions',
  'loops',
  'orchestratedStages',
  'recordCreates',
  'recordDeletes',
  'recordLookups',
  'recordRollbacks',
  'recordUpdates',
  'screens',
  'steps',
  'subflows',
  'transforms',
  'waits',
]);

export type EdgeKind = 'next' | 'default' | 'rule' | 'fault' | 'nextValue' | 'noMoreValues' | 'timeout' | 'waitEvent' | 'scheduledPath';

export interface FlowEdge {
  readonly kind: EdgeKind;
  readonly target: string;
  readonly isGoTo: boolean;
  /** The connector element (`<faultConnector>` …). */
  readonly el: XmlElement;
  /** Range of the `<targetReference>` text. */
  readonly targetRange: { start: number; end: number };
}

export interface FlowNode {
  readonly name: string;
  /** Metadata element type, e.g. `actionCalls`, `decisions`. */
  readonly type: string;
  readonly el: XmlElement;
  /** Range of the `<name>` text: what findings point at. */
  readonly nameRange: { start: number; end: number };
  readonly edges: FlowEdge[];
}

export interface ScheduledPath {
  readonly name: string | undefined;
  /** `AsyncAfterCommit` for "Run Asynchronously"; undefined for time-based paths. */
  readonly pathType: string | undefined;
  readonly edge: FlowEdge | undefined;
  readonly el: XmlElement;
}

export interface FlowModel {
  readonly file: SourceFile;
  readonly apiName: string;
  readonly processType: string | undefined;
  readonly triggerType: string | undefined;
  readonly apiVersion: number | undefined;
  /**
   * The version's activation status as written (`Active`, `Draft`, `Obsolete`, `InvalidDraft`…; Metadata API,
   * Flow: "status"). A source file holds a flow's latest version; `Obsolete` there means it was deactivated.
   */
  readonly status: string | undefined;
  readonly start: XmlElement | undefined;
  /** First element run on the immediate path (start connector or legacy startElementReference). */
  readonly startTarget: Located | undefined;
  readonly scheduledPaths: readonly ScheduledPath[];
  readonly nodes: ReadonlyMap<string, FlowNode>;
}

/** A Map, not an object: most children are not connectors, and an object would answer `constructor` too. */
const EDGE_ELEMENTS: ReadonlyMap<string, EdgeKind> = new Map([
  ['connector', 'next'],
  ['defaultConnector', 'default'],
  ['faultConnector', 'fault'],
  ['nextValueConnector', 'nextValue'],
  ['noMoreValuesConnector', 'noMoreValues'],
  ['timeoutConnector', 'timeout'],
]);

export function parseFlow(file: SourceFile): FlowModel | undefined {
  const root = metadataRoot(file, 'Flow');
  if (!root) return undefined;
  const nodes = new Map<string, FlowNode>();
  let start: XmlElement | undefined;
  for (const el of root.children) {
    if (el.local === 'start') {
      start = el;
      continue;
    }
    if (!NODE_TYPES.has(el.local)) continue;
    const name = leaf(file, el, 'name');
    if (!name || !name.value || nodes.has(name.value)) continue;
    nodes.set(name.value, { name: name.value, type: el.local, el, nameRange: { start: name.start, end: name.end }, edges: edgesOf(file, el) });
  }
  const scheduledPaths: ScheduledPath[] = [];
  let startTarget: Located | undefined;
  let triggerType: string | undefined;
  if (start) {
    triggerType = leafValue(file, start, 'triggerType');
    const c = kid(start, 'connector');
    if (c) startTarget = leaf(file, c, 'targetReference');
    for (const sp of kids(start, 'scheduledPaths')) {
      const conn = kid(sp, 'connector');
      scheduledPaths.push({
        name: leafValue(file, sp, 'name'),
        pathType: leafValue(file, sp, 'pathType'),
        edge: conn ? edge(file, conn, 'scheduledPath') : undefined,
        el: sp,
      });
    }
  }
  startTarget ??= leaf(file, root, 'startElementReference');
  const version = Number(leafValue(file, root, 'apiVersion'));
  return {
    file,
    apiName: apiNameOf(file.path),
    processType: leafValue(file, root, 'processType'),
    triggerType,
    apiVersion: Number.isFinite(version) ? version : undefined,
    status: leafValue(file, root, 'status'),
    start,
    startTarget,
    scheduledPaths,
    nodes,
  };
}

function edge(file: SourceFile, el: XmlElement, kind: EdgeKind): FlowEdge | undefined {
  const t = leaf(file, el, 'targetReference');
  if (!t || !t.value) return undefined;
  return { kind, target: t.value, isGoTo: leafValue(file, el, 'isGoTo')?.toLowerCase() === 'true', el, targetRange: { start: t.start, end: t.end } };
}

function edgesOf(file: SourceFile, el: XmlElement): FlowEdge[] {
  const out: FlowEdge[] = [];
  for (const c of el.children) {
    const kind = EDGE_ELEMENTS.get(c.local);
    if (kind) {
      const e = edge(file, c, kind);
      if (e) out.push(e);
    } else if (c.local === 'rules' || c.local === 'waitEvents') {
      const conn = kid(c, 'connector');
      const e = conn ? edge(file, conn, c.local === 'rules' ? 'rule' : 'waitEvent') : undefined;
      if (e) out.push(e);
    }
  }
  return out;
}

/** Node names reachable from `from` (following every connector, fault and go-to edges included). */
export function reachableFrom(flow: FlowModel, from: readonly string[], avoid?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length) {
    const n = queue.pop()!;
    if (seen.has(n) || n === avoid) continue;
    const node = flow.nodes.get(n);
    if (!node) continue;
    seen.add(n);
    for (const e of node.edges) queue.push(e.target);
  }
  return seen;
}

export interface FlowPath {
  /** What goes before "path" in a sentence: 'immediate', 'Run Asynchronously', or '<name> scheduled'. */
  readonly label: string;
  readonly async: boolean;
  /** The scheduled path's `pathType` (`AsyncAfterCommit`: "Run Asynchronously"; undefined: immediate or time-based). */
  readonly pathType?: string;
  readonly nodes: ReadonlySet<string>;
}

/** Five rules ask for a Flow's paths, three for every node any path runs: once per version of the file. */
const PATHS = memoKey<readonly FlowPath[]>('flow paths');
const REACHABLE = memoKey<ReadonlySet<string>>('flow nodes some path runs');

/** The immediate path and each scheduled path, with the nodes each can run (memoised per file version). */
export function flowPaths(flow: FlowModel): readonly FlowPath[] {
  return flow.file.memo.get(PATHS, () => computePaths(flow));
}

/** Every node that some path of the Flow can run (memoised per file version). */
export function reachableNodes(flow: FlowModel): ReadonlySet<string> {
  return flow.file.memo.get(REACHABLE, () => {
    const all = new Set<string>();
    for (const p of flowPaths(flow)) for (const n of p.nodes) all.add(n);
    return all;
  });
}

function computePaths(flow: FlowModel): FlowPath[] {
  const out: FlowPath[] = [];
  if (flow.startTarget) out.push({ label: 'immediate', async: false, nodes: reachableFrom(flow, [flow.startTarget.value]) });
  for (const sp of flow.scheduledPaths) {
    if (!sp.edge) continue;
    // Read as "the … path": "the Run Asynchronously path", "the Tomorrow scheduled path".
    const label = sp.pathType === 'AsyncAfterCommit' ? 'Run Asynchronously' : `${sp.name ?? ''} scheduled`.trim();
    out.push({ label, async: true, ...(sp.pathType ? { pathType: sp.pathType } : {}), nodes: reachableFrom(flow, [sp.edge.target]) });
  }
  return out;
}

/** Nodes that run once per item of a loop: reachable from its next-value connector and leading back to it. */
export function loopBody(flow: FlowModel, loop: FlowNode): Set<string> {
  const next = loop.edges.find((e) => e.kind === 'nextValue');
  if (!next) return new Set();
  const forward = reachableFrom(flow, [next.target], loop.name);
  const body = new Set<string>();
  for (const n of forward) if (canReach(flow, n, loop.name)) body.add(n);
  return body;
}

/** Whether `to` is reachable from `from` through at least one edge. */
export function canReach(flow: FlowModel, from: string, to: string): boolean {
  const start = flow.nodes.get(from);
  if (!start) return false;
  const seen = new Set<string>();
  const queue = start.edges.map((e) => e.target);
  while (queue.length) {
    const n = queue.pop()!;
    if (n === to) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const e of flow.nodes.get(n)?.edges ?? []) queue.push(e.target);
  }
  return false;
}

const RECORD_TRIGGERS: ReadonlySet<string> = new Set(['RecordAfterSave', 'RecordBeforeSave', 'RecordBeforeDelete']);

export type Automation = 'record-triggered' | 'scheduled' | 'platform-event' | 'process-builder';

/** Whether the flow runs without a user starting it, and how. */
export function automationOf(flow: FlowModel): Automation | undefined {
  const pt = flow.processType;
  if (pt === 'Workflow' || pt === 'CustomEvent' || pt === 'InvocableProcess') return 'process-builder';
  const t = flow.triggerType;
  if (t && RECORD_TRIGGERS.has(t)) return 'record-triggered';
  if (t === 'Scheduled') return 'scheduled';
  if (t === 'PlatformEvent') return 'platform-event';
  return undefined;
}

export function isRecordTriggered(flow: FlowModel): boolean {
  return !!flow.triggerType && RECORD_TRIGGERS.has(flow.triggerType);
}
