'use strict';
// The trigger against the real Evolution API 2.3.6, in a real n8n 2.41.1 (the package installed
// from its tarball, as the e2e suite installs it). Everything on 127.0.0.1.
//
// - Activation registers the instance's webhook on the real server (read back with /webhook/find).
// - The server's own deliveries (connection.update, provoked by connect and restart of a
//   Baileys instance that never logs in) pass the JWT check and start executions.
// - A forged delivery gets 401 and starts nothing.
// - Deactivation puts the previous ("foreign") webhook back, and the next event reaches it.
// - Media: the only base64 media a Baileys instance emits without a WhatsApp login would be the
//   QR code of qrcode.updated; it needs web.whatsapp.com (see MEDIA_NOTE). Checked when emitted,
//   otherwise a "NOT CHECKED" line gives the reason.
// - Measured (printed, never asserted): event to execution start, webhook mode.
//
// Usage: `await run({ server: { url, apiKey, logFile? }, log, check })`, where check(name, fn) runs one
// named check and returns fn's value (undefined when it failed). test/real/trigger.js runs it
// on its own; the package must be built (dist/).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const n8n = require('../../scripts/n8n');
const { waitFor, http, sleep } = require('../e2e/lib/util');
const { startSink } = require('../e2e/lib/sink');
const { forgedHeaders } = require('../e2e/phases/trigger');

const TRIGGER_TYPE = 'n8n-nodes-evolution.evolutionApiTrigger';
const TRIGGER_NAME = 'Evolution API Trigger';
const CREDENTIAL = { id: 'evoRealServer001', name: 'Evolution API (real 2.3.6)' };
const OWNER_HEADER = 'x-n8n-evolution-trigger';
const EVENTS = ['CONNECTION_UPDATE', 'QRCODE_UPDATED'];
const FOREIGN = { enabled: true, events: ['CONNECTION_UPDATE'], headers: { 'x-crm-token': 'crm-real-1234' }, byEvents: false, base64: false };
/** Rounds of connect or restart for the latency figures. */
const LATENCY_ROUNDS = Number(process.env.REAL_LATENCY_ROUNDS || 20);
const MEDIA_NOTE =
  'Baileys emits qrcode.updated only after web.whatsapp.com sent its pairing references, and ' +
  'messages.upsert / send.message need a logged-in account; this machine reaches only 127.0.0.1, so ' +
  'the real server emits no event with base64 media here (media to binary is covered by the e2e suite ' +
  'with the sandbox)';

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The trigger node's output item of one stored execution (undefined when it has none). */
function triggerItem(execution) {
  const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData && execution.data.resultData.runData[TRIGGER_NAME];
  return runs && runs[0] && runs[0].data && runs[0].data.main[0] && runs[0].data.main[0][0];
}

/** A workflow: the trigger with `parameters`, then a No Op. */
function triggerWorkflow(id, credential, parameters = { events: EVENTS, options: { downloadMedia: true } }, name = 'Real Evolution Trigger') {
  return {
    id,
    name,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: '00000000-0000-4000-8000-0000000000a1',
        name: TRIGGER_NAME,
        type: TRIGGER_TYPE,
        typeVersion: 1,
        position: [0, 0],
        // default: Include Media as Binary (the webhook's base64 flag; a QR code would become binary)
        parameters,
        credentials: { evolutionServerApi: credential },
        webhookId: crypto.randomUUID(),
      },
      { id: '00000000-0000-4000-8000-0000000000a2', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
    ],
    connections: { [TRIGGER_NAME]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
  };
}

/**
 * A fresh n8n user folder with the packed package, the credential for `instance`, `workflows`
 * imported and published, then `n8n start` and the public API. Adds to ctx: userFolder (also in
 * ctx.folders), n8n, api.
 */
