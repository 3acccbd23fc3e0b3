/**
 * `sessionGuard.server.locateFailure`: where a diagnosed failure happened (the Mule element or the
 * Flow its error text names) and the Session Guard findings on that element. Receives only the
 * diagnosis context, which holds no secrets; the error text itself never crosses the protocol.
 */
import type { Diagnosis } from '../core/diagnose/classify';
import { locateFailure } from '../core/diagnose/locate';
import type { Finding } from '../core/findings';
import { offsetRange, pathToUri } from './convert';
import type { FailureFinding, FailureLocationInfo } from './protocol';
import type { ServerState } from './state';

export function failureLocations(
  state: ServerState,
  context: unknown,
  lint: (paths: string[]) => Map<string, Finding[]>,
  docsUrl: (ruleId: string) => string | undefined = () => undefined,
): FailureLocationInfo[] {
  const ctx = sanitize(context);
  const out: FailureLocationInfo[] = [];
  const inside = (f: Finding, r: { start: number; end: number }) =>
    (f.start < r.end && f.end > r.start) || (f.start === f.end && f.start >= r.start && f.start <= r.end);
  const shown = (f: Finding): FailureFinding => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.line,
    docsUrl: docsUrl(f.ruleId) ?? '',
  });
  for (const loc of locateFailure(state.program, ctx)) {
    const range = rangeOf(state, loc);
    if (!range) continue;
    const findings = (lint([loc.path]).get(loc.path) ?? []).filter((f) => loc.kind === 'flow' || inside(f, loc)).map(shown);
    const c = loc.connection;
    const connectionRange = c ? rangeOf(state, c) : undefined;
    out.push({
      kind: loc.kind,
      uri: pathToUri(loc.path),
      label: loc.label,
      range,
      findings,
      ...(c && connectionRange
        ? {
            connection: {
              uri: pathToUri(c.path),
              label: c.label,
              range: connectionRange,
              findings: (lint([c.path]).get(c.path) ?? []).filter((f) => inside(f, c)).map(shown),
            },
          }
        : {}),
    });
  }
  return out;
}

function rangeOf(state: ServerState, r: { path: string; start: number; end: number }): FailureLocationInfo['range'] | undefined {
  const file = state.program.file(r.path);
  return file ? offsetRange(file.lines, r.start, r.end) : undefined;
}

/** Only the fields the locator reads, with their types checked: the argument comes from a client. */
function sanitize(raw: unknown): Diagnosis['context'] {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const el = (c.muleElement && typeof c.muleElement === 'object' ? c.muleElement : undefined) as Record<string, unknown> | undefined;
  const muleElement =
    el && typeof el.app === 'string' && typeof el.file === 'string' && typeof el.path === 'string' && Number.isInteger(el.line)
      ? { app: el.app, file: el.file, path: el.path, line: el.line as number }
      : undefined;
  const flowApiName = typeof c.flowApiName === 'string' && /^[A-Za-z]\w*$/.test(c.flowApiName) ? c.flowApiName : undefined;
  return { ...(muleElement ? { muleElement } : {}), ...(flowApiName ? { flowApiName } : {}) };
}
