'use strict';
// n8n in queue mode on this machine: Redis and PostgreSQL from Debian's packages (installed
// with apt-get when missing), each started by PID on a free 127.0.0.1 port with its own data
// folder in a temp folder, and the environment that main, worker and webhook processes share.
//
// What n8n 2.41.1 needs for queue mode (read from its code, see docs/queue-mode.md):
// - EXECUTIONS_MODE=queue and QUEUE_BULL_REDIS_HOST/PORT on every process;
// - one database for all: PostgreSQL (with SQLite n8n only warns "Scaling mode is not officially
//   supported with sqlite", but every process would need the same file: not usable);
// - the same N8N_ENCRYPTION_KEY everywhere (credentials are decrypted by the workers);
// - `n8n webhook` serves /webhook/* (production URLs only) and enqueues the executions;
//   N8N_WEBHOOK_URL must be the address that reaches it (a trigger registers that URL), and
//   N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true keeps the main process out of production webhooks;
// - `n8n worker --concurrency=N` runs the executions; its health server (/healthz,
//   /healthz/readiness) listens on QUEUE_HEALTH_CHECK_PORT when QUEUE_HEALTH_CHECK_ACTIVE=true;
// - main and workers each start a task runner broker: N8N_RUNNERS_BROKER_PORT must differ per
//   process on one machine (startN8n picks a free one);
// - binary data defaults to the `database` mode in queue mode, so all processes see it.
// Plain CommonJS and Node built-ins only.

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { freePort, tempUserFolder, n8nEnv } = require('./env');
const { ensureN8n } = require('./install');
const { installPackage } = require('./package');
const { startN8n } = require('./server');
const { sleep, pidAlive, groupAlive } = require('./util');

const REDIS_SERVER = '/usr/bin/redis-server';
const PG_ROOT = '/usr/lib/postgresql';
const DB_NAME = 'n8n';
const DB_USER = 'n8n';

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

// ---------------------------------------------------------------------------------------------
// Debian packages

