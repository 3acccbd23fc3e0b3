/**
 * Which role a path plays, and which analysis unit it belongs to. Pure path logic: the host tells the
 * program which files exist; nothing here touches a file system. This is the one table of file roles
 * and the one unit key: the Program, discovery, context loading and thread partitioning all use it.
 */
import { inPackageDirs, type SfdxProjectDescriptor } from './sfdx-descriptor';

export type FileRole =
  | 'xml'
  | 'flow'
  | 'flow-definition'
  | 'named-credential'
  | 'external-credential'
  | 'external-service'
  | 'permission-set'
  | 'permission-set-group'
  | 'profile'
  | 'apex'
  | 'property'
  | 'mule-marker'
  | 'sfdx-marker'
  | 'other';

/**
 * Salesforce source-format files by the type in their name (`Orders.cls`, `Sync.flow-meta.xml`,
 * `Erp.namedCredential-meta.xml`; matched case-insensitively). Roles are asked for every file of a
 * project's package directories (thousands in a large org), so the type is found by two index scans.
 */
const METADATA_TYPES: ReadonlyMap<string, FileRole> = new Map<string, FileRole>([
  ['flow', 'flow'],
  ['flowdefinition', 'flow-definition'],
  ['namedcredential', 'named-credential'],
  ['externalcredential', 'external-credential'],
  ['externalserviceregistration', 'external-service'],
  ['permissionset', 'permission-set'],
  ['permissionsetgroup', 'permission-set-group'],
  ['profile', 'profile'],
]);
const META_XML = '-meta.xml';

/**
 * The same types named the Metadata API way, without `-meta.xml` (`flows/Sync.flow`,
 * `namedCredentials/Erp.namedCredential`): a `src/` project retrieved with the Metadata API, and a file the
 * Salesforce CLI also deploys from a source-format project. A suffix alone is too common (`index.js.flow`), so
 * the file must sit in its type's folder, by the folder names of the Metadata API (matched case-insensitively).
 */
const METADATA_FORMAT_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['flow', 'flows'],
  ['flowdefinition', 'flowdefinitions'],
  ['namedcredential', 'namedcredentials'],
  ['externalcredential', 'externalcredentials'],
  ['externalserviceregistration', 'externalserviceregistrations'],
  ['permissionset', 'permissionsets'],
  ['permissionsetgroup', 'permissionsetgroups'],
  ['profile', 'profiles'],
]);

/** What each role is to the analysis. */
interface RoleFacts {
  /** Part of an SFDX project (indexed by API name, read when a reference needs it). */
  readonly salesforce: boolean;
  /** A file the linter reports on (`xml`: only when it is Mule configuration). */
  readonly lintable: boolean;
}

const ROLE_FACTS: Readonly<Record<FileRole, RoleFacts>> = {
  xml: { salesforce: false, lintable: true },
  flow: { salesforce: true, lintable: true },
  /** Which version of a Flow is active, for Flows whose files are versioned (`Sync-2.flow`, before API 44). */
  'flow-definition': { salesforce: true, lintable: false },
  'named-credential': { salesforce: true, lintable: true },
  'external-credential': { salesforce: true, lintable: true },
  'external-service': { salesforce: true, lintable: true },
  'permission-set': { salesforce: true, lintable: false },
  'permission-set-group': { salesforce: true, lintable: false },
  profile: { salesforce: true, lintable: false },
  apex: { salesforce: true, lintable: true },
  property: { salesforce: false, lintable: false },
  'mule-marker': { salesforce: false, lintable: false },
  'sfdx-marker': { salesforce: false, lintable: false },
  other: { salesforce: false, lintable: false },
};

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

/**
 * The API name a Salesforce source file declares (`Orders.cls` → `Orders`), as the project index names it;
 * the file name when its suffix names no metadata type.
 */
export function apiNameOf(path: string): string {
  return roleAndApiName(path).apiName ?? basename(path);
}

export function roleOf(path: string): FileRole {
  return roleAndApiName(path).role;
}

const NO_NAME = { role: 'other' as FileRole, apiName: undefined };

/** A path's role and, for Salesforce source files, the API name its file name declares (`Orders.cls` → `Orders`). */
export function roleAndApiName(path: string): { role: FileRole; apiName: string | undefined } {
  const base = basename(path);
  const n = base.length;
  // `.cls`, any case.
  if (n > 4 && base.charCodeAt(n - 4) === 46 && base.slice(n - 3).toLowerCase() === 'cls') return { role: 'apex', apiName: base.slice(0, n - 4) };
  if (n > META_XML.length && base.slice(n - META_XML.length).toLowerCase() === META_XML) {
    const dot = base.lastIndexOf('.', n - META_XML.length - 1);
    const role = dot > 0 ? METADATA_TYPES.get(base.slice(dot + 1, n - META_XML.length).toLowerCase()) : undefined;
    return role ? { role, apiName: base.slice(0, dot) } : NO_NAME;
  }
  const lower = base.toLowerCase();
  const role = otherRole(lower);
  if (role !== 'other') return { role, apiName: undefined };
  return metadataFormat(path, base, lower) ?? NO_NAME;
}

