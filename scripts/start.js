#!/usr/bin/env node
'use strict';
// `npm start`: the playground. Builds the package and the sandbox, installs the pinned n8n on
// first use, links this repo into a persistent n8n user folder (.n8n-playground/), starts the
// Evolution API sandbox beside it (http://127.0.0.1:8080) with a credential pointing at it, and
// serves the editor on http://127.0.0.1:5678 until Ctrl-C.
//
//   npm start                      build, then start the sandbox and n8n on port 5678
//   PORT=5700 npm start            another port for n8n (N8N_PORT works too)
//   SANDBOX_PORT=8090 npm start    another port for the sandbox (default 8080; busy: any free port; 0: any)
//   npm start -- --no-sandbox      no sandbox and no sandbox credential (SANDBOX=0 too): a real server only
//   npm start -- --quiet           do not print the sandbox's requests, events and deliveries (SANDBOX_QUIET=1 too)
//   npm start -- --no-build        skip `npm run build` and `npm run sandbox:build` (SKIP_BUILD=1 too)
//   npm start -- --logs            also print n8n's log here (it always goes to .n8n-playground/n8n.log)
//   npm start -- --reset           delete .n8n-playground/ first (owner account, workflows, credentials)
//   N8N_PLAYGROUND_DIR=<dir>       another user folder than .n8n-playground/ (the end-to-end suite uses one)
//
// What is imported (with n8n's CLI, before n8n starts): the credential "Evolution API (sandbox)"
// (fixed id: updated in place when the sandbox URL changes, re-added when deleted, never
// overwritten once edited in n8n, e.g. to point at a real server) and, on the first start only,
// the workflow "Try it: send a WhatsApp text (sandbox)". The sandbox keeps its state in memory:
// every start begins with a fresh, connected instance "sandbox".
//
// After changing the nodes, stop and run `npm start` again (it rebuilds). n8n's
// hot reload (N8N_DEV_RELOAD=true) is left off: for a package without
// dist/known/*.json it watches the whole package folder, which here contains
// .n8n-playground/ where n8n itself writes, so it reloads in an endless loop.
// Ctrl-C or SIGTERM stops everything this script started, by PID (n8n) and by closing the
// sandbox's server (it runs in this process); so does the death of the parent (`npm start`
// killed with SIGTERM does not pass it on).

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const n8n = require('./n8n');

const ROOT = n8n.ROOT;
const USER_FOLDER = process.env.N8N_PLAYGROUND_DIR ? path.resolve(process.env.N8N_PLAYGROUND_DIR) : path.join(ROOT, '.n8n-playground');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const argv = new Set(process.argv.slice(2));

function log(line) {
  console.log(`[start] ${line}`);
}

/** A path relative to the repo when inside it. */
function shown(file) {
  const relative = path.relative(ROOT, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function parsePort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port: ${value}`);
  return port;
}

/** `npm run <script>` in the repo, output straight to this terminal. */
function npmRun(script) {
  log(`npm run ${script}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    current.build = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current.build = null;
      if (code === 0) resolve();
      else reject(new Error(`npm run ${script} failed (${signal || `exit ${code}`}); fix it or use \`npm start -- --no-build\``));
    });
  });
}

/** `npm run build` (the package), then `npm run sandbox:build` when the sandbox is wanted. */
async function build() {
  if (!PACKAGE.scripts || !PACKAGE.scripts.build) {
    log('package.json has no "build" script yet; starting with whatever dist/ holds');
  } else {
    await npmRun('build');
  }
  if (!stopping && sandboxWanted() && PACKAGE.scripts && PACKAGE.scripts['sandbox:build']) await npmRun('sandbox:build');
}

// ---------------------------------------------------------------------------
// The sandbox: an Evolution API 2.3.6 look-alike (sandbox/, compiled to .build/sandbox/ by
// `npm run sandbox:build`) runs in this process beside n8n, and a credential pointing at it is
// imported before n8n starts, so the playground works without a WhatsApp server. On the first
// start a small "Try it" workflow (Manual Trigger → Send Text) is imported too.
// ---------------------------------------------------------------------------
const SANDBOX_MODULE = path.join(ROOT, '.build', 'sandbox', 'sandbox', 'index.js');
const SANDBOX_DEFAULT_PORT = 8080;
/** Fixed ids: re-running `npm start` updates the same credential instead of adding one. */
const SANDBOX_CREDENTIAL = { id: 'evolutionSandbox', name: 'Evolution API (sandbox)', type: 'evolutionServerApi' };
const TRY_IT_WORKFLOW_ID = 'evolutionTryIt01';
const TRY_IT_NUMBER = '5511988887777';
/** What was imported into the playground (credential data, whether "Try it" was added). */
const PLAYGROUND_STATE = path.join(USER_FOLDER, 'playground.json');

