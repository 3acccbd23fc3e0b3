#!/usr/bin/env node
'use strict';
// Thin launcher so `npx session-guard` works from a checkout (after `npm run build`) and after install.
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('session-guard: not built yet. Run `npm run build` (or `npm start`) in ' + path.dirname(__dirname) + '.\n');
  process.exit(2);
}
require(cli);