/** A Metadata API file name (`flows/Sync.flow`) in its type's folder: its role and API name. */
function metadataFormat(path: string, base: string, lower: string): { role: FileRole; apiName: string } | undefined {
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const suffix = lower.slice(dot + 1);
  const folder = METADATA_FORMAT_FOLDERS.get(suffix);
  if (!folder) return undefined;
  const end = path.length - base.length - 1;
  const start = path.lastIndexOf('/', end - 1) + 1;
  if (end <= 0 || path.slice(start, end).toLowerCase() !== folder) return undefined;
  return { role: METADATA_TYPES.get(suffix)!, apiName: base.slice(0, dot) };
}

function otherRole(lower: string): FileRole {
  if (lower === 'mule-artifact.json' || lower === 'pom.xml') return 'mule-marker';
  if (lower === 'sfdx-project.json') return 'sfdx-marker';
  if (lower.endsWith('.xml')) return 'xml';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.properties')) return 'property';
  return 'other';
}

/** The folder each metadata type lives in, in both formats (`flows/Sync.flow-meta.xml`, `classes/Orders.cls`). */
const TYPE_FOLDERS: Readonly<Partial<Record<FileRole, string>>> = {
  flow: 'flows',
  'flow-definition': 'flowdefinitions',
  'named-credential': 'namedcredentials',
  'external-credential': 'externalcredentials',
  'external-service': 'externalserviceregistrations',
  'permission-set': 'permissionsets',
  'permission-set-group': 'permissionsetgroups',
  profile: 'profiles',
  apex: 'classes',
};

/**
 * Where the metadata around a file outside any SFDX project lives: the folder above its type's folder
 * (`src/flows/Sync.flow` → `src`, a Metadata API root), or its own folder. Never wider: a file linted from
 * the home folder must not make the home folder the project.
 */
export function looseMetadataRoot(path: string): string {
  const dir = dirname(path);
  const folder = TYPE_FOLDERS[roleOf(path)];
  return folder && basename(dir).toLowerCase() === folder ? dirname(dir) : dir;
}

/** Salesforce metadata that belongs to an SFDX project. */
export function isSalesforceRole(role: FileRole): boolean {
  return ROLE_FACTS[role].salesforce;
}

/** A role the linter may report on (an `xml` file only when its root is `<mule>`). */
export function isLintableRole(role: FileRole): boolean {
  return ROLE_FACTS[role].lintable;
}

const MULE_DIR = '/src/main/mule/';

/** The app root of a file under `<root>/src/main/mule/`, or undefined. */
function muleSourceRoot(path: string): string | undefined {
  const i = path.lastIndexOf(MULE_DIR);
  return i >= 0 ? path.slice(0, i) || '/' : undefined;
}

/** The app root a property file belongs to (the folder above its src/main/resources or src/main/mule). */
function propertyRoot(path: string): string | undefined {
  for (const marker of ['/src/main/resources/', MULE_DIR]) {
    const i = path.lastIndexOf(marker);
    if (i >= 0) return path.slice(0, i) || '/';
  }
  return undefined;
}

/** The nearest SFDX project at or above a path's folder, as the host knows it. */
export type ProjectLocator = (path: string) => SfdxProjectDescriptor | undefined;

/**
 * The analysis unit of a path: `mule:<app root>` (Mule XML under src/main/mule, the app's property
 * files and markers), `sfdx:<project root>` (Salesforce metadata in a package directory of its nearest
 * project; `sfdx:` for metadata outside any project, which forms one loose project), or `file:<path>`.
 * Files of different units never affect each other's findings, so units can be analysed one at a time,
 * or on different threads, with the same results.
 */
export function unitKeyOf(path: string, projectOf: ProjectLocator, role: FileRole = roleOf(path)): string {
  if (role === 'xml') {
    const root = muleSourceRoot(path);
    return root !== undefined ? `mule:${root}` : `file:${path}`;
  }
  if (role === 'property') {
    const root = propertyRoot(path);
    return root !== undefined ? `mule:${root}` : `file:${path}`;
  }
  if (role === 'mule-marker') return `mule:${dirname(path)}`;
  if (role === 'sfdx-marker') return `sfdx:${dirname(path)}`;
  if (isSalesforceRole(role)) {
    const project = projectOf(path);
    if (!project) return 'sfdx:';
    return inPackageDirs(project, path) ? `sfdx:${project.root}` : `file:${path}`;
  }
  return `file:${path}`;
}
