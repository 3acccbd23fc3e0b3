/**
 * The Mule application model: every Mule XML file of one app, indexed so that rules can follow
 * flow-refs, APIkit routes, error-handler references and config-refs across files.
 */
import { memoKey, Memo, type MemoKey } from '../project/memo';
import { attr, children, firstChild, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { SourceFile } from '../project/source-file';
import { NS } from './namespaces';
import { PropertyResolver } from './properties';
import { SALESFORCE_CONNECTIONS, SALESFORCE_SOURCES } from './salesforce-connector';
import { flowSource, inProcessorPosition, isCore } from './structure';

/** A Mule configuration file of the app. */
export type MuleFile = SourceFile;

export interface FlowModel {
  readonly name: string;
  readonly kind: 'flow' | 'sub-flow';
  readonly el: XmlElement;
  readonly file: MuleFile;
  readonly source: XmlElement | undefined;
}

/**
 * A step of an error's way up through a call site. Walks hold elements, never models or files: they
 * outlive the app model that computed them (see `carryPropagation`), and a model would keep its version
 * of the file's text alive.
 */
export interface PathStep {
  readonly el: XmlElement;
  readonly message: string;
}

/** A place that runs another flow: a static flow-ref or an APIkit router. */
export interface CallSite {
  readonly el: XmlElement;
  readonly file: MuleFile;
  /** The flow or sub-flow that contains the call site (undefined for call sites in global handlers). */
  readonly caller: FlowModel | undefined;
  readonly kind: 'flow-ref' | 'apikit';
  /** How an error walking up through this call is described (one per site, shared by every walk). */
  readonly step: PathStep;
}

export interface Reconnection {
  readonly kind: 'none' | 'bounded' | 'forever';
  readonly el?: XmlElement;
}

export interface SalesforceConfig {
  readonly name: string;
  readonly el: XmlElement;
  readonly file: MuleFile;
  /** The connection provider element (`salesforce:basic-connection` …). */
  readonly connection: XmlElement | undefined;
  readonly reconnection: Reconnection;
}

export interface SalesforceOperation {
  readonly el: XmlElement;
  readonly file: MuleFile;
  /** Enclosing flow/sub-flow, or undefined when the operation sits in a global error handler. */
  readonly flow: FlowModel | undefined;
  readonly config: SalesforceConfig | undefined;
  /** The raw `config-ref` (after property resolution) even when it did not resolve. */
  readonly configRef: string | undefined;
  /**
   * The app's global element `config-ref` names when that is not a Salesforce connection (a Mule 3 style
   * `salesforce:config`, an HTTP configuration…): the operation cannot run, Mule refuses to deploy the app.
   */
  readonly notSalesforceConfig: XmlElement | undefined;
  readonly reconnection: Reconnection;
}

export interface GlobalElement {
  readonly el: XmlElement;
  readonly file: MuleFile;
}

/** Core elements the app indexes for its rules. */
const INDEXED_CORE = ['until-successful', 'on-error-continue', 'on-error-propagate', 'error-mapping', 'raise-error'] as const;

export class MuleApp {
  readonly flows = new Map<string, FlowModel>();
  /** The same flows by element: `flowOf` without reading names again. */
  private readonly flowByEl = new Map<XmlElement, FlowModel>();
  readonly errorHandlers = new Map<string, GlobalElement>();
  readonly onErrors = new Map<string, GlobalElement>();
  readonly sfConfigs = new Map<string, SalesforceConfig>();
  /** Named global elements other than flows, handlers and Salesforce connections (what else a `config-ref` may name). */
  private readonly otherGlobals = new Map<string, XmlElement>();

  /** A named global element other than a flow, handler or Salesforce connection (an HTTP request configuration…). */
  globalNamed(name: string): XmlElement | undefined {
    return this.otherGlobals.get(name);
  }
  readonly operations: SalesforceOperation[] = [];
  /** Whether some `flow-ref` names its target with an expression. */
  private dynamicFlowRef = false;
  /** Flow name → call sites that run it. */
  readonly callers = new Map<string, CallSite[]>();
  /** `<configuration defaultErrorHandler-ref>` when present. */
  defaultErrorHandler: { name: string; el: XmlElement; file: MuleFile } | undefined;
  /** Types created by raise-error / error-mapping targetType (fully qualified). */
  readonly appErrorTypes = new Set<string>();
  /** Core elements rules look for, in document order (collected by the one indexing walk). */
  private readonly indexed = new Map<string, GlobalElement[]>();
  private readonly fileByRoot = new Map<XmlElement, MuleFile>();
  /** Each file's top-level elements as they were when this model was built (trees change in place as files are edited). */
  private readonly topLevel = new Map<string, readonly XmlElement[]>();

  /** Answers about this build of the app (error propagation, call graph, retry loops), dropped with it. */
  readonly memo = new Memo();
  private readonly elementMemos: WeakMap<XmlElement, Memo>;

  constructor(
    readonly root: string,
    readonly files: readonly MuleFile[],
    readonly props: PropertyResolver,
    /**
     * Answers that depend on one element's subtree alone, kept by the Program across builds of the app: an
     * element outlives the build as long as an edit does not replace it (`xml/incremental.ts`).
     */
    elementMemos: WeakMap<XmlElement, Memo> = new WeakMap(),
  ) {
    this.elementMemos = elementMemos;
    for (const f of files) {
      const r = f.xml.root;
      if (r) this.fileByRoot.set(r, f);
      this.topLevel.set(f.path, r ? r.children.slice() : []);
    }
    this.index();
  }

  /** The answer under `key` about `el`'s subtree (see `elementMemos`): computed once for the element's life. */
  aboutElement<T>(el: XmlElement, key: MemoKey<T>, compute: () => T): T {
    let memo = this.elementMemos.get(el);
    if (!memo) this.elementMemos.set(el, (memo = new Memo()));
    return memo.get(key, compute);
  }

  /** The top-level elements of a file of the app, as they were when this model was built. */
  topLevelOf(path: string): readonly XmlElement[] | undefined {
    return this.topLevel.get(path);
  }

  fileOf(el: XmlElement): MuleFile | undefined {
    let e = el;
    while (e.parent) e = e.parent;
    return this.fileByRoot.get(e);
  }

  /** The flow or sub-flow whose element `el` is (the one registered under its name), if any. */
  flowAt(el: XmlElement): FlowModel | undefined {
    return this.flowByEl.get(el);
  }

  /** The flow or sub-flow that contains `el`, if any. */
  flowOf(el: XmlElement): FlowModel | undefined {
    // The flow registered under this element's name, if it is this element (not a later duplicate).
    const flowEl = flowElementOf(el);
    return flowEl && this.flowAt(flowEl);
  }

  /** Resolves an attribute value that may hold `${}` placeholders to a single value. */
  resolve(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    return this.props.single(value) ?? undefined;
  }

  /** Flows a call site runs (a flow-ref may resolve to several names through properties). */
  targetsOf(site: XmlElement): FlowModel[] {
    if (site.ns === NS.apikit) {
      const cfg = this.resolve(attr(site, 'config-ref'));
      if (!cfg) return [];
      const out: FlowModel[] = [];
      for (const f of this.flows.values()) if (isApikitFlowFor(f.name, cfg)) out.push(f);
      return out;
    }
    const name = attr(site, 'name');
    if (name === undefined || name.includes('#[')) return [];
    const names = this.props.expand(name) ?? [];
    return names.map((n) => this.flows.get(n)).filter((f): f is FlowModel => f !== undefined);
  }

  /** Every core element with this local name (one of INDEXED_CORE), in document order. */
  coreElements(local: (typeof INDEXED_CORE)[number]): readonly GlobalElement[] {
    return this.indexed.get(local) ?? [];
  }

  private collect(el: XmlElement, file: MuleFile): void {
    let list = this.indexed.get(el.local);
    if (!list) this.indexed.set(el.local, (list = []));
    list.push({ el, file });
  }

  private index(): void {
    // Pass 1: global elements.
    for (const file of this.files) {
      const root = file.xml.root;
      if (!root) continue;
      for (const el of root.children) {
        if (el.ns === NS.core) {
          const name = attr(el, 'name');
          if ((el.local === 'flow' || el.local === 'sub-flow') && name !== undefined && !this.flows.has(name)) {
            const flow: FlowModel = { name, kind: el.local, el, file, source: el.local === 'flow' ? flowSource(el) : undefined };
            this.flows.set(name, flow);
            this.flowByEl.set(el, flow);
          } else if (el.local === 'error-handler' && name !== undefined && !this.errorHandlers.has(name)) {
            this.errorHandlers.set(name, { el, file });
          } else if ((el.local === 'on-error-continue' || el.local === 'on-error-propagate') && name !== undefined) {
            if (!this.onErrors.has(name)) this.onErrors.set(name, { el, file });
          } else if (el.local === 'configuration') {
            const ref = attr(el, 'defaultErrorHandler-ref');
            if (ref !== undefined && !this.defaultErrorHandler) this.defaultErrorHandler = { name: ref, el, file };
          }
        } else if (el.ns === NS.salesforce && el.local === 'sfdc-config') {
          const name = attr(el, 'name');
          if (name !== undefined && !this.sfConfigs.has(name)) {
            const connection = el.children.find((c) => c.ns === NS.salesforce && SALESFORCE_CONNECTIONS.has(c.local));
            this.sfConfigs.set(name, { name, el, file, connection, reconnection: reconnectionOf(connection) });
          }
        } else {
          const name = attr(el, 'name');
          if (name !== undefined && !this.otherGlobals.has(name)) this.otherGlobals.set(name, el);
        }
      }
    }
    // Pass 2: call sites, operations, app error types, from what each top-level element holds.
    for (const file of this.files) {
      const root = file.xml.root;
      if (!root) continue;
      this.add(contentsOf(root, false), file);
      for (const top of root.children)
        this.add(
          this.aboutElement(top, CONTENTS, () => contentsOf(top, true)),
          file,
        );
    }
  }

  private add(c: Contents, file: MuleFile): void {
    for (const el of c.indexed) this.collect(el, file);
    for (const el of c.sites) this.addCallSite(el, file, el.ns === NS.apikit ? 'apikit' : 'flow-ref');
    for (const el of c.raised) this.addAppType(attr(el, el.local === 'raise-error' ? 'type' : 'targetType'));
    for (const { el, rawRef, reconnection } of c.operations) {
      const configRef = this.resolve(rawRef) ?? rawRef;
      const config = configRef !== undefined ? this.sfConfigs.get(configRef) : undefined;
      const notSalesforceConfig = !config && configRef !== undefined ? this.otherGlobals.get(configRef) : undefined;
      this.operations.push({ el, file, flow: this.flowOf(el), config, configRef, notSalesforceConfig, reconnection });
    }
  }

  /**
   * A sub-flow that nothing in the app runs: nothing calls it, or only sub-flows that never run do (a sub-flow
   * has no source; it runs only through a flow reference). Unless some `flow-ref` names its target with an
   * expression (then any sub-flow may be the one it calls). A flow may always run: through its source, or a
   * caller the app does not show.
   */
  neverRuns(flow: FlowModel): boolean {
    if (flow.kind !== 'sub-flow' || this.dynamicFlowRef) return false;
    return !this.memo.get(RUNNING_SUB_FLOWS, () => this.runningSubFlows()).has(flow.name);
  }

  /** The sub-flows something that may run calls: reached from every flow and from call sites outside flows (global handlers). */
  private runningSubFlows(): ReadonlySet<string> {
    const calls = new Map<string, string[]>(); // caller name → the flows it calls
    const reached = new Set<string>();
    const queue: string[] = [];
    const reach = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      queue.push(name);
    };
    for (const [target, sites] of this.callers) {
      for (const site of sites) {
        if (!site.caller) reach(target);
        else {
          let out = calls.get(site.caller.name);
          if (!out) calls.set(site.caller.name, (out = []));
          out.push(target);
        }
      }
    }
    for (const f of this.flows.values()) if (f.kind === 'flow') reach(f.name);
    while (queue.length) for (const target of calls.get(queue.pop()!) ?? []) reach(target);
    return reached;
  }

  private addCallSite(el: XmlElement, file: MuleFile, kind: CallSite['kind']): void {
    if (kind === 'flow-ref' && attr(el, 'name')?.includes('#[')) this.dynamicFlowRef = true;
    const caller = this.flowOf(el);
    for (const target of this.targetsOf(el)) {
      let list = this.callers.get(target.name);
      if (!list) this.callers.set(target.name, (list = []));
      const message = !caller ? '' : kind === 'apikit' ? `routed here by the APIkit router in '${caller.name}'` : `called from '${caller.name}'`;
      list.push({ el, file, caller, kind, step: { el, message } });
    }
  }

  private addAppType(value: string | undefined): void {
    if (!value) return;
    for (const v of this.props.expand(value) ?? []) {
      const t = v.trim();
      if (!t) continue;
      this.appErrorTypes.add(t.includes(':') ? t : `MULE:${t}`);
    }
  }
}

