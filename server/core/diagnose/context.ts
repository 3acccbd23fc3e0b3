/**
 * Facts read from the wrappers an error travels in: Mule logs, Flow fault e-mails, Apex debug logs,
 * client libraries, SOAP and Bulk faults, login history rows. They locate the failure and feed the
 * computed signals (org id mismatch, per-user callouts run as the Automated Process user).
 */
import { PER_USER_PHRASE } from './signals';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface DiagnoseContext {
  /** Mule: `Element : flow/processors/1 @ app:file.xml:12 (Query)`. */
  readonly muleElement?: { readonly path: string; readonly app: string; readonly file: string; readonly line: number; readonly span: Span };
  readonly muleErrorType?: { readonly value: string; readonly span: Span };
  /** Flow fault e-mail: `Flow API Name: X`. */
  readonly flowApiName?: { readonly value: string; readonly span: Span };
  readonly currentUser?: { readonly value: string; readonly span: Span };
  /** 15-character org ids mentioned outside tokens (Org: …, organizationId, Organization Id …). */
  readonly orgIds: readonly { readonly id15: string; readonly span: Span }[];
  /** Org prefixes of access tokens / session ids (`00D…!`). */
  readonly tokenOrgs: readonly { readonly id15: string; readonly span: Span }[];
  readonly httpStatuses: readonly { readonly code: number; readonly span: Span }[];
  /** `callout:Name` endpoints in Apex logs. */
  readonly callouts: readonly { readonly name: string; readonly span: Span }[];
  /** The Automated Process / Default Workflow user in logs. */
  readonly automatedUser?: Span;
  /** A per-user identity of a Named or External Credential (principalType PerUser, PerUserPrincipal, "Identity Type: Per User"). */
  readonly perUserIdentity?: Span;
  /** A record-triggered flow (triggerType RecordAfterSave / RecordBeforeSave / RecordBeforeDelete, or named so). */
  readonly recordTriggered?: Span;
}

const ORG_ID = /\b(00D[A-Za-z0-9]{12})(?:[A-Za-z0-9]{3})?\b/g;
const TOKEN = /\b(00D[A-Za-z0-9]{12})(?:[A-Za-z0-9]{3})?!/g;
const STATUS = /\b(?:StatusCode\s*[=:]\s*|HTTP\/\d(?:\.\d)?\s+|status(?:\s*code)?\s*[=:]?\s*|errorCode"?\s*:\s*"?|\()(401|403|400|500|503|429)\b/gi;

export function readContext(text: string): DiagnoseContext {
  const tokenOrgs = [...text.matchAll(TOKEN)].map((m) => ({ id15: m[1], span: { start: m.index!, end: m.index! + 15 } }));
  const tokenStarts = new Set(tokenOrgs.map((t) => t.span.start));
  const orgIds = [...text.matchAll(ORG_ID)]
    .filter((m) => !tokenStarts.has(m.index!))
    .map((m) => ({ id15: m[1], span: { start: m.index!, end: m.index! + m[0].length } }));
  const el = /Element\s*:\s*(\S+)\s*@\s*([\w.-]+):([\w./\\-]+?\.xml):(\d+)/.exec(text);
  const et = /Error type\s*:\s*([A-Z_]+:[A-Z_]+)/.exec(text);
  const flow = /Flow API Name\s*:\s*([A-Za-z][\w]*)/.exec(text);
  const user = /Current User\s*:\s*([^\n(]+?)(?:\s*\((005[A-Za-z0-9]{12,15})\))?\s*$/m.exec(text);
  const automated = /\b(?:autoproc@\S+|Automated Process|Default Workflow User)\b/i.exec(text);
  // Flow start triggerType values; the per-user vocabulary is the signal's (PER_USER_PHRASE).
  const perUser = PER_USER_PHRASE.exec(text);
  const recordTriggered = /\b(?:RecordAfterSave|RecordBeforeSave|RecordBeforeDelete|record-triggered flow)\b/i.exec(text);
  return {
    ...(el ? { muleElement: { path: el[1], app: el[2], file: el[3], line: Number(el[4]), span: { start: el.index, end: el.index + el[0].length } } } : {}),
    ...(et ? { muleErrorType: { value: et[1], span: { start: et.index + et[0].indexOf(et[1]), end: et.index + et[0].length } } } : {}),
    ...(flow ? { flowApiName: { value: flow[1], span: { start: flow.index + flow[0].indexOf(flow[1]), end: flow.index + flow[0].length } } } : {}),
    ...(user ? { currentUser: { value: user[1].trim(), span: { start: user.index, end: user.index + user[0].length } } } : {}),
    orgIds,
    tokenOrgs,
    httpStatuses: [...text.matchAll(STATUS)].map((m) => ({
      code: Number(m[1]),
      span: { start: m.index! + m[0].length - m[1].length, end: m.index! + m[0].length },
    })),
    callouts: [...text.matchAll(/\bcallout:([A-Za-z][\w]*)/g)].map((m) => ({ name: m[1], span: { start: m.index!, end: m.index! + m[0].length } })),
    ...(automated ? { automatedUser: { start: automated.index, end: automated.index + automated[0].length } } : {}),
    ...(perUser ? { perUserIdentity: spanOfMatch(perUser) } : {}),
    ...(recordTriggered ? { recordTriggered: spanOfMatch(recordTriggered) } : {}),
  };
}

function spanOfMatch(m: RegExpExecArray): Span {
  return { start: m.index, end: m.index + m[0].length };
}
