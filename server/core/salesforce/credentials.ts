/**
 * Named Credentials (legacy and new-style SecuredEndpoint), External Credentials and External
 * Service Registrations, read from source-format metadata.
 */
import type { SourceFile } from '../project/source-file';
import type { XmlElement } from '../xml/types';
import { apiNameOf } from '../project/layout';
import { kids, leaf, leafBool, leafValue, metadataRoot, type Located } from './metadata';

export interface NamedCredentialModel {
  readonly file: SourceFile;
  readonly name: string;
  readonly style: 'legacy' | 'secured-endpoint';
  /** Legacy only: NamedUser | PerUser | Anonymous. */
  readonly principalType: Located | undefined;
  /** Legacy only: NoAuthentication | Password | Oauth | Jwt | JwtExchange | AwsSv4. */
  readonly protocol: Located | undefined;
  readonly generateAuthorizationHeader: Located | undefined;
  readonly allowMergeFieldsInHeader: boolean | undefined;
  /** Apex may put `{!$Credential.…}` merge fields in the request body (a token endpoint's client_id/client_secret). */
  readonly allowMergeFieldsInBody: boolean | undefined;
  /** Legacy `endpoint`, or the `Url` parameter of a new-style credential. */
  readonly endpoint: Located | undefined;
  /** New style: the External Credential it authenticates with. */
  readonly externalCredential: Located | undefined;
  /** New style: custom headers set on the credential (`HttpHeader` parameters), by lower-cased name. */
  readonly headers: ReadonlySet<string>;
}

export interface Principal {
  readonly type: 'NamedPrincipal' | 'PerUserPrincipal' | 'AwsStsPrincipal';
  /** The principal's name (`parameterName`, else `parameterGroup`). */
  readonly name: string;
  /** `parameterGroup` when it differs from the name (access may be written with either). */
  readonly group: string | undefined;
  /** Range of the `<parameterType>` text. */
  readonly start: number;
  readonly end: number;
  /** The `<externalCredentialParameters>` element. */
  readonly el: XmlElement;
  /** API 56.0: the permission set the principal was mapped to on the credential itself (`<principal>`). */
  readonly permissionSet: string | undefined;
}

export interface ExternalCredentialModel {
  readonly file: SourceFile;
  readonly name: string;
  readonly protocol: Located | undefined;
  /**
   * Where it says it sends no credentials: the Custom protocol's `AuthProtocolVariant` parameter `NoAuthentication`
   * (or the protocol itself written as `NoAuthentication`). Undefined when it authenticates.
   */
  readonly noAuthentication: Located | undefined;
  readonly principals: readonly Principal[];
}

export interface ExternalServiceModel {
  readonly file: SourceFile;
  readonly name: string;
  readonly namedCredential: Located | undefined;
  /** Operation names (lower-cased); empty when the registration does not list them. */
  readonly operations: ReadonlySet<string>;
}

export function parseNamedCredential(file: SourceFile): NamedCredentialModel | undefined {
  const root = metadataRoot(file, 'NamedCredential');
  if (!root) return undefined;
  const type = leafValue(file, root, 'namedCredentialType');
  let endpoint = leaf(file, root, 'endpoint');
  let externalCredential: Located | undefined;
  const headers = new Set<string>();
  for (const p of kids(root, 'namedCredentialParameters')) {
    const ptype = leafValue(file, p, 'parameterType');
    if (ptype === 'Url') endpoint ??= leaf(file, p, 'parameterValue');
    else if (ptype === 'Authentication') externalCredential ??= leaf(file, p, 'externalCredential');
    else if (ptype === 'HttpHeader') headers.add((leafValue(file, p, 'parameterName') ?? '').toLowerCase());
  }
  const secured = type !== undefined || externalCredential !== undefined;
  return {
    file,
    name: apiNameOf(file.path),
    style: secured ? 'secured-endpoint' : 'legacy',
    principalType: leaf(file, root, 'principalType'),
    protocol: leaf(file, root, 'protocol'),
    generateAuthorizationHeader: leaf(file, root, 'generateAuthorizationHeader'),
    allowMergeFieldsInHeader: leafBool(file, root, 'allowMergeFieldsInHeader'),
    allowMergeFieldsInBody: leafBool(file, root, 'allowMergeFieldsInBody'),
    endpoint,
    externalCredential,
    headers,
  };
}

export function parseExternalCredential(file: SourceFile): ExternalCredentialModel | undefined {
  const root = metadataRoot(file, 'ExternalCredential');
  if (!root) return undefined;
  const principals: Principal[] = [];
  const protocol = leaf(file, root, 'authenticationProtocol');
  let noAuthentication = protocol?.value === 'NoAuthentication' ? protocol : undefined;
  for (const p of kids(root, 'externalCredentialParameters')) {
    const t = leaf(file, p, 'parameterType');
    if (t?.value === 'AuthProtocolVariant') {
      const v = leaf(file, p, 'parameterValue');
      if (v?.value === 'NoAuthentication') noAuthentication ??= v;
    }
    if (t && (t.value === 'NamedPrincipal' || t.value === 'PerUserPrincipal' || t.value === 'AwsStsPrincipal')) {
      const name = leafValue(file, p, 'parameterName') ?? leafValue(file, p, 'parameterGroup') ?? '';
      const group = leafValue(file, p, 'parameterGroup');
      principals.push({
        type: t.value,
        name,
        group: group && group !== name ? group : undefined,
        start: t.start,
        end: t.end,
        el: p,
        permissionSet: leafValue(file, p, 'principal') || undefined,
      });
    }
  }
  return { file, name: apiNameOf(file.path), protocol, noAuthentication, principals };
}

export function parseExternalService(file: SourceFile): ExternalServiceModel | undefined {
  const root = metadataRoot(file, 'ExternalServiceRegistration');
  if (!root) return undefined;
  const operations = new Set<string>();
  for (const op of kids(root, 'operations')) {
    const n = leafValue(file, op, 'name');
    if (n) operations.add(n.toLowerCase());
  }
  return {
    file,
    name: apiNameOf(file.path),
    namedCredential: leaf(file, root, 'namedCredential') ?? leaf(file, root, 'namedCredentialReference'),
    operations,
  };
}
