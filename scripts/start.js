#!/usr/bin/env node
'use strict';
// `npm start`: the playground. Builds the package, installs the pinned n8n on
// first use, links this repo into a persistent n8n user folder (.n8n-playground/)
// and serves the editor on http://127.0.0.1:5678 until Ctrl-C.
//
//   npm start                      build, then start n8n on port 5678
//   PORT=5700 npm start            another port (N8N_PORT works too)
//   npm start -- --no-build        skip `npm run build` (SKIP_BUILD=1 too)
//   npm start -- --logs            also print n8n's log here (it always goes to .n8n-playground/n8n.log)
//   npm start -- --reset           delete .n8n-playground/ first (owner account, workflows, credentials)
//
// After changing the nodes, stop and run `npm start` again (it rebuilds). n8n's
// hot reload (N8N_DEV_RELOAD=true) is left off: for a package without
// dist/known/*.json it watches the whole package folder, which here contains
// .n8n-playground/ where n8n itself writes, so it reloads in an endless loop.
// Ctrl-C or SIGTERM stops everything this script started, by PID; so does the
// death of the parent (`npm start` killed with SIGTERM does not pass it on).

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const n8n = require('./n8n');

const ROOT = n8n.ROOT;
const USER_FOLDER = path.join(ROOT, '.n8n-playground');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const argv = new Set(process.argv.slice(2));

function log(line) {
  console.log(`[start] ${line}`);
}

function parsePort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port: ${value}`);
  return port;
}

/** `npm run build` in the repo, output straight to this terminal. */
function build() {
  if (!PACKAGE.scripts || !PACKAGE.scripts.build) {
    log('package.json has no "build" script yet; starting with whatever dist/ holds');
    return Promise.resolve();
  }
  log('npm run build');
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    current.build = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current.build = null;
      if (code === 0) resolve();
      else reject(new Error(`npm run build failed (${signal || `exit ${code}`}); fix it or use \`npm start -- --no-build\``));
    });
  });
}

// ---------------------------------------------------------------------------
// Sandbox hook (a later issue): start the sandbox Evolution API server beside
// n8n and import a credential pointing at it, so the playground works without a
// real WhatsApp server. Expected shape:
//
//   async function startSandbox() {
//     const sandbox = await require('./sandbox').startSandbox({ host: '127.0.0.1', port: 0 });
//     return { url: sandbox.url, apiKey: sandbox.apiKey, pid: sandbox.pid, stop: () => sandbox.stop() };
//   }
//
// importSandboxCredential() then runs `n8n import:credentials` (before n8n
// starts; the plain `data` object is encrypted on import) with a fixed id so
// re-running `npm start` updates the same credential instead of adding one.
// Everything returned here is stopped on Ctrl-C / SIGTERM (see shutdown()).
// ---------------------------------------------------------------------------
async function startSandbox() {
  return null; // not implemented yet
}

async function importSandboxCredential(env, sandbox) {
  const credentialType = (PACKAGE.n8n && PACKAGE.n8n.credentials && PACKAGE.n8n.credentials[0]) || '';
  log(`sandbox at ${sandbox.url}; importing its credential (${path.basename(credentialType)})`);
  // TODO(sandbox issue): the credential type name and fields are the package's:
  // await n8n.importCredentials(env, {
  //   id: 'evolutionSandbox1',
  //   name: 'Evolution API (sandbox)',
  //   type: '<credential name>',
  //   data: { baseUrl: sandbox.url, apiKey: sandbox.apiKey },
  // });
}

// ---------------------------------------------------------------------------

const current = { build: null, sandbox: null, n8n: null };
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (current.build) {
    try {
      current.build.kill('SIGTERM');
    } catch {
      /* gone */
    }
  }
  if (current.n8n) {
    log(`stopping n8n (pid ${current.n8n.pid})...`);
    await current.n8n.stop().catch((err) => log(`could not stop n8n: ${err.message}`));
  }
  if (current.sandbox) {
    log(`stopping the sandbox${current.sandbox.pid ? ` (pid ${current.sandbox.pid})` : ''}...`);
    await Promise.resolve(current.sandbox.stop()).catch((err) => log(`could not stop the sandbox: ${err.message}`));
  }
  log('stopped');
  process.exit(code);
}

