import { memoKey } from '../../../project/memo';
import type { Fix } from '../../../findings';
import type { MuleApp, MuleFile } from '../../../mule/app';
import { isKnownType, KNOWN_NAMESPACES, parseTypeExpression, type TypeRef } from '../../../mule/error-types';
import { closest } from '../../../text/closest';
import { attrNode } from '../../../xml/dom';
import type { XmlAttribute, XmlElement } from '../../../xml/types';
import { muleRule, type RuleContext } from '../../rule';
import { msg, prose } from '../../message';
import { NS } from '../../../mule/namespaces';

const SESSION_FAKE = /^INVALID_SESSION(_ID)?$/i;

export default muleRule(
  {
    id: 'mule/unknown-error-type',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'Error type that does not exist (such as SALESFORCE:INVALID_SESSION) or joined with OR: the app fails to deploy with "Could not find error".',
    fixable: true,
    hasSuggestions: true,
  },
  (app, ctx) => {
    for (const local of ['on-error-continue', 'on-error-propagate'] as const)
      for (const { el, file } of app.coreElements(local)) check(app, file, el, 'type', 'handler', ctx);
    for (const { el, file } of app.coreElements('error-mapping')) {
      check(app, file, el, 'sourceType', 'handler', ctx);
      check(app, file, el, 'targetType', 'created', ctx);
    }
    for (const { el, file } of app.coreElements('raise-error')) check(app, file, el, 'type', 'created', ctx);
  },
);

/**
 * Attributes found without a problem, as bits per element (see `CHECKED`). Without placeholders, what
 * this rule reports depends on the value alone, and an element lives as long as it is not re-parsed: an
 * edit elsewhere in a large file need not check the app's thousand handlers again. Kept with the element
 * by the Program (`MuleApp.aboutElement`), never in the rule.
 */
const CLEAN = memoKey<{ bits: number }>('unknown-error-type: attributes found clean');
const CHECKED: Readonly<Record<string, number>> = { type: 1, sourceType: 2, targetType: 4 };

/** `handler`: the type must exist. `created`: a new type may not be invented in a connector/core namespace. */
function check(app: MuleApp, file: MuleFile, el: XmlElement, name: string, usage: 'handler' | 'created', ctx: RuleContext): void {
  const bit = CHECKED[name];
  const clean = app.aboutElement(el, CLEAN, () => ({ bits: 0 }));
  if ((clean.bits & bit) !== 0) return;
  const a = attrNode(el, name);
  if (!a) return;
  if (a.value.includes('${')) {
    checkResolved(app, file, el, a, usage, ctx);
    return;
  }
  const expr = parseTypeExpression(a.value);
  // Raise Error cannot raise a type of a connector's namespace, existing or not.
  const connectorRefs = el.local === 'raise-error' ? expr.refs.filter((r) => RAISE_FORBIDDEN.has(r.namespace)) : [];
  for (const ref of connectorRefs) if (isKnownType(ref) !== 'unknown') reportConnectorRaise(app, file, a, ref, ctx);
  if (expr.orSeparators.length === 0 && expr.refs.every((r) => isKnownType(r) !== 'unknown')) {
    // (Whether the app uses a connector can change with another file: such an element is checked every time.)
    if (connectorRefs.length === 0) clean.bits |= bit;
    return;
  }
  for (const sep of expr.orSeparators) {
    const { start, end, decoded } = rangeOf(a, sep);
    ctx.report({
      path: file.path,
      start,
      end,
      message: msg`Mule has no '${sep.text.trim()}' in error types, so the app fails to deploy`,
      detail: 'List the error types separated by commas ("A, B").',
      ...(decoded ? { fix: { title: 'Separate the error types with a comma', edits: [{ path: file.path, start, end, newText: ', ' }] } } : {}),
    });
  }
  expr.refs.forEach((ref, i) => {
    if (isKnownType(ref) !== 'unknown') return;
    const { start, end, decoded } = rangeOf(a, ref);
    const { message, detail, replacement, safe } = explain(ref, usage);
    const fixes: Fix[] = [];
    if (replacement && decoded) {
      const listed = new Set(expr.refs.filter((_, j) => j !== i).map((r) => `${r.namespace}:${r.identifier}`));
      const wanted = replacement.split(', ').filter((t) => !listed.has(t.includes(':') ? t : `MULE:${t}`));
      const edit = wanted.length ? { path: file.path, start, end, newText: wanted.join(', ') } : removalEdit(file.path, a, expr.refs, i);
      fixes.push({ title: wanted.length ? `Replace with ${wanted.join(', ')}` : `Remove ${ref.raw} (${replacement} already listed)`, edits: [edit] });
    }
    ctx.report({
      path: file.path,
      start,
      end,
      message,
      ...(detail ? { detail } : {}),
      ...(safe && fixes.length ? { fix: fixes[0] } : {}),
      suggestions: safe ? [] : fixes,
    });
  });
}

