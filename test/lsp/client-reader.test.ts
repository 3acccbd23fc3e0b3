import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

describe('the test and benchmark LSP client', () => {
  it('is not kept alive by a message the server cut short', () => {
    // A server stopped while writing leaves half a message: vscode-jsonrpc's own reader would re-arm a
    // timer for it every 10 s, forever (a benchmark run hung on it). The client's reader must not.
    const script = `
      const { PassThrough } = require('node:stream');
      const { serverReader } = require(${JSON.stringify(join(__dirname, '..', 'support', 'lsp-client.ts'))});
      const stdout = new PassThrough();
      const reader = serverReader(stdout);
      const got = [];
      reader.listen((m) => got.push(m));
      stdout.write('Content-Length: 2\\r\\n\\r\\n{}');
      stdout.write('Content-Length: 80\\r\\n\\r\\n{"jsonrpc":"2.0"');
      stdout.end();
      setTimeout(() => { reader.dispose(); console.log('messages ' + got.length); }, 50);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(r.signal, null, `the process did not exit on its own: ${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'messages 1', 'the whole message was read; the cut one was not');
  });
});
