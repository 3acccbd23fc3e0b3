/**
 * Where the token a Salesforce API request sends comes from. REST, Apex REST and Bulk calls send it in a
 * header (`Authorization: Bearer …`, Bulk API 1.0's `X-SFDC-Session`), SOAP calls in the envelope's
 * `sessionId`. The header's expression is followed to what it reads: a property (`${…}`, `p('…')`), or a
 * variable, and then to what sets that variable anywhere in the app — an object store lookup, a `cache`
 * scope, a property. A token read from a store, a cache scope or a property was obtained earlier and may have
 * expired. Anything else — the response of a login in the same message, a header the caller sent, a flow's
 * result — is not a cached token as far as the analysis can tell.
 */
import { attr, textOf, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import { memoKey } from '../project/memo';
import type { MuleApp, MuleFile } from './app';
import { objectPairs, xmlLiteralPairs } from './expression-text';
import { payloadProducer, requestParts, type RequestPart } from './http-request-parts';
import { NS } from './namespaces';
import type { SalesforceRequest } from './salesforce-http';
import { isTestSuite } from './structure';

/** A place a cached token is read from. */
export interface CachedOrigin {
  readonly kind: 'object store' | 'cache scope' | 'property';
  readonly el: XmlElement;
}

export interface TokenSource {
  /** Where the request sends the token (a header, the envelope). */
  readonly use: RequestPart;
  /** The cached places it can come from (at least one). */
  readonly cached: readonly CachedOrigin[];
}

const PROPERTY_REF = /\$\{[^}]+\}|\bp\(\s*['"]|Mule::p\(/;
const VAR_REF = /\bvars\.([A-Za-z_$][\w$]*)|\bvars\[\s*['"]([^'"]+)['"]\s*\]/g;
const READS_VAR = /\bvars(?:\.|\[)/;
const TOKEN_HEADER = /^(authorization|x-sfdc-session)$/i;

/** Variable name → elements that set it, in one file version. */
const VARIABLE_SETTERS = memoKey<ReadonlyMap<string, readonly XmlElement[]>>('variable setters');

function settersOf(file: MuleFile): ReadonlyMap<string, readonly XmlElement[]> {
  return file.memo.get(VARIABLE_SETTERS, () => {
    const out = new Map<string, XmlElement[]>();
    const root = file.xml.root;
    if (!root || isTestSuite(root)) return out;
    const add = (name: string | undefined, el: XmlElement) => {
      if (name === undefined || name.includes('#[')) return;
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      list.push(el);
    };
    walk(root, (el) => {
      if ((el.ns === NS.core || el.ns === NS.ee) && el.local === 'set-variable') add(attr(el, 'variableName'), el);
      else if (attr(el, 'target') !== undefined) add(attr(el, 'target'), el);
      return undefined;
    });
    return out;
  });
}

/** Answers about variables of one app, for one rule run. */
export class VariableIndex {
  private readonly setters = new Map<string, XmlElement[]>();

  constructor(private readonly app: MuleApp) {
    for (const f of app.files) {
      for (const [name, els] of settersOf(f)) {
        let list = this.setters.get(name);
        if (!list) this.setters.set(name, (list = []));
        list.push(...els);
      }
    }
  }

  /** Where a Salesforce API request's token comes from, when it is a cache; undefined otherwise. */
  tokenSourceOf(req: SalesforceRequest): TokenSource | undefined {
    for (const part of requestParts(this.app, req.el, req.file, req.config)) {
      for (const expression of tokenExpressions(part, req.api === 'soap')) {
        const origins = this.originsOf(expression, part.el, new Set(), 0);
        if (origins === undefined) continue;
        return { use: part, cached: origins };
      }
    }
    return undefined;
  }

  /** The cached origins of an expression, or undefined when nothing that sets it is a cache. */
  private originsOf(expression: string, at: XmlElement, seen: Set<string>, depth: number): CachedOrigin[] | undefined {
    if (PROPERTY_REF.test(expression)) return [{ kind: 'property', el: at }];
    const out: CachedOrigin[] = [];
    for (const m of expression.matchAll(VAR_REF)) {
      const name = m[1] ?? m[2];
      if (seen.has(name) || depth > 3) continue;
      seen.add(name);
      for (const setter of this.setters.get(name) ?? []) out.push(...(this.originOfSetter(setter, seen, depth + 1) ?? []));
    }
    return out.length > 0 ? out : undefined;
  }

  private originOfSetter(setter: XmlElement, seen: Set<string>, depth: number): CachedOrigin[] | undefined {
    if (setter.ns === NS.os && setter.local === 'retrieve') return [{ kind: 'object store', el: setter }];
    if (setter.ns === NS.core && setter.local === 'set-variable') {
      const value = attr(setter, 'value');
      return value === undefined ? undefined : this.originOfValue(value, setter, setter, seen, depth);
    }
    if (setter.ns === NS.ee && setter.local === 'set-variable') {
      const file = this.app.fileOf(setter);
      const transform = setter.parent?.parent; // ee:transform > ee:variables > ee:set-variable
      if (!file || !transform || attr(setter, 'resource') !== undefined) return undefined;
      return this.originOfValue(textOf(file.text, setter), setter, transform, seen, depth);
    }
    return undefined;
  }

  /** A variable's value expression, set by `setter`, which runs as processor `processor`. */
  private originOfValue(value: string, setter: XmlElement, processor: XmlElement, seen: Set<string>, depth: number): CachedOrigin[] | undefined {
    if (PROPERTY_REF.test(value)) return [{ kind: 'property', el: setter }];
    if (/\bpayload\b/.test(value)) {
      const producer = payloadProducer(processor)?.el;
      if (!producer) return undefined;
      if (producer.ns === NS.os && producer.local === 'retrieve') return [{ kind: 'object store', el: producer }];
      if (producer.ns === NS.ee && producer.local === 'cache') return [{ kind: 'cache scope', el: producer }];
      return undefined; // a login's response (fresh), an operation's result, or unknown: not a cached token
    }
    if (READS_VAR.test(value)) return this.originsOf(value, setter, seen, depth);
    return undefined;
  }
}

/** The expressions a request part sends as the token: a token header's value, or the SOAP `sessionId`. */
function tokenExpressions(part: RequestPart, soap: boolean): string[] {
  const t = part.source.text;
  if (part.kind === 'default-header') return TOKEN_HEADER.test(part.key ?? '') ? [t] : [];
  if (part.kind === 'headers')
    return objectPairs(t)
      .filter((p) => TOKEN_HEADER.test(p.key))
      .map((p) => p.value);
  if (soap && (part.kind === 'body' || part.kind === 'payload')) {
    return [...objectPairs(t), ...xmlLiteralPairs(t)].filter((p) => /^sessionid$/i.test(p.key)).map((p) => p.value);
  }
  return [];
}