/** The newest /usr/lib/postgresql/<version>/bin that has postgres, initdb and psql. */
function findPostgresBin() {
  let versions = [];
  try {
    versions = fs.readdirSync(PG_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    return null;
  }
  for (const version of versions) {
    const bin = path.join(PG_ROOT, version, 'bin');
    if (['postgres', 'initdb', 'psql', 'pg_isready'].every((tool) => fs.existsSync(path.join(bin, tool)))) {
      return { bin, version: Number(version) };
    }
  }
  return null;
}

function redisInstalled() {
  return fs.existsSync(REDIS_SERVER);
}

const POLICY_RC_D = '/usr/sbin/policy-rc.d';

function runApt(args, log) {
  const started = Date.now();
  log(`queue: apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

/**
 * apt-get install -y --no-install-recommends <packages>, as root, without starting the
 * packages' services (a temporary /usr/sbin/policy-rc.d answering 101 when there is none:
 * the Debian way to keep a postinst from starting a daemon we would then have to find).
 * Runs `apt-get update` first when the package lists are empty, and again when the
 * install cannot find a package. Resolves { seconds }.
 */
async function aptInstall(packages, { log = (line) => console.log(line) } = {}) {
  if (!isRoot()) {
    throw new Error(`queue mode needs ${packages.join(', ')}; install them with: sudo apt-get install -y ${packages.join(' ')}`);
  }
  const started = Date.now();
  let createdPolicy = false;
  if (!fs.existsSync(POLICY_RC_D)) {
    fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\n# temporary, written by scripts/n8n/queue.js: do not start services during install\nexit 101\n', { mode: 0o755 });
    createdPolicy = true;
  }
  try {
    const lists = (() => {
      try {
        return fs.readdirSync('/var/lib/apt/lists').filter((f) => f.endsWith('Packages') || f.includes('Packages.')).length;
      } catch {
        return 0;
      }
    })();
    if (lists === 0) runApt(['update', '-q'], log);
    const install = ['install', '-y', '-q', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', ...packages];
    let result = runApt(install, log);
    if (result.status !== 0 && /Unable to locate|has no installation candidate|Failed to fetch|404/.test(result.stderr + result.stdout)) {
      runApt(['update', '-q'], log);
      result = runApt(install, log);
    }
    if (result.status !== 0) {
      throw new Error(`apt-get install ${packages.join(' ')} failed (exit ${result.status}):\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
    }
  } finally {
    if (createdPolicy) fs.rmSync(POLICY_RC_D, { force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  log(`queue: installed ${packages.join(', ')} in ${seconds.toFixed(1)} s`);
  return { seconds };
}

/**
 * Installs what is missing of redis-server and postgresql (Debian packages).
 * Resolves { installed: string[], seconds } (seconds 0 when nothing was missing).
 */
async function ensureQueueBackends({ log = (line) => console.log(line) } = {}) {
  const missing = [];
  if (!redisInstalled()) missing.push('redis-server');
  if (!findPostgresBin()) missing.push('postgresql');
  if (missing.length === 0) return { installed: [], seconds: 0 };
  const { seconds } = await aptInstall(missing, { log });
  if (!redisInstalled()) throw new Error(`${REDIS_SERVER} is still missing after apt-get install redis-server`);
  if (!findPostgresBin()) throw new Error(`no PostgreSQL under ${PG_ROOT} after apt-get install postgresql`);
  return { installed: missing, seconds };
}

// ---------------------------------------------------------------------------------------------
// processes we start

const running = new Set();
process.on('exit', () => {
  for (const service of running) service.killNow();
});

/**
 * Spawns a long-running server in its own process group, output to a log file.
 * @returns {{ pid: number, exited: Promise<{code, signal}>, exitInfo: () => object|null, killNow(): void }}
 */
function spawnService(command, args, { cwd, logFile, uid, gid, env }) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd,
    env: env || process.env,
    stdio: ['ignore', out, out],
    detached: true,
    ...(uid !== undefined ? { uid, gid } : {}),
  });
  fs.closeSync(out);
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.on('error', (err) => {
      exitInfo = exitInfo || { code: null, signal: null, error: err };
      resolve(exitInfo);
    });
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  const pid = child.pid;
  return {
    pid,
    exited,
    exitInfo: () => exitInfo,
    killNow() {
      if (pid && groupAlive(pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
  };
}

/** SIGTERM-like stop by PID, then SIGKILL to the group after graceMs. */
async function stopService(proc, { signal = 'SIGTERM', graceMs = 15000, log = () => {}, name = 'service' } = {}) {
  if (!proc.exitInfo() && pidAlive(proc.pid)) {
    try {
      process.kill(proc.pid, signal);
    } catch {
      /* gone */
    }
    let timer;
    const timedOut = await Promise.race([
      proc.exited.then(() => false),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      log(`queue: ${name} (pid ${proc.pid}) did not stop within ${graceMs} ms; killing it`);
      proc.killNow();
      await proc.exited;
    }
  }
  if (groupAlive(proc.pid)) {
    await sleep(300);
    if (groupAlive(proc.pid)) proc.killNow();
  }
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** One RESP PING over TCP: true on +PONG. */
function redisPing(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk;
      if (data.includes('\r\n')) done(data.startsWith('+PONG'));
    });
  });
}

/**
 * Starts redis-server on 127.0.0.1:<free port>, no persistence, data and log in `dir`.
 * @param {{ dir?: string, port?: number, log?: (line: string) => void, readyTimeoutMs?: number }} [opts]
 * @returns {Promise<{ port: number, pid: number, dir: string, logFile: string, readyMs: number, stop(): Promise<void>, killNow(): void }>}
 */
async function startRedis({ dir, port, log = (line) => console.log(line), readyTimeoutMs = 20000 } = {}) {
  if (!redisInstalled()) await aptInstall(['redis-server'], { log });
  const ownDir = !dir;
  dir = dir || tempUserFolder('redis-');
  fs.mkdirSync(dir, { recursive: true });
  port = port || (await freePort());
  const logFile = path.join(dir, 'redis.log');
  const started = Date.now();
  const proc = spawnService(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
    { cwd: dir, logFile },
  );
  const service = {
    name: 'redis',
    port,
    pid: proc.pid,
    dir,
    logFile,
    readyMs: 0,
    exited: proc.exited,
    killNow: () => proc.killNow(),
    async stop() {
      await stopService(proc, { signal: 'SIGTERM', log, name: 'redis' });
      running.delete(service);
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(service);
  for (;;) {
    if (proc.exitInfo()) {
      running.delete(service);
      throw new Error(`redis-server exited before it was ready; ${logFile}:\n${tail(logFile)}`);
    }
    if (await redisPing(port)) break;
    if (Date.now() - started > readyTimeoutMs) {
      await service.stop();
      throw new Error(`redis-server on port ${port} did not answer PING within ${readyTimeoutMs} ms`);
    }
    await sleep(100);
  }
  service.readyMs = Date.now() - started;
  log(`queue: redis-server pid ${proc.pid} on 127.0.0.1:${port} (ready in ${service.readyMs} ms)`);
  return service;
}

/** uid/gid of the `postgres` system user (created by Debian's package). */
function postgresUser() {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('there is no "postgres" user (apt-get install postgresql creates it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(target, uid, gid) {
  fs.chownSync(target, uid, gid);
  if (fs.statSync(target).isDirectory()) {
    for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), uid, gid);
  }
}

/**
 * Starts a throw-away PostgreSQL cluster: initdb into `dir` (as the `postgres` user when we are
 * root, since initdb refuses root), the server on 127.0.0.1:<free port> with its unix socket in
 * `dir`, trust authentication for user "n8n", and a database "n8n".
 * Durability is switched off (fsync, synchronous_commit, full_page_writes): test data only.
 * @param {{ dir?: string, port?: number, log?: (line: string) => void, readyTimeoutMs?: number, maxConnections?: number }} [opts]
 * @returns {Promise<{ port: number, pid: number, dir: string, logFile: string, database: string, user: string,
 *   env: Record<string,string>, initMs: number, readyMs: number, psql(sql: string): string, stop(): Promise<void>, killNow(): void }>}
 */
async function startPostgres({ dir, port, log = (line) => console.log(line), readyTimeoutMs = 60000, maxConnections = 200 } = {}) {
  if (!findPostgresBin()) await aptInstall(['postgresql'], { log });
  const { bin, version } = findPostgresBin();
  const ownDir = !dir;
  dir = dir || tempUserFolder('postgres-');
  fs.mkdirSync(dir, { recursive: true });
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  fs.mkdirSync(socketDir, { recursive: true });
  const logFile = path.join(dir, 'postgres.log');
  fs.writeFileSync(logFile, '');
  const owner = isRoot() ? postgresUser() : undefined;
  if (owner) {
    chownTree(dir, owner.uid, owner.gid);
    // the postgres user must be able to reach `dir`: give "search" (o+x) on our own parent
    // folders that lack it (a mkdtemp folder is 0700)
    for (let parent = path.dirname(path.resolve(dir)); parent !== path.dirname(parent); parent = path.dirname(parent)) {
      const stat = fs.statSync(parent);
      if (stat.uid === process.getuid() && (stat.mode & 0o001) === 0) fs.chmodSync(parent, (stat.mode & 0o7777) | 0o001);
    }
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const childEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: dir };

  const t0 = Date.now();
  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
    { cwd: dir, env: childEnv, encoding: 'utf8', ...asOwner },
  );
  if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}):\n${init.stdout}\n${init.stderr}`);
  const initMs = Date.now() - t0;

  port = port || (await freePort());
  const started = Date.now();
  const proc = spawnService(
    path.join(bin, 'postgres'),
    [
      '-D', dataDir,
      '-p', String(port),
      '-k', socketDir,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `max_connections=${maxConnections}`,
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'shared_buffers=128MB',
    ],
    { cwd: dir, logFile, env: childEnv, ...asOwner },
  );
  const psqlBase = [path.join(bin, 'psql'), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', DB_USER];
  const psql = (sql, database = DB_NAME) =>
    execFileSync(psqlBase[0], [...psqlBase.slice(1), '-d', database, '-At', '-F', '\t', '-c', sql], {
      encoding: 'utf8',
      env: childEnv,
      maxBuffer: 256 * 1024 * 1024,
    });
  const service = {
    name: 'postgres',
    version,
    port,
    pid: proc.pid,
    dir,
    logFile,
    database: DB_NAME,
    user: DB_USER,
    initMs,
    readyMs: 0,
    exited: proc.exited,
    psql,
    env: {
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: '127.0.0.1',
      DB_POSTGRESDB_PORT: String(port),
      DB_POSTGRESDB_DATABASE: DB_NAME,
      DB_POSTGRESDB_USER: DB_USER,
      DB_POSTGRESDB_PASSWORD: '',
      DB_POSTGRESDB_SCHEMA: 'public',
    },
    killNow: () => proc.killNow(),
    async stop() {
      // SIGINT = "fast" shutdown (SIGTERM would wait for every client to disconnect)
      await stopService(proc, { signal: 'SIGINT', log, name: 'postgres' });
      running.delete(service);
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(service);
  for (;;) {
    if (proc.exitInfo()) {
      running.delete(service);
      throw new Error(`postgres exited before it was ready; ${logFile}:\n${tail(logFile)}`);
    }
    const ready = spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', DB_USER], { env: childEnv });
    if (ready.status === 0) break;
    if (Date.now() - started > readyTimeoutMs) {
      await service.stop();
      throw new Error(`postgres on port ${port} was not ready within ${readyTimeoutMs} ms; ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  psql(`CREATE DATABASE ${DB_NAME}`, 'postgres');
  service.readyMs = Date.now() - started;
  log(`queue: PostgreSQL ${version} pid ${proc.pid} on 127.0.0.1:${port} (initdb ${initMs} ms, ready in ${service.readyMs} ms)`);
  return service;
}

