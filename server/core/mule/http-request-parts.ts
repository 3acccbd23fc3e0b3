/**
 * What an `<http:request>` sends, as written in the app: its `url` and `path`, its `<http:body>`,
 * `<http:headers>`, `<http:query-params>` and `<http:uri-params>` (HTTP Connector reference, Request
 * operation), its configuration's default headers and query parameters, and — when it has no body of
 * its own, since the body defaults to `#[payload]` — the payload the processor before it set
 * (`<ee:transform>` with `<ee:set-payload>`, or `<set-payload>`).
 */
import { attr, attrNode, firstChild, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { MuleApp, MuleFile } from './app';
import { attributeText, contentText, type SourceText } from './expression-text';
import { NS } from './namespaces';

export type PartKind = 'url' | 'path' | 'body' | 'headers' | 'query-params' | 'uri-params' | 'payload' | 'default-header' | 'default-query-param';

export interface RequestPart {
  readonly kind: PartKind;
  /** The element the text is in (the request, one of its children, a producer of the payload, a config entry). */
  readonly el: XmlElement;
  readonly file: MuleFile;
  readonly source: SourceText;
  /** A DataWeave expression (`#[…]`, or a transform script) rather than a plain value. */
  readonly expression: boolean;
  /** For a `key`/`value` entry of a configuration: its key. */
  readonly key?: string;
}

const CHILD_PARTS: Record<string, PartKind> = { body: 'body', headers: 'headers', 'query-params': 'query-params', 'uri-params': 'uri-params' };

/** Everything the request sends, as written. */
export function requestParts(app: MuleApp, req: XmlElement, file: MuleFile, config: XmlElement | undefined): RequestPart[] {
  const out: RequestPart[] = [];
  const text = file.text;
  for (const name of ['url', 'path'] as const) {
    const a = attrNode(req, name);
    if (!a) continue;
    const source = attributeText(text, a);
    out.push({ kind: name, el: req, file, source, expression: source.text.trim().startsWith('#[') });
  }
  let hasBody = false;
  for (const c of req.children) {
    if (c.ns !== NS.http) continue;
    const kind = CHILD_PARTS[c.local];
    if (!kind) continue;
    if (kind === 'body') hasBody = true;
    const source = contentText(text, c);
    out.push({ kind, el: c, file, source, expression: source.text.trim().startsWith('#[') });
  }
  if (!hasBody) {
    const producer = payloadProducer(req);
    const f = producer ? app.fileOf(producer.el) : undefined;
    if (producer?.setter && f) out.push({ kind: 'payload', el: producer.el, file: f, source: producer.source(f.text), expression: producer.expression });
  }
  if (config) {
    const cf = app.fileOf(config);
    if (cf) {
      walk(config, (el) => {
        if (el.ns !== NS.http) return undefined;
        const kind: PartKind | undefined = el.local === 'default-header' ? 'default-header' : el.local === 'query-param' ? 'default-query-param' : undefined;
        const value = attrNode(el, 'value');
        const key = attr(el, 'key');
        if (kind && value && key !== undefined) {
          const source = attributeText(cf.text, value);
          out.push({ kind, el, file: cf, source, expression: source.text.trim().startsWith('#['), key });
        }
        return undefined;
      });
    }
  }
  return out;
}

/** Processors that leave the payload as it was. */
function keepsPayload(el: XmlElement): boolean {
  if (attr(el, 'target') !== undefined) return true; // the result goes to a variable
  if (el.ns === NS.core) return el.local === 'logger' || el.local === 'set-variable' || el.local === 'remove-variable';
  if (el.ns === NS.ee && el.local === 'transform') return !firstChild(firstChild(el, 'message', NS.ee) ?? el, 'set-payload', NS.ee);
  return el.ns === NS.doc;
}

export interface PayloadProducer {
  readonly el: XmlElement;
  /** A `set-payload` or `ee:set-payload` (whose text is the payload); otherwise the processor whose result it is. */
  readonly setter: boolean;
  readonly expression: boolean;
  source(fileText: string): SourceText;
}

/**
 * The processor whose result is the payload `el` sees: the nearest one before it in the same scope that
 * does not keep the payload (a setter, an operation, a flow-ref, a scope), or undefined at the start of
 * the scope (the payload comes from outside: unknown).
 */
export function payloadProducer(el: XmlElement): PayloadProducer | undefined {
  for (let at: XmlElement | undefined = el; at; at = enteringScope(at)) {
    const found = producerBefore(at);
    if (found) return found;
  }
  return undefined;
}

/** The scope whose incoming payload the first processor of `el`'s scope sees, when that is the payload before it. */
function enteringScope(el: XmlElement): XmlElement | undefined {
  const parent = el.parent;
  if (!parent || parent.ns !== NS.core) return undefined;
  if (parent.local === 'try' || parent.local === 'until-successful') return parent;
  if ((parent.local === 'when' || parent.local === 'otherwise') && parent.parent) return parent.parent;
  return undefined;
}

function producerBefore(el: XmlElement): PayloadProducer | undefined {
  const parent = el.parent;
  if (!parent) return undefined;
  const siblings = parent.children;
  for (let i = siblings.indexOf(el) - 1; i >= 0; i--) {
    const s = siblings[i];
    if (s.ns === NS.core && s.local === 'set-payload') {
      const a = attrNode(s, 'value');
      if (!a) return undefined;
      return { el: s, setter: true, expression: a.value.trim().startsWith('#['), source: (t) => attributeText(t, a) };
    }
    if (s.ns === NS.ee && s.local === 'transform') {
      const setPayload = firstChild(firstChild(s, 'message', NS.ee) ?? s, 'set-payload', NS.ee);
      if (setPayload) {
        if (attr(setPayload, 'resource') !== undefined) return undefined; // a script file: not read here
        return { el: setPayload, setter: true, expression: true, source: (t) => contentText(t, setPayload) };
      }
    }
    if (!keepsPayload(s)) return { el: s, setter: false, expression: false, source: () => ({ text: '', offsetAt: () => s.start }) };
  }
  return undefined;
}
