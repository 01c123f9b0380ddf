'use strict';
// Run the pinned n8n (2.41.1) locally: install it, start/stop servers, load this
// package into them, drive the CLI and the APIs. Plain CommonJS, Node built-ins only.
// Used by `npm start`, the end-to-end suite, the sandbox, benchmarks and screenshots.
// See README.md in this folder.

const paths = require('./paths');
const install = require('./install');
const env = require('./env');
const pkg = require('./package');
const server = require('./server');
const cli = require('./cli');
const api = require('./api');
const util = require('./util');

module.exports = {
  // where things are
  ROOT: paths.ROOT,
  N8N_DIR: paths.N8N_DIR,
  N8N_BIN: paths.N8N_BIN,
  N8N_VERSION: paths.N8N_VERSION,
  nodeBin: paths.nodeBin,
  npmChildEnv: paths.npmChildEnv,
  // install
  ensureN8n: install.ensureN8n,
  isN8nInstalled: install.isN8nInstalled,
  // environment
  freePort: env.freePort,
  portInUse: env.portInUse,
  tempUserFolder: env.tempUserFolder,
  n8nEnv: env.n8nEnv,
  TEST_ENCRYPTION_KEY: env.TEST_ENCRYPTION_KEY,
  // the package under test
  installPackage: pkg.installPackage,
  nodesDir: pkg.nodesDir,
  // server
  startN8n: server.startN8n,
  waitForReady: server.waitForReady,
  // command line
  n8nCli: cli.n8nCli,
  parseCliJson: cli.parseCliJson,
  importCredentials: cli.importCredentials,
  importWorkflow: cli.importWorkflow,
  publishWorkflow: cli.publishWorkflow,
  executeWorkflow: cli.executeWorkflow,
  // REST and public API
  setupOwnerAndApiKey: api.setupOwnerAndApiKey,
  publicApi: api.publicApi,
  DEFAULT_OWNER: api.DEFAULT_OWNER,
  // helpers
  sleep: util.sleep,
  pidAlive: util.pidAlive,
  fetchJson: util.fetchJson,
  // queue mode: Redis and PostgreSQL from Debian, main/worker/webhook processes (queue.js)
  queue: require('./queue'),
};