// ---------------------------------------------------------------------------------------------
// n8n processes

/**
 * The variables every queue-mode process shares (applied on top of n8nEnv's).
 * @param {{ redis: {port:number}, postgres: {env: Record<string,string>}, webhookUrl: string, editorUrl?: string }} opts
 */
function queueEnv({ redis, postgres, webhookUrl, editorUrl }) {
  return {
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    ...postgres.env,
    // the public address of the webhook processor(s): what triggers register
    N8N_WEBHOOK_URL: webhookUrl,
    ...(editorUrl ? { N8N_EDITOR_BASE_URL: editorUrl } : {}),
    // production webhooks are served by `n8n webhook` only
    N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
    // worker readiness on its own port (set per worker: QUEUE_HEALTH_CHECK_PORT)
    QUEUE_HEALTH_CHECK_ACTIVE: 'true',
    N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
  };
}

/**
 * Redis + PostgreSQL + one main, `workers` workers and `webhookProcessors` webhook processors,
 * each n8n process with its own user folder (the package installed into each, as on separate
 * hosts) and its own ports. `prepare(cliEnv)` runs before the main process starts (import
 * credentials and workflows, publish:workflow: the main process activates them at start-up).
 *
 * @param {object} [opts]
 * @param {number} [opts.workers] default 2
 * @param {number} [opts.webhookProcessors] default 1
 * @param {number} [opts.concurrency] `n8n worker --concurrency` (default 10, n8n's default)
 * @param {'pack'|'link'|false} [opts.install] default 'pack'
 * @param {string} [opts.packageDir]
 * @param {Record<string,string|undefined>} [opts.env] extra variables for every n8n process
 * @param {Record<string,string|undefined>} [opts.mainEnv] extra variables for the main process only
 * @param {Record<string,string|undefined>} [opts.workerEnv] extra variables for workers only
 * @param {Record<string,string|undefined>} [opts.webhookEnv] extra variables for webhook processors only
 * @param {(cliEnv: Record<string,string>) => Promise<void>} [opts.prepare]
 * @param {boolean} [opts.tee]
 * @param {(line: string) => void} [opts.log]
 */
