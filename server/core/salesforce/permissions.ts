/**
 * What permission sets and permission set groups grant of External Credential principals
 * (`externalCredentialPrincipalAccesses`, the principal written `ExternalCredentialName-PrincipalName`).
 * A permission set that never mentions principal access is not parsed (most of a large org's are not).
 */
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import type { XmlElement } from '../xml/types';
import { apiNameOf, kids, leaf, leafBool, metadataRoot, type Located } from './metadata';
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
  readonly kind: 'permission set' | 'permission set group';
  readonly root: XmlElement | undefined;
  readonly grants: readonly PrincipalGrant[];
}

const MODEL = memoKey<PermissionSetModel>('permission set');
const ALL = memoKey<readonly PermissionSetModel[]>('permission sets of the project');
const NO_GRANTS: readonly PrincipalGrant[] = Object.freeze([]);

export function permissionSetOf(file: SourceFile, kind: PermissionSetModel['kind']): PermissionSetModel {
  return file.memo.get(MODEL, () => parsePermissionSet(file, kind));
}

function parsePermissionSet(file: SourceFile, kind: PermissionSetModel['kind']): PermissionSetModel {
  const name = apiNameOf(file.path, kind === 'permission set' ? '.permissionset-meta.xml' : '.permissionsetgroup-meta.xml');
  if (file.tooLarge || !file.text.includes('externalCredentialPrincipalAccesses')) {
    return { file, name, kind, root: undefined, grants: NO_GRANTS };
  }
  const root = metadataRoot(file, kind === 'permission set' ? 'PermissionSet' : 'PermissionSetGroup');
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
  return project.memo.get(ALL, () => {
    const out: PermissionSetModel[] = [];
    for (const [role, kind] of [
      ['permission-set', 'permission set'],
      ['permission-set-group', 'permission set group'],
    ] as const) {
      for (const path of project.index.pathsOf(role)) {
        const file = project.file(path);
        if (file) out.push(permissionSetOf(file, kind));
      }
    }
    return out;
  });
}

/** How a grant names a principal, compared case-insensitively and without this project's namespace prefix. */
export function grantKey(project: SfdxProject, principal: string): string {
  const key = principal.trim().toLowerCase();
  const ns = project.namespace?.toLowerCase();
  return ns && key.startsWith(`${ns}__`) ? key.slice(ns.length + 2) : key;
}
