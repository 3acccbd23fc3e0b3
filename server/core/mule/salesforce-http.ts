/**
 * HTTP traffic to Salesforce that does not go through the Salesforce connector: `<http:request>`s whose
 * target is a Salesforce host or a Salesforce API path. The target is read the way the HTTP connector
 * builds it (HTTP Connector reference, Request operation and Request configuration): the request's `url`,
 * or the `host` of its configuration's `<http:request-connection>` with the configuration's `basePath`
 * and the request's `path`, each resolved through `${}` properties in every environment.
 *
 * A request is Salesforce traffic when its path starts with one of the API roots below (which API it calls is
 * read from the path), anywhere in the path when its host resolves, in every environment, to a Salesforce host
 * (`login.salesforce.com`, `test.salesforce.com`, `*.salesforce.com` — `*.my.salesforce.com` and
 * `*.sandbox.my.salesforce.com` included — or `*.force.com`). A configuration whose host is unknown but that some request uses for Apex REST
 * (`…/apexrest/…`, a path only Salesforce serves) is a Salesforce host too, so its other requests are read
 * against `/services` when the base path is unknown. Nothing else is guessed: a request whose host and
 * path cannot be resolved is not Salesforce traffic as far as the rules know.
 */
import { attr, firstChild, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import { memoKey } from '../project/memo';
import type { FlowModel, MuleApp, MuleFile } from './app';
import { stringLiterals } from './expression-text';
import { NS } from './namespaces';
import { inProcessorPosition, isTestSuite } from './structure';

/** The Salesforce API a path belongs to. */
export type SalesforceApi = 'oauth' | 'rest' | 'apex' | 'soap' | 'async';

const API_ROOTS: readonly [string, SalesforceApi][] = [
  ['oauth2', 'oauth'],
  ['data', 'rest'],
  ['apexrest', 'apex'],
  ['soap', 'soap'],
  ['async', 'async'],
];

export interface SalesforceRequest {
  readonly el: XmlElement;
  readonly file: MuleFile;
  /** The flow or sub-flow the request runs in (undefined in a global error handler). */
  readonly flow: FlowModel | undefined;
  /** The `<http:request-config>` it uses, when the app defines it. */
  readonly config: XmlElement | undefined;
  readonly api: SalesforceApi;
  /** The path as far as it is known, for messages (`…/oauth2/token` when the base path is unknown). */
  readonly path: string;
  /** A request for an OAuth token (`/services/oauth2/token`). */
  readonly token: boolean;
  /** How it was recognised: its host, its path, or a sibling's Apex REST path on the same configuration. */
  readonly evidence: 'host' | 'path' | 'apex-rest';
}

const HTTP_REQUESTS = memoKey<readonly XmlElement[]>('http requests');

/** The `<http:request>`s in processor position of one file version. */
function httpRequestsOf(file: MuleFile): readonly XmlElement[] {
  return file.memo.get(HTTP_REQUESTS, () => {
    const requests: XmlElement[] = [];
    const root = file.xml.root;
    // An MUnit suite runs in tests, never against a live org.
    if (!root || isTestSuite(root)) return requests;
    for (const top of root.children) {
      if (top.ns === NS.http && top.local === 'request-config') continue;
      walk(top, (el) => {
        if (el.ns === NS.http && el.local === 'request' && inProcessorPosition(el)) requests.push(el);
        return undefined;
      });
    }
    return requests;
  });
}

/** Whether a host name is one of Salesforce's. */
export function isSalesforceHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'salesforce.com' || h === 'force.com' || h.endsWith('.salesforce.com') || h.endsWith('.force.com');
}

