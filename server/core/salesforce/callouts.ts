/**
 * Which Flow actions call out, and through which credential. Resolution chain:
 * externalService action → registration (actionName prefix, operation matched case-insensitively)
 * → Named Credential → principal; apex action → class → its `@InvocableMethod`, traced through the
 * calls it makes (`apex-trace.ts`) → the `callout:` credentials on that path, synchronous or handed to
 * asynchronous Apex. Pre-API-46 External Services appear as apex actions named
 * `Registration_Operation__Service`. Any link that cannot be resolved yields `unknown`, so rules stay
 * silent instead of guessing.
 */
import type { ReportRelated } from '../findings';
import { apiNameOf } from '../project/layout';
import { memoKey } from '../project/memo';
import type { ApexClassModel } from './apex';
import { invocableMethodOf, traceApexMethod } from './apex-trace';
import type { NamedCredentialModel } from './credentials';
import type { FlowModel, FlowNode } from './flow';
import { leafValue } from './metadata';
import type { SfdxProject } from './project';

export interface CredentialUse {
  readonly name: string;
  /** Resolved Named Credential, when it is in the project. */
  readonly nc: NamedCredentialModel | undefined;
  /** Where the action reaches this credential (registration line, Apex `callout:` literal). */
  readonly via: ReportRelated;
  /** `async` when only asynchronous Apex the action hands work to calls out through it. */
  readonly mode: 'sync' | 'async';
}

