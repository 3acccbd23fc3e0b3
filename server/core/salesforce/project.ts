/**
 * An SFDX project: the folder holding `sfdx-project.json`, whose packageDirectories hold the
 * metadata. Metadata files outside any project form one "loose" project (the folder the user
 * linted). Everything is indexed by API name, case-insensitively.
 */
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

export interface SfdxProjectDescriptor {
  /** Folder holding sfdx-project.json ('' for loose metadata). */
  readonly root: string;
  readonly namespace: string | undefined;
  /** Absolute package directory paths; empty means "everything under root". */
  readonly packageDirs: readonly string[];
}

/** Reads sfdx-project.json; a broken file still makes its folder a project (all files included). */
export function readSfdxProject(path: string, text: string): SfdxProjectDescriptor {
  const root = path.slice(0, path.lastIndexOf('/')) || '/';
  let namespace: string | undefined;
  const packageDirs: string[] = [];
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as { namespace?: unknown; packageDirectories?: unknown };
    if (typeof json.namespace === 'string' && json.namespace) namespace = json.namespace;
    if (Array.isArray(json.packageDirectories)) {
      for (const d of json.packageDirectories) {
        const p = d && typeof d === 'object' ? (d as { path?: unknown }).path : undefined;
        if (typeof p === 'string' && p.trim()) packageDirs.push(normalize(`${root}/${p.trim()}`));
      }
    }
  } catch {
    // fall through: the folder is still a project
  }
  return { root, namespace, packageDirs };
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

export function inPackageDirs(d: SfdxProjectDescriptor, path: string): boolean {
  if (d.packageDirs.length === 0) return true;
  return d.packageDirs.some((p) => path.startsWith(p.endsWith('/') ? p : `${p}/`));
}

export class SfdxProject {
  /** The project's Flow files; their models are built on demand (see `flows`, `flowOf`). */
  readonly flowFiles: SourceFile[] = [];
  private flowModels: FlowModel[] | undefined;
  readonly namedCredentials = new Map<string, NamedCredentialModel>();
  readonly externalCredentials = new Map<string, ExternalCredentialModel>();
  readonly externalServices = new Map<string, ExternalServiceModel>();
  readonly apexClasses = new Map<string, ApexClassModel>();

  constructor(
    readonly descriptor: SfdxProjectDescriptor,
    readonly files: readonly SourceFile[],
  ) {
    for (const f of files) {
      const lower = f.path.toLowerCase();
      if (lower.endsWith('.flow-meta.xml')) {
        this.flowFiles.push(f);
      } else if (lower.endsWith('.namedcredential-meta.xml')) {
        const nc = parseNamedCredential(f);
        if (nc) setOnce(this.namedCredentials, nc.name, nc);
      } else if (lower.endsWith('.externalcredential-meta.xml')) {
        const ec = parseExternalCredential(f);
        if (ec) setOnce(this.externalCredentials, ec.name, ec);
      } else if (lower.endsWith('.externalserviceregistration-meta.xml')) {
        const es = parseExternalService(f);
        if (es) setOnce(this.externalServices, es.name, es);
      } else if (lower.endsWith('.cls')) {
        const cls = parseApexClass(f);
        setOnce(this.apexClasses, cls.name, cls);
      }
    }
  }

  /** Every Flow of the project (parsed and kept: prefer `flowOf` when going through them one at a time). */
  get flows(): readonly FlowModel[] {
    return (this.flowModels ??= this.flowFiles.map(parseFlow).filter((f): f is FlowModel => f !== undefined));
  }

  /** The model of one Flow file of the project (not cached: its tree can be freed after use). */
  flowOf(file: SourceFile): FlowModel | undefined {
    return parseFlow(file);
  }

  get namespace(): string | undefined {
    return this.descriptor.namespace;
  }

  /** Resolves `ns__Name` / `Name` to a local API name, or undefined when it belongs to another namespace. */
  localName(name: string): string | undefined {
    const sep = name.indexOf('__');
    if (sep <= 0 || /__(c|e|mdt|r|x|b|kav|share|history|feed)$/i.test(name)) return name;
    const ns = name.slice(0, sep);
    return this.namespace && ns.toLowerCase() === this.namespace.toLowerCase() ? name.slice(sep + 2) : undefined;
  }

  namedCredential(name: string): NamedCredentialModel | undefined {
    return this.namedCredentials.get(name.toLowerCase());
  }
  externalCredential(name: string): ExternalCredentialModel | undefined {
    return this.externalCredentials.get(name.toLowerCase());
  }
  externalService(name: string): ExternalServiceModel | undefined {
    return this.externalServices.get(name.toLowerCase());
  }
  apexClass(name: string): ApexClassModel | undefined {
    return this.apexClasses.get(name.toLowerCase());
  }
}

function setOnce<T>(map: Map<string, T>, name: string, value: T): void {
  const key = name.toLowerCase();
  if (!map.has(key)) map.set(key, value);
}
