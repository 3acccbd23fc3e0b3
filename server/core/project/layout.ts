/**
 * Which role a path plays, and how Mule XML files group into applications. Pure path logic:
 * the host tells the workspace which files exist; nothing here touches a file system.
 */
export type FileRole =
  'xml' | 'flow' | 'named-credential' | 'external-credential' | 'external-service' | 'apex' | 'property' | 'mule-marker' | 'sfdx-marker' | 'other';

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

export function roleOf(path: string): FileRole {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower.endsWith('.flow-meta.xml')) return 'flow';
  if (lower.endsWith('.namedcredential-meta.xml')) return 'named-credential';
  if (lower.endsWith('.externalcredential-meta.xml')) return 'external-credential';
  if (lower.endsWith('.externalserviceregistration-meta.xml')) return 'external-service';
  if (lower.endsWith('.cls')) return 'apex';
  if (lower === 'mule-artifact.json' || lower === 'pom.xml') return 'mule-marker';
  if (lower === 'sfdx-project.json') return 'sfdx-marker';
  if (lower.endsWith('-meta.xml')) return 'other';
  if (lower.endsWith('.xml')) return 'xml';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.properties')) return 'property';
  return 'other';
}

const MULE_DIR = '/src/main/mule/';

/** The app root of a file under `<root>/src/main/mule/`, or undefined. */
export function muleSourceRoot(path: string): string | undefined {
  const i = path.lastIndexOf(MULE_DIR);
  return i >= 0 ? path.slice(0, i) || '/' : undefined;
}

/** Whether a property file belongs to the app rooted at `root` (src/main/resources or src/main/mule). */
export function isAppPropertyFile(root: string, path: string): boolean {
  const base = root === '/' ? '' : root;
  return path.startsWith(`${base}/src/main/resources/`) || path.startsWith(`${base}${MULE_DIR}`);
}
