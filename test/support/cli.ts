/** Runs the CLI in-process with captured output, or the built binary as a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../server/cli/main';

export const REPO = join(__dirname, '..', '..');

export async function cli(
  argv: string[],
  cwd = REPO,
  stdin = '',
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    env,
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

export function binary(argv: string[], cwd = REPO, input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'session-guard.js'), ...argv], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
