'use strict';
// `npm start` (scripts/start.js) in a throwaway playground folder: it must start the sandbox
// and n8n, import the sandbox credential and the "Try it" workflow, and that workflow must work
// the way a click on "Execute workflow" runs it (POST /rest/workflows/<id>/run); Ctrl-C (SIGINT)
// must stop n8n and the sandbox and free their ports.

const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const n8n = require('../../../scripts/n8n');
const { waitFor, http, pidAlive, timeout, processesUsingFolder, hasNetGuard, envOf } = require('../lib/util');

const TRY_IT_ID = 'evolutionTryIt01';
const CREDENTIAL_ID = 'evolutionSandbox';

async function runPlaygroundPhase(ctx) {
  const { suite } = ctx;
  const folder = n8n.tempUserFolder('n8n-evolution-e2e-playground-');
  ctx.folders.push(folder);
  const port = await n8n.freePort();
  const state = { output: '' };

  const started = await suite.test('npm start (scripts/start.js) starts the sandbox and n8n, imports the credential and "Try it"', async () => {
    const child = spawn(n8n.nodeBin(), [path.join(n8n.ROOT, 'scripts', 'start.js'), '--no-build', '--quiet'], {
      cwd: n8n.ROOT,
      // SANDBOX_PORT=0: any free port, so a sandbox someone runs on 8080 is not in the way
      env: { ...n8n.npmChildEnv(), ...ctx.guardEnv, N8N_PLAYGROUND_DIR: folder, PORT: String(port), SANDBOX_PORT: '0', N8N_PORT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group: the suite's Ctrl-C handling must not reach it, and a last-resort kill can
      detached: process.platform !== 'win32',
    });
    state.child = child;
    ctx.children.push(child);
    state.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (state.output += chunk));
    const begin = Date.now();
    await waitFor('"Press Ctrl-C" from npm start', () => {
      if (child.exitCode !== null) throw new Error(`start.js exited (${child.exitCode}):\n${state.output.slice(-3000)}`);
      return /Press Ctrl-C to stop everything/.test(state.output);
    }, { timeoutMs: 180000, intervalMs: 250 }).catch((err) => {
      throw new Error(`${err.message}\n--- start.js output ---\n${state.output.slice(-3000)}`);
    });
    ctx.timings.push(['npm start (first start, imports)', Date.now() - begin]);
    const pidMatch = /n8n is ready in [\d.]+ s \(pid (\d+)\)/.exec(state.output);
    const sandboxMatch = /sandbox:\s+(http:\/\/127\.0\.0\.1:(\d+))/.exec(state.output);
    assert.ok(pidMatch, 'start.js printed n8n\'s pid');
    assert.ok(sandboxMatch, 'start.js printed the sandbox URL');
    state.n8nPid = Number(pidMatch[1]);
    state.sandboxUrl = sandboxMatch[1];
    state.sandboxPort = Number(sandboxMatch[2]);
    ctx.ports.push(port, state.sandboxPort);
    const brokerPort = Number(envOf(state.n8nPid, 'N8N_RUNNERS_BROKER_PORT'));
    if (brokerPort) {
      state.brokerPort = brokerPort;
      ctx.ports.push(brokerPort);
      ctx.brokerPorts.push(brokerPort);
    }
    assert.ok(hasNetGuard(child.pid) && hasNetGuard(state.n8nPid), 'start.js and its n8n run with the net guard preloaded');
    assert.match(state.output, /importing the credential "Evolution API \(sandbox\)"/);
    assert.match(state.output, /importing the workflow "Try it: send a WhatsApp text \(sandbox\)"/);
    assert.match(state.output, /node types: n8n-nodes-evolution\.evolutionApi, n8n-nodes-evolution\.evolutionApiTrigger, n8n-nodes-evolution\.evolutionApiTool/);
    suite.info(`start.js pid ${child.pid}, n8n pid ${state.n8nPid} on port ${port}, sandbox ${state.sandboxUrl}`);
    return true;
  });

  if (started) {
    await suite.test('clicking "Execute workflow" on "Try it" sends the text through the sandbox credential', async () => {
      const url = `http://127.0.0.1:${port}/`;
      const owner = await n8n.setupOwnerAndApiKey(url);
      const headers = { cookie: owner.cookie, 'browser-id': owner.browserId };
      const credentials = await http('GET', `${url}rest/credentials`, { headers });
      assert.equal(credentials.status, 200, credentials.text.slice(0, 300));
      const sandboxCredential = credentials.json.data.find((credential) => credential.id === CREDENTIAL_ID);
      assert.ok(sandboxCredential, 'the owner sees the credential "Evolution API (sandbox)"');
      assert.equal(sandboxCredential.name, 'Evolution API (sandbox)');
      const workflow = await http('GET', `${url}rest/workflows/${TRY_IT_ID}`, { headers });
      assert.equal(workflow.status, 200, workflow.text.slice(0, 300));
      const trigger = workflow.json.data.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
      // what the editor sends for "Execute workflow"
      const run = await http('POST', `${url}rest/workflows/${TRY_IT_ID}/run`, { headers, body: { triggerToStartFrom: { name: trigger.name } } });
      assert.equal(run.status, 200, run.text.slice(0, 500));
      const executionId = run.json.data.executionId;
      const api = n8n.publicApi(url, owner.apiKey);
      const execution = await waitFor('the "Try it" execution', async () => {
        const found = await api.get(`executions/${executionId}`, { includeData: true });
        return found && found.finished !== undefined && !['new', 'running', 'waiting'].includes(found.status) ? found : null;
      }, { timeoutMs: 30000, intervalMs: 300 });
      assert.equal(execution.status, 'success', JSON.stringify(execution.data && execution.data.resultData && execution.data.resultData.error));
      const output = execution.data.resultData.runData['Send Text'][0].data.main[0][0].json;
      assert.equal(output.message.conversation, 'Hello from n8n! 👋');
      const requests = await http('GET', `${state.sandboxUrl}/sandbox/requests`);
      const sent = requests.json.filter((request) => request.route === 'message.sendText');
      assert.equal(sent.length, 1, 'the sandbox received one sendText');
      assert.equal(sent[0].status, 201);
      assert.deepEqual(sent[0].validationErrors, []);
      assert.deepEqual(sent[0].body, { number: '5511988887777', text: 'Hello from n8n! 👋' });
    });
  }

  await suite.test('Ctrl-C (SIGINT) stops n8n and the sandbox by PID and frees their ports', async () => {
    assert.ok(state.child, 'start.js was not started');
    if (state.child.exitCode === null) process.kill(state.child.pid, 'SIGINT');
    const exit = await Promise.race([state.exited, timeout(40000).then(() => null)]);
    assert.ok(exit, `start.js did not exit within 40 s after SIGINT:\n${state.output.slice(-2000)}`);
    assert.equal(exit.code, 130, `start.js exit ${JSON.stringify(exit)}`);
    assert.match(state.output, /\[start\] stopped/);
    if (state.n8nPid) assert.equal(pidAlive(state.n8nPid), false, `n8n (pid ${state.n8nPid}) is still running`);
    assert.deepEqual(processesUsingFolder(folder, state.brokerPort ? [state.brokerPort] : []), [], 'processes (n8n, its task runner) still use the playground folder');
    for (const used of [port, state.sandboxPort, state.brokerPort].filter(Boolean)) assert.equal(await n8n.portInUse(used), false, `port ${used} is still in use`);
  });
}

module.exports = { runPlaygroundPhase };
