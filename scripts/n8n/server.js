'use strict';
// Starting and stopping one n8n server, by PID.

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { N8N_BIN, nodeBin } = require('./paths');
const { ensureN8n } = require('./install');
const { freePort, tempUserFolder, n8nEnv } = require('./env');
const { installPackage } = require('./package');
const { sleep, groupAlive } = require('./util');

const running = new Set();

// Safety net: if this Node process exits without stopping its servers (a crash,
// process.exit in a test runner), kill their process groups synchronously.
process.on('exit', () => {
  for (const instance of running) instance.killNow();
});

function tailOf(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Polls GET <url>healthz/readiness until it answers 200.
 * @param {string} url base URL ending in '/'
 * @param {{ timeoutMs?: number, intervalMs?: number, isDead?: () => string|null }} [opts]
 */
async function waitForReady(url, { timeoutMs = 120000, intervalMs = 200, isDead = () => null } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    try {
      const res = await fetch(new URL('healthz/readiness', url), { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`n8n at ${url} was not ready within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/**
 * Spawns `<root>/node_modules/.bin/node n8n/node_modules/n8n/bin/n8n start` and
 * waits for /healthz/readiness.
 *
 * @param {object} [opts]
 * @param {string} [opts.userFolder]  default: a fresh temp folder (N8N_USER_FOLDER)
 * @param {number} [opts.port]        default: a free port
 * @param {number} [opts.brokerPort]  task runner broker port; default: a free port
 * @param {Record<string,string|undefined>} [opts.env]  extra variables (applied last; undefined removes)
 * @param {'link'|'pack'|false} [opts.install]  put this repo's package into the user folder first (default false)
 * @param {string} [opts.packageDir]  package to install (default: the repo root)
 * @param {boolean} [opts.tee]        also copy n8n's output to this terminal (default false)
 * @param {string} [opts.logFile]     default: <userFolder>/n8n.log (appended)
 * @param {number} [opts.readyTimeoutMs]  default 120000
 * @param {number} [opts.stopGraceMs]     SIGTERM grace before SIGKILL (default 20000)
 * @param {string[]} [opts.args]      n8n arguments (default ['start'])
 * @param {boolean} [opts.ensure]     install n8n first when missing (default true)
 * @param {(line: string) => void} [opts.log]  progress lines (default console.log)
 * @returns {Promise<{ url: string, port: number, brokerPort: number, pid: number, userFolder: string,
 *   logFile: string, env: Record<string,string>, readyMs: number, exited: Promise<{code:number|null,signal:string|null}>,
 *   stop: () => Promise<void> }>}
 */
async function startN8n(opts = {}) {
  const log = opts.log || ((line) => console.log(line));
  if (opts.ensure !== false) await ensureN8n({ log });
  const userFolder = path.resolve(opts.userFolder || tempUserFolder());
  fs.mkdirSync(userFolder, { recursive: true });
  const port = opts.port || (await freePort());
  let brokerPort = opts.brokerPort || (await freePort());
  while (brokerPort === port) brokerPort = await freePort();
  const env = n8nEnv({ userFolder, port, brokerPort, extra: opts.env || {} });
  if (opts.install) installPackage(userFolder, { mode: opts.install, packageDir: opts.packageDir, log });

  const logFile = opts.logFile || path.join(userFolder, 'n8n.log');
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  logStream.write(`\n=== n8n start ${new Date().toISOString()} port ${port} broker ${brokerPort} ===\n`);

  const started = Date.now();
  const child = spawn(nodeBin(), [N8N_BIN, ...(opts.args || ['start'])], {
    // n8n loads a .env from its working directory: keep it in the user folder
    cwd: userFolder,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // own process group: Ctrl-C in the terminal reaches only our script, which
    // then stops n8n in order; the group also holds n8n's task runner
    detached: process.platform !== 'win32',
  });
  const pid = child.pid;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      logStream.write(chunk);
      if (opts.tee) (stream === child.stderr ? process.stderr : process.stdout).write(chunk);
    });
  }

  let exitInfo = null;
  let spawnError = null;
  const exited = new Promise((resolve) => {
    child.on('error', (err) => {
      spawnError = err;
      exitInfo = exitInfo || { code: null, signal: null };
      resolve(exitInfo);
    });
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      logStream.write(`\n=== n8n exited (${signal || `code ${code}`}) ${new Date().toISOString()} ===\n`);
      resolve(exitInfo);
    });
  });
  exited.then(() => logStream.end());

  const instance = {
    url: `http://127.0.0.1:${port}/`,
    port,
    brokerPort,
    pid,
    userFolder,
    logFile,
    env,
    readyMs: 0,
    exited,
    killNow() {
      if (groupAlive(pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      } else if (!exitInfo) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
    /** SIGTERM to n8n's PID, wait; SIGKILL to its process group after the grace period. */
    async stop({ graceMs = opts.stopGraceMs ?? 20000 } = {}) {
      if (!exitInfo && pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
        if (timedOut) {
          log(`n8n (pid ${pid}) did not stop within ${graceMs} ms; killing it`);
          instance.killNow();
          await exited;
        }
      }
      // n8n's task runner lives in the same process group; make sure nothing is left behind
      if (pid && groupAlive(pid)) {
        await sleep(500);
        if (groupAlive(pid)) instance.killNow();
      }
      running.delete(instance);
    },
  };
  running.add(instance);

  try {
    await waitForReady(instance.url, {
      timeoutMs: opts.readyTimeoutMs ?? 120000,
      isDead: () =>
        spawnError
          ? `could not start n8n: ${spawnError.message}`
          : exitInfo
            ? 'n8n exited before it was ready'
            : null,
    });
  } catch (err) {
    await instance.stop({ graceMs: 5000 });
    if (!logStream.closed) await new Promise((resolve) => logStream.once('close', resolve));
    if (exitInfo && !spawnError) {
      throw new Error(`n8n exited (${exitInfo.signal || `code ${exitInfo.code}`}) before it was ready; ${logFile}:\n${tailOf(logFile)}`);
    }
    throw err;
  }
  instance.readyMs = Date.now() - started;
  return instance;
}

module.exports = { startN8n, waitForReady };
