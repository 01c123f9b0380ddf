'use strict';
// Where things live. Everything is derived from this file's location, so the
// library works from any working directory.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const N8N_VERSION = '2.41.1';
const N8N_DIR = path.join(ROOT, 'n8n');
const N8N_PACKAGE_DIR = path.join(N8N_DIR, 'node_modules', 'n8n');
const N8N_BIN = path.join(N8N_PACKAGE_DIR, 'bin', 'n8n');
const MIN_NODE_MAJOR = 24;

/**
 * The Node 24 binary that runs n8n: the repo root's `node` devDependency
 * (node_modules/.bin/node). Falls back to the current Node when it is 24+.
 */
function nodeBin() {
  const candidates =
    process.platform === 'win32'
      ? [path.join(ROOT, 'node_modules', 'node', 'bin', 'node.exe'), path.join(ROOT, 'node_modules', '.bin', 'node.cmd')]
      : [path.join(ROOT, 'node_modules', '.bin', 'node'), path.join(ROOT, 'node_modules', 'node', 'bin', 'node')];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
  }
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) return process.execPath;
  throw new Error(
    `n8n ${N8N_VERSION} needs Node ${MIN_NODE_MAJOR}+, but ${path.join(ROOT, 'node_modules', '.bin', 'node')} ` +
      `does not exist and this is Node ${process.versions.node}. Run \`npm install\` in ${ROOT} first.`,
  );
}

/**
 * process.env without what `npm run` adds for the project that launched us
 * (npm_config_local_prefix would make a nested `npm install` act on the repo
 * root; npm_package_* and npm_lifecycle_* describe the wrong package).
 */
function npmChildEnv(base = process.env) {
  const env = { ...base };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (
      k.startsWith('npm_package_') ||
      k.startsWith('npm_lifecycle_') ||
      k === 'npm_config_local_prefix' ||
      k === 'npm_config_workspace' ||
      k === 'npm_config_workspaces' ||
      k === 'npm_config_include_workspace_root' ||
      k === 'init_cwd'
    ) {
      delete env[key];
    }
  }
  return env;
}

module.exports = {
  npmChildEnv, ROOT, N8N_VERSION, N8N_DIR, N8N_PACKAGE_DIR, N8N_BIN, MIN_NODE_MAJOR, nodeBin };
