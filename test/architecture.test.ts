/**
 * The dependency direction is enforced, not just documented: core ← node ← hosts.
 * The core may import only itself and a few pure libraries; the node layer never imports a host.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..');
const CORE_ALLOWED_PACKAGES = new Set(['yaml']);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g), ...text.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]);
}

describe('architecture', () => {
  it('server/core is pure: no fs, no Node built-ins, no editor or LSP packages, no upward imports', () => {
    const bad: string[] = [];
    for (const file of sources(join(ROOT, 'server', 'core'))) {
      for (const spec of imports(file)) {
        const rel = relative(ROOT, file);
        if (spec.startsWith('.')) {
          const target = relative(ROOT, join(file, '..', spec));
          if (!target.startsWith(join('server', 'core'))) bad.push(`${rel} imports ${spec}`);
        } else if (!CORE_ALLOWED_PACKAGES.has(spec)) bad.push(`${rel} imports package ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the extension (client/) talks to the server only through protocol types', () => {
    const bad: string[] = [];
    for (const file of sources(join(ROOT, 'client', 'src'))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, join(file, '..', spec));
        if (!target.startsWith('client') && target !== join('server', 'lsp', 'protocol')) bad.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('hosts do not import each other (cli and lsp are independent)', () => {
    const bad: string[] = [];
    for (const [host, other] of [
      ['cli', 'lsp'],
      ['lsp', 'cli'],
    ]) {
      for (const file of sources(join(ROOT, 'server', host))) {
        for (const spec of imports(file))
          if (spec.includes(`/${other}/`) || spec.startsWith(`../${other}`)) bad.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('server/node never imports a host (cli, lsp, client)', () => {
    const bad: string[] = [];
    for (const file of sources(join(ROOT, 'server', 'node'))) {
      for (const spec of imports(file)) {
        if (/\/(cli|lsp)\//.test(spec) || spec.includes('client/') || spec === 'vscode') bad.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('only the probe talks to the network: no other source imports a network module or calls fetch', () => {
    const NETWORK = /^(node:)?(http|https|http2|net|tls|dgram|dns)$|^(undici|node-fetch|axios|jsforce)(\/|$)/;
    const bad: string[] = [];
    const files = [...sources(join(ROOT, 'client', 'src')), ...sources(join(ROOT, 'server'))].filter((f) => !f.includes(join('server', 'node', 'probe')));
    for (const file of files) {
      for (const spec of imports(file)) if (NETWORK.test(spec)) bad.push(`${relative(ROOT, file)} imports ${spec}`);
      if (/\bfetch\s*\(/.test(readFileSync(file, 'utf8'))) bad.push(`${relative(ROOT, file)} calls fetch`);
    }
    assert.deepEqual(bad, []);
  });
});
