/**
 * What permission sets, permission set groups and profiles grant of External Credential principals
 * (`externalCredentialPrincipalAccesses`, the principal written `ExternalCredentialName-PrincipalName`).
 * A file that never mentions principal access is not parsed (most of a large org's are not).
 */
import type { FileRole } from '../project/layout';
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import type { XmlElement } from '../xml/types';
import { apiNameOf } from '../project/layout';
import { kids, leaf, leafBool, metadataRoot, type Located } from './metadata';
import type { SfdxProject } from './project';

export interface PrincipalGrant {
  /** `Credential-Principal` as written, with the range of its text. */
  readonly principal: Located;
  readonly enabled: boolean;
  readonly el: XmlElement;
}

export interface PermissionSetModel {
  readonly file: SourceFile;
  readonly name: string;
  readonly kind: 'permission set' | 'permission set group' | 'profile';
  readonly root: XmlElement | undefined;
  readonly grants: readonly PrincipalGrant[];
}

const MODEL = memoKey<PermissionSetModel>('permission set');
const ALL = memoKey<readonly PermissionSetModel[]>('permission sets of the project');
const PROFILES = memoKey<{ readonly profiles: readonly PermissionSetModel[]; readonly complete: boolean }>('profiles of the project');
const NO_GRANTS: readonly PrincipalGrant[] = Object.freeze([]);

export function permissionSetOf(file: SourceFile, kind: PermissionSetModel['kind']): PermissionSetModel {
  return file.memo.get(MODEL, () => parsePermissionSet(file, kind));
}

/** The root element of each kind's file. */
const ROOTS = { 'permission set': 'PermissionSet', 'permission set group': 'PermissionSetGroup', profile: 'Profile' } as const;

function parsePermissionSet(file: SourceFile, kind: PermissionSetModel['kind']): PermissionSetModel {
  const name = apiNameOf(file.path);
  if (file.tooLarge || !file.text.includes('externalCredentialPrincipalAccesses')) {
    return { file, name, kind, root: undefined, grants: NO_GRANTS };
  }
  const root = metadataRoot(file, ROOTS[kind]);
  const grants: PrincipalGrant[] = [];
  if (root) {
    for (const el of kids(root, 'externalCredentialPrincipalAccesses')) {
      const principal = leaf(file, el, 'externalCredentialPrincipal');
      if (principal && principal.value) grants.push({ principal, enabled: leafBool(file, el, 'enabled') === true, el });
    }
  }
  return { file, name, kind, root, grants };
}

/** Every permission set and permission set group of the project (memoised per project build). */
export function permissionSetsOf(project: SfdxProject): readonly PermissionSetModel[] {
  return project.memo.get(ALL, () =>
    modelsOf(project, [
      ['permission-set', 'permission set'],
      ['permission-set-group', 'permission set group'],
    ]),
  );
}

/**
 * The project's profiles, read only when asked (they are the largest files of an org); `complete` is
 * false when one could not be read whole (above the size limit), so what it grants is unknown.
 */
export function profilesOf(project: SfdxProject): { readonly profiles: readonly PermissionSetModel[]; readonly complete: boolean } {
  return project.memo.get(PROFILES, () => {
    const paths = project.index.pathsOf('profile');
    const profiles = modelsOf(project, [['profile', 'profile']]);
    return { profiles, complete: profiles.length === paths.length && profiles.every((p) => !p.file.tooLarge) };
  });
}

function modelsOf(project: SfdxProject, roles: readonly (readonly [FileRole, PermissionSetModel['kind']])[]): PermissionSetModel[] {
  const out: PermissionSetModel[] = [];
  for (const [role, kind] of roles) {
    for (const path of project.index.pathsOf(role)) {
      const file = project.file(path);
      if (file) out.push(permissionSetOf(file, kind));
    }
  }
  return out;
}

/** How a grant names a principal, compared case-insensitively and without this project's namespace prefix. */
export function grantKey(project: SfdxProject, principal: string): string {
  const key = principal.trim().toLowerCase();
  const ns = project.namespace?.toLowerCase();
  return ns && key.startsWith(`${ns}__`) ? key.slice(ns.length + 2) : key;
}