async function startN8nWith(ctx, { server, instance, workflows, log }) {
  ctx.userFolder = n8n.tempUserFolder('n8n-evolution-real-trigger-');
  ctx.folders.push(ctx.userFolder);
  const port = await n8n.freePort();
  let brokerPort = await n8n.freePort();
  while (brokerPort === port) brokerPort = await n8n.freePort();
  const env = n8n.n8nEnv({ userFolder: ctx.userFolder, port, brokerPort });
  const installed = n8n.installPackage(ctx.userFolder, { mode: 'pack' });
  assert.equal(installed.mode, 'pack');
  await n8n.importCredentials(env, [{ ...CREDENTIAL, type: 'evolutionServerApi', data: { serverUrl: server.url, apiKey: server.apiKey, defaultInstance: instance } }]);
  await n8n.importWorkflow(env, workflows);
  for (const workflow of workflows) await n8n.publishWorkflow(env, workflow.id);
  ctx.n8n = await n8n.startN8n({ userFolder: ctx.userFolder, port, brokerPort, ensure: false, log });
  const owner = await n8n.setupOwnerAndApiKey(ctx.n8n.url);
  ctx.api = n8n.publicApi(ctx.n8n.url, owner.apiKey);
}

const finished = (list) => list.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));

/**
 * Reads a workflow's executions through the public API, with their data: `all()` pages until it
 * meets only finished executions it already knows; `settle(count, what)` waits until `count`
 * exist and none runs, then until none arrives for 3 s (at most 30 s more: a Baileys instance's
 * reconnect loop may keep emitting).
 */
function executionReader(api, workflowId) {
  const seen = new Map();
  const all = async () => {
    let cursor;
    do {
      const page = await api.get('executions', { workflowId, includeData: true, limit: 100, cursor });
      let known = 0;
      for (const execution of page.data) {
        if (seen.has(execution.id) && seen.get(execution.id).stoppedAt) known++;
        seen.set(execution.id, execution);
      }
      // newest first: a page of finished, already known executions means the rest is known too
      cursor = known === page.data.length ? undefined : page.nextCursor;
    } while (cursor);
    return [...seen.values()];
  };
  const settle = async (count, what) => {
    await waitFor(what, async () => {
      const list = await all();
      return list.length >= count && finished(list).length === list.length;
    }, { timeoutMs: 60000, intervalMs: 500 });
    let last = -1;
    for (const deadline = Date.now() + 30000; ; ) {
      const list = await all();
      if ((list.length === last || Date.now() > deadline) && finished(list).length === list.length) return list;
      last = list.length;
      await sleep(3000);
    }
  };
  return { all, settle };
}

/** Event time (the envelope's date_time) to execution start, in ms, for executions with an item. */
function latencies(executions) {
  const values = [];
  for (const execution of executions) {
    const item = triggerItem(execution);
    const sent = item && Date.parse(item.json.dateTime);
    if (Number.isFinite(sent)) values.push(Date.parse(execution.startedAt) - sent);
  }
  return values;
}

function summary(values) {
  return { events: values.length, medianMs: percentile(values, 50), p90Ms: percentile(values, 90), minMs: percentile(values, 0.0001), maxMs: percentile(values, 100) };
}

/**
 * @param {{ server: { url: string, apiKey: string }, log: (line: string) => void,
 *   check: (name: string, fn: () => any) => Promise<any>, figures?: object }} options
 *   `figures` receives the measured latency (webhook mode) when given.
 */