/** What the app model takes from one element's subtree, in document order. */
interface Contents {
  /** Core elements of INDEXED_CORE. */
  readonly indexed: readonly XmlElement[];
  /** flow-refs and APIkit routers. */
  readonly sites: readonly XmlElement[];
  /** raise-error and error-mapping (the types they create). */
  readonly raised: readonly XmlElement[];
  readonly operations: readonly { readonly el: XmlElement; readonly rawRef: string | undefined; readonly reconnection: Reconnection }[];
}

/**
 * Per top-level element. It depends on that element's subtree alone, which never changes: an edit
 * replaces the whole top-level element (`xml/incremental.ts`), so the model rebuilt after a keystroke
 * walks only the edited flow.
 */
const CONTENTS = memoKey<Contents>('what the app model takes from a top-level element');
const RUNNING_SUB_FLOWS = memoKey<ReadonlySet<string>>('flows and sub-flows that may run');

function contentsOf(el: XmlElement, deep: boolean): Contents {
  const indexed: XmlElement[] = [];
  const sites: XmlElement[] = [];
  const raised: XmlElement[] = [];
  const operations: { el: XmlElement; rawRef: string | undefined; reconnection: Reconnection }[] = [];
  const collect = (e: XmlElement): void => {
    if (e.ns === NS.core && (INDEXED_CORE as readonly string[]).includes(e.local)) indexed.push(e);
  };
  const visit = (e: XmlElement): boolean => {
    collect(e);
    if (e.ns === NS.core && e.local === 'flow-ref') sites.push(e);
    else if (e.ns === NS.apikit && e.local === 'router') sites.push(e);
    else if (e.ns === NS.core && (e.local === 'raise-error' || e.local === 'error-mapping')) raised.push(e);
    else if (e.ns === NS.salesforce && inProcessorPosition(e) && !SALESFORCE_SOURCES.has(e.local)) {
      operations.push({ el: e, rawRef: attr(e, 'config-ref'), reconnection: operationReconnection(e) });
      // Parameters of the operation are not processors; its error mappings still count.
      for (const child of e.children) walk(child, collect);
      return false;
    }
    return true;
  };
  if (deep) walk(el, visit);
  else visit(el);
  return { indexed, sites, raised, operations };
}

