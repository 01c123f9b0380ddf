'use strict';
// Installs the pinned n8n into <repo>/n8n (its own package.json and lockfile).
//
// Measured facts this follows (see /work/shared/guides/toolchain.md):
// - `npm ci` refuses n8n's lockfile (optional packages for other platforms are
//   missing from the registry); `npm install` still honours the lock.
// - Install scripts of kafka, oracledb, sentry profilers, ... try to download
//   from outside and fail; none is needed, so scripts are skipped and only
//   sqlite3 is rebuilt (compiled from source, 45-60 s).
// - The n8n folder must not contain its own `node` package: n8n runs on the
//   repo root's Node 24 (node_modules/.bin/node).

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { N8N_DIR, N8N_PACKAGE_DIR, N8N_VERSION, npmChildEnv } = require('./paths');
const { sleep, pidAlive } = require('./util');

const SQLITE_BINDING = path.join(N8N_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
const LOCK_DIR = path.join(N8N_DIR, '.install-lock');
const INSTALL_LOG = path.join(N8N_DIR, 'install.log');

function installedN8nVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(N8N_PACKAGE_DIR, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** True when n8n/node_modules holds n8n at the pinned version with a built sqlite3. */
function isN8nInstalled() {
  return installedN8nVersion() === N8N_VERSION && fs.existsSync(SQLITE_BINDING);
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Runs npm in the n8n folder, appending its output to n8n/install.log. */
function runNpm(args) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(INSTALL_LOG, 'a');
    fs.writeSync(out, `\n$ npm ${args.join(' ')}   (${new Date().toISOString()})\n`);
    const child = spawn(npmCommand(), args, {
      cwd: N8N_DIR,
      stdio: ['ignore', out, out],
      shell: process.platform === 'win32',
      env: { ...npmChildEnv(), npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
    });
    child.on('error', (err) => {
      fs.closeSync(out);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else {
        const tail = fs.readFileSync(INSTALL_LOG, 'utf8').split('\n').slice(-30).join('\n');
        reject(new Error(`npm ${args.join(' ')} failed (${signal || `exit ${code}`}); see ${INSTALL_LOG}\n${tail}`));
      }
    });
  });
}

/** A cross-process lock (mkdir is atomic), so parallel test workers install once. */
async function withInstallLock(log, fn) {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
      } catch {
        /* being created right now */
      }
      if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
        fs.rmSync(LOCK_DIR, { recursive: true, force: true }); // stale lock from a killed install
        continue;
      }
      if (!announced) {
        log(`n8n: another process (pid ${owner}) is installing n8n ${N8N_VERSION}; waiting...`);
        announced = true;
      }
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Installs n8n N8N_VERSION into <repo>/n8n unless it is already there.
 * @param {{ log?: (line: string) => void, force?: boolean }} [opts]
 * @returns {Promise<{ installed: boolean, seconds: number, dir: string, version: string }>}
 */
async function ensureN8n(opts = {}) {
  const log = opts.log || ((line) => console.log(line));
  const started = Date.now();
  if (!opts.force && isN8nInstalled()) {
    return { installed: false, seconds: 0, dir: N8N_DIR, version: N8N_VERSION };
  }
  return await withInstallLock(log, async () => {
    if (!opts.force && isN8nInstalled()) {
      return { installed: false, seconds: (Date.now() - started) / 1000, dir: N8N_DIR, version: N8N_VERSION };
    }
    if (!fs.existsSync(path.join(N8N_DIR, 'package.json'))) {
      throw new Error(`${path.join(N8N_DIR, 'package.json')} is missing; it pins n8n ${N8N_VERSION}.`);
    }
    const current = installedN8nVersion();
    if (current !== N8N_VERSION) {
      log(
        `n8n: installing n8n ${N8N_VERSION} into ${path.relative(process.cwd(), N8N_DIR) || N8N_DIR}/ ` +
          `(${current ? `replacing ${current}` : 'first run'}; about 2.5-3 min and 2.8 GB; log: ${INSTALL_LOG})`,
      );
      const t = Date.now();
      await runNpm(['install', '--ignore-scripts', '--no-audit', '--no-fund']);
      log(`n8n: packages installed in ${Math.round((Date.now() - t) / 1000)} s`);
    }
    log('n8n: compiling sqlite3 (about 1 min)...');
    const t = Date.now();
    await runNpm(['rebuild', 'sqlite3']);
    if (!fs.existsSync(SQLITE_BINDING)) throw new Error(`npm rebuild sqlite3 did not produce ${SQLITE_BINDING}; see ${INSTALL_LOG}`);
    log(`n8n: sqlite3 built in ${Math.round((Date.now() - t) / 1000)} s`);
    if (installedN8nVersion() !== N8N_VERSION) {
      throw new Error(`after npm install, n8n/node_modules/n8n is ${installedN8nVersion()}, not ${N8N_VERSION}`);
    }
    const seconds = (Date.now() - started) / 1000;
    log(`n8n: n8n ${N8N_VERSION} ready (${Math.round(seconds)} s)`);
    return { installed: true, seconds, dir: N8N_DIR, version: N8N_VERSION };
  });
}

module.exports = { ensureN8n, isN8nInstalled, installedN8nVersion };