async function run({ server, log, check, figures = {} }) {
  const evolution = (method, route, body) => http(method, `${server.url}${route}`, { body, headers: { apikey: server.apiKey } });
  const instance = `n8n-trigger-${crypto.randomBytes(3).toString('hex')}`;
  const ctx = { folders: [] };
  const findWebhook = async () => {
    const res = await evolution('GET', `/webhook/find/${instance}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    return res.json;
  };

  try {
    const ready = await check(`a Baileys instance on the real server with a foreign webhook; n8n 2.41.1 with the packed package and the trigger published`, async () => {
      const created = await evolution('POST', '/instance/create', { instanceName: instance, integration: 'WHATSAPP-BAILEYS' });
      assert.equal(created.status, 201, created.text.slice(0, 300));
      ctx.sink = await startSink();
      const foreignUrl = `${ctx.sink.url}/crm/evolution`;
      const set = await evolution('POST', `/webhook/set/${instance}`, { webhook: { ...FOREIGN, url: foreignUrl } });
      assert.equal(set.status, 201, set.text.slice(0, 300));
      ctx.foreignUrl = foreignUrl;

      ctx.workflow = triggerWorkflow('realTrigger00001', CREDENTIAL);
      await startN8nWith(ctx, { server, instance, workflows: [ctx.workflow], log });
      log(`instance ${instance} on ${server.url}; n8n pid ${ctx.n8n.pid} on ${ctx.n8n.url}`);
      return true;
    });
    if (!ready) return;

    const trigger = ctx.workflow.nodes[0];
    const productionUrl = `${ctx.n8n.url}webhook/${trigger.webhookId}/webhook`;
    const { all: executions, settle } = executionReader(ctx.api, ctx.workflow.id);

    const registered = await check('activation registered the webhook on the real server: production URL, all of the selected events, jwt_key, owner marker, base64', async () => {
      const row = await waitFor('the trigger to register its webhook', async () => {
        const current = await findWebhook();
        return current && current.url === productionUrl ? current : null;
      }, { timeoutMs: 30000, intervalMs: 250 });
      assert.equal(row.enabled, true);
      assert.deepEqual([...row.events].sort(), [...EVENTS].sort());
      assert.equal(row.webhookByEvents, false);
      assert.equal(row.webhookBase64, true);
      assert.equal(typeof row.headers.jwt_key, 'string');
      assert.ok(row.headers.jwt_key.length >= 32, 'a long random jwt_key');
      assert.equal(row.headers[OWNER_HEADER], `${ctx.workflow.id}/${trigger.id}`);
      assert.equal(row.headers['x-crm-token'], undefined, 'the foreign headers are not kept');
      ctx.secret = row.headers.jwt_key;
      return true;
    });
    if (!registered) return;

    await check("the server's own connection.update deliveries (connect, then restart of the instance) pass the JWT check and start executions", async () => {
      const connect = await evolution('GET', `/instance/connect/${instance}`);
      assert.equal(connect.status, 200, connect.text.slice(0, 300));
      const afterConnect = await settle(1, 'executions after connect');
      const restart = await evolution('POST', `/instance/restart/${instance}`);
      assert.equal(restart.status, 200, restart.text.slice(0, 300));
      const list = await settle(afterConnect.length + 1, 'executions after restart');
      assert.deepEqual(list.filter((execution) => execution.status !== 'success').map((execution) => `${execution.id}: ${execution.status}`), []);
      const items = list.map(triggerItem);
      assert.ok(items.every(Boolean), 'every execution has the trigger output');
      const updates = items.filter((item) => item.json.event === 'CONNECTION_UPDATE');
      assert.ok(updates.length >= 2, `${updates.length} connection updates`);
      for (const item of updates) {
        assert.equal(item.json.instance, instance);
        assert.equal(typeof item.json.data.state, 'string');
        assert.equal(item.json.apikey, undefined);
      }
      const states = [...new Set(updates.map((item) => item.json.data.state))];
      log(`${list.length} executions (${states.join(', ')}), ${items.filter((item) => item.json.event === 'QRCODE_UPDATED').length} qrcode.updated`);
      ctx.baseline = list.length;
    });

    await check('forged deliveries to the production URL (wrong key, no JWT, wrong claims, expired) get 401 and start nothing', async () => {
      assert.ok(ctx.secret, 'the webhook was not registered');
      // The instance's reconnect loop keeps emitting genuine events meanwhile: the forged
      // delivery is told apart by a state the server never reaches here and a marker field.
      const forged = { event: 'connection.update', instance, data: { instance, state: 'open', statusReason: 200, forgedBy: 'real-suite' }, destination: productionUrl, date_time: new Date().toISOString(), server_url: server.url, apikey: null };
      for (const [label, headers] of forgedHeaders(ctx.secret)) {
        const res = await http('POST', productionUrl, { headers, body: forged });
        assert.equal(res.status, 401, `${label}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      }
      // n8n answers before the execution is stored: give a wrongly started one time to show up
      await sleep(1500);
      const list = await settle(0, 'the executions to finish');
      const started = list.map(triggerItem).filter((item) => item && item.json.data && item.json.data.forgedBy === 'real-suite');
      assert.equal(started.length, 0, 'a forged delivery started an execution');
    });

    // Media: checked when the server emits an event with base64 media, otherwise said so.
    const qr = (await executions()).map(triggerItem).filter((item) => item && item.json.event === 'QRCODE_UPDATED' && item.json.data && item.json.data.qrcode);
    if (qr.length === 0) {
      log(`NOT CHECKED: media from the real server: no qrcode.updated was emitted. ${MEDIA_NOTE}`);
      figures.media = `not checked: ${MEDIA_NOTE}`;
    } else {
      await check('media: the qrcode.updated events of the real server became binary PNGs', async () => {
        for (const item of qr) {
          assert.ok(item.binary && item.binary.data, 'the QR code is binary data');
          assert.equal(item.binary.data.mimeType, 'image/png');
          assert.equal(item.json.data.qrcode.base64, undefined, 'the base64 is not left in the JSON');
        }
        figures.media = `${qr.length} qrcode.updated events became binary PNGs`;
      });
    }

    await check(`measured: event to execution start in webhook mode over ${LATENCY_ROUNDS} connects and restarts (date_time of the event vs the execution's startedAt)`, async () => {
      const before = new Set((await settle(0, 'a quiet moment')).map((execution) => execution.id));
      for (let round = 0; round < LATENCY_ROUNDS; round++) {
        const res = round % 2 ? await evolution('POST', `/instance/restart/${instance}`) : await evolution('GET', `/instance/connect/${instance}`);
        assert.equal(res.status, 200, res.text.slice(0, 200));
        // each call starts a burst of connection updates (about 20 within 2 s, then the reconnect loop)
        await sleep(2000);
      }
      const fresh = (await settle(before.size + 1, 'the measured executions')).filter((execution) => !before.has(execution.id));
      const values = latencies(fresh);
      assert.ok(values.length > 0, 'no execution with an event time');
      const result = { rounds: LATENCY_ROUNDS, ...summary(values) };
      // Evolution logs each failed attempt ("Tentativa n/10 falhou") with its URL: how many of
      // the deliveries to n8n needed a retry (a 409 for a twin in flight, a timeout, ...)
      if (server.logFile && fs.existsSync(server.logFile)) {
        const records = fs.readFileSync(server.logFile, 'utf8').split('[Evolution API]');
        result.failedAttemptsToN8n = records.filter((record) => record.includes('falhou') && record.includes(productionUrl)).length;
        log(`the server logged ${result.failedAttemptsToN8n} failed delivery attempts to n8n during the whole run`);
      }
      figures.webhookLatency = result;
      log(`webhook mode: ${result.events} events, event to execution start median ${result.medianMs} ms, p90 ${result.p90Ms} ms (min ${result.minMs}, max ${result.maxMs})`);
    });

    await check('deactivation (public API) puts the foreign webhook back on the real server, and the next event reaches it', async () => {
      await ctx.api.deactivate(ctx.workflow.id);
      const row = await waitFor('the foreign webhook to be restored', async () => {
        const current = await findWebhook();
        return current && current.url === ctx.foreignUrl ? current : null;
      }, { timeoutMs: 15000, intervalMs: 250 });
      assert.equal(row.enabled, true);
      assert.deepEqual(row.events, FOREIGN.events);
      assert.equal(row.webhookBase64, false);
      assert.deepEqual(row.headers, FOREIGN.headers, 'the foreign headers are back, without jwt_key or owner marker');
      const received = ctx.sink.received.length;
      const restartedAt = Date.now();
      const restart = await evolution('POST', `/instance/restart/${instance}`);
      assert.equal(restart.status, 200, restart.text.slice(0, 200));
      await waitFor('the foreign receiver to get connection.update', () => ctx.sink.received.slice(received).some((r) => r.body && r.body.event === 'connection.update'), { timeoutMs: 30000 });
      const delivery = ctx.sink.received.slice(received).find((r) => r.body.event === 'connection.update');
      assert.equal(delivery.headers['x-crm-token'], 'crm-real-1234');
      assert.equal(delivery.headers.authorization, undefined, 'no JWT without jwt_key');
      // events the server emitted after the restart call went to the foreign receiver only
      await sleep(1500);
      const late = (await executions()).map(triggerItem).filter((item) => item && Date.parse(item.json.dateTime) >= restartedAt);
      assert.deepEqual(late.map((item) => item.json.dateTime), [], 'executions for events after deactivation');
    });
  } finally {
    await cleanUp(ctx, { evolution, instance, log, check });
  }
}

