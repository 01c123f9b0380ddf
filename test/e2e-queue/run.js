'use strict';
// The queue-mode end-to-end suite: n8n 2.41.1 with EXECUTIONS_MODE=queue (Redis and PostgreSQL
// from Debian's packages), one main process, two workers and one webhook processor, this
// package installed into each from `npm pack`, and the Evolution API sandbox.
//
//   npm run test:e2e:queue          (builds dist/ and the sandbox first)
//   node test/e2e-queue/run.js      (when both are built; Node 24: use npm's PATH or the repo's node)
//
// Environment: E2E_QUEUE_BURST (default 1000), E2E_QUEUE_KEEP=1 keeps the temp folder (logs),
// E2E_QUEUE_TEE=1 copies n8n's output here.
// Prints one line per scenario, the measured figures (also written to
// .build/e2e-queue/figures.json), and closes with "N passed, N failed".

const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../../scripts/n8n');
const { sleep } = n8n;
const queue = require('../../scripts/n8n/queue');
const db = require('./db');
const wf = require('./workflows');

const ROOT = n8n.ROOT;
const BURST = Number(process.env.E2E_QUEUE_BURST || 1000);
const INSTANCE = 'sandbox';
const TRIGGER_NODE = 'Evolution API Trigger';
const FIGURES_FILE = path.join(ROOT, '.build', 'e2e-queue', 'figures.json');

const figures = { n8n: n8n.N8N_VERSION, burstSize: BURST, startedAt: new Date().toISOString() };
figures.config = {
  workers: 2,
  workerConcurrency: 10,
  webhookProcessors: 1,
  dbPoolSize: Number(process.env.E2E_QUEUE_DB_POOL || 20),
  webhookLazyIsolates: process.env.E2E_QUEUE_LAZY_ISOLATES === '1',
  evolutionTimeoutMs: Number(process.env.E2E_QUEUE_EVOLUTION_TIMEOUT_MS || 600000),
  dbConnectionTimeoutMs: Number(process.env.E2E_QUEUE_DB_CONNECT_TIMEOUT_MS || 60000),
};
const results = [];
let cluster = null;
let sandbox = null;
let pg = null;
let stopping = null;
let aborted = false;
// n8n's default pool is 2 connections per process: a burst then waits for connections and fails
// with "timeout exceeded when trying to connect" (measured, see docs/queue-mode.md)
const DB_POOL_SIZE = String(process.env.E2E_QUEUE_DB_POOL || 20);
const EVOLUTION_TIMEOUT_MS = Number(process.env.E2E_QUEUE_EVOLUTION_TIMEOUT_MS || 600000);

const seconds = (ms) => Math.round(ms / 100) / 10;
const log = (line) => console.log(`  ${line}`);

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function scenario(name, fn) {
  if (aborted) return;
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok ${results.length} - ${name} (${seconds(Date.now() - started)} s)`);
  } catch (err) {
    results.push({ name, ok: false, error: err });
    console.log(`not ok ${results.length} - ${name} (${seconds(Date.now() - started)} s)`);
    console.log(String(err && err.stack ? err.stack : err).replace(/^/gm, '    # '));
  }
}

/** Runs fn over items with at most `limit` at a time. */
async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        out[index] = await fn(items[index], index);
      }
    }),
  );
  return out;
}

async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

async function postJson(url, body, headers = {}) {
  return await n8n.fetchJson('POST', url, { headers, body, timeoutMs: 60000 });
}

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// --------------------------------------------------------------------------------------------
// the sandbox side

let sandboxLib;
let deliveryLib;
let triggerEventLib;

function loadBuilt() {
  const sandboxIndex = path.join(ROOT, '.build', 'sandbox', 'sandbox', 'index.js');
  const delivery = path.join(ROOT, '.build', 'sandbox', 'test', 'fake', 'delivery.js');
  const triggerEvent = path.join(ROOT, 'dist', 'nodes', 'shared', 'triggerEvent.js');
  for (const file of [sandboxIndex, delivery, triggerEvent]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build && npm run sandbox:build\` (npm run test:e2e:queue does both)`);
  }
  sandboxLib = require(sandboxIndex);
  deliveryLib = require(delivery);
  triggerEventLib = require(triggerEvent);
}

function webhookRow() {
  return sandbox.fake.state.webhooks.get(INSTANCE);
}

/** Every attempt to deliver messages.upsert so far. */
function upsertAttempts() {
  return sandbox.fake.deliveries.filter((a) => a.event === 'messages.upsert' && a.instance === INSTANCE);
}

function messageIdOf(attempt) {
  return attempt.body && attempt.body.data && attempt.body.data.key ? attempt.body.data.key.id : undefined;
}

/** Texts the workflow sent back (Send Text → send.message), counted per quoted message id. */
function repliesById() {
  const counts = new Map();
  for (const event of sandbox.fake.emitted) {
    if (event.event !== 'send.message') continue;
    const text = event.data && event.data.message ? event.data.message.conversation : undefined;
    if (typeof text !== 'string' || !text.startsWith(wf.REPLY_PREFIX)) continue;
    const id = text.slice(wf.REPLY_PREFIX.length);
    counts.set(id, (counts.get(id) || 0) + 1);
  }
  return counts;
}

