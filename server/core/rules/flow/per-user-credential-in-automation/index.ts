import { calloutInfo, principalOf } from '../../../salesforce/callouts';
import { describeAutomation, describeCallout } from '../../../salesforce/describe';
import { automationOf, reachableNodes, runningUser } from '../../../salesforce/flow';
import { sfdxFlowRule, type ReportRelated } from '../../rule';

export default sfdxFlowRule(
  {
    id: 'flow/per-user-credential-in-automation',
    scope: 'sfdx-flow',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'An automated flow (record-triggered, scheduled, platform event, Process Builder) whose callout authenticates through a per-user Named or External Credential: the running user has no token, so the callout fails.',
  },
  (flow, project, ctx) => {
    const automation = automationOf(flow);
    if (!automation) return;
    const reachable = reachableNodes(flow);
    for (const name of reachable) {
      const node = flow.nodes.get(name)!;
      const info = calloutInfo(project, flow, node);
      if (info.kind !== 'callout') continue;
      for (const cred of info.credentials) {
        if (!cred.nc) continue; // not in the project: never guess
        const principal = principalOf(project, cred.nc);
        if (principal.kind !== 'per-user') continue;
        const related: ReportRelated[] = [cred.via];
        if (principal.proof) related.push(principal.proof);
        ctx.report({
          path: flow.file.path,
          ...node.nameRange,
          message: `${describeCallout(flow, node, info)} in ${describeAutomation(automation)} '${flow.apiName}' authenticates through '${cred.name}', a per-user credential. This flow runs as ${runningUser(flow, automation)}: there is no per-user token for that user, so the callout fails ("We couldn't access the credential(s)", or 401 INVALID_SESSION_ID). Use a named principal (NamedUser / NamedPrincipal) for automation.`,
          related,
        });
      }
    }
  },
);