async function cleanUp(ctx, { evolution, instance, log, check }) {
  await check('clean-up: n8n stopped by PID, the instance logged out and deleted, the receiver closed', async () => {
    if (ctx.n8n) await ctx.n8n.stop();
    // a Baileys instance still in its reconnect loop is not deleted (2.3.6): log it out first
    const logout = await evolution('DELETE', `/instance/logout/${instance}`);
    const removed = await evolution('DELETE', `/instance/delete/${instance}`);
    log(`logout ${logout.status}, delete ${removed.status}`);
    if (ctx.sink) await ctx.sink.close();
    if (ctx.n8n) assert.equal(n8n.pidAlive(ctx.n8n.pid), false);
    for (const folder of ctx.folders) fs.rmSync(folder, { recursive: true, force: true });
  });
}

/**
 * WebSocket mode beside Webhook mode on one instance of the real server (started with
 * WEBSOCKET_ENABLED=true): two workflows with WebSocket triggers and one with a webhook trigger,
 * all active in one n8n. Both socket triggers receive the server's own connection.update events
 * and the webhook one keeps working; after `restartServer()` (the Evolution process restarted
 * on the same port and database) both socket triggers reconnect on their own; deactivating one
 * leaves the instance's websocket and webhook configuration working for the others. Measured:
 * event to execution start of both modes on the same events.
 * @param {{ server: { url: string, apiKey: string }, restartServer?: () => Promise<void>,
 *   log: (line: string) => void, check: (name: string, fn: () => any) => Promise<any>, figures?: object }} options
 */