async function simulateIncoming(from, text) {
  const res = await postJson(`${sandbox.url}/sandbox/${INSTANCE}/incoming`, { from, text });
  if (res.status !== 201) throw new Error(`POST /sandbox/${INSTANCE}/incoming answered ${res.status}: ${res.text}`);
  return res.json;
}

/** Re-sends an envelope the way Evolution retries: same body, fresh JWT from the registered row. */
async function redeliver(baseUrl, envelope) {
  const row = webhookRow();
  const headers = deliveryLib.deliveryHeaders(row.headers);
  const target = new URL(new URL(row.url).pathname.replace(/^\//, ''), baseUrl);
  const res = await postJson(target, JSON.stringify(envelope), headers);
  return res;
}

function dedupeKeyOf(envelope) {
  return triggerEventLib.dedupeKey('MESSAGES_UPSERT', triggerEventLib.parseEnvelope(envelope));
}

// --------------------------------------------------------------------------------------------
// executions

async function triggerExecutions(afterId) {
  return await db.executionsWithData(pg, wf.TRIGGER_WORKFLOW_ID, afterId);
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits until every delivery has settled and `expected` executions after `afterId` are final
 * (or nothing changes for 60 s), then compares them with the message ids that were simulated.
 */
async function settleAndCount({ label, afterId, ids, started, timeoutMs = 15 * 60000 }) {
  const deadline = Date.now() + timeoutMs;
  let lastCount = -1;
  let lastChange = Date.now();
  let rows = [];
  for (;;) {
    rows = await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, afterId);
    const finals = rows.filter((r) => FINAL.has(r.status)).length;
    const pending = sandbox.fake.events.deliverer.pending;
    if (rows.length !== lastCount) {
      lastCount = rows.length;
      lastChange = Date.now();
    }
    if (pending === 0 && rows.length >= ids.length && finals === rows.length) break;
    if (pending === 0 && finals === rows.length && Date.now() - lastChange > 60000) break;
    if (Date.now() > deadline) break;
    await sleep(500);
  }
  const doneMs = Date.now() - started;
  const executions = await triggerExecutions(afterId);
  const { rows: span } = await pg.query(
    'SELECT MIN("createdAt") AS first, MAX("stoppedAt") AS last FROM execution_entity WHERE "workflowId" = $1 AND id > $2',
    [wf.TRIGGER_WORKFLOW_ID, afterId],
  );
  const perId = new Map();
  for (const execution of executions) perId.set(execution.messageId, (perId.get(execution.messageId) || 0) + 1);
  const idSet = new Set(ids);
  const missing = ids.filter((id) => !perId.has(id));
  const duplicated = [...perId.entries()].filter(([id, n]) => idSet.has(id) && n > 1);
  const foreign = executions.filter((e) => !idSet.has(e.messageId));
  const byStatus = {};
  for (const e of executions) byStatus[e.status] = (byStatus[e.status] || 0) + 1;
  const replies = repliesById();
  const replyMissing = ids.filter((id) => !replies.has(id));
  const replyDup = ids.filter((id) => (replies.get(id) || 0) > 1);
  const attempts = upsertAttempts().filter((a) => idSet.has(messageIdOf(a)));
  const byOutcome = {};
  const statuses = {};
  const failureSamples = {};
  for (const a of attempts) {
    byOutcome[a.outcome] = (byOutcome[a.outcome] || 0) + 1;
    const key = a.status === null ? `error: ${a.error}` : String(a.status);
    statuses[key] = (statuses[key] || 0) + 1;
    if (a.outcome !== 'delivered' && !(key in failureSamples)) {
      failureSamples[key] = { durationMs: a.durationMs, body: typeof a.responseBody === 'string' ? a.responseBody.slice(0, 200) : null };
    }
  }
  const durations = attempts.map((a) => a.durationMs);
  const windowMs = span[0].first && span[0].last ? new Date(span[0].last) - new Date(span[0].first) : null;
  const result = {
    messages: ids.length,
    deliveryAttempts: attempts.length,
    deliveriesDelivered: byOutcome.delivered || 0,
    retries: attempts.filter((a) => a.attempt > 1).length,
    attemptStatuses: statuses,
    failedAttemptSamples: failureSamples,
    deliveryMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), max: percentile(durations, 100) },
    executions: executions.length,
    executionStatuses: byStatus,
    // Why executions failed (message → count): a failed execution is a lost message for the user.
    executionErrors: executions
      .filter((execution) => execution.status !== 'success')
      .reduce((counts, execution) => {
        const key = String(execution.error || execution.status).slice(0, 200);
        counts[key] = (counts[key] || 0) + 1;
        return counts;
      }, {}),
    missing: missing.length,
    duplicated: duplicated.length,
    unexpected: foreign.length,
    replies: ids.length - replyMissing.length,
    repliesMissing: replyMissing.length,
    repliesDuplicated: replyDup.length,
    wallClockSeconds: seconds(doneMs),
    firstToLastExecutionSeconds: windowMs === null ? null : seconds(windowMs),
    executionsPerSecond: windowMs ? Math.round((executions.length / (windowMs / 1000)) * 10) / 10 : null,
  };
  figures[label] = { ...(figures[label] || {}), ...result };
  log(
    `${label}: ${result.messages} messages, ${result.deliveryAttempts} delivery attempts (${result.retries} retries, statuses ${JSON.stringify(statuses)}), ` +
      `${result.executions} executions ${JSON.stringify(byStatus)}, missing ${result.missing}, duplicated ${result.duplicated}, ` +
      `replies ${result.replies}; ${result.firstToLastExecutionSeconds} s first→last execution (${result.executionsPerSecond}/s), delivery p95 ${result.deliveryMs.p95} ms`,
  );
  return { result, executions, missing, duplicated, foreign };
}

