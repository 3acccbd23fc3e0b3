/**
 * An until-successful scope's retry budget as the app configures it: `maxRetries` and
 * `millisBetweenRetries`, `${…}` placeholders expanded in every environment, Mule's defaults when an
 * attribute is absent (Until Successful scope reference: 5 retries, 60 s apart).
 */
import { attrNode } from '../xml/dom';
import type { XmlElement } from '../xml/types';
import type { MuleApp } from './app';

const DEFAULT_MAX_RETRIES = '5';
const DEFAULT_MILLIS_BETWEEN_RETRIES = '60000';

export interface RetryBudget {
  /** Every value `maxRetries` takes (one per environment that differs), as written. */
  readonly retries: readonly string[];
  /** Every value `millisBetweenRetries` takes. */
  readonly delays: readonly string[];
}

/** The budget of `scope`, or undefined when a value is an expression or a placeholder no property file resolves. */
export function retryBudget(app: MuleApp, scope: XmlElement): RetryBudget | undefined {
  const retries = valuesOf(app, scope, 'maxRetries', DEFAULT_MAX_RETRIES);
  const delays = valuesOf(app, scope, 'millisBetweenRetries', DEFAULT_MILLIS_BETWEEN_RETRIES);
  return retries && delays ? { retries, delays } : undefined;
}

function valuesOf(app: MuleApp, el: XmlElement, name: string, fallback: string): string[] | undefined {
  const a = attrNode(el, name);
  if (!a) return [fallback];
  if (a.value.includes('#[')) return undefined;
  return app.props.expand(a.value) ?? undefined;
}
