/**
 * How Mule XML is shaped: which elements hold processors, which are sources, which are scopes
 * with special error semantics. Everything is matched by namespace URI and local name.
 */
import type { XmlElement } from '../xml/types';
import { NS } from './namespaces';
import { SALESFORCE_SOURCES } from './salesforce-connector';

const CORE_CONTAINERS: ReadonlySet<string> = new Set([
  'flow',
  'sub-flow',
  'try',
  'until-successful',
  'foreach',
  'parallel-foreach',
  'async',
  'when',
  'otherwise',
  'route',
  'on-error-continue',
  'on-error-propagate',
]);
const BATCH_CONTAINERS: ReadonlySet<string> = new Set(['step', 'aggregator', 'on-complete']);

export function isCore(el: XmlElement, local?: string): boolean {
  return el.ns === NS.core && (local === undefined || el.local === local);
}

/** Elements whose element children are processors. */
function isProcessorContainer(el: XmlElement): boolean {
  if (el.ns === NS.core) return CORE_CONTAINERS.has(el.local);
  if (el.ns === NS.batch) return BATCH_CONTAINERS.has(el.local);
  if (el.ns === NS.ee) return el.local === 'cache';
  return false;
}

/** True when `el` sits where a processor (operation, scope, router) goes. */
export function inProcessorPosition(el: XmlElement): boolean {
  return el.parent !== null && isProcessorContainer(el.parent) && !isNonProcessorChild(el);
}

/** Children of containers that are not processors (handlers, descriptions, routes of routers). */
function isNonProcessorChild(el: XmlElement): boolean {
  if (el.ns === NS.core) {
    return el.local === 'error-handler' || el.local === 'description' || el.local === 'annotations';
  }
  return el.ns === NS.doc;
}

export function isOnError(el: XmlElement): boolean {
  return el.ns === NS.core && (el.local === 'on-error-continue' || el.local === 'on-error-propagate' || el.local === 'on-error');
}

/** Message sources: schedulers, listeners, subscribers, streaming and polling sources. */
function isSourceElement(el: XmlElement): boolean {
  const l = el.local;
  if (el.ns === NS.core) return l === 'scheduler';
  if (el.ns === NS.salesforce) return SALESFORCE_SOURCES.has(l);
  return (
    l === 'listener' ||
    l.endsWith('-listener') ||
    l.startsWith('listener-') ||
    l === 'subscriber' ||
    l.endsWith('-trigger') ||
    /^on-(new|modified|deleted|updated)-/.test(l)
  );
}

/** The source of a flow: its first processor-position child when that child is a source. */
export function flowSource(flow: XmlElement): XmlElement | undefined {
  for (const c of flow.children) {
    if (c.ns === NS.doc || (c.ns === NS.core && (c.local === 'description' || c.local === 'annotations'))) continue;
    return isSourceElement(c) ? c : undefined;
  }
  return undefined;
}

export function isHttpListener(el: XmlElement): boolean {
  return el.ns === NS.http && el.local === 'listener';
}

/**
 * What happens to a failure that escapes a flow, by its message source: a request-response source (an
 * HTTP listener, and so APIkit routers behind one) answers the caller with an error response; a
 * scheduler's run ends; a queue listener's message is redelivered or dropped by its acknowledgement
 * settings; a Salesforce streaming / CDC listener's event is not processed again unless replayed.
 */
export type SourceKind = 'request-response' | 'scheduler' | 'queue' | 'salesforce-event' | 'other';

const QUEUE_NAMESPACES = /\/(vm|jms|amqp|anypoint-mq|ibm-mq|kafka|solace)$/;

export function sourceKind(source: XmlElement): SourceKind {
  if (isHttpListener(source)) return 'request-response';
  if (source.ns === NS.core && source.local === 'scheduler') return 'scheduler';
  if (source.ns === NS.salesforce) return 'salesforce-event';
  if (QUEUE_NAMESPACES.test(source.ns)) return 'queue';
  return 'other';
}

/** An MUnit test suite (`<munit:config>` at the top): it runs in tests, never against a live session. */
export function isTestSuite(root: XmlElement | null | undefined): boolean {
  return !!root && root.children.some((c) => c.ns === NS.munit && c.local === 'config');
}

/** Human name for an element in messages, e.g. `<salesforce:query>`. */
export function tagName(el: XmlElement): string {
  return `<${el.name}>`;
}
