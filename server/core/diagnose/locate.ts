/**
 * Finds where a diagnosed failure happened in the workspace: the Mule element a log names
 * (`Element : flow/processors/2 @ app:orders.xml:42`) or the Flow a fault e-mail names
 * (`Flow API Name: Sync_Invoices`). Several apps may hold a file of that name; the one whose folder
 * is named like the deployed app comes first. For a Salesforce operation, also the connection
 * (`salesforce:sfdc-config`) it uses: whether that connection logs in again decides what a session
 * failure does, so its findings belong in the answer.
 */
import type { Program } from '../program/program';
import { walk } from '../xml/dom';
import type { Diagnosis } from './classify';

/** A place in the workspace (offsets into `path`). */
export interface WorkspaceRange {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
  readonly label: string;
}

export interface FailureLocation {
  readonly kind: 'mule-element' | 'flow';
  readonly path: string;
  /** The element the error names (its whole range), or the Flow's root element. */
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
  readonly label: string;
  /** The Salesforce configuration the failing operation uses (`config-ref`), when it resolves. */
  readonly connection?: WorkspaceRange;
}

const MULE_DIR = '/src/main/mule/';

export function locateFailure(program: Program, context: Diagnosis['context']): FailureLocation[] {
  const out: FailureLocation[] = [];
  const el = context.muleElement;
  if (el) {
    const file = el.file.replace(/\\/g, '/').replace(/^\/+/, '');
    const candidates: { path: string; exact: boolean }[] = [];
    for (const path of program.paths()) {
      if (!path.endsWith(`${MULE_DIR}${file}`) || !program.isMuleXml(path)) continue;
      const appRoot = path.slice(0, path.length - MULE_DIR.length - file.length);
      const folder = appRoot.slice(appRoot.lastIndexOf('/') + 1);
      candidates.push({ path, exact: folder === el.app || folder.startsWith(`${el.app}-`) || el.app.startsWith(`${folder}-`) });
    }
    candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || (a.path < b.path ? -1 : 1));
    for (const c of candidates) {
      const range = elementOnLine(program, c.path, el.line);
      const connection = connectionOf(program, c.path, range);
      out.push({
        kind: 'mule-element',
        path: c.path,
        ...range,
        line: el.line,
        label: `${el.file}:${el.line} (${el.path})`,
        ...(connection ? { connection } : {}),
      });
    }
  }
  if (context.flowApiName) {
    const suffix = `/${context.flowApiName}.flow-meta.xml`;
    for (const path of [...program.paths()].sort()) {
      if (!path.endsWith(suffix)) continue;
      const flowFile = program.file(path);
      if (!flowFile) continue;
      const root = flowFile.xml.root;
      out.push({
        kind: 'flow',
        path,
        start: root?.start ?? 0,
        end: root?.end ?? 0,
        line: root ? flowFile.lines.positionAt(root.start).line : 1,
        label: `Flow ${context.flowApiName}`,
      });
    }
  }
  return out;
}

/** The Salesforce configuration used by the first Salesforce operation at or inside the range. */
function connectionOf(program: Program, path: string, range: { start: number; end: number }): WorkspaceRange | undefined {
  const app = program.muleApp(program.unitOf(path));
  const op = app?.operations.find((o) => o.file.path === path && o.el.start >= range.start && o.el.start < Math.max(range.end, range.start + 1));
  const config = op?.config;
  if (!config) return undefined;
  const file = program.file(config.file.path);
  if (!file) return undefined;
  const line = file.lines.positionAt(config.el.start).line;
  const name = config.file.path.slice(config.file.path.lastIndexOf('/') + 1);
  return { path: config.file.path, start: config.el.start, end: config.el.end, line, label: `Salesforce connection '${config.name}' (${name}:${line})` };
}

/** The outermost element whose start tag begins on `line`, or the line's text. */
function elementOnLine(program: Program, path: string, line: number): { start: number; end: number } {
  const file = program.file(path);
  if (!file) return { start: 0, end: 0 };
  const lines = file.lines;
  if (line < 1 || line > lines.lineCount) return { start: 0, end: 0 };
  const from = lines.lineStart(line);
  const to = line < lines.lineCount ? lines.lineStart(line + 1) : file.text.length;
  let found: { start: number; end: number } | undefined;
  const root = file.xml.root;
  if (root) {
    walk(root, (e) => {
      if (found || e.end < from || e.start >= to) return false;
      if (e.start >= from) {
        found = { start: e.start, end: e.end };
        return false;
      }
      return true;
    });
  }
  if (found) return found;
  const lineText = file.text.slice(from, to);
  const lead = lineText.length - lineText.trimStart().length;
  return { start: from + lead, end: from + lineText.trimEnd().length };
}
