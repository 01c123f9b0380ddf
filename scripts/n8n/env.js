'use strict';
// Ports and the environment that runs n8n offline, quietly, on 127.0.0.1 only.

const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Fixed key so credentials imported in one run decrypt in the next (tests and playground only). */
const TEST_ENCRYPTION_KEY = 'n8n-nodes-evolution-local-test-encryption-key';

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something already listens on 127.0.0.1:port. */
function portInUse(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** A fresh empty folder under the OS temp dir, for one throwaway n8n instance. */
function tempUserFolder(prefix = 'n8n-evolution-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The variables that make n8n run here: own user folder, 127.0.0.1 only,
 * no telemetry, no calls home, sqlite, a fixed encryption key.
 * @param {{ userFolder: string, port: number, brokerPort: number, extra?: Record<string, string|undefined>, base?: NodeJS.ProcessEnv }} opts
 *   `extra` is applied last (a value of undefined removes the variable);
 *   `base` defaults to process.env (pass {} for only n8n's variables).
 * @returns {Record<string,string>} a complete environment for child_process.spawn
 */
function n8nEnv({ userFolder, port, brokerPort, extra = {}, base = process.env } = {}) {
  if (!userFolder) throw new Error('n8nEnv: userFolder is required (n8n otherwise writes ~/.n8n)');
  if (!port) throw new Error('n8nEnv: port is required');
  if (!brokerPort) throw new Error('n8nEnv: brokerPort is required (the task runner broker defaults to 5679)');
  const url = `http://127.0.0.1:${port}/`;
  const env = {
    ...base,
    // where and how to listen
    N8N_USER_FOLDER: path.resolve(userFolder),
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    N8N_EDITOR_BASE_URL: url,
    N8N_WEBHOOK_URL: url,
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_SECURE_COOKIE: 'false',
    // storage
    DB_TYPE: 'sqlite',
    N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    // offline and quiet: no telemetry, banners, templates, update checks, AI, Python runner
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_DYNAMIC_BANNERS_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_AI_ENABLED: 'false',
    N8N_PYTHON_ENABLED: 'false',
    // the MCP server registry refresh calls api.n8n.io at start-up (ENOTFOUND offline)
    N8N_DISABLED_MODULES: 'mcp-registry',
    // community packages: load ours from <userFolder>/.n8n/nodes, never reinstall from the registry
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
    N8N_REINSTALL_MISSING_PACKAGES: 'false',
    // the public API (executions, activation) is used by the tests
    N8N_PUBLIC_API_DISABLED: 'false',
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === null) delete env[key];
    else env[key] = String(value);
  }
  return env;
}

module.exports = { freePort, portInUse, tempUserFolder, n8nEnv, TEST_ENCRYPTION_KEY };
