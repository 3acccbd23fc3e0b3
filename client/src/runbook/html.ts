/**
 * The runbook panel's page: a strict Content-Security-Policy (nothing by default; the page script and
 * stylesheet only from the extension, the script only with this load's nonce), no inline script.
 * Pure, so the security tests render exactly this page in Chromium.
 */
export interface RunbookPage {
  /** The webview's resource origin (`webview.cspSource`). */
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
  readonly scriptUri: string;
  /** Extra markup before the page script (tests inject a stand-in for acquireVsCodeApi). */
  readonly beforeScript?: string;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function runbookHtml(p: RunbookPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
    `style-src ${p.cspSource} 'nonce-${p.nonce}'`,
    `script-src 'nonce-${p.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(p.styleUri)}" nonce="${attr(p.nonce)}">
<title>Session Guard: Runbook</title>
</head>
<body>
<main id="app"><p>Loading…</p></main>
${p.beforeScript ?? ''}<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>`;
}