/**
 * Where a part of an attribute's value is in the file: exact when the value has no entity references (offsets map
 * 1:1, `decoded`), the whole value otherwise.
 */
function rangeOf(a: XmlAttribute, part: { start: number; end: number }): { start: number; end: number; decoded: boolean } {
  const decoded = a.value.length === a.valueEnd - a.valueStart;
  return decoded ? { start: a.valueStart + part.start, end: a.valueStart + part.end, decoded } : { start: a.valueStart, end: a.valueEnd, decoded };
}

/** Connector namespaces Raise Error may not use, with the namespace URI that says the app uses the connector. */
const RAISE_FORBIDDEN: ReadonlyMap<string, { uri: string; label: string }> = new Map([
  ['SALESFORCE', { uri: NS.salesforce, label: 'Salesforce connector' }],
  ['HTTP', { uri: NS.http, label: 'HTTP connector' }],
]);

/**
 * A `raise-error` of an existing type of a connector the app uses: "You cannot raise an error from another connector
 * or module … You cannot use a connector's existing namespace" (Raise Error Component). Raise a core MULE type or one
 * of a namespace of the app's own instead.
 */
function reportConnectorRaise(app: MuleApp, file: MuleFile, a: XmlAttribute, ref: TypeRef, ctx: RuleContext): void {
  const forbidden = RAISE_FORBIDDEN.get(ref.namespace)!;
  if (!usesNamespace(app, forbidden.uri)) return; // no such connector in the app: the namespace is the app's to declare
  const replacement = `APP:${ref.identifier}`;
  const { start, end, decoded } = rangeOf(a, ref);
  ctx.report({
    path: file.path,
    start,
    end,
    message: msg`raise-error cannot raise ${ref.namespace}:${ref.identifier}: the ${ref.namespace} namespace belongs to the ${prose(forbidden.label)}`,
    detail: msg`Raise Error raises core MULE types or types of a namespace of your own, never a connector's ("You cannot use a connector's existing namespace", Raise Error Component). Raise ${replacement} (or a MULE type), and make the handlers that catch ${ref.namespace}:${ref.identifier} for it catch that instead.`,
    suggestions: decoded ? [{ title: `Replace with ${replacement}`, edits: [{ path: file.path, start, end, newText: replacement }] }] : [],
  });
}

const USES = memoKey<Map<string, boolean>>('namespaces the app declares');

/** Whether some file of the app declares the namespace URI (it uses that connector). */
function usesNamespace(app: MuleApp, uri: string): boolean {
  const known = app.memo.get(USES, () => new Map<string, boolean>());
  let used = known.get(uri);
  if (used === undefined) {
    used = app.files.some(
      (f) => f.xml.root?.attrs.some((x) => (x.prefix === 'xmlns' || (x.prefix === '' && x.local === 'xmlns')) && x.value.trim() === uri) ?? false,
    );
    known.set(uri, used);
  }
  return used;
}