/** The host of a value that may be written as a URL (`https://login.salesforce.com/`) or with a port. */
function hostOf(value: string): string {
  let v = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const cut = v.search(/[/:?#]/);
  if (cut >= 0) v = v.slice(0, cut);
  return v;
}

function parseUrl(value: string): { host: string; path: string } | undefined {
  const m = /^\s*https?:\/\/([^/:?#\s]+)(?::\d+)?([^?#\s]*)/i.exec(value);
  return m ? { host: m[1], path: m[2] || '/' } : undefined;
}

function joinPath(base: string, path: string): string {
  const b = base.trim().replace(/\/+$/, '');
  const p = path.trim().replace(/^\/+/, '');
  const joined = `${b}/${p}`;
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** The API whose root `path` starts with (`/services/<root>/…`), or with `…/services/<root>/…` anywhere when `anywhere`. */
export function apiOfPath(path: string, anywhere: boolean): SalesforceApi | undefined {
  const p = path.replace(/\/{2,}/g, '/');
  const m = (anywhere ? /\/services\/([A-Za-z0-9]+)(?:\/|$)/ : /^\/services\/([A-Za-z0-9]+)(?:\/|$)/).exec(p);
  if (!m) return undefined;
  const root = m[1].toLowerCase();
  return API_ROOTS.find(([r]) => r === root)?.[1];
}

/** The API of a path read below an unknown base path on a Salesforce host (`/oauth2/token`, `/apexrest/x`). */
function apiBelowServices(path: string): SalesforceApi | undefined {
  const m = /^\/?([A-Za-z0-9]+)(?:\/|$)/.exec(path.trim());
  if (!m) return undefined;
  const root = m[1].toLowerCase();
  return API_ROOTS.find(([r]) => r === root)?.[1];
}

/**
 * A path written as an expression: the first literal that holds a Salesforce API path, from its `/services/`.
 * A `${}` placeholder in a literal is resolved before the expression runs, so the literal is read in every
 * environment (`#['${sf.basePath}/sobjects/Case/' ++ vars.id]`); it counts when each reading holds the path.
 */
function pathFromExpression(app: MuleApp, expression: string): string | undefined {
  for (const lit of stringLiterals(expression)) {
    // (A placeholder the app cannot resolve, `${secure::…}` for one, leaves the literal's `/services/…` as written.)
    const readings = (lit.includes('${') ? app.props.expand(lit) : undefined) ?? [lit];
    const paths = readings.map(apiPathIn);
    if (paths.every((p) => p !== undefined)) return paths[0];
  }
  return undefined;
}

/** The Salesforce API path a literal holds (a URL's path, or the text from `/services/`), if any. */
function apiPathIn(lit: string): string | undefined {
  const url = parseUrl(lit);
  if (url && apiOfPath(url.path, true)) return url.path;
  const at = lit.search(/\/services\/[A-Za-z0-9]+(?:\/|$)/);
  if (at >= 0 && apiOfPath(lit.slice(at), false)) return lit.slice(at);
  return undefined;
}

/** What is known of where one request goes. */
interface Target {
  /** Every host it can go to, or null when unknown. */
  readonly hosts: readonly string[] | null;
  /** Every full path it can go to, or null when unknown. */
  readonly paths: readonly string[] | null;
  /** The request's own path when the base path is unknown. */
  readonly ownPath: string | undefined;
}

function targetOf(app: MuleApp, req: XmlElement): { target: Target; config: XmlElement | undefined } {
  const url = attr(req, 'url');
  const configName = app.resolve(attr(req, 'config-ref'));
  const named = configName !== undefined ? app.globalNamed(configName) : undefined;
  const config = named?.ns === NS.http && named.local === 'request-config' ? named : undefined;
  if (url !== undefined && url.trim() !== '') {
    if (url.includes('#[')) {
      const path = pathFromExpression(app, url);
      const literalUrl = stringLiterals(url)
        .map(parseUrl)
        .find((u) => u !== undefined);
      return { target: { hosts: literalUrl ? [literalUrl.host] : null, paths: path ? [path] : null, ownPath: undefined }, config };
    }
    // Only the scheme, host and path decide where it goes: a placeholder in the query string does not matter.
    const values = app.props.expand(url.replace(/[?#][\s\S]*$/, ''));
    if (!values) return { target: { hosts: null, paths: null, ownPath: undefined }, config };
    const parsed = values.map(parseUrl);
    if (parsed.some((p) => !p)) return { target: { hosts: null, paths: null, ownPath: undefined }, config };
    return { target: { hosts: parsed.map((p) => p!.host), paths: parsed.map((p) => p!.path), ownPath: undefined }, config };
  }
  const hosts = hostsOfConfig(app, config);
  const rawPath = attr(req, 'path') ?? '/';
  let ownPaths: string[] | null;
  if (rawPath.includes('#[')) {
    const p = pathFromExpression(app, rawPath);
    ownPaths = p ? [p] : null;
  } else ownPaths = app.props.expand(rawPath);
  const base = config ? (attr(config, 'basePath') ?? '/') : '/';
  const bases = base.includes('#[') ? null : app.props.expand(base);
  let paths: string[] | null = null;
  if (ownPaths && bases) {
    paths = [];
    for (const b of bases) for (const p of ownPaths) paths.push(joinPath(b, p));
  } else if (ownPaths && rawPath.includes('#[')) paths = ownPaths; // a literal /services/… written in the expression
  return { target: { hosts, paths, ownPath: ownPaths && ownPaths.length === 1 ? ownPaths[0] : undefined }, config };
}

function hostsOfConfig(app: MuleApp, config: XmlElement | undefined): readonly string[] | null {
  if (!config) return null;
  const connection = firstChild(config, 'request-connection', NS.http);
  const host = connection ? attr(connection, 'host') : undefined;
  if (host === undefined || host.includes('#[')) return null;
  const values = app.props.expand(host);
  return values ? values.map(hostOf) : null;
}

const REQUESTS = memoKey<readonly SalesforceRequest[]>('requests to Salesforce');

/** Every `<http:request>` of the app that goes to Salesforce, in app order (memoised per app: three rules ask). */
export function salesforceRequests(app: MuleApp): readonly SalesforceRequest[] {
  return app.memo.get(REQUESTS, () => findSalesforceRequests(app));
}

function findSalesforceRequests(app: MuleApp): SalesforceRequest[] {
  const all: { el: XmlElement; file: MuleFile; target: Target; config: XmlElement | undefined }[] = [];
  for (const file of app.files) for (const el of httpRequestsOf(file)) all.push({ el, file, ...targetOf(app, el) });
  // Configurations some request uses for Apex REST while their host is unknown: Salesforce hosts.
  const apexRestConfigs = new Set<XmlElement>();
  for (const r of all) {
    if (r.config && r.target.hosts === null && r.target.ownPath !== undefined && /(^|\/)apexrest\//i.test(r.target.ownPath)) apexRestConfigs.add(r.config);
  }
  const out: SalesforceRequest[] = [];
  for (const r of all) {
    const found = classify(r.target, r.config !== undefined && apexRestConfigs.has(r.config));
    if (!found) continue;
    out.push({ el: r.el, file: r.file, flow: app.flowOf(r.el), config: r.config, ...found });
  }
  return out;
}

function classify(t: Target, apexRestHost: boolean): Pick<SalesforceRequest, 'api' | 'path' | 'token' | 'evidence'> | undefined {
  const salesforceHost = t.hosts !== null && t.hosts.length > 0 && t.hosts.every(isSalesforceHost);
  if (t.paths) {
    const apis = t.paths.map((p) => apiOfPath(p, salesforceHost));
    const api = apis[0];
    if (api && apis.every((a) => a === api)) {
      const path = t.paths[0];
      return { api, path, token: isTokenPath(path), evidence: salesforceHost ? 'host' : 'path' };
    }
    return undefined;
  }
  // The base path is unknown: the request's own path, under a Salesforce host, is read below /services.
  if (t.ownPath === undefined) return undefined;
  const own = apiOfPath(t.ownPath, false);
  if (own) return { api: own, path: t.ownPath, token: isTokenPath(t.ownPath), evidence: salesforceHost ? 'host' : 'path' };
  if (!salesforceHost && !apexRestHost) return undefined;
  const api = apiBelowServices(t.ownPath);
  if (!api) return undefined;
  const path = `…/${t.ownPath.replace(/^\/+/, '')}`;
  return { api, path, token: isTokenPath(t.ownPath), evidence: salesforceHost ? 'host' : 'apex-rest' };
}

function isTokenPath(path: string): boolean {
  return /(^|\/)oauth2\/token\/?$/i.test(path.replace(/[?#].*$/, ''));
}
