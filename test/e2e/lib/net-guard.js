'use strict';
// Loaded into every process of the end-to-end suite that can reach the network: the runner
// itself (require) and, through NODE_OPTIONS=--require, n8n, its CLI commands and `npm start`.
// Any TCP/TLS connection or DNS lookup of a host other than loopback is refused (ECONNREFUSED /
// ENOTFOUND, as if offline) and recorded as one JSON line in $E2E_NET_GUARD_LOG, which the
// suite checks: this is how it proves that nothing outside 127.0.0.1 is contacted.

const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

const INSTALLED = Symbol.for('n8n-nodes-evolution.e2e.netGuard');

function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // net defaults to localhost
  const name = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '::1' || /^::ffff:127\./.test(name);
}

function record(kind, target) {
  const log = process.env.E2E_NET_GUARD_LOG;
  if (!log) return;
  try {
    const stack = (new Error().stack || '').split('\n').slice(3, 9).map((line) => line.trim());
    fs.appendFileSync(log, `${JSON.stringify({ pid: process.pid, argv: process.argv.slice(1, 3), kind, target, stack })}\n`);
  } catch {
    /* the record is best effort; the refusal is not */
  }
}

function refusal(code, message) {
  return Object.assign(new Error(`e2e net guard: ${message}`), { code, errno: code === 'ENOTFOUND' ? -3008 : -111, syscall: code === 'ENOTFOUND' ? 'getaddrinfo' : 'connect' });
}

function install() {
  if (globalThis[INSTALLED]) return;
  globalThis[INSTALLED] = true;

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    // net.connect() passes its normalized [options, callback] array as the first argument
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    let host;
    let port;
    let isPath = false;
    if (first && typeof first === 'object') {
      // the same test net.Socket#connect applies: a truthy path is a pipe/Unix socket
      if (first.path) isPath = true;
      host = first.host;
      port = first.port;
    } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
      isPath = true;
    } else {
      port = first;
      host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (!isPath && !isLoopback(host)) {
      record('connect', `${host}:${port}`);
      const error = refusal('ECONNREFUSED', `connection to ${host}:${port} refused (only 127.0.0.1 is allowed)`);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };

  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname, options, callback) {
    const cb = typeof options === 'function' ? options : callback;
    if (!isLoopback(hostname)) {
      record('dns', hostname);
      process.nextTick(() => cb(refusal('ENOTFOUND', `lookup of ${hostname} refused (only 127.0.0.1 is allowed)`)));
      return {};
    }
    return lookup.call(this, hostname, options, callback);
  };
  const promisesLookup = dns.promises.lookup;
  dns.promises.lookup = async function guardedPromisesLookup(hostname, options) {
    if (!isLoopback(hostname)) {
      record('dns', hostname);
      throw refusal('ENOTFOUND', `lookup of ${hostname} refused (only 127.0.0.1 is allowed)`);
    }
    return promisesLookup.call(this, hostname, options);
  };
}

/** The recorded attempts (an empty list when none or no log). */
function readAttempts(file = process.env.E2E_NET_GUARD_LOG) {
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

install();

module.exports = { isLoopback, readAttempts };
