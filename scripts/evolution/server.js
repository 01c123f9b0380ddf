'use strict';
// The real Evolution API 2.3.6 for the project's suites: built once with the shared scripts
// (../shared/evolution-api-server), started on free 127.0.0.1 ports with a fresh database and
// its own global key, and stopped (server and PostgreSQL) when the suite ends or is interrupted.
//
// - Build folder: $EVOLUTION_DIR, else ~/.cache/evolution-api-2.3.6 (outside the repo, so a
//   clean clone on a warm machine skips the build; build.sh is idempotent).
// - Each start gets its own STATE folder (database, PIDs, server.log) under the OS temp folder;
//   stop() deletes it and the PostgreSQL cluster named in STATE/pgdata unless `keep` is set.
// - PostgreSQL comes from Debian (installed with apt-get when missing, as the queue-mode suite does).
// Plain CommonJS and Node built-ins only.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const { ROOT } = require('../n8n/paths');
const { freePort } = require('../n8n/env');
const { aptInstall } = require('../n8n/queue');
const { sleep, pidAlive } = require('../n8n/util');

const VERSION = '2.3.6';
const SHARED_DIR = process.env.EVOLUTION_SERVER_SOURCE || path.resolve(ROOT, '..', 'shared', 'evolution-api-server');
const BUILD_DIR = process.env.EVOLUTION_DIR || path.join(os.homedir(), '.cache', `evolution-api-${VERSION}`);
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Runs one of the shared scripts; resolves its stdout, rejects with the tail of its output. */
function runScript(name, args, { env = {}, log = () => {} } = {}) {
  const script = path.join(SHARED_DIR, name);
  if (!fs.existsSync(script)) {
    return Promise.reject(new Error(`${script} is missing: the real server's scripts are expected in ${SHARED_DIR} (set EVOLUTION_SERVER_SOURCE)`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const tail = (out + err).split('\n').slice(-30).join('\n');
        reject(new Error(`${name} ${args.join(' ')} failed (${signal || `exit ${code}`}):\n${tail}`));
      }
    });
  });
}

/** PostgreSQL 15 from Debian, which start.sh expects in /usr/lib/postgresql/15/bin. */
async function ensurePostgres(log) {
  if (fs.existsSync(path.join(PG_BIN, 'initdb'))) return;
  await aptInstall(['postgresql'], { log });
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`apt-get install postgresql gave no PostgreSQL 15 in ${PG_BIN}; the shared start.sh needs version 15`);
  }
}

/**
 * Builds the server when needed (about 2-3 min cold, seconds warm). Fails with the build's
 * own output when it cannot be built: a suite must never pass without the server.
 */
async function ensureBuilt({ log = (line) => console.log(line) } = {}) {
  const started = Date.now();
  await ensurePostgres(log);
  // What was built from: the tarball and the scripts. A matching stamp skips build.sh, whose
  // npm install step would otherwise run again on every start (and race with a parallel suite).
  const hash = crypto.createHash('sha256');
  for (const name of fs.readdirSync(SHARED_DIR).sort()) {
    if (name !== 'README.md') hash.update(name).update(fs.readFileSync(path.join(SHARED_DIR, name)));
  }
  const digest = hash.digest('hex');
  const stamp = path.join(BUILD_DIR, '.n8n-nodes-evolution-build');
  const built = () => fs.existsSync(path.join(BUILD_DIR, 'dist', 'main.js')) && readOr(stamp) === digest;
  if (built()) return { dir: BUILD_DIR, seconds: 0, cached: true };

  fs.mkdirSync(path.dirname(BUILD_DIR), { recursive: true });
  const lock = `${BUILD_DIR}.lock`;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // Another suite is building; a lock older than 20 minutes belongs to a build that died.
      if (Date.now() - fs.statSync(lock).mtimeMs > 20 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    if (built()) return { dir: BUILD_DIR, seconds: (Date.now() - started) / 1000, cached: true };
    log(`evolution: building Evolution API ${VERSION} in ${BUILD_DIR} (about 2-3 min the first time)`);
    await runScript('build.sh', [BUILD_DIR], { log: (line) => log(`evolution build: ${line}`) });
    fs.writeFileSync(stamp, digest);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return { dir: BUILD_DIR, seconds: (Date.now() - started) / 1000, cached: false };
}

function readOr(file, fallback = null) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return fallback;
  }
}

