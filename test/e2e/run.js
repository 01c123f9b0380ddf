#!/usr/bin/env node
'use strict';
// End-to-end suite: this package in the pinned n8n 2.41.1, against the Evolution API sandbox,
// everything on 127.0.0.1. `npm run test:e2e` (Node 24 from the devDependency).
//
//   node test/e2e/run.js               build, then run everything
//   node test/e2e/run.js --no-build    use dist/ and .build/sandbox/ as they are (E2E_SKIP_BUILD=1 too)
//   node test/e2e/run.js --keep        keep the temporary n8n user folders (kept anyway on failure)
//   node test/e2e/run.js --no-playground   skip the `npm start` phase
//
// What it does, in order:
//   1. npm run build, npm run sandbox:build; the pinned n8n installed (scripts/n8n).
//   2. The sandbox (in this process), a scripted OpenAI-compatible model and a "foreign" webhook
//      receiver, each on a free 127.0.0.1 port; a fresh n8n user folder; the package installed
//      the way n8n installs it (npm pack, extracted into <folder>/.n8n/nodes/node_modules).
//   3. Credentials and every workflow (test/e2e/workflows/*.json and examples/*.json) imported.
//   4. `n8n execute --id` of one workflow per group of resources (a representative operation of
//      all 23), an AI Agent using the node as a tool with $fromAI, and every example marked
//      "meta": {"e2e": "run"}; node outputs and the requests the sandbox received are checked.
//   5. The trigger workflow published, `n8n start`; webhook registration, deliveries turned into
//      executions (public API), a forged delivery refused, deactivation restoring the webhook.
//   6. `npm start` in a throwaway playground: the "Try it" workflow run as a click runs it; Ctrl-C.
//   7. Every process stopped by PID, every port closed, checked.
// The last line is "N passed, N failed"; the exit code is 1 when anything failed.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const n8n = require('../../scripts/n8n');
const { Suite } = require('./lib/harness');
const { http, pidAlive, processesUsingFolder, timeout, listeningPids } = require('./lib/util');
const { startFakeOpenAi } = require('./lib/fake-openai');
const { startSink } = require('./lib/sink');
const { readAttempts } = require('./lib/net-guard');
const { loadFixtures, loadExamples, CREDENTIALS } = require('./lib/workflows');
const { seedSandbox, runActionWorkflows } = require('./phases/actions');
const { runAiToolWorkflow, checkNodeTypes, AI_TEXT } = require('./phases/ai');
const { runExamples } = require('./phases/examples');
const { runTriggerPhase } = require('./phases/trigger');
const { runPlaygroundPhase } = require('./phases/playground');
const { runSendAndWaitPhase } = require('./phases/sendAndWait');

const ROOT = n8n.ROOT;
const SANDBOX_MODULE = path.join(ROOT, '.build', 'sandbox', 'sandbox', 'index.js');
const NET_GUARD = path.join(__dirname, 'lib', 'net-guard.js');
/** TEST-NET-1: the "Net Guard Canary" node of action-instance.json asks for it on purpose. */
const CANARY_HOST = '192.0.2.1';
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const argv = new Set(process.argv.slice(2));

