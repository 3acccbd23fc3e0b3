import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CommandContext } from './context';

interface SnippetFile {
  [name: string]: { prefix: string; description: string; body: string[] };
}

const FILES = ['snippets/mule-recovery.json', 'snippets/flow-recovery.json'];

export interface RecoverySnippet {
  readonly label: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: string;
}

export function recoverySnippets(ctx: CommandContext): RecoverySnippet[] {
  const out: RecoverySnippet[] = [];
  for (const f of FILES) {
    const snippets = JSON.parse(readFileSync(ctx.extension.asAbsolutePath(f), 'utf8')) as SnippetFile;
    for (const [label, s] of Object.entries(snippets)) out.push({ label, prefix: s.prefix, description: s.description, body: s.body.join('\n') });
  }
  return out;
}

/** Quick pick of the recovery snippets (or the one named), inserted at the cursor as a snippet (tab stops work). */
export async function insertRecoverySnippet(ctx: CommandContext, name?: unknown): Promise<boolean> {
  const items = recoverySnippets(ctx).map((s) => ({ label: s.label, description: s.prefix, detail: s.description, body: s.body }));
  const picked =
    typeof name === 'string'
      ? items.find((i) => i.label === name)
      : await vscode.window.showQuickPick(items, { placeHolder: 'Insert a Session Guard recovery snippet', matchOnDetail: true });
  const editor = vscode.window.activeTextEditor;
  if (!picked || !editor) return false;
  return editor.insertSnippet(new vscode.SnippetString(picked.body));
}
