#!/usr/bin/env node
'use strict';
// Runs the trigger phase (trigger-checks.js: run, then runWebSocket; npm run test:real runs the same checks as its phase "trigger") on its own: builds the
// package, starts one real Evolution API 2.3.6 with WEBSOCKET_ENABLED=true
// (scripts/evolution/server.js: fresh database, free loopback ports), runs the phase in the
// pinned n8n 2.41.1 (restarting the server mid-run for the WebSocket part), stops everything. Last line "N passed, N failed"; exit
// code 1 when a check failed. Node 24 from the repo: `npm exec -- node test/real/trigger.js`
// or node_modules/.bin/node test/real/trigger.js.
//
//   --no-build              use dist/ as it is
//   --websocket-only        only the WebSocket part (runWebSocket)
//   REAL_LATENCY_ROUNDS=n   connects/restarts measured (default 20)
// The measured figures are also written to .build/real/trigger-figures.json.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const n8n = require('../../scripts/n8n');
const { startEvolution } = require('../../scripts/evolution/server');
const { Suite } = require('../e2e/lib/harness');
const { run, runWebSocket } = require('./trigger-checks');

const FIGURES = path.join(n8n.ROOT, '.build', 'real', 'trigger-figures.json');

async function main() {
  const suite = new Suite();
  const figures = { n8n: n8n.N8N_VERSION, evolution: '2.3.6', startedAt: new Date().toISOString() };
  let server = null;
  try {
    suite.section('Real Evolution API 2.3.6: the trigger in n8n 2.41.1');
    const ready = await suite.test('the package is built, n8n is installed, the real server is started', async () => {
      if (!process.argv.includes('--no-build')) {
        execFileSync('npm', ['run', '--silent', 'build'], { cwd: n8n.ROOT, env: n8n.npmChildEnv(), stdio: 'pipe' });
      }
      await n8n.ensureN8n({ log: (line) => suite.info(line) });
      // websockets on for the WebSocket part; the webhook part does not depend on it
      server = await startEvolution({ env: { WEBSOCKET_ENABLED: 'true' }, log: (line) => suite.info(line) });
      suite.info(`Evolution API ${server.url} (log ${server.logFile})`);
      return true;
    });
    const log = (line) => suite.info(line);
    const check = (name, fn) => suite.test(name, fn);
    if (ready) {
      if (!process.argv.includes('--websocket-only')) await run({ server, log, check, figures });
      suite.section('Real Evolution API 2.3.6: WebSocket mode beside Webhook mode');
      await runWebSocket({ server, restartServer: () => server.restart(), log, check, figures });
    }
  } finally {
    if (server) await server.stop();
    fs.mkdirSync(path.dirname(FIGURES), { recursive: true });
    fs.writeFileSync(FIGURES, JSON.stringify(figures, null, 2) + '\n');
    suite.summary();
    process.exitCode = suite.failed > 0 ? 1 : 0;
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  console.log('\n0 passed, 1 failed');
  process.exitCode = 1;
});
