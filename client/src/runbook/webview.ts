/**
 * The runbook panel's page script (bundled to media/runbook.js, loaded with the CSP nonce). It
 * renders what the extension posts with DOM APIs only (textContent, never innerHTML), so nothing in
 * an error text can become markup. Checklist state survives the panel being hidden.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import type { Diagnosis, FailureLocationInfo, ProbeReport } from '../../../server/lsp/protocol';
import type { FromWebview, ToWebview } from './messages';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: unknown): void };

// Lit falls back to <style> elements without constructable stylesheets; give them the page nonce.
(globalThis as { litNonce?: string }).litNonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? undefined;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

interface SavedState {
  readonly key: string;
  readonly checked: boolean[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
function el(tag: string, attrs?: Record<string, string>, ...children: (Node | string)[]): HTMLElement;
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function button(label: string, onClick: () => void, opts: { secondary?: boolean; disabled?: boolean; title?: string; id?: string } = {}): HTMLElement {
  const b = el('vscode-button', { ...(opts.id ? { id: opts.id } : {}), ...(opts.title ? { title: opts.title } : {}) }, label);
  if (opts.secondary) b.setAttribute('secondary', '');
  if (opts.disabled) b.setAttribute('disabled', '');
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

const pct = (c: number) => `${Math.round(c * 100)}%`;

function renderDiagnosis(d: Diagnosis, locations: readonly FailureLocationInfo[], canProbe: boolean, probeBlockedReason?: string): void {
  app.replaceChildren();
  const header = el('header', {}, el('h1', { id: 'title' }, d.title), el('vscode-badge', { id: 'cause' }, d.cause));
  const meter = el('div', {
    class: 'meter',
    role: 'meter',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
    'aria-valuenow': String(Math.round(d.confidence * 100)),
    'aria-label': 'confidence',
  });
  meter.append(el('div', { class: 'meter-fill' }));
  (meter.firstChild as HTMLElement).style.width = pct(d.confidence);
  const recoverable =
    d.cause === 'UNKNOWN'
      ? ''
      : d.recoverable === 'yes'
        ? 'Recoverable by a bounded retry or re-authentication'
        : d.recoverable === 'no'
          ? 'Not recoverable by retrying: a person has to act'
          : 'Recoverable or not: unknown until the cause is confirmed';
  header.append(
    el(
      'div',
      { class: 'meta' },
      el('span', { id: 'confidence' }, `Confidence ${pct(d.confidence)}`),
      meter,
      el('span', { id: 'recoverable', class: d.recoverable === 'yes' ? 'ok' : d.recoverable === 'no' ? 'stop' : 'unsure' }, recoverable),
    ),
  );
  app.append(header, el('p', { id: 'summary' }, d.summary));

  if (locations.length || d.context.muleElement || d.context.flowApiName) app.append(whereSection(d, locations));
  app.append(evidenceSection(d));
  app.append(el('section', { id: 'recovery' }, el('h2', {}, 'Recovery'), el('p', {}, d.recovery)));
  app.append(runbookSection(d));

  const actions = el('section', { id: 'actions' });
  actions.append(button('Copy alert payload', () => vscode.postMessage({ type: 'copy-alert' }), { id: 'copy-alert' }));
  if (d.snippet)
    actions.append(
      button(`Insert recovery snippet: ${d.snippet}`, () => vscode.postMessage({ type: 'insert-snippet' }), { id: 'insert-snippet', secondary: true }),
    );
  actions.append(
    button('Probe org…', () => vscode.postMessage({ type: 'probe' }), {
      id: 'probe',
      secondary: true,
      disabled: !canProbe,
      ...(probeBlockedReason ? { title: probeBlockedReason } : {}),
    }),
  );
  app.append(actions);
  if (!canProbe && probeBlockedReason) app.append(el('p', { class: 'note', id: 'probe-blocked' }, probeBlockedReason));

  if (d.alternatives.length) {
    app.append(
      el(
        'section',
        { id: 'alternatives' },
        el('h2', {}, 'Also possible'),
        el('ul', {}, ...d.alternatives.map((a) => el('li', {}, `${a.cause} (${pct(a.confidence)})`))),
      ),
    );
  }
  app.append(el('section', { id: 'probe-result', hidden: '' }));
}

function whereSection(d: Diagnosis, locations: readonly FailureLocationInfo[]): HTMLElement {
  const s = el('section', { id: 'where' }, el('h2', {}, 'Where'));
  const facts: string[] = [];
  if (d.context.muleElement)
    facts.push(`Mule element ${d.context.muleElement.path} in ${d.context.muleElement.app}, ${d.context.muleElement.file}:${d.context.muleElement.line}`);
  if (d.context.muleErrorType) facts.push(`Error type ${d.context.muleErrorType}`);
  if (d.context.flowApiName) facts.push(`Flow ${d.context.flowApiName}`);
  if (d.context.user) facts.push(`Running user ${d.context.user}`);
  if (d.context.orgId) facts.push(`Org ${d.context.orgId}`);
  s.append(el('ul', { class: 'facts' }, ...facts.map((f) => el('li', {}, f))));
  if (!locations.length) s.append(el('p', { class: 'note' }, 'Not found in this workspace.'));
  locations.forEach((loc, i) => {
    const item = el('div', { class: 'location' });
    item.append(button(`Open ${loc.label}`, () => vscode.postMessage({ type: 'open-location', index: i }), { secondary: true }));
    item.append(findingList(loc.findings, 'No Session Guard findings on this element.'));
    const c = loc.connection;
    if (c) {
      // The connection decides whether a session failure logs in again: its findings matter here too.
      const conn = el('div', { class: 'connection' });
      conn.append(el('p', { class: 'connection-label' }, `Uses ${c.label}`));
      conn.append(button(`Open ${c.label}`, () => vscode.postMessage({ type: 'open-connection', index: i }), { secondary: true }));
      conn.append(findingList(c.findings, 'No Session Guard findings on this connection.'));
      item.append(conn);
    }
    s.append(item);
  });
  return s;
}

function findingList(findings: FailureLocationInfo['findings'], none: string): HTMLElement {
  if (!findings.length) return el('p', { class: 'note' }, none);
  return el(
    'ul',
    { class: 'findings' },
    ...findings.map((f) => {
      const docs = el('a', { href: '#', class: 'rule' }, f.ruleId);
      docs.addEventListener('click', (ev) => {
        ev.preventDefault();
        vscode.postMessage({ type: 'open-docs', ruleId: f.ruleId });
      });
      return el('li', { class: `finding ${f.severity}` }, el('span', { class: 'sev' }, f.severity), ` line ${f.line}: ${f.message} `, docs);
    }),
  );
}

function evidenceSection(d: Diagnosis): HTMLElement {
  const s = el('section', { id: 'evidence' }, el('h2', {}, 'Evidence'));
  const pre = el('pre', { id: 'redacted' });
  const spans = [...d.evidence].sort((a, b) => a.redactedStart - b.redactedStart || b.redactedEnd - a.redactedEnd);
  let at = 0;
  for (const e of spans) {
    if (e.redactedStart < at || e.redactedEnd <= e.redactedStart) continue; // nested or empty: the outer mark shows it
    pre.append(d.redacted.slice(at, e.redactedStart));
    pre.append(
      el(
        'mark',
        { class: e.cause === d.cause ? 'primary' : 'alternative', title: `${e.means} (${e.signal})`, 'data-signal': e.signal },
        d.redacted.slice(e.redactedStart, e.redactedEnd),
      ),
    );
    at = e.redactedEnd;
  }
  pre.append(d.redacted.slice(at));
  s.append(pre);
  const own = d.evidence.filter((e) => e.cause === d.cause);
  if (own.length) s.append(el('ul', { class: 'signals' }, ...own.map((e) => el('li', {}, el('code', {}, e.text), ` — ${e.means}`))));
  return s;
}

function runbookSection(d: Diagnosis): HTMLElement {
  const key = `${d.cause}:${d.redacted.length}:${d.runbook.length}`;
  const saved = vscode.getState() as SavedState | undefined;
  const checked = saved?.key === key ? [...saved.checked] : d.runbook.map(() => false);
  const s = el('section', { id: 'runbook' }, el('h2', {}, 'Runbook'));
  const list = el('ol', { class: 'checklist' });
  d.runbook.forEach((step, i) => {
    const box = el('vscode-checkbox', { label: `${i + 1}. ${step}` });
    (box as HTMLElement & { checked: boolean }).checked = checked[i];
    box.addEventListener('change', () => {
      checked[i] = (box as HTMLElement & { checked: boolean }).checked;
      vscode.setState({ key, checked } satisfies SavedState);
    });
    list.append(el('li', {}, box));
  });
  s.append(list);
  return s;
}

function probeSection(): HTMLElement {
  let s = document.getElementById('probe-result');
  if (!s) app.append((s = el('section', { id: 'probe-result' })));
  s.removeAttribute('hidden');
  s.replaceChildren(el('h2', {}, 'Live probe'));
  return s;
}

function renderProbe(r: ProbeReport): void {
  const s = probeSection();
  s.append(el('p', { class: 'note' }, `${r.instanceUrl} (API v${r.apiVersion})`));
  const table = el('table', { class: 'checks' });
  for (const c of r.checks) table.append(el('tr', { class: c.status }, el('td', { class: 'status' }, c.status), el('td', {}, c.title), el('td', {}, c.detail)));
  s.append(table);
  if (r.confirmed.length)
    s.append(
      el('h3', {}, 'Confirmed'),
      el(
        'ul',
        { class: 'confirmed' },
        ...r.confirmed.map((v) => el('li', {}, el('strong', {}, v.cause), el('ul', {}, ...v.evidence.map((e) => el('li', {}, e))))),
      ),
    );
  if (r.refuted.length)
    s.append(
      el('h3', {}, 'Ruled out'),
      el('ul', { class: 'refuted' }, ...r.refuted.map((v) => el('li', {}, el('strong', {}, v.cause), el('ul', {}, ...v.evidence.map((e) => el('li', {}, e)))))),
    );
  s.append(el('p', { id: 'probe-summary' }, r.summary));
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m?.type) {
    case 'diagnosis':
      renderDiagnosis(m.diagnosis, m.locations, m.canProbe, m.probeBlockedReason);
      break;
    case 'probe-running':
      if (!document.getElementById('title')) app.replaceChildren(el('h1', { id: 'title' }, 'Live probe'));
      probeSection().append(el('p', { class: 'note' }, 'Probing the org…'));
      break;
    case 'probe':
      if (!document.getElementById('title')) app.replaceChildren(el('h1', { id: 'title' }, 'Live probe'));
      renderProbe(m.report);
      break;
    case 'probe-failed':
      if (!document.getElementById('title')) app.replaceChildren(el('h1', { id: 'title' }, 'Live probe'));
      probeSection().append(el('p', { class: 'error' }, m.message));
      break;
    case 'notice': {
      const n = el('p', { class: 'notice', role: 'status' }, m.message);
      document.getElementById('notice')?.remove();
      n.id = 'notice';
      app.prepend(n);
      break;
    }
  }
});

vscode.postMessage({ type: 'ready' });