function explain(ref: TypeRef, usage: 'handler' | 'created'): { message: string; detail?: string; replacement?: string; safe: boolean } {
  const ns = ref.namespace;
  const full = `${ns}:${ref.identifier}`;
  const known = KNOWN_NAMESPACES.get(ns) ?? [];
  const upper = ref.identifier.toUpperCase();
  const label = ns === 'MULE' ? 'Mule core' : 'Salesforce connector';
  if (usage === 'created') {
    return {
      message: msg`${full} cannot be created here: the ${ns} namespace belongs to the ${prose(label)} and has no type ${ref.identifier}`,
      detail: msg`Raise or map to a type in your app's own namespace (for example APP:${ref.identifier}).`,
      replacement: `APP:${ref.identifier}`,
      safe: false,
    };
  }
  if (ns === 'SALESFORCE' && SESSION_FAKE.test(ref.identifier)) {
    return {
      message: msg`${ref.raw} is not an error type of the Salesforce connector, so the app fails to deploy ("Could not find error")`,
      detail: 'An expired or invalid session reaches Mule as SALESFORCE:CONNECTIVITY (and SALESFORCE:RETRY_EXHAUSTED once a reconnection strategy gives up).',
      replacement: 'SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED',
      safe: true,
    };
  }
  if (known.includes(upper)) {
    return {
      message: msg`${ref.raw} is not found at deployment, because error types are upper case`,
      detail: msg`Use ${ns}:${upper}.`,
      replacement: `${ref.qualified ? `${ns}:` : ''}${upper}`,
      safe: true,
    };
  }
  const guess = closest(upper, known, 3);
  return {
    message: msg`${ref.raw} is not a ${prose(label)} error type, so the app fails to deploy${guess ? msg`: did you mean ${ns}:${guess}?` : ''}`,
    detail: 'The deployment fails with "Could not find error".',
    ...(guess ? { replacement: `${ref.qualified ? `${ns}:` : ''}${guess}` } : {}),
    safe: false,
  };
}

/** Removes the i-th reference and the separator that joins it to its neighbour. */
function removalEdit(path: string, a: XmlAttribute, refs: readonly TypeRef[], i: number) {
  const ref = refs[i];
  if (i > 0) return { path, start: a.valueStart + refs[i - 1].end, end: a.valueStart + ref.end, newText: '' };
  const next = refs[i + 1];
  return { path, start: a.valueStart + ref.start, end: next ? a.valueStart + next.start : a.valueStart + ref.end, newText: '' };
}

function checkResolved(app: MuleApp, file: MuleFile, el: XmlElement, a: XmlAttribute, usage: 'handler' | 'created', ctx: RuleContext): void {
  const values = app.props.expand(a.value);
  if (!values) return; // unknown: never guess
  const bad = new Set<string>();
  const ors = new Set<string>();
  for (const v of values) {
    const expr = parseTypeExpression(v);
    if (expr.orSeparators.length) ors.add(v);
    for (const r of expr.refs) if (isKnownType(r) === 'unknown') bad.add(r.raw);
  }
  if (!bad.size && !ors.size) return;
  const problems = [
    ...[...bad].map((b) => msg`${b} ${prose(usage === 'created' ? 'cannot be created in that namespace' : 'does not exist')}`),
    ...(ors.size ? [prose("'OR' is not a separator (use commas)")] : []),
  ];
  const what =
    bad.size === 0
      ? prose("error types joined with 'OR'")
      : prose(usage === 'created' ? 'an error type the app cannot create' : 'an error type that does not exist');
  ctx.report({
    path: file.path,
    start: a.valueStart,
    end: a.valueEnd,
    message: msg`${a.value} resolves to ${what}, so the app fails to deploy`,
    detail: msg`${a.value} resolves to ${[...values].map((v) => msg`"${v}"`).join(' or ')} in the app's properties: ${problems.join('; ')}. The app fails to deploy ("Could not find error") in ${prose(el.local === 'raise-error' ? 'raise-error' : 'this handler')}.`,
  });
}