export type CalloutInfo =
  | { readonly kind: 'not-callout' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | {
      readonly kind: 'callout';
      readonly via: 'external-service' | 'apex';
      /** Credentials it uses; `complete` is false when some endpoint could not be resolved. */
      readonly credentials: readonly CredentialUse[];
      readonly complete: boolean;
      readonly evidence: ReportRelated | undefined;
      /**
       * Whether the call happens in the Flow's transaction. False when the action only hands work to
       * asynchronous Apex (a Queueable or batch that allows callouts, a `@future(callout=true)` method):
       * that work calls out later, in another transaction, where no fault path of the Flow catches it.
       */
      readonly sync: boolean;
      /**
       * The Apex catches every failure of its synchronous callouts itself (a `try` whose catch handles a
       * CalloutException without throwing) and reports it as a result: the action does not fault.
       */
      readonly handled?: boolean;
    };

const NOT_CALLOUT: CalloutInfo = Object.freeze({ kind: 'not-callout' });

/**
 * Per Flow model, per action name (five rules ask about every action), on the project build that
 * resolved them (a credential edit builds the project again). One entry per Flow rather than per
 * action: a weak map entry per node of 5,000 Flows cost more than resolving the actions again. Weak, so
 * that a batch run frees each Flow's tree once its rules are done.
 */
const BY_FLOW = memoKey<WeakMap<FlowModel, Map<string, CalloutInfo>>>('callouts per Flow');

export function calloutInfo(project: SfdxProject, flow: FlowModel, node: FlowNode): CalloutInfo {
  if (node.type !== 'actionCalls') return NOT_CALLOUT;
  const perFlow = project.memo.get(BY_FLOW, () => new WeakMap());
  let memo = perFlow.get(flow);
  if (!memo) perFlow.set(flow, (memo = new Map()));
  let info = memo.get(node.name);
  if (!info) memo.set(node.name, (info = resolve(project, flow, node)));
  return info;
}

function resolve(project: SfdxProject, flow: FlowModel, node: FlowNode): CalloutInfo {
  const actionType = leafValue(flow.file, node.el, 'actionType');
  const actionName = leafValue(flow.file, node.el, 'actionName') ?? '';
  if (actionType === 'externalService') {
    const dot = actionName.indexOf('.');
    const reg = dot > 0 ? actionName.slice(0, dot) : actionName;
    const op = dot > 0 ? actionName.slice(dot + 1) : '';
    return viaRegistration(project, reg, op);
  }
  if (actionType !== 'apex') return NOT_CALLOUT;
  // Pre-API-46 External Services: Registration_Operation__Service.
  const legacy = /^(.+)__Service$/i.exec(actionName);
  if (legacy) {
    const parts = legacy[1].split('_');
    for (let k = parts.length - 1; k >= 1; k--) {
      const reg = parts.slice(0, k).join('_');
      if (project.externalService(reg)) return viaRegistration(project, reg, parts.slice(k).join('_'));
    }
  }
  const local = project.localName(actionName);
  const cls = local !== undefined ? project.apexClass(local) : undefined;
  if (!cls) return { kind: 'unknown', reason: `Apex class ${actionName} is not in the project` };
  return viaApex(project, cls);
}

/**
 * An operation name as a registration stores it: a Flow names the operation as labelled ("Get Weather Data"),
 * the registration keeps it lower-cased with every character but a letter or digit written as `x` and its hex
 * code (`getx20weatherx20data`).
 */
function storedOperationName(op: string): string {
  return op.toLowerCase().replace(/[^a-z0-9]/g, (c) => `x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function viaRegistration(project: SfdxProject, regName: string, op: string): CalloutInfo {
  const reg = project.externalService(regName);
  if (!reg) return { kind: 'callout', via: 'external-service', credentials: [], complete: false, evidence: undefined, sync: true };
  const regLoc = { path: reg.file.path, start: reg.file.xml.root?.start ?? 0, end: reg.file.xml.root?.nameEnd ?? 0, message: `External Service '${reg.name}'` };
  if (op && reg.operations.size > 0 && !reg.operations.has(op.toLowerCase()) && !reg.operations.has(storedOperationName(op))) {
    return { kind: 'callout', via: 'external-service', credentials: [], complete: false, evidence: regLoc, sync: true };
  }
  const ncRef = reg.namedCredential;
  if (!ncRef || !ncRef.value) return { kind: 'callout', via: 'external-service', credentials: [], complete: false, evidence: regLoc, sync: true };
  const local = project.localName(ncRef.value);
  const nc = local !== undefined ? project.namedCredential(local) : undefined;
  return {
    kind: 'callout',
    via: 'external-service',
    credentials: [
      {
        name: ncRef.value,
        nc,
        via: {
          path: reg.file.path,
          start: ncRef.start,
          end: ncRef.end,
          message: `External Service '${reg.name}' calls through Named Credential '${ncRef.value}'`,
        },
        mode: 'sync',
      },
    ],
    complete: nc !== undefined,
    evidence: regLoc,
    sync: true,
  };
}

/** What an Apex class calls out through, per class model, on the project build (many actions call the same classes). */
const BY_CLASS = memoKey<WeakMap<ApexClassModel, CalloutInfo>>('callouts per Apex class');

function viaApex(project: SfdxProject, cls: ApexClassModel): CalloutInfo {
  const viaClass = project.memo.get(BY_CLASS, () => new WeakMap());
  let info = viaClass.get(cls);
  if (!info) viaClass.set(cls, (info = viaApexUncached(project, cls)));
  return info;
}

function viaApexUncached(project: SfdxProject, cls: ApexClassModel): CalloutInfo {
  if (cls.file.tooLarge) return { kind: 'unknown', reason: `Apex class ${cls.name} is too large to analyse` };
  const entry = invocableMethodOf(cls.file, cls.name);
  if (!entry) return { kind: 'unknown', reason: `Apex class ${cls.name} has no @InvocableMethod that could be found` };
  const trace = traceApexMethod(project, entry.shape, entry.method);
  const handOff = trace.handOffs.find((h) => h.callsOut);
  if (!trace.sync && !handOff && trace.credentials.length === 0) return NOT_CALLOUT;
  const credentials: CredentialUse[] = trace.credentials.map(({ credential: c, file, mode }) => {
    const local = c.namespace ? project.localName(`${c.namespace}__${c.name}`) : c.name;
    const name = c.namespace ? `${c.namespace}__${c.name}` : c.name;
    const where = file === cls.file ? `Apex class ${cls.name}` : `Apex class ${cls.name} (through ${apiNameOf(file.path)})`;
    return {
      name,
      nc: local !== undefined ? project.namedCredential(local) : undefined,
      via: {
        path: file.path,
        start: c.start,
        end: c.end,
        message: `${where} calls out through '${name}'${mode === 'async' ? ' in asynchronous Apex it hands work to' : ''}`,
      },
      mode,
    };
  });
  return {
    kind: 'callout',
    via: 'apex',
    credentials,
    complete: !trace.dynamic && credentials.every((c) => c.nc !== undefined),
    evidence: trace.sync ?? handOff?.at ?? credentials[0]?.via,
    sync: trace.sync !== undefined,
    handled: trace.handled,
  };
}

export type PrincipalKind = 'per-user' | 'named' | 'anonymous' | 'mixed' | 'unknown';

/** Whose token a Named Credential uses, with the location that proves it. */
export function principalOf(project: SfdxProject, nc: NamedCredentialModel): { kind: PrincipalKind; proof: ReportRelated | undefined } {
  if (nc.style === 'legacy') {
    // A credential that sends no authentication has no principal to expire or to be missing, whatever its type says.
    const protocol = nc.protocol;
    if (protocol?.value === 'NoAuthentication')
      return {
        kind: 'anonymous',
        proof: { path: nc.file.path, start: protocol.start, end: protocol.end, message: `Named Credential '${nc.name}' sends no authentication` },
      };
    const p = nc.principalType;
    if (!p) return { kind: 'unknown', proof: undefined };
    const kind: PrincipalKind = p.value === 'PerUser' ? 'per-user' : p.value === 'NamedUser' ? 'named' : p.value === 'Anonymous' ? 'anonymous' : 'unknown';
    return { kind, proof: { path: nc.file.path, start: p.start, end: p.end, message: `Named Credential '${nc.name}' uses principal type ${p.value}` } };
  }
  const ecRef = nc.externalCredential;
  if (!ecRef) return { kind: 'unknown', proof: undefined };
  const local = project.localName(ecRef.value);
  const ec = local !== undefined ? project.externalCredential(local) : undefined;
  if (ec?.noAuthentication)
    return {
      kind: 'anonymous',
      proof: {
        path: ec.file.path,
        start: ec.noAuthentication.start,
        end: ec.noAuthentication.end,
        message: `External Credential '${ec.name}' (used by '${nc.name}') sends no authentication`,
      },
    };
  if (!ec || ec.principals.length === 0) return { kind: 'unknown', proof: undefined };
  const perUser = ec.principals.filter((p) => p.type === 'PerUserPrincipal');
  const kind: PrincipalKind = perUser.length === ec.principals.length ? 'per-user' : perUser.length === 0 ? 'named' : 'mixed';
  const p = perUser[0] ?? ec.principals[0];
  return {
    kind,
    proof: {
      path: ec.file.path,
      start: p.start,
      end: p.end,
      message: `External Credential '${ec.name}' (used by '${nc.name}') authenticates with a ${p.type}${p.name ? ` '${p.name}'` : ''}`,
    },
  };
}
