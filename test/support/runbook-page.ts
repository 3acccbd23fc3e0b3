/**
 * The runbook panel's page as the extension serves it (client/src/runbook/html.ts with the bundled script
 * and stylesheet), on a local HTTP server for headless Chromium. `stub` is the script that stands in for
 * VS Code's `acquireVsCodeApi`; it runs with the page nonce, as the webview host's would.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runbookHtml } from '../../client/src/runbook/html';
import { REPO } from './cli';

export interface RunbookPage {
  readonly origin: string;
  close(): void;
}

export async function serveRunbookPage(nonce: string, stub: string): Promise<RunbookPage> {
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/runbook.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(REPO, 'dist/webview/runbook.js')));
    if (path === '/runbook.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(REPO, 'media/runbook.css')));
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      runbookHtml({
        cspSource: origin,
        nonce,
        styleUri: `${origin}/runbook.css`,
        scriptUri: `${origin}/runbook.js`,
        beforeScript: `<script nonce="${nonce}">${stub}</script>\n`,
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => server.close() };
}
