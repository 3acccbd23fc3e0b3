/** Whether a new document report shows what the client already has (see the pull handler in server.ts). */
import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticData } from './protocol';

/**
 * Whether two reports show the same diagnostics in the same order: equal in everything but the document
 * version their data names (a diagnostic's data also holds its index, so each one still leads to the
 * finding in the same place of the newer list).
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const dx = x.data as DiagnosticData | undefined;
    const dy = y.data as DiagnosticData | undefined;
    if (dx?.ruleId !== dy?.ruleId || dx?.index !== dy?.index) return false;
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    for (const k of kx) if (k !== 'data' && !sameJson((x as unknown as Record<string, unknown>)[k], (y as unknown as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Deep equality of JSON values (what a diagnostic is made of). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