/** n8n's own failure of a job whose worker lock lapsed (n8n 2.x sets Bull's maxStalledCount to 0). */
const N8N_STALLED = /failed to be processed too many times/;

/**
 * Every message has exactly one execution, and every execution succeeded. With `allowN8nStalled`
 * (the worker-SIGTERM scenario only), executions n8n itself failed as stalled while a worker shut
 * down are accepted and reported: the delivery was taken, the execution is in n8n's list (failed,
 * retryable by the user); n8n never runs a stalled job again, by design, so nothing a node does
 * can change that. Their executions carry no trigger data, so they are matched by count.
 */
function assertClean(label, { result, missing, duplicated, foreign }, { allowN8nStalled = false } = {}) {
  const stalled = allowN8nStalled
    ? Object.entries(result.executionErrors).filter(([message]) => N8N_STALLED.test(message)).reduce((sum, [, n]) => sum + n, 0)
    : 0;
  if (stalled > 0) {
    figures[label].stalledByN8n = stalled;
    log(`${label}: ${stalled} execution(s) failed by n8n itself as stalled during the worker's shutdown (reported, not counted as lost)`);
  }
  assert(
    result.missing <= stalled,
    `${label}: ${result.missing - stalled} of ${result.messages} messages have no successful execution (e.g. ${missing.slice(0, 5).join(', ')}); failed executions: ${JSON.stringify(result.executionErrors)}`,
  );
  assert(result.duplicated === 0, `${label}: ${result.duplicated} messages ran more than once (e.g. ${duplicated.slice(0, 5).map(([id, n]) => `${id}×${n}`).join(', ')})`);
  assert(foreign.length <= stalled, `${label}: ${foreign.length - stalled} executions for messages that were not sent`);
  assert(result.executions === result.messages, `${label}: ${result.executions} executions for ${result.messages} messages`);
  const ok = result.executionStatuses.success || 0;
  assert(ok + stalled === result.messages, `${label}: only ${ok} executions succeeded: ${JSON.stringify(result.executionStatuses)}`);
  assert(result.repliesMissing <= stalled && result.repliesDuplicated === 0, `${label}: replies missing ${result.repliesMissing}, duplicated ${result.repliesDuplicated}`);
}

/** Simulates `count` incoming messages, at most 50 requests to the sandbox at a time. */
async function burst(tag, count, onProgress) {
  const texts = Array.from({ length: count }, (_, i) => ({ from: `5511977${String(i % 50).padStart(6, '0')}`, text: `${tag} #${i + 1}` }));
  const ids = [];
  await pool(texts, 50, async ({ from, text }, i) => {
    const record = await simulateIncoming(from, text);
    ids[i] = record.key.id;
    if (onProgress) onProgress(i);
  });
  return ids;
}

// --------------------------------------------------------------------------------------------

async function shutdown() {
  if (stopping) return stopping;
  stopping = (async () => {
    const keep = process.env.E2E_QUEUE_KEEP === '1';
    if (pg) await pg.end().catch(() => {});
    pg = null;
    if (cluster) {
      const started = Date.now();
      await cluster.stop({ keepFiles: keep });
      figures.stopAllSeconds = seconds(Date.now() - started);
      if (keep) console.log(`# kept ${cluster.root}`);
    }
    if (sandbox) await sandbox.close().catch(() => {});
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    aborted = true;
    console.log(`\n# ${signal}: stopping every process we started`);
    shutdown().finally(() => process.exit(130));
  });
}