function readPlaygroundState() {
  try {
    return JSON.parse(fs.readFileSync(PLAYGROUND_STATE, 'utf8'));
  } catch {
    return {};
  }
}

function writePlaygroundState(state) {
  fs.writeFileSync(PLAYGROUND_STATE, JSON.stringify(state, null, 2) + '\n');
}

function parseSandboxPort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid SANDBOX_PORT: ${value}`);
  return port;
}

function sandboxQuiet() {
  return argv.has('--quiet') || process.env.SANDBOX_QUIET === '1';
}

function sandboxWanted() {
  return !(argv.has('--no-sandbox') || process.env.SANDBOX === '0');
}

async function startSandbox() {
  if (!sandboxWanted()) {
    log('sandbox off (--no-sandbox): use a credential that points at your own Evolution API server');
    return null;
  }
  if (!fs.existsSync(SANDBOX_MODULE)) await npmRun('sandbox:build');
  if (stopping) return null;
  const { startSandbox: start } = require(SANDBOX_MODULE);
  const wanted = process.env.SANDBOX_PORT !== undefined && process.env.SANDBOX_PORT !== '' ? parseSandboxPort(process.env.SANDBOX_PORT) : SANDBOX_DEFAULT_PORT;
  const quiet = sandboxQuiet();
  const options = {
    host: '127.0.0.1',
    // retry failed webhook deliveries after 0.5 s, 1 s, 2 s... instead of the server's 5 s... 300 s
    fastRetries: true,
    log: quiet ? false : (line) => console.log(`[sandbox] ${line.replace(/^fake: /, '')}`),
  };
  let port = wanted;
  if (port !== 0 && (await n8n.portInUse(port))) {
    port = await n8n.freePort();
    log(`port ${wanted} is in use; the sandbox takes the free port ${port} instead`);
  }
  try {
    return await start({ ...options, port });
  } catch (err) {
    if (err.code !== 'EADDRINUSE') throw err;
    // taken between the check and the listen: any free port will do
    const free = await n8n.freePort();
    log(`port ${port} was taken meanwhile; the sandbox takes ${free}`);
    return await start({ ...options, port: free });
  }
}

/**
 * The sandbox credential's row in the playground's SQLite database: { updatedAt } when present,
 * null when missing, undefined when it cannot be read here (then it is simply imported again).
 */
async function sandboxCredentialRow() {
  const dbFile = path.join(USER_FOLDER, '.n8n', 'database.sqlite');
  if (!fs.existsSync(dbFile)) return null;
  let sqlite3;
  try {
    // n8n's own SQLite binding (built for the Node 24 that `npm start` runs on)
    sqlite3 = require(path.join(n8n.N8N_DIR, 'node_modules', 'sqlite3'));
  } catch {
    return undefined;
  }
  return await new Promise((resolve) => {
    const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (openErr) => {
      if (openErr) return resolve(undefined);
      db.get('SELECT updatedAt FROM credentials_entity WHERE id = ?', [SANDBOX_CREDENTIAL.id], (err, row) => {
        db.close();
        resolve(err ? undefined : row ? { updatedAt: String(row.updatedAt) } : null);
      });
    });
  });
}

function tryItWorkflow() {
  const trigger = 'When clicking ‘Execute workflow’';
  return {
    id: TRY_IT_WORKFLOW_ID,
    name: 'Try it: send a WhatsApp text (sandbox)',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: 'b6f1c3a0-5d4e-4f7a-9c2b-1a0e7d3f5c01',
        name: 'About this workflow',
        type: 'n8n-nodes-base.stickyNote',
        typeVersion: 1,
        position: [-260, -220],
        parameters: {
          width: 560,
          height: 200,
          content:
            '## Try it\nClick **Execute workflow**. **Send Text** sends a WhatsApp text through the credential ' +
            '**Evolution API (sandbox)**, which points at the Evolution API sandbox that `npm start` runs beside n8n ' +
            '(the terminal prints each request it receives). The output is what Evolution API 2.3.6 answers.\n\n' +
            'For a real server, create another **Evolution API** credential and pick it in the node.',
        },
      },
      {
        id: 'b6f1c3a0-5d4e-4f7a-9c2b-1a0e7d3f5c02',
        name: trigger,
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [-220, 60],
        parameters: {},
      },
      {
        id: 'b6f1c3a0-5d4e-4f7a-9c2b-1a0e7d3f5c03',
        name: 'Send Text',
        type: `${PACKAGE.name}.evolutionApi`,
        typeVersion: 1,
        position: [40, 60],
        parameters: { resource: 'message', operation: 'sendText', remoteJid: TRY_IT_NUMBER, text: 'Hello from n8n! 👋', options: {} },
        credentials: { [SANDBOX_CREDENTIAL.type]: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
      },
    ],
    connections: { [trigger]: { main: [[{ node: 'Send Text', type: 'main', index: 0 }]] } },
    pinData: {},
  };
}

/**
 * Imports the sandbox credential (when missing or pointing elsewhere) and, on the first start,
 * the "Try it" workflow. Runs n8n's CLI before the server starts; each call boots n8n for a few
 * seconds, so nothing is imported when the playground already has it.
 */
async function importSandboxCredential(env, sandbox) {
  const data = { serverUrl: sandbox.url, apiKey: sandbox.apiKey, defaultInstance: sandbox.instances[0] ? sandbox.instances[0].name : '' };
  const state = readPlaygroundState();
  const row = await sandboxCredentialRow();
  const editedInN8n = row && state.credentialUpdatedAt && row.updatedAt !== state.credentialUpdatedAt;
  if (editedInN8n) {
    // someone changed it in the editor (e.g. to a real server): theirs now, never overwritten
    if (JSON.stringify(state.sandboxCredential) !== JSON.stringify(data)) {
      log(`the credential "${SANDBOX_CREDENTIAL.name}" was edited in n8n, so it is left as it is; the sandbox now listens on ${sandbox.url}`);
    }
  } else if (!row || JSON.stringify(state.sandboxCredential) !== JSON.stringify(data)) {
    log(`importing the credential "${SANDBOX_CREDENTIAL.name}" (${data.serverUrl}, instance "${data.defaultInstance}")...`);
    await n8n.importCredentials(env, { ...SANDBOX_CREDENTIAL, data });
    const imported = await sandboxCredentialRow();
    state.sandboxCredential = data;
    state.credentialUpdatedAt = imported ? imported.updatedAt : undefined;
    writePlaygroundState(state);
  }
  if (stopping) return;
  // Only once: a user who deletes the workflow does not get it back (`npm start -- --reset` does).
  if (!state.tryItImported) {
    log('importing the workflow "Try it: send a WhatsApp text (sandbox)"...');
    await n8n.importWorkflow(env, tryItWorkflow());
    state.tryItImported = true;
    writePlaygroundState(state);
  }
}

function printInstructions(port, sandbox) {
  const editor = `http://127.0.0.1:${port}/`;
  const lines = ['', `  n8n editor:  ${editor}`];
  if (sandbox) {
    const instance = sandbox.instances[0] ? sandbox.instances[0].name : 'sandbox';
    lines.push(
      `  sandbox:     ${sandbox.url}  (Evolution API 2.3.6 look-alike; API key "${sandbox.apiKey}", instance "${instance}", connected)`,
      '',
      `  1. Open the editor. First visit: create the owner account (kept in ${shown(USER_FOLDER)}/).`,
      '  2. Open the workflow "Try it: send a WhatsApp text (sandbox)" and click "Execute workflow".',
      `     Its credential "Evolution API (sandbox)" points at the sandbox; the request shows up ${sandboxQuiet() ? 'in' : 'below and in'}:`,
      `       curl -s ${sandbox.url}/sandbox/requests`,
      '  3. Receive messages: add an "Evolution API Trigger" to a workflow, click "Execute workflow" (or',
      '     publish it), then simulate an incoming WhatsApp message:',
      `       curl -s -X POST ${sandbox.url}/sandbox/${encodeURIComponent(instance)}/incoming -H 'content-type: application/json' \\`,
      `         -d '{"from":"${TRY_IT_NUMBER}","pushName":"Ana","text":"Hello!"}'`,
      '',
      '  A real server instead: enter its URL and API key in the credential (npm start never overwrites',
      '  a credential edited in n8n) or in a new "Evolution API" credential; `npm start -- --no-sandbox`',
      '  skips the sandbox.',
    );
  } else {
    lines.push('', `  First visit: create the owner account (kept in ${shown(USER_FOLDER)}/), then an "Evolution API" credential for your server.`);
  }
  lines.push('  Press Ctrl-C to stop everything.', '');
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------

const current = { build: null, sandbox: null, n8n: null, importing: null };
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
  if (current.importing) {
    // n8n's CLI is importing into the database: let it finish rather than leave it running alone
    log('waiting for the import to finish...');
    await current.importing.catch(() => {});
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
    log(`deleting ${shown(USER_FOLDER)}/`);
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
  if (current.sandbox && !stopping) {
    current.importing = importSandboxCredential(n8n.n8nEnv({ userFolder: USER_FOLDER, port, brokerPort, extra }), current.sandbox);
    try {
      await current.importing;
    } finally {
      current.importing = null;
    }
  }
  if (stopping) return;

  log(`starting n8n ${n8n.N8N_VERSION} (log: ${shown(path.join(USER_FOLDER, 'n8n.log'))})...`);
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
  printInstructions(port, current.sandbox);

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