const started = new Set();

function stopSync(server) {
  if (!started.has(server)) return;
  started.delete(server);
  spawnSync('bash', [path.join(SHARED_DIR, 'stop.sh'), BUILD_DIR], { env: { ...process.env, STATE: server.state }, stdio: 'ignore' });
  if (!server.keep) {
    let pgdata = null;
    try {
      pgdata = fs.readFileSync(path.join(server.state, 'pgdata'), 'utf8').trim();
    } catch {
      // never started far enough to create a cluster
    }
    if (pgdata && pgdata.includes('evolution-api-')) fs.rmSync(pgdata, { recursive: true, force: true });
    fs.rmSync(server.state, { recursive: true, force: true });
  }
}

let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const stopAll = () => stopAllEvolution();
  process.on('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopAll();
      // Leave the exit to the suite when it has its own handler (it reports first).
      if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Builds if needed, then starts a server with a fresh database on free ports.
 * @param {{ env?: Record<string,string>, apiKey?: string, keep?: boolean, log?: (line: string) => void }} options
 *   `env`: Evolution variables (WEBSOCKET_ENABLED, WEBHOOK_REQUEST_TIMEOUT_MS, ...), over evolution.env.
 * @returns {Promise<{ url: string, apiKey: string, port: number, pgPort: number, state: string, logFile: string, stop(): Promise<void>, restart(): Promise<void> }>}
 */
async function startEvolution({ env = {}, apiKey, keep = false, log = (line) => console.log(line) } = {}) {
  await ensureBuilt({ log });
  installExitHandlers();
  const port = await freePort();
  const pgPort = await freePort();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-state-'));
  const key = apiKey || `evo-${crypto.randomBytes(12).toString('hex')}`;
  const server = {
    url: `http://127.0.0.1:${port}`,
    apiKey: key,
    port,
    pgPort,
    state,
    keep,
    logFile: path.join(state, 'server.log'),
    async stop() {
      stopSync(server);
    },
    /**
     * Restarts the server process on the same port and database (PostgreSQL keeps running), as
     * an operator's restart would; resolves when it answers again. The previous server.log is kept
     * as server.log.<ms>.
     */
    async restart() {
      const pid = Number(readOr(path.join(state, 'server.pid'), '0'));
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        for (let waited = 0; waited < 10000 && pidAlive(pid); waited += 250) await sleep(250);
        if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
      }
      // start.sh writes server.log anew: keep what the previous process logged
      if (fs.existsSync(server.logFile)) fs.renameSync(server.logFile, `${server.logFile}.${Date.now()}`);
      await runScript('start.sh', [BUILD_DIR], { env: startEnv, log: (line) => log(`evolution: ${line}`) });
    },
  };
  const startEnv = { ...env, PORT: String(port), PG_PORT: String(pgPort), STATE: state, AUTHENTICATION_API_KEY: key };
  started.add(server);
  try {
    await runScript('start.sh', [BUILD_DIR], {
      env: startEnv,
      log: (line) => log(`evolution: ${line}`),
    });
  } catch (error) {
    let serverLog = '';
    try {
      serverLog = fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      // no log yet
    }
    stopSync(server);
    throw new Error(`${error.message}${serverLog ? `\nserver.log:\n${serverLog}` : ''}`);
  }
  return server;
}

/** Stops every server this process started (for a suite's own interrupt handler). */
function stopAllEvolution() {
  for (const server of [...started]) stopSync(server);
}

module.exports = { VERSION, SHARED_DIR, BUILD_DIR, ensureBuilt, startEvolution, stopAllEvolution };
