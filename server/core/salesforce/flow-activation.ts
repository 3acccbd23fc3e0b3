/**
 * Whether a Flow version in the source ever runs. A source file holds a flow's latest version, whose `status`
 * says whether it is active ("Obsolete—In the UI, this status appears as Inactive": Metadata API, Flow). Before
 * API 44 each version was its own file (`Sync-1.flow`, `Sync-2.flow`) and a FlowDefinition named the active one:
 * "To deactivate an active flow version, set the activeVersionNumber to 0 (zero) or omit the value", and on
 * deployment "the active version numbers in the flow definitions override the status fields in the flows"
 * (Metadata API, FlowDefinition).
 */
import { memoKey } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import type { FlowModel } from './flow';
import { leafValue, metadataRoot } from './metadata';
import type { SfdxProject } from './project';

/** The version a file's name carries (`Sync-2` → Sync, 2), or undefined for an unversioned name. */
function versioned(apiName: string): { name: string; version: number } | undefined {
  const m = /^(.+)-(\d+)$/.exec(apiName);
  return m ? { name: m[1], version: Number(m[2]) } : undefined;
}

const ACTIVE_VERSION = memoKey<{ version: number } | undefined>('flow definition: active version');

/** The active version a FlowDefinition names (0 when none is active); undefined when the file is not one. */
function activeVersionOf(file: SourceFile): { version: number } | undefined {
  return file.memo.get(ACTIVE_VERSION, () => {
    const root = metadataRoot(file, 'FlowDefinition');
    if (!root) return undefined;
    const n = Number(leafValue(file, root, 'activeVersionNumber') ?? '0');
    return { version: Number.isFinite(n) ? n : 0 };
  });
}

/** A Flow version no interview of runs: deactivated, or a version its FlowDefinition does not make active. */
export function isInactive(flow: FlowModel, project: SfdxProject): boolean {
  // A versioned file whose FlowDefinition is in the project: the definition decides, whatever the file's status.
  const v = versioned(flow.apiName);
  const definition = v && project.fileNamed('flow-definition', v.name);
  const active = definition && activeVersionOf(definition);
  if (v && active) return active.version !== v.version;
  return flow.status === 'Obsolete';
}
