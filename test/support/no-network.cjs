// Preloaded with --require by tests: records (in $SG_NETWORK_LOG) and refuses every attempt to open
// a network connection, so a test can prove a process made none.
const fs = require('node:fs');
const log = (what) => {
  if (process.env.SG_NETWORK_LOG) fs.appendFileSync(process.env.SG_NETWORK_LOG, `${what}\n`);
  throw new Error(`network access refused in this test: ${what}`);
};
const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = args[0];
  // Local IPC pipes are how editors talk to the server; anything with a host or port is network.
  if (o && typeof o === 'object' && o.path && !o.host && !o.port) return connect.apply(this, args);
  if (typeof o === 'string' && !/^\d+$/.test(o)) return connect.apply(this, args);
  return log(`net connect ${JSON.stringify(o)}`);
};
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = (...a) => log(`${mod} request ${String(a[0]?.href ?? a[0]?.host ?? a[0])}`);
  m.get = (...a) => log(`${mod} get ${String(a[0]?.href ?? a[0]?.host ?? a[0])}`);
}
require('node:tls').connect = (...a) => log(`tls connect ${JSON.stringify(a[0]?.host ?? a[0])}`);
require('node:dns').lookup = (host) => log(`dns lookup ${host}`);
globalThis.fetch = (url) => log(`fetch ${String(url)}`);
