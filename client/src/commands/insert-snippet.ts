import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CommandContext } from './index';

interface SnippetFile {
  [name: string]: { prefix: string; description: string; body: string[] };
}

const FILES = ['snippets/mule-recovery.json', 'snippets/flow-recovery.json'];

/** Quick pick of the recovery snippets, inserted at the cursor as a snippet (tab stops work). */
export async function insertRecoverySnippet(ctx: CommandContext, name?: unknown): Promise<boolean> {
  const items: (vscode.QuickPickItem & { body: string })[] = [];
  for (const f of FILES) {
    const snippets = JSON.parse(readFileSync(ctx.extension.asAbsolutePath(f), 'utf8')) as SnippetFile;
    for (const [label, s] of Object.entries(snippets)) items.push({ label, description: s.prefix, detail: s.description, body: s.body.join('\n') });
  }
  const picked = typeof name === 'string' ? items.find((i) => i.label === name) : await vscode.window.showQuickPick(items, { placeHolder: 'Insert a Session Guard recovery snippet', matchOnDetail: true });
  const editor = vscode.window.activeTextEditor;
  if (!picked || !editor) return false;
  return editor.insertSnippet(new vscode.SnippetString(picked.body));
}
