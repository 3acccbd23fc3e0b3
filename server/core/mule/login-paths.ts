/**
 * The message sources that run a login for every message they deliver, with nothing in front of it that
 * reuses a token: the login's flow and every caller up to a flow with a source, through flow-ref and
 * APIkit routing. A path stops being per-message where the login (or the call that leads to it) sits
 *
 * - inside a `cache` scope (ee:cache: the response is reused),
 * - in a `choice` branch that tests a token or session (`when="#[isEmpty(vars.token)]"`, or the
 *   `otherwise` of such a choice),
 * - after an object store lookup of a token in the same flow (`os:retrieve` / `os:contains` whose key,
 *   target or store names a token, session or access),
 * - in an error handler (it runs on a failure, such as a 401, not for every message).
 *
 * Sources that deliver every message: an HTTP listener, a queue listener (VM, JMS, AMQP, Anypoint MQ,
 * Kafka …), a Salesforce event listener, and a scheduler firing more often than a given interval
 * (Scheduler reference: `fixed-frequency` defaults to 1000 MILLISECONDS, a cron expression's seconds and
 * minutes fields say how often it fires). Other sources, and schedulers whose rate is unknown, are left out.
 */
import { attr, firstChild, walk } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { FlowModel, MuleApp } from './app';
import { entryPaths, type EntryPath } from './call-graph';
import { NS } from './namespaces';
import { isHttpListener, isOnError, sourceKind } from './structure';

export interface LoginEntry {
  /** The flow whose message source runs the login. */
  readonly flow: FlowModel;
  readonly source: XmlElement;
  /** Call sites from the entry flow down to the login's flow, outermost first, each with its flow. */
  readonly sites: EntryPath['sites'];
  /** How often the source runs it, in words ("every HTTP request"). */
  readonly rate: string;
}

const TOKEN_WORDS = /token|session|access|bearer|auth/i;

/** Every source that runs the login at `el` (in `flow`) once per message, with no cached token in front. */
export function perMessageEntries(app: MuleApp, el: XmlElement, flow: FlowModel | undefined, minSchedulerIntervalMs: number): LoginEntry[] {
  if (!flow) return []; // in a global error handler: it runs on a failure
  return entryPaths(app, flow, { from: el, skip: guarded }).flatMap(({ entry, sites }) => {
    const rate = perMessageRate(app, entry.source!, minSchedulerIntervalMs);
    return rate ? [{ flow: entry, source: entry.source!, sites, rate }] : [];
  });
}

/** Whether something in `flow` keeps `at` from running for every message that reaches it. */
function guarded(at: XmlElement, flow: FlowModel): boolean {
  for (let p = at.parent; p && p !== flow.el; p = p.parent) {
    if (p.ns === NS.ee && p.local === 'cache') return true;
    if (isOnError(p)) return true;
    if (p.ns !== NS.core) continue;
    if (p.local === 'when' && TOKEN_WORDS.test(attr(p, 'expression') ?? '')) return true;
    if (p.local === 'otherwise' && p.parent) {
      for (const branch of p.parent.children) {
        if (branch.ns === NS.core && branch.local === 'when' && TOKEN_WORDS.test(attr(branch, 'expression') ?? '')) return true;
      }
    }
  }
  return tokenLookupBefore(at, flow);
}

/** An object store lookup of a token that runs before `at` in the same flow (not in an error handler). */
function tokenLookupBefore(at: XmlElement, flow: FlowModel): boolean {
  let found = false;
  walk(flow.el, (el) => {
    if (found || el.start >= at.start) return false;
    if (isOnError(el)) return false;
    if (el.ns === NS.os && (el.local === 'retrieve' || el.local === 'contains')) {
      const names = [attr(el, 'key'), attr(el, 'target'), attr(el, 'objectStore')].join(' ');
      if (TOKEN_WORDS.test(names)) found = true;
    }
    return undefined;
  });
  return found;
}

const UNIT_MS: Record<string, number> = { MILLISECONDS: 1, SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/** Words for how often a source runs its flow, when that is once per message; undefined otherwise. */
function perMessageRate(app: MuleApp, source: XmlElement, minSchedulerIntervalMs: number): string | undefined {
  if (isHttpListener(source)) return 'every HTTP request';
  const kind = sourceKind(source);
  if (kind === 'queue') return `every message of <${source.name}>`;
  if (kind === 'salesforce-event') return `every event of <${source.name}>`;
  if (kind !== 'scheduler') return undefined;
  const interval = schedulerIntervalMs(app, source);
  if (interval === undefined || interval >= minSchedulerIntervalMs) return undefined;
  return `every run of a scheduler that fires every ${interval >= 1000 ? `${interval / 1000} s` : `${interval} ms`}`;
}

/** How often a scheduler fires, in milliseconds, when the app says so with certainty. */
export function schedulerIntervalMs(app: MuleApp, scheduler: XmlElement): number | undefined {
  const strategy = firstChild(scheduler, 'scheduling-strategy', NS.core);
  if (!strategy) return undefined;
  const fixed = firstChild(strategy, 'fixed-frequency', NS.core);
  if (fixed) {
    const f = app.props.single(attr(fixed, 'frequency') ?? '1000');
    const u = app.props.single(attr(fixed, 'timeUnit') ?? 'MILLISECONDS');
    if (f === null || u === null || !/^-?\d+$/.test(f.trim()) || !(u.trim().toUpperCase() in UNIT_MS)) return undefined;
    const n = Number(f.trim());
    return n <= 0 ? 60_000 : n * UNIT_MS[u.trim().toUpperCase()];
  }
  const cron = firstChild(strategy, 'cron', NS.core);
  const expression = cron ? app.props.single(attr(cron, 'expression') ?? '') : null;
  return expression ? cronIntervalMs(expression) : undefined;
}

/**
 * The shortest interval between firings of a Quartz cron expression, read from its seconds and minutes
 * fields (`*` every unit, `a/n` or `*\/n` every n, `a,b,c` several, `a-b` a range), when those fields say.
 */
export function cronIntervalMs(expression: string): number | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6) return undefined;
  const perField = (field: string, unit: number, span: number): number | undefined => {
    if (field === '*') return unit;
    const step = /^(?:\*|\d+)\/(\d+)$/.exec(field);
    if (step) return Number(step[1]) * unit;
    const range = /^(\d+)-(\d+)$/.exec(field);
    if (range) return Number(range[2]) > Number(range[1]) ? unit : span;
    if (/^\d+(,\d+)+$/.test(field)) {
      const v = field
        .split(',')
        .map(Number)
        .sort((a, b) => a - b);
      let min = span;
      for (let i = 1; i < v.length; i++) min = Math.min(min, (v[i] - v[i - 1]) * unit);
      return min;
    }
    if (/^\d+$/.test(field)) return span; // once per enclosing unit
    return undefined;
  };
  const seconds = perField(fields[0], 1000, 60_000);
  if (seconds === undefined) return undefined;
  if (seconds < 60_000) return seconds;
  // Once a minute at most: the minutes field decides.
  return perField(fields[1], 60_000, 3_600_000);
}
