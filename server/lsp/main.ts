#!/usr/bin/env node
/**
 * `session-guard-language-server`: run with --stdio (any editor) or --node-ipc (the VS Code
 * extension). Nothing but protocol may reach stdout, so console output goes to the client's log.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { redact } from '../core/diagnose/redact';
import { injectedRules } from './fault-injection';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// Everything the server logs goes through redaction: error messages can quote file contents.
for (const level of ['log', 'info', 'warn', 'error'] as const) {
  const original = connection.console[level].bind(connection.console);
  connection.console[level] = (message: string) => original(redact(message));
}
if (process.env.SESSION_GUARD_LOG_FILE) {
  // Mirror the server's log to a file (diagnosing an editor integration without its UI).
  const file = process.env.SESSION_GUARD_LOG_FILE;
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const original = connection.console[level].bind(connection.console);
    connection.console[level] = (message: string) => {
      appendFileSync(file, `${new Date().toISOString()} ${level} ${redact(message)}\n`);
      original(message);
    };
  }
}
const forward =
  (level: 'log' | 'info' | 'warn' | 'error') =>
  (...args: unknown[]) =>
    connection.console[level](args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(' '));
console.log = forward('log');
console.info = forward('info');
console.warn = forward('warn');
console.error = forward('error');
console.debug = forward('log');

process.on('uncaughtException', (e) => connection.console.error(`Unexpected error (the server keeps running): ${e.stack ?? e}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`Unhandled rejection (the server keeps running): ${e instanceof Error ? e.stack : String(e)}`),
);

// The bundle sits in dist/; the rule READMEs ship next to it under server/core/rules.
startServer(connection, { packageRoot: join(__dirname, '..'), extraRules: injectedRules(process.env) });
