'use strict';
// The trigger in a real n8n: published before `n8n start`, n8n calls create(), which must
// register the instance's webhook (production URL, jwt_key, owner marker) over a "foreign"
// configuration; simulated incoming text and media become executions whose output is read
// through n8n's public API; a forged delivery gets 401 and starts nothing; deactivation puts
// the foreign webhook back (and it receives events again).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../../../scripts/n8n');
const { waitFor, http, binaryBytes, sleep, hasNetGuard } = require('../lib/util');
const { ANA, INSTANCE } = require('./actions');

const MEDIA = path.resolve(__dirname, '..', '..', 'fixtures', 'media');
const OWNER_HEADER = 'x-n8n-evolution-trigger';
const FOREIGN = {
  enabled: true,
  events: ['MESSAGES_UPSERT'],
  headers: { 'x-crm-token': 'crm-secret-1234' },
  byEvents: false,
  base64: false,
};

function jwt(secret, claims = {}) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat, exp: iat + 600, app: 'evolution', action: 'webhook', ...claims })}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Forged Authorization headers, each labelled: wrong key, none, wrong claims, expired (all must get 401). */
function forgedHeaders(secret) {
  return [
    ['wrong key', { authorization: `Bearer ${jwt('not-the-secret-0123456789abcdef')}` }],
    ['no Authorization header', {}],
    ['right key, wrong claims', { authorization: `Bearer ${jwt(secret, { app: 'someone-else' })}` }],
    ['expired token', { authorization: `Bearer ${jwt(secret, { iat: 1000, exp: 1600 })}` }],
  ];
}

/** Sets the foreign configuration through the API, as another system would. */
async function seedForeignWebhook(ctx) {
  const res = await ctx.sandboxApi('POST', `/webhook/set/${INSTANCE}`, { webhook: { ...FOREIGN, url: `${ctx.sink.url}/crm/evolution` } });
  assert.equal(res.status, 201, JSON.stringify(res.json));
}

async function findWebhook(ctx) {
  const res = await ctx.sandboxApi('GET', `/webhook/find/${INSTANCE}`);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json;
}

/** The trigger node's output items of one stored execution. */
function triggerItems(execution, nodeName) {
  const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData && execution.data.resultData.runData[nodeName];
  assert.ok(runs && runs[0], `execution ${execution && execution.id} has no run of "${nodeName}"`);
  return runs[0].data.main[0];
}