// an orphaned `npm start` writes into a closed pipe: ignore EPIPE rather than crash before n8n is stopped
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      // second Ctrl-C: do not wait for a graceful shutdown
      if (current.n8n) current.n8n.killNow();
      process.exit(130);
    }
    console.log('');
    void shutdown(signal === 'SIGINT' ? 130 : 143);
  });
}

// `npm start` runs `sh -c "node scripts/start.js"`: a SIGTERM to npm kills the
// shell without reaching us, and we become an orphan. Notice that and stop n8n.
const initialParent = process.ppid;
setInterval(() => {
  if (process.ppid !== initialParent && !stopping) {
    log(`parent process ${initialParent} is gone; stopping`);
    void shutdown(143);
  }
}, 1000).unref();

/** Node types n8n registered from this package (from n8n's type cache on disk; the HTTP one needs a login). */
function loadedNodeTypes() {
  try {
    const file = path.join(USER_FOLDER, '.cache', 'n8n', 'public', 'types', 'nodes.json');
    const names = JSON.parse(fs.readFileSync(file, 'utf8')).map((t) => t.name);
    return [...new Set(names.filter((name) => name.startsWith(`${PACKAGE.name}.`)))];
  } catch {
    return [];
  }
}

async function main() {
  const port = parsePort(process.env.PORT || process.env.N8N_PORT || 5678);
  const tee = argv.has('--logs') || process.env.N8N_LOGS === '1';

  if (argv.has('--reset')) {
    log(`deleting ${path.relative(ROOT, USER_FOLDER)}/`);
    fs.rmSync(USER_FOLDER, { recursive: true, force: true });
  }
  if (await n8n.portInUse(port)) {
    throw new Error(`port ${port} on 127.0.0.1 is in use (another \`npm start\`?); choose another with PORT=<port> npm start`);
  }

  if (argv.has('--no-build') || process.env.SKIP_BUILD === '1') log('skipping the build');
  else await build();
  for (const file of [...((PACKAGE.n8n && PACKAGE.n8n.nodes) || []), ...((PACKAGE.n8n && PACKAGE.n8n.credentials) || [])]) {
    if (!fs.existsSync(path.join(ROOT, file))) log(`warning: ${file} does not exist; n8n will not show it`);
  }
  if (stopping) return;

  await n8n.ensureN8n({ log });
  if (stopping) return;
  fs.mkdirSync(USER_FOLDER, { recursive: true });
  n8n.installPackage(USER_FOLDER, { mode: 'link', log });

  const brokerPort = await n8n.freePort();
  const extra = {};

  current.sandbox = await startSandbox();
  if (current.sandbox) {
    await importSandboxCredential(n8n.n8nEnv({ userFolder: USER_FOLDER, port, brokerPort, extra }), current.sandbox);
  }
  if (stopping) return;

  log(`starting n8n ${n8n.N8N_VERSION} (log: ${path.relative(ROOT, path.join(USER_FOLDER, 'n8n.log'))})...`);
  const instance = await n8n.startN8n({
    userFolder: USER_FOLDER,
    port,
    brokerPort,
    env: extra,
    tee,
    ensure: false,
    log,
    readyTimeoutMs: 180000,
  });
  current.n8n = instance;
  if (stopping) return;

  const types = loadedNodeTypes();
  log(`n8n is ready in ${(instance.readyMs / 1000).toFixed(1)} s (pid ${instance.pid})`);
  log(types.length ? `node types: ${types.join(', ')}` : `warning: no ${PACKAGE.name}.* node types loaded (is dist/ built?)`);
  console.log(`\n  n8n editor: http://127.0.0.1:${port}/\n`);
  console.log('  First visit: create the owner account (stored in .n8n-playground/).');
  console.log('  Press Ctrl-C to stop.\n');

  const { code, signal } = await instance.exited;
  if (!stopping) {
    log(`n8n exited unexpectedly (${signal || `code ${code}`}); see ${instance.logFile}`);
    await shutdown(1);
  }
}

main().catch(async (err) => {
  console.error(`[start] ${err.message}`);
  await shutdown(1);
});
