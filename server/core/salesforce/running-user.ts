/**
 * Who runs a Flow's path, as Salesforce documents it. The per-user credential rule reads this table:
 * a per-user principal holds one token per user, so what matters is whether the running user is one who
 * could have authenticated that principal.
 *
 * | flow (trigger)                          | path                         | runs as                                                        |
 * |-----------------------------------------|------------------------------|----------------------------------------------------------------|
 * | schedule-triggered, API 53.0 and later  | —                            | the Default Workflow User (Automated Process user if none set) |
 * | schedule-triggered, API 52.0 and earlier| —                            | the Automated Process user                                     |
 * | record-triggered (after save, delete)   | immediate, Run Asynchronously | the user whose change triggered it                             |
 * | record-triggered                        | scheduled path               | that user (the Default Workflow User when that user is inactive)|
 * | record-triggered (before save)          | —                            | cannot call out at all                                         |
 * | platform event-triggered                | —                            | the user who published the event (Automated Process user for events Salesforce publishes) |
 * | Process Builder (record change / event) | —                            | the user who changed the record / published the event          |
 *
 * Sources are in `RUNNING_USER_SOURCES` and the rule's README.
 */
import type { Automation, FlowModel, FlowPath } from './flow';

export type Runner =
  /** A user whose action started the flow: a per-user token exists only if that very user authenticated. */
  | 'triggering-user'
  /** The Default Workflow User: one configured user, a token only if that user authenticated the principal. */
  | 'default-workflow-user'
  /** The Automated Process user: a system user that cannot log in, so it never holds a per-user token. */
  | 'automated-process'
  /** No callout can run at all (before-save flows). */
  | 'no-callouts';

export interface RunningUser {
  readonly runner: Runner;
  /** For messages: who runs this path. */
  readonly who: string;
}

/** The Salesforce pages the table is built from. */
export const RUNNING_USER_SOURCES = {
  scheduled: 'https://help.salesforce.com/s/articleView?id=002471425&type=1',
  runningUser: 'https://admin.salesforce.com/blog/2022/your-guide-to-determining-the-flow-running-user-and-its-execution-context',
  platformEvent: 'https://help.salesforce.com/s/articleView?id=000383103&type=1',
  recordTriggered: 'https://help.salesforce.com/s/articleView?id=platform.flow_considerations_trigger_record.htm&type=5',
} as const;

/** Who runs a path of an automated flow (`path` undefined: the flow as a whole). */
export function runningUserOf(flow: FlowModel, automation: Automation, path?: FlowPath): RunningUser {
  switch (automation) {
    case 'scheduled':
      return flow.apiVersion !== undefined && flow.apiVersion < 53
        ? { runner: 'automated-process', who: 'the Automated Process user (schedule-triggered flows saved at API version 52.0 or earlier)' }
        : { runner: 'default-workflow-user', who: 'the Default Workflow User (or the Automated Process user when no Default Workflow User is set)' };
    case 'platform-event':
      return {
        runner: 'triggering-user',
        who: 'the user who published the event (the Automated Process user for events that Salesforce itself publishes)',
      };
    case 'process-builder':
      return flow.processType === 'CustomEvent'
        ? { runner: 'triggering-user', who: 'the user who published the event' }
        : flow.processType === 'InvocableProcess'
          ? { runner: 'triggering-user', who: 'the user of the process that invokes it' }
          : { runner: 'triggering-user', who: 'the user whose change triggered it, including integration users, data loads and other automation' };
    case 'record-triggered':
      if (flow.triggerType === 'RecordBeforeSave') return { runner: 'no-callouts', who: 'nobody who may call out: before-save flows cannot make callouts' };
      if (path?.async && path.pathType !== 'AsyncAfterCommit') {
        return {
          runner: 'triggering-user',
          who: 'the user whose change triggered it (the Default Workflow User when that user is inactive), including integration users, data loads and other automation',
        };
      }
      return { runner: 'triggering-user', who: 'the user whose change triggered it, including integration users, data loads and other automation' };
  }
}
