/** Which documents Session Guard analyses (decides when the server starts). */
export function isRelevantPath(fsPath: string, firstChars: string): boolean {
  const p = fsPath.replace(/\\/g, '/').toLowerCase();
  if (p.endsWith('.cls')) return true;
  if (/\.(flow|namedcredential|externalcredential|externalserviceregistration)-meta\.xml$/.test(p)) return true;
  if (!p.endsWith('.xml')) return false;
  if (p.includes('/src/main/mule/')) return true;
  return /^\uFEFF?(\s|<\?[^>]*\?>|<!--[\s\S]*?-->)*<([\w.-]+:)?mule[\s>/]/.test(firstChars);
}
