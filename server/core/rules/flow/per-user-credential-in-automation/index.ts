import { principalOf } from '../../../salesforce/callouts';
import { describeAutomation } from '../../../salesforce/describe';
import { automationOf, flowPaths } from '../../../salesforce/flow';
import { runningUserOf, type Runner } from '../../../salesforce/running-user';
import { calloutsOf, describeElement, describeReachedCallout, reachedLocation } from '../../../salesforce/subflows';
import { firstThatFits, msg, prose } from '../../message';
import { sfdxFlowRule, type ReportRelated } from '../../rule';

/** What a per-user credential means for each kind of running user (see `running-user.ts`). */
const CONSEQUENCE: Readonly<Record<Exclude<Runner, 'no-callouts'>, string>> = {
  'automated-process': 'that user cannot log in, so it never holds a per-user token and every callout fails',
  'default-workflow-user': 'a per-user token exists only if that one user authenticated the principal; otherwise every callout fails',
  'triggering-user': 'a per-user token exists only for users who authenticated the principal themselves; for everyone else the callout fails',
};

/** The same, in a few words for the message. */
const SHORT_CONSEQUENCE: Readonly<Record<Exclude<Runner, 'no-callouts'>, string>> = {
  'automated-process': 'every callout fails',
  'default-workflow-user': 'the callout fails unless the running user authenticated it',
  'triggering-user': 'the callout fails for users who have not authenticated it',
};

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
    const reported = new Set<string>();
    for (const path of flowPaths(flow)) {
      const runs = runningUserOf(flow, automation, path);
      if (runs.runner === 'no-callouts') continue; // flow/sync-callout-in-record-trigger says it
      for (const name of path.nodes) {
        const node = flow.nodes.get(name)!;
        for (const r of calloutsOf(project, flow, node)) {
          for (const cred of r.info.credentials) {
            if (!cred.nc) continue; // not in the project: never guess
            const key = `${name}\n${cred.name.toLowerCase()}`;
            if (reported.has(key)) continue;
            const principal = principalOf(project, cred.nc);
            if (principal.kind !== 'per-user') continue;
            reported.add(key);
            const related: ReportRelated[] = [...reachedLocation(flow, node, r), cred.via];
            if (principal.proof) related.push(principal.proof);
            const runsAs = automation === 'record-triggered' ? msg`On its ${path.label} path this flow runs as` : prose('This flow runs as');
            const asyncNote = cred.mode === 'async' ? prose(' in asynchronous Apex it hands work to (which runs as the same user)') : '';
            const element = describeElement(flow, node, r);
            const consequence = prose(SHORT_CONSEQUENCE[runs.runner]);
            ctx.report({
              path: flow.file.path,
              ...node.nameRange,
              message: firstThatFits(
                msg`${element} in ${describeAutomation(automation)} '${flow.apiName}' uses per-user credential '${cred.name}': ${consequence}`,
                msg`${element} uses per-user credential '${cred.name}': ${consequence}`,
                msg`${element} uses per-user credential '${cred.name}'`,
              ),
              detail: msg`${describeReachedCallout(flow, node, r)}In ${describeAutomation(automation)} '${flow.apiName}' it authenticates through '${cred.name}', a per-user credential${asyncNote}. ${runsAs} ${prose(runs.who)}: ${prose(CONSEQUENCE[runs.runner])} ("We couldn't access the credential(s)", or 401 INVALID_SESSION_ID). Use a named principal (NamedUser / NamedPrincipal) for automation.`,
              related,
            });
          }
        }
      }
    }
  },
);