async function runWebSocket({ server, restartServer, log, check, figures = {} }) {
  const evolution = (method, route, body) => http(method, `${server.url}${route}`, { body, headers: { apikey: server.apiKey } });
  const instance = `n8n-socket-${crypto.randomBytes(3).toString('hex')}`;
  const ctx = { folders: [] };
  const socket = (id, name) => triggerWorkflow(id, CREDENTIAL, { connectionMode: 'webSocket', events: ['CONNECTION_UPDATE'], options: {} }, name);
  const workflows = {
    socketA: socket('realSocketA00001', 'Real WebSocket Trigger A'),
    socketB: socket('realSocketB00001', 'Real WebSocket Trigger B'),
    webhook: triggerWorkflow('realHookBeside01', CREDENTIAL, { events: ['CONNECTION_UPDATE'], options: {} }, 'Real Webhook Trigger beside'),
  };
  const names = Object.keys(workflows);
  const readers = {};
  /** Executions of workflow `name` whose event the server emitted at or after `sinceMs`. */
  const since = async (name, sinceMs) => (await readers[name].all()).filter((execution) => {
    const item = triggerItem(execution);
    return item && Date.parse(item.json.dateTime) >= sinceMs;
  });
  /** Restarts the instance every 3 s until each of `wanted` has an execution for an event at or after `sinceMs`. */
  const provokeUntil = async (wanted, sinceMs, what) => {
    await waitFor(what, async () => {
      const missing = [];
      for (const name of wanted) if ((await since(name, sinceMs)).length === 0) missing.push(name);
      if (missing.length === 0) return true;
      await evolution('POST', `/instance/restart/${instance}`);
      await sleep(3000);
      return false;
    }, { timeoutMs: 90000, intervalMs: 100 });
  };

  try {
    const ready = await check('WebSocket mode: two WebSocket triggers and one webhook trigger on one instance of the real server (WEBSOCKET_ENABLED=true), all published in one n8n', async () => {
      // The instance's websocket events are set at creation: /websocket/set answers 500 "Invalid
      // URL" on Node 24 (next check), and the triggers then find nothing to add.
      const created = await evolution('POST', '/instance/create', { instanceName: instance, integration: 'WHATSAPP-BAILEYS', websocket: { enabled: true, events: ['CONNECTION_UPDATE'] } });
      assert.equal(created.status, 201, created.text.slice(0, 300));
      const probe = await evolution('GET', `/websocket/find/${instance}`);
      // 2.3.6 answers an empty body when WEBSOCKET_ENABLED is not true
      assert.notEqual(probe.text, '', 'the server has websockets switched off: start it with WEBSOCKET_ENABLED=true');
      await startN8nWith(ctx, { server, instance, workflows: Object.values(workflows), log });
      for (const name of names) readers[name] = executionReader(ctx.api, workflows[name].id);
      const up = await http('GET', `${server.url}/`).catch((error) => ({ status: 0, text: error.message }));
      const tail = server.logFile && fs.existsSync(server.logFile) ? fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      assert.equal(up.status, 200, `the Evolution server stopped answering while n8n started: ${up.text}\n${tail}`);
      log(`instance ${instance} on ${server.url}; n8n pid ${ctx.n8n.pid} on ${ctx.n8n.url}`);
      return true;
    });
    if (!ready) return;

    // Fails when the server runs on Node 24, as Evolution's official 2.3.6 image does (node:24-alpine;
    // here npm's PATH gives the server the repo's Node 24): its eventSchema has `$id: v4()` (a bare
    // UUID) and `$ref: '#/$defs/event'`, which jsonschema 1.5.0 resolves with url.resolve; Node 24
    // throws "Invalid URL" there (Node 20 does not), and the server answers 500 to /websocket/set
    // (and the rabbitmq, nats, sqs and kafka set routes). /instance/create with a nested websocket
    // object stores the same row without that schema.
    await check("the real server's /websocket/set answers 201 (WebSocket-mode activation calls it when the instance lacks one of the trigger's events)", async () => {
      const other = `${instance}-set`;
      const created = await evolution('POST', '/instance/create', { instanceName: other, integration: 'WHATSAPP-BAILEYS' });
      assert.equal(created.status, 201, created.text.slice(0, 300));
      const set = await evolution('POST', `/websocket/set/${other}`, { websocket: { enabled: true, events: ['CONNECTION_UPDATE'] } });
      await evolution('DELETE', `/instance/logout/${other}`);
      await evolution('DELETE', `/instance/delete/${other}`);
      assert.equal(set.status, 201, `POST /websocket/set answered ${set.status} ${set.text.slice(0, 200)}: WebSocket mode cannot add events on this server`);
    });

    await check("both WebSocket triggers receive the server's own connection.update events, and the webhook trigger beside them keeps working", async () => {
      const row = await waitFor('the instance websocket to be enabled with CONNECTION_UPDATE', async () => {
        const res = await evolution('GET', `/websocket/find/${instance}`);
        return res.json && res.json.enabled && res.json.events.includes('CONNECTION_UPDATE') ? res.json : null;
      }, { timeoutMs: 30000, intervalMs: 500 });
      const hook = await evolution('GET', `/webhook/find/${instance}`);
      assert.equal(hook.json.url, `${ctx.n8n.url}webhook/${workflows.webhook.nodes[0].webhookId}/webhook`, 'the webhook trigger registered its URL');
      const startedAt = Date.now();
      await evolution('GET', `/instance/connect/${instance}`);
      await provokeUntil(names, startedAt, 'an execution of each workflow');
      for (const name of names) {
        const list = await since(name, startedAt);
        for (const execution of list) {
          const item = triggerItem(execution);
          assert.equal(item.json.event, 'CONNECTION_UPDATE');
          assert.equal(item.json.instance, instance);
          assert.equal(JSON.stringify(item.json).includes(server.apiKey), false, 'no key in the item');
        }
        log(`${name}: ${list.length} executions`);
      }
      log(`instance websocket: enabled, events ${row.events.join(', ')}`);
    });

    if (restartServer) {
      await check('the Evolution server restarted mid-run: both WebSocket triggers reconnect on their own (and the webhook trigger still works)', async () => {
        await restartServer();
        const restartedAt = Date.now();
        log(`server restarted; its instance ${instance} reconnects from the database`);
        await provokeUntil(names, restartedAt, 'executions after the server restart');
      });
    } else {
      log('NOT CHECKED: server restart: this runner gave the phase no restartServer()');
    }

    await check(`measured: event to execution start in both modes on the same events, over ${LATENCY_ROUNDS} connects and restarts`, async () => {
      const startedAt = Date.now();
      for (let round = 0; round < LATENCY_ROUNDS; round++) {
        await (round % 2 ? evolution('POST', `/instance/restart/${instance}`) : evolution('GET', `/instance/connect/${instance}`));
        await sleep(2000);
      }
      for (const name of names) await readers[name].settle(1, `the measured executions of ${name}`);
      const values = {};
      for (const name of names) values[name] = latencies(await since(name, startedAt));
      const result = Object.fromEntries(names.map((name) => [name, summary(values[name])]));
      const socketValues = [...values.socketA, ...values.socketB];
      figures.sideBySide = { rounds: LATENCY_ROUNDS, webSocket: summary(socketValues), webhook: result.webhook, perWorkflow: result };
      for (const [name, value] of Object.entries(result)) log(`${name}: ${value.events} events, median ${value.medianMs} ms, p90 ${value.p90Ms} ms (min ${value.minMs}, max ${value.maxMs})`);
      assert.ok(socketValues.length > 0 && result.webhook.events > 0, 'no measured execution');
    });

    await check("deactivating one WebSocket workflow leaves the instance's websocket and webhook configuration working for the others", async () => {
      await ctx.api.deactivate(workflows.socketA.id);
      // Measured from once the deactivation has settled (what n8n had received runs to the end),
      // not from a fixed delay after the API call: on a busy machine that took seconds.
      for (const name of names) await readers[name].settle(0, `the executions of ${name} to finish`);
      const deactivatedAt = Date.now();
      const websocket = await evolution('GET', `/websocket/find/${instance}`);
      assert.equal(websocket.json.enabled, true);
      assert.ok(websocket.json.events.includes('CONNECTION_UPDATE'));
      const hook = await evolution('GET', `/webhook/find/${instance}`);
      assert.equal(hook.json.enabled, true);
      await provokeUntil(['socketB', 'webhook'], deactivatedAt, 'executions of the others');
      await readers.socketA.settle(0, 'the executions of socketA to finish');
      assert.equal((await since('socketA', deactivatedAt)).length, 0, 'the deactivated workflow still ran');
    });

    await check('deactivating the webhook workflow too: the remaining WebSocket trigger keeps receiving', async () => {
      await ctx.api.deactivate(workflows.webhook.id);
      for (const name of names) await readers[name].settle(0, `the executions of ${name} to finish`);
      const deactivatedAt = Date.now();
      const websocket = await evolution('GET', `/websocket/find/${instance}`);
      assert.equal(websocket.json.enabled, true);
      await provokeUntil(['socketB'], deactivatedAt, 'an execution of the remaining WebSocket workflow');
      await readers.webhook.settle(0, 'the executions of the webhook workflow to finish');
      assert.equal((await since('webhook', deactivatedAt)).length, 0, 'the deactivated webhook workflow still ran');
      await ctx.api.deactivate(workflows.socketB.id);
    });
  } finally {
    await cleanUp(ctx, { evolution, instance, log, check });
  }
}

module.exports = { run, runWebSocket, percentile, MEDIA_NOTE };