function npmRun(script) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
      cwd: ROOT,
      env: n8n.npmChildEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (${signal || `exit ${code}`}):\n${output.slice(-4000)}`))));
  });
}

const suite = new Suite();
const ctx = {
  suite,
  timings: [],
  /** every port, pid and folder the suite used, checked at the end */
  ports: [],
  pids: [],
  folders: [],
  children: [],
  /** task runner broker ports of the n8n processes (their runners are found by it) */
  brokerPorts: [],
};
let cleaning = null;
/** Stops everything once, however the run ends. */
const cleanupOnce = (completed) => (cleaning ??= cleanup(ctx, suite, completed));

// Ctrl-C / SIGTERM: stop what was started (by PID), then report. A second signal exits at once
// (n8n's own exit hook still kills the process groups it started).
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log(`\n${signal}: stopping what the suite started...`);
    suite.skip('the rest of the suite', `interrupted by ${signal}`);
    cleanupOnce(false).finally(() => {
      suite.summary(ctx.timings);
      process.exit(130);
    });
  });
}

async function main() {
  const step = async (label, fn) => {
    const started = Date.now();
    const value = await fn();
    ctx.timings.push([label, Date.now() - started]);
    return value;
  };
  let ok = false;

  console.log(`n8n-nodes-evolution end-to-end: n8n ${n8n.N8N_VERSION}, ${PACKAGE.name}@${PACKAGE.version}, Node ${process.versions.node}`);
  try {
    suite.section('Setup');
    const ready = await suite.test('build the package and the sandbox; the pinned n8n is installed', async () => {
      if (argv.has('--no-build') || process.env.E2E_SKIP_BUILD === '1') suite.info('--no-build: using dist/ and .build/sandbox/ as they are');
      else {
        await step('npm run build', () => npmRun('build'));
        await step('npm run sandbox:build', () => npmRun('sandbox:build'));
      }
      for (const file of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials, path.relative(ROOT, SANDBOX_MODULE)]) {
        assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} is missing`);
      }
      const installed = await step('ensure n8n', () => n8n.ensureN8n({ log: (line) => suite.info(line) }));
      assert.equal(installed.version, n8n.N8N_VERSION);
      return true;
    });
    if (!ready) return;

    const services = await suite.test('the sandbox, a scripted chat model and a foreign webhook receiver listen on 127.0.0.1', async () => {
      ctx.userFolder = n8n.tempUserFolder('n8n-evolution-e2e-');
      ctx.folders.push(ctx.userFolder);
      // this process (lib/net-guard.js is loaded above) and every n8n process refuse and record non-loopback traffic
      ctx.netGuardLog = path.join(ctx.userFolder, 'net-guard.log');
      process.env.E2E_NET_GUARD_LOG = ctx.netGuardLog;
      ctx.guardEnv = {
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${JSON.stringify(NET_GUARD)}`].filter(Boolean).join(' '),
        E2E_NET_GUARD_LOG: ctx.netGuardLog,
      };
      const { startSandbox } = require(SANDBOX_MODULE);
      ctx.sandbox = await startSandbox({
        host: '127.0.0.1',
        port: 0,
        fastRetries: true,
        instances: ['sandbox', { name: 'cloud', integration: 'WHATSAPP-BUSINESS', state: 'open', number: '5511999990009', ownerJid: '5511999990009@s.whatsapp.net', token: 'cloud-token' }],
      });
      ctx.openai = await startFakeOpenAi({ answers: { text: AI_TEXT } });
      ctx.sink = await startSink();
      ctx.ports.push(ctx.sandbox.port, ctx.openai.port, ctx.sink.port);
      for (const url of [ctx.sandbox.url, ctx.openai.url, ctx.sink.url]) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      ctx.sandboxHttp = (method, route, body) => http(method, `${ctx.sandbox.url}${route}`, { body });
      ctx.sandboxApi = (method, route, body) => http(method, `${ctx.sandbox.url}${route}`, { body, headers: { apikey: ctx.sandbox.apiKey } });
      suite.info(`sandbox ${ctx.sandbox.url} (instances ${ctx.sandbox.instances.map((i) => i.name).join(', ')}), model ${ctx.openai.url}, receiver ${ctx.sink.url}`);
      return true;
    });
    if (!services) return;

    const installed = await suite.test('a fresh n8n user folder; the package installed as n8n installs it (npm pack, extracted)', async () => {
      // ports for the CLI's environment (n8n execute starts a task runner broker); the server gets fresh ones
      const port = await n8n.freePort();
      let brokerPort = await n8n.freePort();
      while (brokerPort === port) brokerPort = await n8n.freePort();
      ctx.env = n8n.n8nEnv({ userFolder: ctx.userFolder, port, brokerPort, extra: ctx.guardEnv });
      ctx.brokerPorts.push(brokerPort);
      const result = await step('npm pack + extract', () => n8n.installPackage(ctx.userFolder, { mode: 'pack' }));
      assert.equal(result.mode, 'pack');
      const files = result.files;
      for (const file of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials, 'package.json']) assert.ok(files.includes(file), `the tarball lacks ${file}`);
      const stray = files.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE(\.md)?$|CHANGELOG\.md$)/.test(file));
      assert.deepEqual(stray, [], 'the tarball holds only dist/, package.json and docs');
      assert.equal(fs.lstatSync(result.target).isSymbolicLink(), false, 'a real copy, not a link to the repo');
      assert.equal(path.relative(ROOT, ctx.userFolder).startsWith('..'), true, 'the user folder is outside the repo (no devDependency resolution)');
      suite.info(`${ctx.userFolder}: ${files.length} files from the tarball`);
      return true;
    });
    if (!installed) return;

    await suite.test('the sandbox is seeded (a stored text and PDF from Bruno, a label)', () => seedSandbox(ctx));

    const credentialsImported = await suite.test('n8n import:credentials: Evolution API (sandbox) and the scripted OpenAI', async () => {
      await step('import:credentials', () =>
        n8n.importCredentials(ctx.env, [
          {
            ...CREDENTIALS.evolutionServerApi,
            type: 'evolutionServerApi',
            data: { serverUrl: ctx.sandbox.url, apiKey: ctx.sandbox.apiKey, defaultInstance: ctx.sandbox.instances[0].name },
          },
          { ...CREDENTIALS.openAiApi, type: 'openAiApi', data: { apiKey: 'sk-e2e-fake', url: `${ctx.openai.url}/v1` } },
        ]),
      );
      return true;
    });
    if (!credentialsImported) return;

    const fixtures = loadFixtures();
    const examples = loadExamples();
    const all = [...fixtures, ...examples];
    const imported = await suite.test(`n8n import:workflow: ${fixtures.length} suite workflows and ${examples.length} examples (examples/*.json)`, async () => {
      const broken = all.filter((entry) => entry.error);
      assert.deepEqual(broken.map((entry) => `${entry.name}: ${entry.error.message}`), [], 'workflow files that do not parse');
      const ids = all.map((entry) => entry.workflow.id);
      assert.equal(new Set(ids).size, ids.length, `duplicate workflow ids: ${ids.join(', ')}`);
      try {
        await step('import:workflow (all)', () => n8n.importWorkflow(ctx.env, all.map((entry) => entry.workflow)));
      } catch (err) {
        // one at a time, to name the file n8n refuses
        const refused = [];
        for (const entry of all) {
          try {
            await n8n.importWorkflow(ctx.env, entry.workflow);
          } catch (single) {
            refused.push(`${entry.name}: ${single.message.split('\n').slice(-6).join(' ')}`);
          }
        }
        throw new Error(`n8n refused: ${refused.join('\n') || err.message}`);
      }
      if (examples.length === 0) suite.info('examples/ holds no *.json yet: nothing to import from there');
      return true;
    });
    if (!imported) return;

    suite.section('Action node: n8n execute --id, one workflow per group of resources');
    const covered = await runActionWorkflows(ctx, fixtures);

    suite.section('Action node as an AI tool');
    const aiEntry = fixtures.find((entry) => entry.workflow.id === 'e2eAiTool0000001');
    if (aiEntry) await runAiToolWorkflow(ctx, aiEntry);
    else suite.skip('AI Agent with the Evolution API Tool', 'test/e2e/workflows/ai-tool.json is missing');

    suite.section('Examples (examples/*.json)');
    await runExamples(ctx, examples);

    suite.section('Trigger: published, n8n started, deliveries, forged delivery, deactivation');
    const triggerEntry = fixtures.find((entry) => entry.workflow.id === 'e2eTrigger000001');
    if (triggerEntry) await runTriggerPhase(ctx, triggerEntry);
    else suite.skip('trigger phase', 'test/e2e/workflows/trigger.json is missing');

    if (ctx.server && ctx.api && triggerEntry) {
      suite.section('Send and Wait for Response: links, form page, chat replies through the trigger, the example');
      const byId = (id) => fixtures.find((entry) => entry.workflow.id === id);
      const approval = byId('e2eSendAndWait01');
      const freeText = byId('e2eSendAndWait02');
      const example = examples.find((entry) => entry.name.endsWith('broadcast-after-approval.json'));
      const humanReview = byId('e2eAiHumanRevw01');
      const customForm = byId('e2eSendAndWait03');
      if (approval && freeText) await runSendAndWaitPhase(ctx, { approval: approval.workflow, freeText: freeText.workflow, customForm: customForm && customForm.workflow, trigger: triggerEntry.workflow, example, humanReview: humanReview && humanReview.workflow });
      else suite.skip('send and wait phase', 'test/e2e/workflows/send-and-wait*.json are missing');
    }

    if (ctx.server && ctx.api) {
      suite.section('In the running n8n');
      await checkNodeTypes(ctx, all, covered);
      await suite.test('the public API lists every imported workflow', async () => {
        const listed = [];
        let cursor;
        do {
          const page = await ctx.api.get('workflows', { limit: 250, cursor });
          listed.push(...page.data);
          cursor = page.nextCursor;
        } while (cursor);
        const ids = new Set(listed.map((workflow) => workflow.id));
        assert.deepEqual(all.filter((entry) => !ids.has(entry.workflow.id)).map((entry) => entry.name), []);
      });
      await suite.test('n8n stops by PID (SIGTERM) and its ports close', async () => {
        const begin = Date.now();
        await ctx.server.stop();
        ctx.timings.push(['n8n stop', Date.now() - begin]);
        assert.equal(pidAlive(ctx.server.pid), false);
        assert.equal(await n8n.portInUse(ctx.server.port), false);
        assert.equal(await n8n.portInUse(ctx.server.brokerPort), false);
        assert.deepEqual(processesUsingFolder(ctx.userFolder, ctx.brokerPorts), [], 'processes (n8n, task runners) still use the user folder');
        ctx.server = null;
      });
    }

    if (argv.has('--no-playground')) suite.info('--no-playground: the `npm start` phase is skipped');
    else {
      suite.section('Playground: npm start');
      await runPlaygroundPhase(ctx);
    }

    await suite.test('nothing outside 127.0.0.1 was contacted or looked up (n8n, its CLI, npm start, the sandbox)', async () => {
      const all = readAttempts(ctx.netGuardLog);
      // the deliberate one (action-instance.json, "Net Guard Canary") shows the guard was active in n8n execute
      const isCanary = (attempt) => attempt.kind === 'connect' && attempt.target === `${CANARY_HOST}:80`;
      assert.ok(all.some((attempt) => isCanary(attempt) && attempt.argv.some((arg) => /n8n$/.test(arg))), 'the canary request was not recorded: is the net guard loaded in n8n?');
      const attempts = all.filter((attempt) => !isCanary(attempt));
      const summary = attempts.map((attempt) => `${attempt.kind} ${attempt.target} from pid ${attempt.pid} (${attempt.argv.join(' ')}) at ${attempt.stack[1] || attempt.stack[0]}`);
      assert.deepEqual([...new Set(summary)].slice(0, 20), [], 'refused non-loopback traffic');
    });
    await suite.test('the sandbox recorded only valid Evolution API 2.3.6 requests all along', async () => {
      const invalid = ctx.sandbox.fake.requests.filter((request) => !request.route || request.validationErrors.length || request.violations.length);
      assert.deepEqual(invalid.map((request) => `#${request.id} ${request.method} ${request.url}: ${[...request.validationErrors, ...request.violations].join('; ')}`), []);
      suite.info(`${ctx.sandbox.fake.requests.length} requests, ${ctx.sandbox.fake.deliveries.length} webhook delivery attempts, ${ctx.openai.requests.length} model calls`);
    });
    ok = true;
  } finally {
    if (interrupted) await new Promise(() => {}); // the signal handler reports and exits
    await cleanupOnce(ok);
    suite.summary(ctx.timings);
    process.exitCode = suite.failed > 0 || !ok ? 1 : 0;
    if (!ok && suite.failed === 0) console.log('(the run stopped before its checks finished)');
  }
}

/** Stops everything this run started, by PID / by closing its servers, and checks it. */
async function cleanup(ctx, suite, completed) {
  suite.section('Clean-up');
  if (ctx.server) await ctx.server.stop().catch((err) => suite.info(`stopping n8n: ${err.message}`));
  for (const child of ctx.children) {
    if (child.exitCode === null && child.signalCode === null) {
      suite.info(`stopping pid ${child.pid} (SIGINT)`);
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        /* gone */
      }
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), timeout(30000)]);
      if (child.exitCode === null && child.signalCode === null && process.platform !== 'win32') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  }
  for (const service of [ctx.sandbox, ctx.openai, ctx.sink]) if (service) await service.close().catch(() => {});
  // An interrupted run can leave an `n8n execute` (own process group) mid-flight: stop it by PID.
  // It carries this run's unique user folder in its environment, so it is certainly ours.
  if (!completed) await stopStragglers(ctx, suite);
  await suite.test('no process, port or temporary folder is left behind', async () => {
    // a process that is on its way out (a task runner whose broker just closed) gets a moment
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline && ctx.folders.some((folder) => processesUsingFolder(folder, ctx.brokerPorts).length > 0)) await timeout(250);
    const leftovers = ctx.folders.flatMap((folder) => processesUsingFolder(folder, ctx.brokerPorts).map((pid) => `pid ${pid} uses ${folder} or one of its task runner brokers`));
    for (const pid of ctx.pids) if (pidAlive(pid)) leftovers.push(`pid ${pid} is alive`);
    for (const child of ctx.children) if (pidAlive(child.pid)) leftovers.push(`pid ${child.pid} (start.js) is alive`);
    for (const port of new Set(ctx.ports)) {
      if (!(await n8n.portInUse(port))) continue;
      // taken again since the suite freed it? Only a listener of ours, or one that cannot be told, counts
      const owners = listeningPids(port);
      const ours = (pid) => pid === process.pid || ctx.pids.includes(pid) || ctx.children.some((child) => child.pid === pid) || ctx.folders.some((folder) => processesUsingFolder(folder, ctx.brokerPorts).includes(pid));
      if (owners === null || owners.length === 0 || owners.some(ours)) leftovers.push(`port ${port} is in use${owners && owners.length ? ` (pid ${owners.join(', ')})` : ''}`);
      else suite.info(`port ${port} was freed and is now used by another program (pid ${owners.join(', ')})`);
    }
    const keep = argv.has('--keep') || !completed || suite.failed > 0;
    for (const folder of ctx.folders) {
      if (keep) suite.info(`kept for inspection: ${folder}`);
      else fs.rmSync(folder, { recursive: true, force: true });
    }
    assert.deepEqual(leftovers, []);
  });
}

/** SIGTERM, then SIGKILL to the process group, of every process still using this run's folders. */
async function stopStragglers(context, suite) {
  const find = () => [...new Set(context.folders.flatMap((folder) => processesUsingFolder(folder, context.brokerPorts)))];
  const found = find();
  if (found.length === 0) return;
  suite.info(`stopping processes of this run still running: pid ${found.join(', ')}`);
  for (const pid of found) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  for (let waited = 0; waited < 5000 && find().length > 0; waited += 250) await timeout(250);
  for (const pid of find()) {
    try {
      // n8n and its CLI run as process-group leaders (scripts/n8n): the group holds the task runner
      process.kill(process.platform !== 'win32' ? -pid : pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  for (let waited = 0; waited < 5000 && find().length > 0; waited += 250) await timeout(250);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  console.log('\n0 passed, 1 failed');
  process.exitCode = 1;
});
