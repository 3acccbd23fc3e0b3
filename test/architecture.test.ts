/**
 * The dependency direction is enforced, not just documented: core ← node ← hosts.
 * The core may import only itself and a few pure libraries; the node layer never imports a host.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/**
 * The floors inside server/core, lowest first. A folder imports only itself and folders on lower floors:
 * never one on its own floor (mule and salesforce know nothing of each other) or above it.
 */
const CORE_FLOORS: readonly (readonly string[])[] = [
  ['text', 'findings'],
  ['xml', 'properties'],
  ['project'],
  ['mule', 'salesforce', 'edits'],
  ['program'],
  ['rules'],
  ['config'],
  ['diagnose', 'formatters'],
  ['engine'],
];

/** The folder of server/core a path is in (a top-level file counts as a folder of its own name). */
function coreFolder(rel: string): string {
  const parts = rel.split(/[\\/]/).slice(2);
  return parts[0].replace(/\.ts$/, '');
}

/** Relative imports of every source file under `dirs`, resolved to files. */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const file of sources(join(ROOT, dir))) {
      const deps: string[] = [];
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = join(file, '..', spec);
        for (const candidate of [`${target}.ts`, join(target, 'index.ts')]) {
          if (existsSync(candidate)) {
            deps.push(relative(ROOT, candidate));
            break;
          }
        }
      }
      graph.set(relative(ROOT, file), deps);
    }
  }
  return graph;
}

/** Import circles (strongly connected components of more than one file, or a file importing itself). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('architecture', () => {
  it('inside server/core, every folder imports only folders on lower floors', () => {
    const floorOf = new Map<string, number>();
    CORE_FLOORS.forEach((folders, i) => folders.forEach((f) => floorOf.set(f, i)));
    const bad: string[] = [];
    for (const [file, deps] of importGraph([join('server', 'core')])) {
      const from = coreFolder(file);
      if (!floorOf.has(from)) {
        bad.push(`${file}: folder '${from}' has no floor in CORE_FLOORS`);
        continue;
      }
      for (const dep of deps) {
        const to = coreFolder(dep);
        if (to === from) continue;
        if (!floorOf.has(to) || floorOf.get(to)! >= floorOf.get(from)!) bad.push(`${file} imports ${dep} (${from} → ${to})`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the core keeps no answers in module state: module-level collections are read-only tables or bounded name tables', () => {
    // Process-wide tables of names, bounded and holding copies (see core/text/own-copy.ts): the issue of a
    // Program's memos does not arise for them. Everything else is a memo on a model (core/project/memo.ts).
    const NAME_TABLES = new Set([
      'server/core/xml/scanner.ts QNAMES',
      'server/core/xml/scanner.ts URIS',
      'server/core/mule/error-types.ts lineageCache',
      'server/core/mule/error-types.ts expressionCache',
    ]);
    const bad: string[] = [];
    for (const file of sources(join(ROOT, 'server', 'core'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:export )?(?:const|let) ([A-Za-z_$][\w$]*)(: [^=]+)? = new (Map|WeakMap|Set|WeakSet)\b/gm)) {
        const readOnly = m[2] !== undefined && /^: Readonly(Map|Set)</.test(m[2]);
        if (!readOnly && !NAME_TABLES.has(`${rel} ${m[1]}`)) bad.push(`${rel}: ${m[1]} is a module-level ${m[3]}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('no import circles anywhere (server and client)', () => {
    assert.deepEqual(circles(importGraph(['server', join('client', 'src')])), []);
  });

  it('the circle check finds a circle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(circles(graph), [['a', 'b', 'c']]);
  });

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
