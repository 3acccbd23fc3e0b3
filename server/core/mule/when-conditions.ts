/**
 * The `when` of an on-error, when it only compares the error's type fields with literals — the way
 * people classify inside a retry (`error.errorType.identifier != 'CONNECTIVITY'`). Such a condition
 * is decided for a thrown type exactly as DataWeave would; anything else stays "may match".
 */

const ATOM = /^\(?\s*error\.errorType\.(identifier|namespace)\s*(==|!=)\s*(['"])([A-Za-z0-9_]+)\3\s*\)?$/;

/** True or false when `when` is decidable for `thrown` (`NS:ID`), undefined when it is not. */
export function evaluateWhen(when: string, thrown: string): boolean | undefined {
  let expr = when.trim();
  if (expr.startsWith('#[') && expr.endsWith(']')) expr = expr.slice(2, -1).trim();
  if (!expr) return undefined;
  const colon = thrown.indexOf(':');
  const fields = { namespace: thrown.slice(0, colon), identifier: thrown.slice(colon + 1) };
  let any = false;
  for (const disjunct of expr.split(/\s+or\s+/)) {
    let all = true;
    for (const atom of disjunct.split(/\s+and\s+/)) {
      const m = ATOM.exec(atom.trim());
      if (!m) return undefined;
      const equal = fields[m[1] as 'identifier' | 'namespace'] === m[4];
      if ((m[2] === '==') !== equal) all = false;
    }
    if (all) any = true;
  }
  return any;
}
