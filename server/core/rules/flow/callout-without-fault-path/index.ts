import type { Fix } from '../../../findings';
import { childBlock, insertBeforeLine } from '../../../edits/xml-edits';
import { flowPaths, isRecordTriggered, type FlowModel, type FlowNode } from '../../../salesforce/flow';
import { principalOf, type CredentialUse } from '../../../salesforce/callouts';
import type { SfdxProject } from '../../../salesforce/project';
import { calloutsOf, describeElement, describeReachedCallout, hasFault, reachedLocation } from '../../../salesforce/subflows';
import { firstThatFits, msg, prose } from '../../message';
import { sfdxFlowRule } from '../../rule';

/** Child elements of an action call that come after faultConnector in the metadata schema. */
const AFTER_FAULT: ReadonlySet<string> = new Set([
  'flowName',
  'flowTransactionModel',
  'inputAssignments',
  'inputParameters',
  'nameSegment',
  'offset',
  'outputAssignments',
  'outputParameters',
  'storeOutputAutomatically',
  'versionSegment',
]);
const HANDLER_TYPES: ReadonlySet<string> = new Set(['assignments', 'customErrors', 'recordCreates', 'actionCalls', 'subflows', 'screens']);

export default sfdxFlowRule(
  {
    id: 'flow/callout-without-fault-path',
    scope: 'sfdx-flow',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'A callout action (External Service, or Apex that calls out) with no fault connector, on any path of the flow including asynchronous and scheduled paths.',
    hasSuggestions: true,
  },
  (flow, project, ctx) => {
    const paths = flowPaths(flow);
    const seen = new Set<string>();
    for (const path of paths) {
      for (const name of path.nodes) {
        if (seen.has(name)) continue;
        seen.add(name);
        const node = flow.nodes.get(name)!;
        if (hasFault(node)) continue;
        // Only a call in this transaction can fail here; asynchronous Apex fails later, where no fault path reaches.
        // Apex that catches its callout failures itself does not fault; nor does a subflow that handles them.
        const r = calloutsOf(project, flow, node).find((c) => c.info.sync && !c.handledInside);
        if (!r) continue;
        const [consequence, short] =
          isRecordTriggered(flow) && !path.async
            ? ['the flow interview fails and the change that triggered it is rolled back', 'the triggering change is rolled back']
            : flow.processType === 'Flow'
              ? ['the user gets an unhandled fault error and the work is lost', 'the user gets an unhandled fault error']
              : [
                  'the flow interview fails with an unhandled fault e-mail and nothing is retried or recorded',
                  'the interview fails with an unhandled fault e-mail',
                ];
        const own = r.flow === flow && r.node === node;
        const element = describeElement(flow, node, r);
        const ifThrows = prose(`: if the call throws, ${short}`);
        // Only a record-triggered flow has paths to tell apart (immediate, Run Asynchronously, scheduled).
        const paths = isRecordTriggered(flow);
        ctx.report({
          path: flow.file.path,
          ...node.nameRange,
          message: firstThatFits(
            ...(paths ? [msg`${element} on the ${path.label} path has no fault connector${ifThrows}`] : []),
            msg`${element} has no fault connector${ifThrows}`,
            ...(paths ? [msg`${element} on the ${path.label} path has no fault connector`] : []),
            msg`${element} has no fault connector`,
          ),
          detail: msg`${describeReachedCallout(flow, node, r)}${paths ? msg`On the ${path.label} path it` : prose('It')} has no fault connector${prose(own ? '' : ' (and nothing in the subflow handles the fault)')}${prose(r.info.via === 'apex' ? ', and the Apex does not catch the callout failure' : '')}: when the call throws (${prose(faultCauses(r.info.via))}) ${prose(consequence)}. Add a Fault path that logs the error or parks the record for replay.${prose(authenticates(project, r.info.credentials) ? ' An expired or revoked token usually comes back as a 401 response rather than a fault: check the response code too.' : '')}`,
          related: [...reachedLocation(flow, node, r), ...(r.info.evidence ? [r.info.evidence] : [])],
          suggestions: () => suggestions(flow, node),
        });
      }
    }
  },
);

/**
 * What makes a callout action fault: Apex's `Http.send` throws a CalloutException for a failed call (a
 * timeout, an unreachable endpoint), while an HTTP error response comes back as a response (Apex) or as the
 * operation's `responseCode` output (External Services); an Apex action also faults on whatever its code
 * throws, such as an exception it raises on an error response.
 */
function faultCauses(via: 'external-service' | 'apex'): string {
  return via === 'apex' ? 'a timeout, an unreachable endpoint, or an exception the Apex raises' : 'a timeout or an unreachable endpoint';
}

/** Whether a callout sends a credential that can expire or be revoked (not an anonymous one). */
function authenticates(project: SfdxProject, credentials: readonly CredentialUse[]): boolean {
  return credentials.some((c) => {
    if (!c.nc) return false;
    const kind = principalOf(project, c.nc).kind;
    return kind !== 'anonymous' && kind !== 'unknown';
  });
}

/** Connect the fault path to an element that already looks like error handling. */
/**
 * Elements that already handle faults: the target of another fault connector, or an element that reads
 * `$Flow.FaultMessage`. A name alone (`Screen_1_1_Error`, `Set_No_Data_Error`) says nothing of what the element
 * shows or records: real flows name screens and assignments "…Error" that tell the user something else entirely.
 */
function suggestions(flow: FlowModel, node: FlowNode): Fix[] {
  const out: Fix[] = [];
  const faultTargets = new Set<string>();
  for (const n of flow.nodes.values()) for (const e of n.edges) if (e.kind === 'fault') faultTargets.add(e.target);
  const text = flow.file.text;
  const handlesFaults = (c: FlowNode) => faultTargets.has(c.name) || /\$Flow\.FaultMessage\b/i.test(text.slice(c.el.start, c.el.end));
  for (const candidate of flow.nodes.values()) {
    if (candidate === node || !HANDLER_TYPES.has(candidate.type) || !handlesFaults(candidate)) continue;
    out.push({ title: `Connect the fault path to '${candidate.name}'`, edits: [faultConnectorEdit(flow, node, candidate.name)] });
    if (out.length === 3) break;
  }
  return out;
}

function faultConnectorEdit(flow: FlowModel, node: FlowNode, target: string) {
  const before = node.el.children.find((c) => AFTER_FAULT.has(c.local));
  const block = childBlock(flow.file, node.el, ['<faultConnector>', `\t<targetReference>${target}</targetReference>`, '</faultConnector>']);
  return insertBeforeLine(flow.file, before ? before.start : node.el.closeStart, block);
}
