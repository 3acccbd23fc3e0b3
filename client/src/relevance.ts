/** Which documents Session Guard analyses (decides when the server starts), and of which kind they are. */

export type DocumentKind = 'mule' | 'flow' | 'salesforce' | undefined;

const MULE_ROOT = /^\uFEFF?(\s|<\?[^>]*\?>|<!--[\s\S]*?-->)*<([\w.-]+:)?mule[\s>/]/;

/**
 * Metadata API names, without `-meta.xml`, in their type's folder (`flows/Sync.flow`): the server reads them as it
 * reads the source-format names (a suffix alone, as in `index.js.flow`, is not metadata).
 */
const METADATA_FORMAT_FLOW = /\/flows\/[^/]+\.flow$/;
const METADATA_FORMAT_OTHER =
  /\/(namedcredentials\/[^/]+\.namedcredential|externalcredentials\/[^/]+\.externalcredential|externalserviceregistrations\/[^/]+\.externalserviceregistration)$/;

/** Mule configuration, a Flow, other Salesforce metadata Session Guard reads, or none of them. */
export function documentKind(fsPath: string, firstChars: string): DocumentKind {
  const p = fsPath.replace(/\\/g, '/').toLowerCase();
  if (p.endsWith('.flow-meta.xml') || METADATA_FORMAT_FLOW.test(p)) return 'flow';
  if (p.endsWith('.cls') || /\.(namedcredential|externalcredential|externalserviceregistration)-meta\.xml$/.test(p) || METADATA_FORMAT_OTHER.test(p))
    return 'salesforce';
  if (!p.endsWith('.xml')) return MULE_ROOT.test(firstChars) ? 'mule' : undefined;
  if (p.includes('/src/main/mule/')) return 'mule';
  return MULE_ROOT.test(firstChars) ? 'mule' : undefined;
}

export function isRelevantPath(fsPath: string, firstChars: string): boolean {
  const p = fsPath.replace(/\\/g, '/').toLowerCase();
  if (!p.endsWith('.xml') && !p.endsWith('.cls') && !METADATA_FORMAT_FLOW.test(p) && !METADATA_FORMAT_OTHER.test(p)) return false;
  return documentKind(fsPath, firstChars) !== undefined;
}
