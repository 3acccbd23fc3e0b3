/**
 * Runs the bundled CLI (dist/cli.js) in a child process for Diagnose and Probe. Error texts and
 * tokens go to the child over stdin and the environment, never over the language-server protocol
 * (whose verbose trace would log them) and never on a command line.
 */
import { fork } from 'node:child_process';
import type * as vscode from 'vscode';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(
  extension: vscode.ExtensionContext,
  args: readonly string[],
  opts: { stdin?: string; env?: Record<string, string>; token?: vscode.CancellationToken; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = fork(extension.asAbsolutePath('dist/cli.js'), [...args], {
      execArgv: [],
      // In desktop VS Code the extension host is Electron; this makes the child a plain Node process.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), opts.timeoutMs ?? 120_000);
    const cancel = opts.token?.onCancellationRequested(() => child.kill());
    child.on('error', (e) => {
      clearTimeout(timer);
      cancel?.dispose();
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      cancel?.dispose();
      resolve({ code, stdout, stderr });
    });
    child.stdin!.on('error', () => undefined); // the child may exit before reading everything
    child.stdin!.end(opts.stdin ?? '');
  });
}
