/**
 * The recovery snippets: Mule ones in Mule files, Flow ones in Flow files (both in a document of neither
 * kind, such as a new untitled one), offered as completions (`sg-…` prefixes) and by "Insert Recovery
 * Snippet". They are not contributed to VS Code's snippet registry, which knows only languages: Mule
 * configuration and Flows are both XML.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { documentKind } from '../relevance';
import type { CommandContext } from './context';

interface SnippetFile {
  [name: string]: { prefix: string; description: string; body: string[] };
}

const FILES = [
  { kind: 'mule', file: 'snippets/mule-recovery.json' },
  { kind: 'flow', file: 'snippets/flow-recovery.json' },
] as const;

export interface RecoverySnippet {
  readonly label: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: string;
  readonly kind: 'mule' | 'flow';
}

/** Read once per activation: completions ask for them at every keystroke in an XML document. */
const loaded = new WeakMap<CommandContext['extension'], RecoverySnippet[]>();

export function recoverySnippets(ctx: CommandContext): RecoverySnippet[] {
  const cached = loaded.get(ctx.extension);
  if (cached) return cached;
  const out: RecoverySnippet[] = [];
  for (const { kind, file } of FILES) {
    const snippets = JSON.parse(readFileSync(ctx.extension.asAbsolutePath(file), 'utf8')) as SnippetFile;
    for (const [label, s] of Object.entries(snippets)) out.push({ label, prefix: s.prefix, description: s.description, body: s.body.join('\n'), kind });
  }
  loaded.set(ctx.extension, out);
  return out;
}

/** The snippets that belong in a document: its kind's, or all of them when it is of no kind Session Guard knows. */
export function snippetsFor(ctx: CommandContext, doc: vscode.TextDocument): RecoverySnippet[] {
  const kind = documentKind(doc.uri.path, doc.getText(new vscode.Range(0, 0, 20, 0)));
  const all = recoverySnippets(ctx);
  return kind === 'mule' || kind === 'flow' ? all.filter((s) => s.kind === kind) : all;
}

/** Quick pick of the recovery snippets for the active document (or the one named), inserted at the cursor as a snippet. */
export async function insertRecoverySnippet(ctx: CommandContext, name?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const items = snippetsFor(ctx, editor.document).map((s) => ({ label: s.label, description: s.prefix, detail: s.description, body: s.body }));
  const picked =
    typeof name === 'string'
      ? items.find((i) => i.label === name)
      : await vscode.window.showQuickPick(items, { placeHolder: 'Insert a Session Guard recovery snippet', matchOnDetail: true });
  if (!picked) return false;
  return editor.insertSnippet(new vscode.SnippetString(picked.body));
}

/** Completions for the `sg-…` prefixes, of the document's kind. */
export function registerSnippetCompletions(ctx: CommandContext): void {
  ctx.extension.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      [{ language: 'xml' }],
      {
        provideCompletionItems(doc) {
          return snippetsFor(ctx, doc).map((s) => {
            const item = new vscode.CompletionItem({ label: s.prefix, description: s.label }, vscode.CompletionItemKind.Snippet);
            item.insertText = new vscode.SnippetString(s.body);
            item.documentation = new vscode.MarkdownString().appendText(s.description).appendCodeblock(s.body, 'xml');
            item.detail = `Session Guard: ${s.label}`;
            return item;
          });
        },
      },
      '-',
    ),
  );
}
