/**
 * A login from the Salesforce CLI: `sf org display --json --target-org ALIAS`. The access token it
 * returns stays in memory; error messages are passed through redaction.
 */
import { execFile } from 'node:child_process';
import { redact } from '../../core/diagnose/redact';

export interface SfLogin {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly username?: string;
  readonly orgId?: string;
}

export class SfCliError extends Error {}

const SF_MISSING =
  'The Salesforce CLI (sf) was not found on PATH. Install it (npm install --global @salesforce/cli) and log in with `sf org login web --alias ALIAS`, or pass --instance-url and --access-token instead of --target-org.';

export function sfOrgDisplay(alias: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000): Promise<SfLogin> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === 'win32';
    execFile(
      windows ? 'sf.cmd' : 'sf',
      ['org', 'display', '--json', '--target-org', alias],
      { env, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, shell: windows, windowsHide: true },
      (err, stdout) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new SfCliError(SF_MISSING));
        let json: { status?: number; message?: string; name?: string; result?: Record<string, unknown> } | undefined;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        if (!json) {
          const why = err
            ? (err as { killed?: boolean }).killed
              ? `timed out after ${timeoutMs / 1000} s`
              : `exited with ${(err as { code?: unknown }).code}`
            : 'printed no JSON';
          return reject(new SfCliError(`\`sf org display --target-org ${alias}\` ${why}.`));
        }
        if (json.status !== 0 || !json.result) {
          return reject(new SfCliError(`\`sf org display --target-org ${alias}\` failed: ${redact(String(json.message ?? json.name ?? 'unknown error'))}`));
        }
        const r = json.result;
        if (typeof r.accessToken !== 'string' || typeof r.instanceUrl !== 'string') {
          return reject(
            new SfCliError(
              `\`sf org display --target-org ${alias}\` returned no access token or instance URL; log in again with \`sf org login web --alias ${alias}\`.`,
            ),
          );
        }
        resolve({
          instanceUrl: r.instanceUrl,
          accessToken: r.accessToken,
          ...(typeof r.username === 'string' ? { username: r.username } : {}),
          ...(typeof r.id === 'string' ? { orgId: r.id } : {}),
        });
      },
    );
  });
}