async function main() {
  const suiteStarted = Date.now();
  loadBuilt();
  // Evolution's retry policy, with its per-attempt timeout (WEBHOOK_REQUEST_TIMEOUT_MS, 30 s by
  // default) raised to 10 minutes: see docs/queue-mode.md for what the default costs in a burst
  sandbox = await sandboxLib.startSandbox({ port: 0, retry: { timeoutMs: EVOLUTION_TIMEOUT_MS } });
  // keep every attempt, event and request of the suite (the sandbox keeps the last 1,000 by default)
  sandbox.fake.events.options.historyLimit = Infinity;
  sandbox.fake.events.deliverer.historyLimit = Infinity;
  console.log(`# sandbox ${sandbox.url} (Evolution's retry policy: 5 s … 300 s, 10 attempts, ${EVOLUTION_TIMEOUT_MS / 1000} s timeout per attempt)`);

  const clusterStarted = Date.now();
  cluster = await queue.startQueueCluster({
    workers: 2,
    webhookProcessors: 1,
    concurrency: 10,
    install: 'pack',
    // n8n waits 20 s for a pooled connection by default; on a starved machine that failed 74 executions
    env: { DB_POSTGRESDB_POOL_SIZE: DB_POOL_SIZE, DB_POSTGRESDB_CONNECTION_TIMEOUT: String(process.env.E2E_QUEUE_DB_CONNECT_TIMEOUT_MS || 60000) },
    // a production webhook of a node other than n8n's Webhook node holds an expression isolate for
    // the whole request (cold-started when the pool is empty); E2E_QUEUE_LAZY_ISOLATES=1 tries
    // lazy acquisition (measured: no gain, see docs/queue-mode.md)
    webhookEnv: process.env.E2E_QUEUE_LAZY_ISOLATES === '1' ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {},
    tee: process.env.E2E_QUEUE_TEE === '1',
    log: (line) => console.log(`# ${line}`),
    prepare: async (env) => {
      await n8n.importCredentials(env, wf.credential(sandbox, INSTANCE));
      await n8n.importWorkflow(env, [wf.triggerWorkflow(INSTANCE), wf.actionWorkflow(INSTANCE), wf.mediaWorkflow(INSTANCE), wf.approvalWorkflow(INSTANCE)]);
    },
  });
  figures.timings = { ...cluster.timings, clusterStartSeconds: seconds(Date.now() - clusterStarted) };
  pg = await db.connect(cluster.postgres);
  const owner = await n8n.setupOwnerAndApiKey(cluster.main.url);
  const api = n8n.publicApi(cluster.main.url, owner.apiKey);
  // activation (publishing) through the main process's public API: the main process calls the
  // trigger's checkExists()/create(); webhook processors find the webhooks in the database
  for (const id of [wf.TRIGGER_WORKFLOW_ID, wf.ACTION_WORKFLOW_ID, wf.MEDIA_WORKFLOW_ID, wf.APPROVAL_WORKFLOW_ID]) await api.activate(id);
  const wp1 = cluster.webhooks[0];

  await scenario('the main process registers the trigger at the webhook processor URL with a JWT secret kept in static data', async () => {
    const row = await waitFor('the trigger to register its webhook', () => {
      const r = webhookRow();
      return r && r.enabled && typeof r.url === 'string' && r.url.includes(wf.TRIGGER_WEBHOOK_ID) ? r : null;
    }, { timeoutMs: 30000 });
    const expected = `${cluster.webhookUrl}webhook/${wf.TRIGGER_WEBHOOK_ID}/webhook`;
    assert(row.url === expected, `registered ${row.url}, expected ${expected}`);
    assert(typeof row.headers.jwt_key === 'string' && row.headers.jwt_key.length >= 32, 'no jwt_key header registered');
    assert(JSON.stringify(row.events) === JSON.stringify(['MESSAGES_UPSERT']), `events ${JSON.stringify(row.events)}`);
    const state = (await db.staticData(pg, wf.TRIGGER_WORKFLOW_ID))[`node:${TRIGGER_NODE}`] || {};
    assert(state.secret === row.headers.jwt_key, 'the secret in the workflow static data (PostgreSQL) is not the registered jwt_key');
    assert(state.webhookUrl === expected, `static data webhookUrl ${state.webhookUrl}`);
    const main = await fetch(new URL(`webhook/${wf.TRIGGER_WEBHOOK_ID}/webhook`, cluster.main.url), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await main.arrayBuffer();
    assert(main.status === 404, `the main process answered ${main.status} on the production webhook (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)`);
  });

  await scenario('one incoming message: the webhook processor verifies and enqueues it, a worker runs the trigger output and Send Text', async () => {
    const before = await db.maxExecutionId(pg);
    const record = await simulateIncoming('5511988887777', 'hello queue mode');
    const id = record.key.id;
    const attempts = await sandbox.fake.waitForDeliveries((a) => messageIdOf(a) === id && a.outcome !== 'retry', 30000);
    assert(attempts[0].status === 200 && attempts[0].attempt === 1, `delivery answered ${attempts[0].status ?? attempts[0].error} (attempt ${attempts[0].attempt})`);
    assert(attempts[0].url.startsWith(wp1.url), `delivered to ${attempts[0].url}, not the webhook processor ${wp1.url}`);
    const executions = await waitFor('the execution to finish', async () => {
      const list = await triggerExecutions(before);
      return list.length > 0 && FINAL.has(list[0].status) ? list : null;
    }, { timeoutMs: 60000 });
    assert(executions.length === 1, `${executions.length} executions`);
    const [execution] = executions;
    assert(execution.status === 'success', `execution ${execution.id}: ${execution.status} ${execution.error || ''}`);
    assert(execution.mode === 'webhook', `mode ${execution.mode}`);
    assert(execution.messageId === id, `trigger output messageId ${execution.messageId}, expected ${id}`);
    assert(execution.replyText === `${wf.REPLY_PREFIX}${id}`, `Reply answered ${JSON.stringify(execution.replyText)}`);
    const send = sandbox.fake.requests.filter((r) => r.route && r.route.name === 'sendText' && r.body && r.body.text === `${wf.REPLY_PREFIX}${id}`);
    assert(send.length === 1, `${send.length} sendText requests reached the sandbox`);
    assert(send[0].headers.apikey === sandbox.apiKey, 'the worker did not send the credential\'s API key (decryption with the shared N8N_ENCRYPTION_KEY)');
    assert(send[0].body.number === '5511988887777@s.whatsapp.net' || send[0].body.number === '5511988887777', `sent to ${send[0].body.number}`);
  });

  await scenario('action node on a worker: Webhook (lastNode) → Evolution API Send Text, answered through the webhook processor', async () => {
    const res = await postJson(new URL(`webhook/${wf.ACTION_PATH}`, wp1.url), { number: '5511955554444', text: 'from a worker' });
    assert(res.status === 200, `webhook answered ${res.status}: ${res.text.slice(0, 300)}`);
    assert(res.json && res.json.key && res.json.key.id && res.json.key.remoteJid === '5511955554444@s.whatsapp.net', `answer ${res.text.slice(0, 300)}`);
    const sent = sandbox.fake.requests.filter((r) => r.route && r.route.name === 'sendText' && r.body && r.body.text === 'from a worker');
    assert(sent.length === 1, `${sent.length} sendText requests`);
    const rows = await db.executionRows(pg, wf.ACTION_WORKFLOW_ID, 0);
    assert(rows.length === 1 && rows[0].status === 'success', `executions ${JSON.stringify(rows)}`);
  });

  await scenario('binary data from the webhook processor reaches the worker: Webhook (file) → Send Media (multipart)', async () => {
    const png = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'media', fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'media')).find((f) => f.endsWith('.png'))));
    const res = await fetch(new URL(`webhook/${wf.MEDIA_PATH}?number=5511944443333`, wp1.url), {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png,
      signal: AbortSignal.timeout(60000),
    });
    const text = await res.text();
    assert(res.status === 200, `webhook answered ${res.status}: ${text.slice(0, 300)}`);
    const sent = sandbox.fake.requests.filter((r) => r.route && r.route.name === 'sendMedia');
    assert(sent.length === 1, `${sent.length} sendMedia requests`);
    const file = sent[0].files[0];
    assert(file && file.data.equals(png), `the file the worker sent is not the uploaded one (${file ? file.data.length : 'none'} bytes vs ${png.length})`);
    assert(sent[0].body.mediatype === 'image', `mediatype ${sent[0].body.mediatype}`);
  });

  /** Starts the approval workflow; resolves with its waiting execution id and the request (text, message id, links). */
  const askForApproval = async (question) => {
    const before = await db.maxExecutionId(pg);
    const res = await postJson(new URL(`webhook/${wf.APPROVAL_PATH}`, wp1.url), { number: '5511933332222', question });
    assert(res.status === 200, `webhook answered ${res.status}: ${res.text.slice(0, 300)}`);
    const [row] = await waitFor('the approval execution to wait', async () => {
      const rows = await db.executionRows(pg, wf.APPROVAL_WORKFLOW_ID, before);
      return rows.length && rows[0].status === 'waiting' ? rows : null;
    }, { timeoutMs: 60000 });
    const request = sandbox.fake.requests.find((r) => r.route && r.route.name === 'sendText' && r.body && String(r.body.text).startsWith(question));
    assert(request, 'the request did not reach the sandbox');
    const links = String(request.body.text).match(/https?:\/\/\S+signature=[0-9a-f]{64}/g) || [];
    assert(links.length === 2 && links.every((link) => link.startsWith(cluster.webhookUrl)), `links ${JSON.stringify(links)} (N8N_WEBHOOK_URL ${cluster.webhookUrl})`);
    return { id: row.id, links, messageId: request.responseBody.key.id };
  };
  /** The Ask node's output and the Reply node's text of a finished approval execution. */
  const approvalResult = async (id) => {
    const { parse } = db.fromN8n('flatted');
    const { rows } = await pg.query('SELECT e.status, d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e.id = $1', [id]);
    const data = parse(rows[0].data);
    const run = (node) => data.resultData.runData[node]?.at(-1)?.data?.main?.[0]?.[0]?.json;
    return { status: rows[0].status, answer: run('Ask')?.data, reply: run('Reply')?.message?.conversation ?? null };
  };
  const finished = (id) => waitFor('the approval execution to finish', async () => {
    const [row] = (await db.executionRows(pg, wf.APPROVAL_WORKFLOW_ID, id - 1)).filter((r) => r.id === id);
    return row && FINAL.has(row.status) ? row : null;
  }, { timeoutMs: 60000 });

  await scenario('send and wait across processes: a worker sends and waits; the link, opened through a webhook processor, resumes it on a worker', async () => {
    const { id, links } = await askForApproval('Queue approval by link?');
    const opened = await fetch(links[0], { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' }, signal: AbortSignal.timeout(60000) });
    const page = await opened.text();
    assert(opened.status === 200 && page.includes('Got it'), `the link answered ${opened.status}: ${page.slice(0, 200)}`);
    await finished(id);
    const result = await approvalResult(id);
    assert(result.status === 'success', `execution ${id}: ${result.status}`);
    assert(result.answer && result.answer.approved === true && result.answer.via === 'link', `Ask output ${JSON.stringify(result.answer)}`);
    assert(result.reply === 'answer true via link', `Reply sent ${JSON.stringify(result.reply)}`);
  });

  await scenario('send and wait across processes: a chat reply through the trigger (webhook processor) resumes the waiting execution', async () => {
    const { id, messageId } = await askForApproval('Queue approval by chat?');
    const triggerBefore = await db.maxExecutionId(pg);
    const record = await sandbox.fake.simulateIncoming(INSTANCE, { from: '5511933332222', pushName: 'Rita', text: 'no', quotedId: messageId });
    await finished(id);
    const result = await approvalResult(id);
    assert(result.status === 'success', `execution ${id}: ${result.status}`);
    assert(result.answer && result.answer.approved === false && result.answer.via === 'chat' && result.answer.messageId === record.key.id, `Ask output ${JSON.stringify(result.answer)}`);
    assert(result.reply === 'answer false via chat', `Reply sent ${JSON.stringify(result.reply)}`);
    await sleep(1500);
    const triggerRuns = (await triggerExecutions(triggerBefore)).filter((e) => e.messageId === record.key.id);
    assert(triggerRuns.length === 0, `the reply that resumed also started the trigger workflow (${triggerRuns.length} executions)`);
  });

  await scenario(`burst of ${BURST} incoming messages: ${BURST} executions, none lost, none duplicated`, async () => {
    const afterId = await db.maxExecutionId(pg);
    const started = Date.now();
    const ids = await burst('burst-1', BURST);
    figures.burst = { simulateSeconds: seconds(Date.now() - started) };
    const counted = await settleAndCount({ label: 'burst', afterId, ids, started });
    // what the duplicate filter remembers after the burst (all within its 15-minute window)
    const window = ((await db.staticData(pg, wf.TRIGGER_WORKFLOW_ID))[`node:${TRIGGER_NODE}`] || {}).dedupe || [];
    const keys = new Set(window.map(([key]) => key));
    const envelopes = new Map(upsertAttempts().map((a) => [messageIdOf(a), a.body]));
    const retained = ids.filter((id) => envelopes.has(id) && keys.has(dedupeKeyOf(envelopes.get(id)))).length;
    figures.burst.dedupeWindowEntries = window.length;
    figures.burst.dedupeKeysRetained = retained;
    log(`burst: the duplicate filter's window holds ${window.length} entries; ${retained} of the ${ids.length} burst messages are among them`);
    assertClean('burst', counted);
  });

  await scenario(`SIGTERM to a worker in the middle of a burst of ${BURST}: no delivery lost, none duplicated`, async () => {
    const afterId = await db.maxExecutionId(pg);
    const victim = cluster.workers[0];
    const started = Date.now();
    let killedAt = null;
    let doneBefore = null;
    const burstDone = burst('burst-2', BURST);
    await waitFor('a third of the burst to be executed', async () => {
      const rows = await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, afterId);
      const done = rows.filter((r) => FINAL.has(r.status)).length;
      return done >= Math.floor(BURST / 3) ? done : null;
    }, { timeoutMs: 10 * 60000, intervalMs: 100 });
    doneBefore = (await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, afterId)).length;
    process.kill(victim.pid, 'SIGTERM');
    killedAt = Date.now();
    log(`SIGTERM to ${victim.role} (pid ${victim.pid}) after ${seconds(killedAt - started)} s, ${doneBefore} executions created so far`);
    const exit = await Promise.race([victim.exited, sleep(120000).then(() => null)]);
    assert(exit !== null, `${victim.role} did not exit within 120 s of SIGTERM`);
    const stopSeconds = seconds(Date.now() - killedAt);
    log(`${victim.role} exited (${exit.signal || `code ${exit.code}`}) ${stopSeconds} s after SIGTERM`);
    const ids = await burstDone;
    const counted = await settleAndCount({ label: 'burstWorkerSigterm', afterId, ids, started });
    figures.burstWorkerSigterm.sigtermAfterExecutions = doneBefore;
    figures.burstWorkerSigterm.workerExit = exit.signal || `code ${exit.code}`;
    figures.burstWorkerSigterm.workerStopSeconds = stopSeconds;
    const workerLog = fs.readFileSync(victim.logFile, 'utf8');
    const finishedAfterSigterm = (workerLog.split(/Received SIGTERM/)[1] || '').match(/Worker finished execution|finished execution/gi);
    figures.burstWorkerSigterm.workerLogAfterSigterm = finishedAfterSigterm ? finishedAfterSigterm.length : 0;
    assert(exit.code === 0, `${victim.role} exited with ${exit.signal || `code ${exit.code}`}`);
    assertClean('burstWorkerSigterm', counted, { allowN8nStalled: true });
    cluster.workers.splice(cluster.workers.indexOf(victim), 1);
    const t = Date.now();
    const replacement = await cluster.addWorker();
    figures.burstWorkerSigterm.replacementWorkerReadySeconds = seconds(Date.now() - t);
    log(`started ${replacement.role} (pid ${replacement.pid}) in ${seconds(Date.now() - t)} s`);
  });

  await scenario('retried deliveries across two webhook processors: each answered 200, executions match what was accepted (duplicate filter measured)', async () => {
    const t = Date.now();
    const wp2 = await cluster.addWebhookProcessor();
    figures.secondWebhookProcessorReadySeconds = seconds(Date.now() - t);
    const before = await db.maxExecutionId(pg);
    const rounds = 10;
    const outcomes = { droppedByOther: 0, droppedBySame: 0, acceptedAgain: 0, otherStatuses: [] };
    const ids = [];
    for (let i = 0; i < rounds; i++) {
      const record = await simulateIncoming('5511966660000', `retry check #${i + 1}`);
      const id = record.key.id;
      ids.push(id);
      const [attempt] = await sandbox.fake.waitForDeliveries((a) => messageIdOf(a) === id && a.outcome !== 'retry', 30000);
      assert(attempt.status === 200, `first delivery answered ${attempt.status}`);
      // an Evolution retry: the same envelope with a fresh JWT, first to the other processor, then to the same one
      for (const [base, key] of [[wp2.url, 'droppedByOther'], [wp1.url, 'droppedBySame']]) {
        const res = await redeliver(base, attempt.body);
        if (res.status !== 200) outcomes.otherStatuses.push(`${res.status} ${res.text.slice(0, 80)}`);
        else if (res.json && res.json.ignored === 'duplicate') outcomes[key]++;
        else outcomes.acceptedAgain++;
      }
    }
    await waitFor('the executions to finish', async () => {
      const rows = await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, before);
      return rows.length >= rounds + outcomes.acceptedAgain && rows.every((r) => FINAL.has(r.status));
    }, { timeoutMs: 120000 });
    const executions = (await triggerExecutions(before)).filter((e) => ids.includes(e.messageId));
    figures.sequentialRetries = { messages: rounds, redeliveries: rounds * 2, ...outcomes, executions: executions.length };
    log(
      `sequential retries (${rounds} messages, each redelivered to the other and to the same processor): ` +
        `${outcomes.droppedByOther}/${rounds} dropped by the other processor, ${outcomes.droppedBySame}/${rounds} by the same one, ` +
        `${outcomes.acceptedAgain} accepted again; ${executions.length} executions`,
    );
    if (outcomes.droppedByOther + outcomes.droppedBySame < rounds * 2) {
      log('note: the duplicate filter did not drop every retry: it remembers accepted deliveries in the memory of the webhook processor that received them, and static data written in webhook() is not saved by n8n ' + n8n.N8N_VERSION + ' (see docs/queue-mode.md)');
    }
    assert(outcomes.otherStatuses.length === 0, `redeliveries answered: ${outcomes.otherStatuses.join('; ')}`);
    assert(executions.length === rounds + outcomes.acceptedAgain, `${executions.length} executions for ${rounds} messages and ${outcomes.acceptedAgain} accepted retries`);
    assert(executions.every((e) => e.status === 'success'), 'an execution failed');
    if (process.env.E2E_QUEUE_STRICT_DEDUPE === '1') {
      assert(outcomes.acceptedAgain === 0, `${outcomes.acceptedAgain} retried deliveries ran again (E2E_QUEUE_STRICT_DEDUPE=1)`);
    }
  });

  await scenario('measured: what concurrent deliveries cost the duplicate filter (static data is last-write-wins)', async () => {
    const [wpA, wpB] = cluster.webhooks;
    // (1) retries of the burst's messages replayed 20 at a time, alternating processors
    const burst2 = upsertAttempts().filter((a) => a.outcome === 'delivered' && /burst-2 #/.test(JSON.stringify(a.body.data.message)));
    const sample = burst2.slice(0, 200);
    let before = await db.maxExecutionId(pg);
    const replayAnswers = await pool(sample, 20, async (a, i) => await redeliver(i % 2 ? wpB.url : wpA.url, a.body));
    const droppedReplays = replayAnswers.filter((r) => r.status === 200 && r.json && r.json.ignored === 'duplicate').length;
    const replayStatuses = {};
    for (const r of replayAnswers) replayStatuses[r.status] = (replayStatuses[r.status] || 0) + 1;
    const acceptedReplays = replayAnswers.filter((r) => r.status === 200 && !(r.json && r.json.ignored)).length;
    await waitFor('replayed executions to finish', async () => {
      const rows = await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, before);
      return rows.length >= acceptedReplays && rows.every((r) => FINAL.has(r.status));
    }, { timeoutMs: 300000 });
    const replayExecutions = (await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, before)).length;
    // (2) the same new message to both processors at the same moment
    const template = sample[0].body;
    const pairs = 50;
    before = await db.maxExecutionId(pg);
    let bothAccepted = 0;
    for (let i = 0; i < pairs; i++) {
      const envelope = JSON.parse(JSON.stringify(template));
      envelope.data.key.id = `QUEUEPAIR${String(i).padStart(4, '0')}${Date.now()}`;
      const [a, b] = await Promise.all([redeliver(wpA.url, envelope), redeliver(wpB.url, envelope)]);
      const accepted = [a, b].filter((r) => r.status === 200 && !(r.json && r.json.ignored)).length;
      if (accepted === 2) bothAccepted++;
    }
    await waitFor('the pair executions to finish', async () => {
      const rows = await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, before);
      return rows.length >= pairs && rows.every((r) => FINAL.has(r.status));
    }, { timeoutMs: 300000 }).catch(() => {});
    const pairExecutions = (await db.executionRows(pg, wf.TRIGGER_WORKFLOW_ID, before)).length;
    figures.dedupeUnderConcurrency = {
      burstReplays: sample.length,
      burstReplaysDropped: droppedReplays,
      burstReplayStatuses: replayStatuses,
      burstReplaysExecutedAgain: replayExecutions,
      simultaneousPairs: pairs,
      simultaneousPairsBothAccepted: bothAccepted,
      simultaneousPairExecutions: pairExecutions,
    };
    log(
      `replayed ${sample.length} burst messages after the burst: ${droppedReplays} dropped as duplicates, ${replayExecutions} executed again; ` +
        `${pairs} messages sent to both processors at once: ${bothAccepted} accepted by both (${pairExecutions} executions)`,
    );
  });

  await scenario('deactivating on the main process calls delete(): the instance webhook is switched off, nothing more is delivered', async () => {
    await api.deactivate(wf.TRIGGER_WORKFLOW_ID);
    const row = await waitFor('the webhook to be switched off', () => (webhookRow() && webhookRow().enabled === false ? webhookRow() : null), { timeoutMs: 30000 });
    assert(!row.headers || !row.headers.jwt_key, 'the jwt_key is still registered');
    const state = (await db.staticData(pg, wf.TRIGGER_WORKFLOW_ID))[`node:${TRIGGER_NODE}`] || {};
    assert(state.secret === undefined, 'the secret is still in static data');
    const attemptsBefore = sandbox.fake.deliveries.length;
    await simulateIncoming('5511988887777', 'after deactivation');
    await sleep(1000);
    assert(sandbox.fake.deliveries.length === attemptsBefore, 'a delivery was attempted after deactivation');
  });

  await scenario('every process is stopped by PID: no process and no port left behind', async () => {
    const procs = [cluster.main, ...cluster.workers, ...cluster.webhooks].map((p) => ({ name: p.role, pid: p.pid, port: p.port, broker: p.brokerPort }));
    procs.push({ name: 'redis', pid: cluster.redis.pid, port: cluster.redis.port });
    procs.push({ name: 'postgres', pid: cluster.postgres.pid, port: cluster.postgres.port });
    await pg.end();
    pg = null;
    const started = Date.now();
    await cluster.stop({ keepFiles: process.env.E2E_QUEUE_KEEP === '1' });
    figures.stopAllSeconds = seconds(Date.now() - started);
    const keptRoot = cluster.root;
    cluster = null;
    if (process.env.E2E_QUEUE_KEEP === '1') console.log(`# kept ${keptRoot}`);
    const alive = procs.filter(({ pid }) => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch (err) {
        return err.code === 'EPERM';
      }
    });
    assert(alive.length === 0, `still running: ${alive.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`);
    const busy = [];
    for (const p of procs) for (const port of [p.port, p.broker].filter(Boolean)) if (await n8n.portInUse(port)) busy.push(`${p.name}:${port}`);
    assert(busy.length === 0, `ports still in use: ${busy.join(', ')}`);
  });

  figures.suiteSeconds = seconds(Date.now() - suiteStarted);
}

main()
  .catch((err) => {
    results.push({ name: 'suite set-up', ok: false, error: err });
    console.log(`not ok ${results.length} - suite set-up`);
    console.log(String(err && err.stack ? err.stack : err).replace(/^/gm, '    # '));
  })
  .then(async () => {
    await shutdown();
    fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
    fs.writeFileSync(FIGURES_FILE, JSON.stringify(figures, null, 2));
    console.log(`# figures: ${path.relative(ROOT, FIGURES_FILE)}`);
    console.log(JSON.stringify(figures, null, 2).replace(/^/gm, '# '));
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  });
