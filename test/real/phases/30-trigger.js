'use strict';
// Phase "trigger": the Evolution API Trigger in a real n8n 2.41.1 (the package installed from its
// tarball) against the suite's server: Webhook mode (registration, the server's own deliveries,
// forged deliveries, deactivation), then WebSocket mode beside it, with a server restart
// (trigger-checks.js). Latency figures are printed, never asserted.

const { execFileSync } = require('node:child_process');
const n8n = require('../../../scripts/n8n');
const { run, runWebSocket } = require('../trigger-checks');

module.exports = {
  name: 'trigger',
  async run(ctx) {
    const checks = [];
    const check = async (name, fn) => {
      try {
        const value = await fn();
        checks.push({ name, ok: true });
        ctx.log(`ok ${name}`);
        return value;
      } catch (error) {
        checks.push({ name, ok: false, detail: error?.stack ?? String(error) });
        ctx.log(`FAILED ${name}`);
        return undefined;
      }
    };
    const ready = await check('the package is built and n8n 2.41.1 is installed', async () => {
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: ctx.root, env: n8n.npmChildEnv(), stdio: 'pipe' });
      await n8n.ensureN8n({ log: ctx.log });
      return true;
    });
    if (ready) {
      const figures = {};
      await run({ server: ctx.server, log: ctx.log, check, figures });
      await runWebSocket({ server: ctx.server, restartServer: ctx.restartServer, log: ctx.log, check, figures });
      ctx.log(`figures: ${JSON.stringify(figures)}`);
    }
    return { checks };
  },
};
