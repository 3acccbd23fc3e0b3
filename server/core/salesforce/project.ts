/**
 * An SFDX project: the folder holding `sfdx-project.json`, whose packageDirectories hold the
 * metadata (metadata outside any project forms one "loose" project). The project knows its files by
 * API name from their paths alone, and builds a model only when something asks for it by name: a
 * Flow's Apex action reads and lexes that one class, not the org's 2,700. Models of one file are
 * memoised on that file's version; answers that combine files (a callout's credential chain) on the
 * project, which the Program builds again when any of its files changes.
 */
import { memoKey, Memo } from '../project/memo';
import { roleAndApiName, type FileRole } from '../project/layout';
import type { SfdxProjectDescriptor } from '../project/sfdx-descriptor';
import type { SourceFile } from '../project/source-file';
import { parseApexClass, type ApexClassModel } from './apex';
import {
  parseExternalCredential,
  parseExternalService,
  parseNamedCredential,
  type ExternalCredentialModel,
  type ExternalServiceModel,
  type NamedCredentialModel,
} from './credentials';
import { parseFlow, type FlowModel } from './flow';

export type { SfdxProjectDescriptor } from '../project/sfdx-descriptor';
export { readSfdxProject, inPackageDirs } from '../project/sfdx-descriptor';

/**
 * A project's files by role and lower-cased API name (the first path in sorted order wins, as a
 * deployment would reject the duplicate). Built from paths alone; changes only when files are added,
 * removed or renamed.
 */
export class SalesforceIndex {
  private readonly byRole = new Map<FileRole, Map<string, string>>();
  private readonly pathsByRole = new Map<FileRole, string[]>();
  private readonly paths: string[];

  constructor(paths: Iterable<string>) {
    this.paths = [...paths].sort();
    for (const path of this.paths) {
      const { role, apiName: name } = roleAndApiName(path);
      const ofRole = this.pathsByRole.get(role);
      if (ofRole) ofRole.push(path);
      else this.pathsByRole.set(role, [path]);
      if (name === undefined) continue;
      let names = this.byRole.get(role);
      if (!names) this.byRole.set(role, (names = new Map()));
      const key = name.toLowerCase();
      if (!names.has(key)) names.set(key, path);
    }
  }

  /** The path of the file with this API name and role. */
  pathOf(role: FileRole, name: string): string | undefined {
    return this.byRole.get(role)?.get(name.toLowerCase());
  }

  /** Every path of a role (sorted), whether or not it won its name. */
  pathsOf(role: FileRole): readonly string[] {
    return this.pathsByRole.get(role) ?? [];
  }

  get size(): number {
    return this.paths.length;
  }
}

/** How a project reaches its files: the Program reads them on demand. */
export interface ProjectFiles {
  readonly index: SalesforceIndex;
  /** The file at a path of the index, read when first asked for; undefined when it cannot be read. */
  file(path: string): SourceFile | undefined;
}

const NAMED_CREDENTIAL = memoKey<NamedCredentialModel | undefined>('named credential');
const EXTERNAL_CREDENTIAL = memoKey<ExternalCredentialModel | undefined>('external credential');
const EXTERNAL_SERVICE = memoKey<ExternalServiceModel | undefined>('external service');
const APEX_CLASS = memoKey<ApexClassModel>('apex class');
const FLOW = memoKey<FlowModel | undefined>('flow');

export class SfdxProject {
  /** Answers that combine several files of this build of the project (see `callouts.ts`). */
  readonly memo = new Memo();

  constructor(
    readonly descriptor: SfdxProjectDescriptor,
    private readonly files: ProjectFiles,
  ) {}

  get namespace(): string | undefined {
    return this.descriptor.namespace;
  }

  get index(): SalesforceIndex {
    return this.files.index;
  }

  /** Resolves `ns__Name` / `Name` to a local API name, or undefined when it belongs to another namespace. */
  localName(name: string): string | undefined {
    const sep = name.indexOf('__');
    if (sep <= 0 || /__(c|e|mdt|r|x|b|kav|share|history|feed)$/i.test(name)) return name;
    const ns = name.slice(0, sep);
    return this.namespace && ns.toLowerCase() === this.namespace.toLowerCase() ? name.slice(sep + 2) : undefined;
  }

  /** The file of the project with this role and API name (read on first use). */
  fileNamed(role: FileRole, name: string): SourceFile | undefined {
    const path = this.files.index.pathOf(role, name);
    return path === undefined ? undefined : this.files.file(path);
  }

  /** A file of the project by path (one of `index.pathsOf(role)`; read on first use). */
  file(path: string): SourceFile | undefined {
    return this.files.file(path);
  }

  namedCredential(name: string): NamedCredentialModel | undefined {
    const f = this.fileNamed('named-credential', name);
    return f && namedCredentialOf(f);
  }
  externalCredential(name: string): ExternalCredentialModel | undefined {
    const f = this.fileNamed('external-credential', name);
    return f && externalCredentialOf(f);
  }
  externalService(name: string): ExternalServiceModel | undefined {
    const f = this.fileNamed('external-service', name);
    return f && externalServiceOf(f);
  }
  apexClass(name: string): ApexClassModel | undefined {
    const f = this.fileNamed('apex', name);
    return f && apexClassOf(f);
  }
  /** The Flow with this API name (its model is memoised on the file's version). */
  flow(name: string): FlowModel | undefined {
    const f = this.fileNamed('flow', name);
    return f && flowOf(f);
  }
}

/** The model of one file, memoised on its version (`SourceFile.memo`). */
export function namedCredentialOf(file: SourceFile): NamedCredentialModel | undefined {
  return file.memo.get(NAMED_CREDENTIAL, () => parseNamedCredential(file));
}
export function externalCredentialOf(file: SourceFile): ExternalCredentialModel | undefined {
  return file.memo.get(EXTERNAL_CREDENTIAL, () => parseExternalCredential(file));
}
function externalServiceOf(file: SourceFile): ExternalServiceModel | undefined {
  return file.memo.get(EXTERNAL_SERVICE, () => parseExternalService(file));
}
export function apexClassOf(file: SourceFile): ApexClassModel {
  return file.memo.get(APEX_CLASS, () => parseApexClass(file));
}
export function flowOf(file: SourceFile): FlowModel | undefined {
  return file.memo.get(FLOW, () => parseFlow(file));
}