async function startQueueCluster(opts = {}) {
  const log = opts.log || ((line) => console.log(line));
  const timings = {};
  const t = Date.now();
  await ensureN8n({ log });
  timings.ensureN8nMs = Date.now() - t;
  const t1 = Date.now();
  const backendsInstall = await ensureQueueBackends({ log });
  timings.aptInstallMs = Math.round(backendsInstall.seconds * 1000);
  timings.aptInstalled = backendsInstall.installed;

  const root = tempUserFolder('n8n-queue-');
  const cluster = {
    root,
    redis: null,
    postgres: null,
    main: null,
    workers: [],
    webhooks: [],
    timings,
    webhookUrl: '',
    cliEnv: null,
  };
  const stopAll = async () => {
    const stopMany = (list) => Promise.all(list.map((p) => p.stop().catch(() => {})));
    await stopMany(cluster.webhooks);
    await stopMany(cluster.workers);
    if (cluster.main) await cluster.main.stop().catch(() => {});
    if (cluster.redis) await cluster.redis.stop().catch(() => {});
    if (cluster.postgres) await cluster.postgres.stop().catch(() => {});
  };
  cluster.stop = async ({ keepFiles = false } = {}) => {
    await stopAll();
    if (!keepFiles) fs.rmSync(root, { recursive: true, force: true });
  };

  try {
    const t2 = Date.now();
    [cluster.redis, cluster.postgres] = await Promise.all([
      startRedis({ dir: path.join(root, 'redis'), log }),
      startPostgres({ dir: path.join(root, 'postgres'), log }),
    ]);
    timings.backendsStartMs = Date.now() - t2;
    timings.backendsSetupMs = Date.now() - t1;

    const mainPort = await freePort();
    const webhookPorts = [];
    for (let i = 0; i < (opts.webhookProcessors ?? 1); i++) webhookPorts.push(await freePort());
    const mainUrl = `http://127.0.0.1:${mainPort}/`;
    cluster.webhookUrl = opts.webhookUrl || `http://127.0.0.1:${webhookPorts[0]}/`;
    const shared = {
      ...queueEnv({ redis: cluster.redis, postgres: cluster.postgres, webhookUrl: cluster.webhookUrl, editorUrl: mainUrl }),
      ...(opts.env || {}),
    };
    cluster.sharedEnv = shared;

    // the package is packed (or linked) once; every process gets a copy of that install, so all
    // run the same files even if the repo's dist/ is rebuilt while the cluster runs
    const packageCache = path.join(root, 'package');
    if (opts.install !== false) {
      fs.mkdirSync(packageCache, { recursive: true });
      installPackage(packageCache, { mode: opts.install || 'pack', packageDir: opts.packageDir, log: () => {} });
    }
    const folder = (name) => {
      const dir = path.join(root, name);
      fs.mkdirSync(dir, { recursive: true });
      if (opts.install !== false) {
        fs.cpSync(path.join(packageCache, '.n8n'), path.join(dir, '.n8n'), { recursive: true, verbatimSymlinks: true });
      }
      return dir;
    };

    const mainFolder = folder('main');
    cluster.cliEnv = n8nEnv({ userFolder: mainFolder, port: mainPort, brokerPort: await freePort(), extra: shared });
    if (opts.prepare) {
      const t3 = Date.now();
      await opts.prepare(cluster.cliEnv);
      timings.prepareMs = Date.now() - t3;
    }
    const start = (name, args, port, env = {}) =>
      startN8n({ userFolder: path.join(root, name), port, args, env: { ...shared, ...env }, ensure: false, tee: opts.tee, log });

    const t4 = Date.now();
    cluster.main = await start('main', ['start'], mainPort, opts.mainEnv || {});
    timings.mainReadyMs = cluster.main.readyMs;

    // indexes are taken synchronously: these run in parallel
    let webhookCount = 0;
    let workerCount = 0;
    cluster.addWebhookProcessor = async (port) => {
      const index = ++webhookCount;
      port = port || (await freePort());
      folder(`webhook-${index}`);
      const instance = await start(`webhook-${index}`, ['webhook'], port, opts.webhookEnv || {});
      instance.role = `webhook-${index}`;
      cluster.webhooks.push(instance);
      return instance;
    };
    cluster.addWorker = async () => {
      const index = ++workerCount;
      const port = await freePort();
      folder(`worker-${index}`);
      const instance = await start(`worker-${index}`, ['worker', `--concurrency=${opts.concurrency ?? 10}`], port, {
        ...(opts.workerEnv || {}),
        QUEUE_HEALTH_CHECK_PORT: String(port),
      });
      instance.role = `worker-${index}`;
      cluster.workers.push(instance);
      return instance;
    };
    // after the main process (it runs the migrations), the others in parallel
    const t5 = Date.now();
    await Promise.all([
      ...webhookPorts.map((port) => cluster.addWebhookProcessor(port)),
      ...Array.from({ length: opts.workers ?? 2 }, () => cluster.addWorker()),
    ]);
    timings.othersReadyMs = Date.now() - t5;
    timings.n8nStartMs = Date.now() - t4;
    cluster.main.role = 'main';
    log(
      `queue: main ${cluster.main.url} (pid ${cluster.main.pid}), ` +
        `webhook ${cluster.webhooks.map((w) => `${w.url} (pid ${w.pid})`).join(', ')}, ` +
        `workers pids ${cluster.workers.map((w) => w.pid).join(', ')}`,
    );
    return cluster;
  } catch (err) {
    await stopAll();
    err.message += `\n(queue cluster files kept in ${root})`;
    throw err;
  }
}

module.exports = {
  ensureQueueBackends,
  aptInstall,
  findPostgresBin,
  startRedis,
  startPostgres,
  queueEnv,
  startQueueCluster,
  stopService,
};