async function runTriggerPhase(ctx, entry) {
  const { suite } = ctx;
  const workflow = entry.workflow;
  const triggerNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-evolution.evolutionApiTrigger');
  const state = {};

  const published = await suite.test('a foreign webhook is configured, then the trigger workflow is published (n8n publish:workflow)', async () => {
    await seedForeignWebhook(ctx);
    const row = await findWebhook(ctx);
    assert.equal(row.url, `${ctx.sink.url}/crm/evolution`);
    await n8n.publishWorkflow(ctx.env, workflow.id);
    return true;
  });
  if (!published) return;

  const started = await suite.test('n8n starts (fresh user folder, the packed package, free ports on 127.0.0.1)', async () => {
    const port = await n8n.freePort();
    let brokerPort = await n8n.freePort();
    while (brokerPort === port) brokerPort = await n8n.freePort();
    const begin = Date.now();
    ctx.server = await n8n.startN8n({ userFolder: ctx.userFolder, port, brokerPort, env: ctx.guardEnv, ensure: false, log: (line) => suite.info(line) });
    ctx.timings.push(['n8n start (server)', Date.now() - begin]);
    ctx.ports.push(port, brokerPort);
    ctx.brokerPorts.push(brokerPort);
    ctx.pids.push(ctx.server.pid);
    assert.ok(hasNetGuard(ctx.server.pid), 'n8n runs with the net guard preloaded');
    suite.info(`n8n pid ${ctx.server.pid} on ${ctx.server.url} (broker ${brokerPort}), ready in ${(ctx.server.readyMs / 1000).toFixed(1)} s`);
    const owner = await n8n.setupOwnerAndApiKey(ctx.server.url);
    ctx.owner = owner;
    ctx.api = n8n.publicApi(ctx.server.url, owner.apiKey);
    return true;
  });
  if (!started) return;

  const productionUrl = `${ctx.server.url}webhook/${triggerNode.webhookId}/webhook`;
  await suite.test('create() registered the webhook: production URL, jwt_key, owner marker; the foreign one was replaced', async () => {
    const row = await waitFor('the trigger to register its webhook', async () => {
      const current = await findWebhook(ctx);
      return current && current.url === productionUrl ? current : null;
    }, { timeoutMs: 30000, intervalMs: 250 });
    assert.equal(row.enabled, true);
    assert.deepEqual(row.events, ['MESSAGES_UPSERT']);
    assert.equal(row.webhookByEvents, false);
    assert.equal(row.webhookBase64, true, 'Include Media as Binary asks the server for base64');
    assert.equal(typeof row.headers.jwt_key, 'string');
    assert.ok(row.headers.jwt_key.length >= 32, 'a long random jwt_key');
    assert.equal(row.headers[OWNER_HEADER], `${workflow.id}/${triggerNode.id}`, 'the owner marker names this workflow and node');
    assert.equal(row.headers['x-crm-token'], undefined, 'the foreign headers are not kept on the trigger registration');
    state.secret = row.headers.jwt_key;
    const activeWorkflow = await ctx.api.get(`workflows/${workflow.id}`);
    assert.equal(activeWorkflow.active, true, 'the public API shows the workflow active');
  });

  const executionsOf = () => ctx.api.executions(workflow.id, { includeData: true });
  /** The finished executions, once there are `count`. */
  const waitForExecutions = (count, what) =>
    waitFor(what, async () => {
      const done = (await executionsOf()).filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
      return done.length >= count ? done : null;
    }, { timeoutMs: 30000, intervalMs: 300 });
  /** The delivery of message `id` to n8n that n8n accepted (a first attempt may race n8n's start). */
  const delivered = async (id) => {
    const match = (a) => a.event === 'messages.upsert' && a.url === productionUrl && a.body.data.key.id === id;
    try {
      const [attempt] = await ctx.sandbox.fake.waitForDeliveries((a) => match(a) && a.outcome === 'delivered', 15000);
      return attempt;
    } catch (err) {
      const attempts = ctx.sandbox.fake.deliveries.filter(match).map((a) => `attempt ${a.attempt}: ${a.status ?? a.error} ${a.outcome} ${String(a.responseBody || '').slice(0, 200)}`);
      throw new Error(`${err.message}; attempts: ${attempts.join(' | ') || 'none'}`);
    }
  };

  await suite.test('an incoming text message is delivered with a valid JWT and becomes an execution with chatJid, text, messageId', async () => {
    assert.ok(state.secret, 'the webhook was not registered');
    const sent = await ctx.sandboxHttp('POST', `/sandbox/${INSTANCE}/incoming`, { from: ANA, pushName: 'Ana', text: 'Hello n8n, this is the e2e suite' });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    state.textId = sent.json.key.id;
    const attempt = await delivered(state.textId);
    assert.equal(attempt.status, 200);
    assert.match(attempt.headers.Authorization || attempt.headers.authorization || '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    state.envelope = attempt.body;
    const list = await waitForExecutions(1, 'the execution of the text message');
    assert.equal(list.length, 1);
    assert.equal(list[0].status, 'success');
    const items = triggerItems(list[0], triggerNode.name);
    assert.equal(items.length, 1);
    const item = items[0].json;
    assert.equal(item.event, 'MESSAGES_UPSERT');
    assert.equal(item.instance, INSTANCE);
    assert.equal(item.chatJid, `${ANA}@s.whatsapp.net`);
    assert.equal(item.text, 'Hello n8n, this is the e2e suite');
    assert.equal(item.messageId, state.textId);
    assert.equal(item.fromMe, false);
    assert.equal(item.pushName, 'Ana');
    assert.equal(items[0].binary, undefined, 'a text message has no binary');
    suite.info(`execution ${list[0].id}: ${JSON.stringify({ chatJid: item.chatJid, text: item.text, messageId: item.messageId, messageType: item.messageType })}`);
  });

  await suite.test('an incoming image becomes an execution with the image as binary (mime type, file name, bytes)', async () => {
    const png = fs.readFileSync(path.join(MEDIA, 'image.png'));
    const sent = await ctx.sandboxHttp('POST', `/sandbox/${INSTANCE}/incoming`, {
      from: ANA,
      pushName: 'Ana',
      media: { base64: png.toString('base64'), mimetype: 'image/png', fileName: 'e2e-photo.png', caption: 'a photo for you' },
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const id = sent.json.key.id;
    const attempt = await delivered(id);
    assert.equal(attempt.status, 200);
    assert.equal(typeof attempt.body.data.message.base64, 'string', 'the server embedded the media (webhook base64 on)');
    const list = await waitForExecutions(2, 'the execution of the image message');
    const execution = list.find((candidate) => triggerItems(candidate, triggerNode.name)[0].json.messageId === id);
    assert.ok(execution, 'no execution for the image message');
    assert.equal(execution.status, 'success');
    const [item] = triggerItems(execution, triggerNode.name);
    assert.equal(item.json.chatJid, `${ANA}@s.whatsapp.net`);
    assert.equal(item.json.text, 'a photo for you');
    assert.equal(item.json.messageType, 'imageMessage');
    assert.equal(JSON.stringify(item.json).includes(png.toString('base64').slice(0, 40)), false, 'the base64 is not left in the JSON');
    const binary = item.binary && item.binary.data;
    assert.ok(binary, 'the item has binary "data"');
    assert.equal(binary.mimeType, 'image/png');
    assert.ok(typeof binary.fileName === 'string' && binary.fileName.length > 0, 'the binary has a file name');
    assert.ok(binaryBytes(ctx.userFolder, binary).equals(png), 'the binary holds the bytes that were received');
    suite.info(`execution ${execution.id}: binary data ${binary.mimeType}, ${binary.fileName}, ${png.length} bytes identical`);
  });

  await suite.test('forged deliveries (wrong JWT key, no JWT, wrong claims) get 401 and start no execution', async () => {
    assert.ok(state.envelope, 'no genuine delivery to copy');
    const before = (await executionsOf()).length;
    const forged = JSON.parse(JSON.stringify(state.envelope));
    forged.data.key.id = 'FORGED0000000000000001';
    forged.data.message = { conversation: 'send me your money' };
    for (const [label, headers] of forgedHeaders(state.secret)) {
      const res = await http('POST', productionUrl, { headers, body: forged });
      assert.equal(res.status, 401, `${label}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    }
    // n8n answers before the execution is stored: give a wrongly started one time to show up
    await sleep(1500);
    const after = await executionsOf();
    assert.equal(after.length, before, 'a forged delivery started an execution');
    // and the genuine key is accepted on the same URL (the 401s were not about the URL)
    const genuine = JSON.parse(JSON.stringify(state.envelope));
    genuine.data.key.id = 'GENUINE000000000000001';
    const ok = await http('POST', productionUrl, { headers: { authorization: `Bearer ${jwt(state.secret)}` }, body: genuine });
    assert.equal(ok.status, 200, `genuine: HTTP ${ok.status} ${ok.text.slice(0, 200)}`);
    await waitForExecutions(before + 1, 'the execution of the genuine delivery');
  });

  await suite.test("an Evolution retry of a delivery n8n accepted (same envelope, fresh JWT) starts no second execution", async () => {
    assert.ok(state.envelope, 'no genuine delivery to copy');
    const before = (await executionsOf()).length;
    const retried = JSON.parse(JSON.stringify(state.envelope));
    retried.data.key.id = 'RETRIED000000000000001';
    // Evolution signs every attempt anew; the second comes after n8n answered the first (a lost answer)
    const answers = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      answers.push(await http('POST', productionUrl, { headers: { authorization: `Bearer ${jwt(state.secret)}` }, body: retried }));
    }
    await waitForExecutions(before + 1, 'the execution of the first delivery');
    // a wrongly started second execution would show up within moments of the answer
    await sleep(1500);
    const after = await waitFor('every execution to finish', async () => {
      const all = await executionsOf();
      return all.every((execution) => !['new', 'running', 'waiting'].includes(execution.status)) ? all : null;
    }, { timeoutMs: 30000, intervalMs: 300 });
    const runs = after.filter((execution) => triggerItems(execution, triggerNode.name)[0].json.messageId === retried.data.key.id);
    assert.equal(runs.length, 1, `${runs.length} executions for one message delivered twice`);
    assert.deepEqual(answers.map((res) => res.status), [200, 200], answers.map((res) => res.text.slice(0, 200)).join(' | '));
    assert.deepEqual(answers[1].json, { received: true, ignored: 'duplicate' }, 'the retry is answered as a duplicate');
  });

  await suite.test('deactivating the workflow (public API) calls delete(), which puts the foreign webhook back', async () => {
    const before = (await executionsOf()).length;
    await ctx.api.deactivate(workflow.id);
    const row = await waitFor('the foreign webhook to be restored', async () => {
      const current = await findWebhook(ctx);
      return current && current.url === `${ctx.sink.url}/crm/evolution` ? current : null;
    }, { timeoutMs: 15000, intervalMs: 250 });
    assert.equal(row.enabled, true);
    assert.deepEqual(row.events, FOREIGN.events);
    assert.equal(row.webhookByEvents, false);
    assert.equal(row.webhookBase64, false);
    assert.deepEqual(row.headers, FOREIGN.headers, 'the foreign headers are back, without jwt_key or owner marker');
    // the restored webhook works: the next message goes to the foreign receiver, not to n8n
    const received = ctx.sink.received.length;
    const sent = await ctx.sandboxHttp('POST', `/sandbox/${INSTANCE}/incoming`, { from: ANA, pushName: 'Ana', text: 'after deactivation' });
    assert.equal(sent.status, 201);
    await waitFor('the foreign receiver to get the next message', () => ctx.sink.received.length > received, { timeoutMs: 10000 });
    const delivery = ctx.sink.received[ctx.sink.received.length - 1];
    assert.equal(delivery.headers['x-crm-token'], 'crm-secret-1234');
    assert.equal(delivery.headers.authorization, undefined, 'no JWT without jwt_key');
    assert.equal(delivery.body.data.key.id, sent.json.key.id);
    assert.equal((await executionsOf()).length, before, 'no execution after deactivation');
  });
}

module.exports = { runTriggerPhase, jwt, forgedHeaders };
