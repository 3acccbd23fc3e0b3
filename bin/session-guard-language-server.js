#!/usr/bin/env node
'use strict';
// `session-guard-language-server --stdio` for any LSP editor (Neovim, Emacs, Sublime …).
const path = require('path');
const fs = require('fs');
const server = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(server)) {
  process.stderr.write('session-guard-language-server: not built yet. Run `npm run build` in ' + path.dirname(__dirname) + '.\n');
  process.exit(2);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
require(server);