/** APIkit router flows are named `verb:\path[:media-type]:config`. */
function isApikitFlowFor(flowName: string, config: string): boolean {
  return /^(get|post|put|patch|delete|head|options|trace):\\/i.test(flowName) && flowName.endsWith(`:${config}`);
}

/** Reconnection on a connection provider: `<reconnection><reconnect|reconnect-forever/></reconnection>`. */
/** The top-level `<flow>` or `<sub-flow>` element that contains `el` (registered or a later duplicate), if any. */
export function flowElementOf(el: XmlElement): XmlElement | undefined {
  for (let e: XmlElement | null = el; e; e = e.parent) {
    if (isCore(e) && (e.local === 'flow' || e.local === 'sub-flow') && e.parent && e.parent.parent === null) return e;
  }
  return undefined;
}

function reconnectionOf(connection: XmlElement | undefined): Reconnection {
  return connection ? operationReconnection(connection) : { kind: 'none' };
}

/** The strategy an operation, message source or connection declares for itself (`<reconnect>`, `<reconnect-forever>`, or inside `<reconnection>`). */
export function operationReconnection(op: XmlElement): Reconnection {
  const wrapper = firstChild(op, 'reconnection', NS.core);
  if (wrapper) {
    const r = strategyIn(wrapper);
    if (r.kind !== 'none') return r;
  }
  return strategyIn(op);
}

function strategyIn(el: XmlElement): Reconnection {
  for (const c of children(el)) {
    if (c.ns !== NS.core) continue;
    if (c.local === 'reconnect') return { kind: 'bounded', el: c };
    if (c.local === 'reconnect-forever') return { kind: 'forever', el: c };
  }
  return { kind: 'none' };
}
