/**
 * Diagnose Error from Clipboard / Diagnose Selection / Probe Org: the text goes to the bundled CLI
 * (`session-guard diagnose - --format json`) over stdin, the language server locates the failing
 * element from the redacted context, and the runbook panel shows the result and any live probe.
 */
import * as vscode from 'vscode';
import { CLIENT_COMMANDS, SERVER_COMMANDS, type Diagnosis, type FailureLocationInfo, type ProbeReport } from '../../../server/lsp/protocol';
import { runCli } from '../cli-runner';
import { alertPayload } from '../runbook/alert';
import { RunbookPanel, type RunbookHandlers } from '../runbook/panel';
import type { CommandContext } from './context';
import { recoverySnippets } from './insert-snippet';
import { askProbeOptions, PROBE_UNTRUSTED, runProbeCli, type ProbeOptions } from './probe';

/** The last XML editor the user worked in: where "Insert recovery snippet" goes. */
let lastXmlEditor: vscode.TextEditor | undefined;

export function trackXmlEditors(ctx: CommandContext): void {
  const track = (e: vscode.TextEditor | undefined) => {
    if (e && (e.document.languageId === 'xml' || /\.xml$/i.test(e.document.uri.path))) lastXmlEditor = e;
  };
  track(vscode.window.activeTextEditor);
  ctx.extension.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(track));
}

export async function diagnoseClipboard(ctx: CommandContext): Promise<Diagnosis | undefined> {
  const text = await vscode.env.clipboard.readText();
  if (!text.trim()) {
    void vscode.window.showWarningMessage(
      'Session Guard: the clipboard is empty. Copy the error text first (a Mule log, a Flow fault e-mail, jsforce or sf CLI output…).',
    );
    return undefined;
  }
  return diagnoseText(ctx, text);
}

export async function diagnoseSelection(ctx: CommandContext): Promise<Diagnosis | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Session Guard: open the error text in an editor and select it, or use "Diagnose Error from Clipboard".');
    return undefined;
  }
  const selected = editor.selections.filter((s) => !s.isEmpty).map((s) => editor.document.getText(s));
  const text = selected.length ? selected.join('\n') : editor.document.getText();
  if (!text.trim()) {
    void vscode.window.showWarningMessage('Session Guard: nothing to diagnose: the selection and the document are empty.');
    return undefined;
  }
  return diagnoseText(ctx, text);
}

async function diagnoseText(ctx: CommandContext, text: string): Promise<Diagnosis | undefined> {
  const run = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Session Guard: diagnosing…' }, () =>
    runCli(ctx.extension, ['diagnose', '-', '--format', 'json'], { stdin: text }),
  );
  if (run.code !== 0) {
    void vscode.window.showErrorMessage(`Session Guard could not diagnose the text: ${run.stderr.trim().split('\n')[0]}`);
    return undefined;
  }
  const diagnosis = JSON.parse(run.stdout) as Diagnosis;
  const locations = await locate(ctx, diagnosis);
  const panel = RunbookPanel.show(ctx.extension.extensionUri, handlers(ctx), text);
  panel.showDiagnosis(diagnosis, locations, vscode.workspace.isTrusted, vscode.workspace.isTrusted ? undefined : PROBE_UNTRUSTED);
  return diagnosis;
}

async function locate(ctx: CommandContext, d: Diagnosis): Promise<FailureLocationInfo[]> {
  if (!d.context.muleElement && !d.context.flowApiName) return [];
  try {
    const client = await ctx.client.start();
    return (
      ((await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.locateFailure, arguments: [d.context] })) as
        FailureLocationInfo[] | null) ?? []
    );
  } catch (e) {
    ctx.client.output.appendLine(`Could not locate the failure in the workspace: ${(e as Error).message}`);
    return [];
  }
}

function handlers(ctx: CommandContext): RunbookHandlers {
  return {
    async openLocation(loc) {
      const r = loc.range;
      await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), {
        viewColumn: vscode.ViewColumn.One,
        preview: false,
        selection: new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character),
      });
    },
    async insertSnippet(d, locations) {
      const snippet = recoverySnippets(ctx).find((s) => s.label === d.snippet);
      if (!snippet) return;
      const open = lastXmlEditor && !lastXmlEditor.document.isClosed ? lastXmlEditor : undefined;
      if (open) {
        const editor = await vscode.window.showTextDocument(open.document, { viewColumn: open.viewColumn ?? vscode.ViewColumn.One, preview: false });
        await editor.insertSnippet(new vscode.SnippetString(snippet.body));
        return;
      }
      const loc = locations[0];
      if (!loc) {
        void vscode.window.showInformationMessage(
          `Session Guard: open the XML file where "${snippet.label}" goes, place the cursor, and press the button again.`,
        );
        return;
      }
      // Before the failing element, on its own line, with the element's indentation.
      const at = new vscode.Position(loc.range.start.line, loc.range.start.character);
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), {
        viewColumn: vscode.ViewColumn.One,
        preview: false,
        selection: new vscode.Range(at, at),
      });
      await editor.insertSnippet(new vscode.SnippetString(`${snippet.body}\n`), at);
    },
    async copyAlert(d, locations) {
      await vscode.env.clipboard.writeText(alertPayload(d, locations));
      RunbookPanel.current?.notice('Alert payload copied to the clipboard.');
    },
    async probe(panel) {
      await probeOrg(ctx, { errorText: panel.errorText });
    },
    async openDocs(ruleId) {
      const client = await ctx.client.start();
      await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.showRuleDocumentation, arguments: [ruleId] });
    },
  };
}

/** Probe Org: from the palette (prompts), from the panel (with the diagnosed text), or with options (tests, keybindings). */
export async function probeOrg(ctx: CommandContext, given?: unknown): Promise<ProbeReport | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`Session Guard: ${PROBE_UNTRUSTED}`);
    return undefined;
  }
  const opts = await askProbeOptions(probeOptionsFrom(given));
  if (!opts) return undefined;
  const panel = RunbookPanel.current ?? RunbookPanel.show(ctx.extension.extensionUri, handlers(ctx), opts.errorText);
  panel.panel.reveal(undefined, true);
  panel.showProbeRunning();
  const outcome = await runProbeCli(ctx, opts);
  if ('error' in outcome) {
    panel.showProbeFailed(outcome.error);
    void vscode.window.showErrorMessage(`Session Guard: ${outcome.error}`);
    return undefined;
  }
  panel.showProbe(outcome.report);
  return outcome.report;
}

function probeOptionsFrom(v: unknown): ProbeOptions {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' && o[k] ? { [k]: o[k] as string } : {});
  return { ...str('targetOrg'), ...str('instanceUrl'), ...str('accessToken'), ...str('user'), ...str('errorText') };
}

export const DIAGNOSE_COMMANDS = [
  { id: CLIENT_COMMANDS.diagnoseClipboard, run: diagnoseClipboard },
  { id: CLIENT_COMMANDS.diagnoseSelection, run: diagnoseSelection },
  { id: CLIENT_COMMANDS.probeOrg, run: probeOrg },
] as const;
