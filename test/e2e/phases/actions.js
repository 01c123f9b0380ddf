'use strict';
// Action workflows run headlessly (`n8n execute --id`), one per group of resources; each node's
// output and what the sandbox received are checked. Together they run a representative
// operation of all 23 resources, including a binary media send and a media download.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../../../scripts/n8n');
const {
  nodeRuns,
  assertAllNodesSucceeded,
  binaryBytes,
  requestsSince,
  lastRequestId,
  assertRequestsValid,
  oneRequest,
  assertExecuteExit,
} = require('../lib/util');

const MEDIA = path.resolve(__dirname, '..', '..', 'fixtures', 'media');
const ANA = '5511988887777';
const BRUNO = '5511977776666';
const INSTANCE = 'sandbox';
const CLOUD = 'cloud';
/** Seeded by seedSandbox() before the workflows run. */
const INCOMING_PDF_ID = 'E2EINCOMINGPDF000000001';

/** State the action workflows read: a stored text and PDF from Bruno, a label. */
async function seedSandbox(ctx) {
  const post = (route, body) => ctx.sandboxHttp('POST', route, body);
  const text = await post(`/sandbox/${INSTANCE}/incoming`, { from: BRUNO, pushName: 'Bruno', text: 'Hi, is my order ready?' });
  assert.equal(text.status, 201, JSON.stringify(text.json));
  const pdf = await post(`/sandbox/${INSTANCE}/incoming`, {
    from: BRUNO,
    pushName: 'Bruno',
    id: INCOMING_PDF_ID,
    media: { base64: fs.readFileSync(path.join(MEDIA, 'document.pdf')).toString('base64'), mimetype: 'application/pdf', fileName: 'e2e-invoice.pdf', caption: 'the invoice' },
  });
  assert.equal(pdf.status, 201, JSON.stringify(pdf.json));
  const label = await post(`/sandbox/${INSTANCE}/label`, { name: 'E2E customers', color: 1 });
  assert.equal(label.status, 200, JSON.stringify(label.json));
}

const json = (run, index = 0) => {
  assert.ok(run.items[index], `no output item ${index}`);
  return run.items[index].json;
};

/** Checks per fixture id: (runs, requests, ctx) => void. */
const CHECKS = {
  e2eMessage000001(runs, requests, ctx) {
    const png = fs.readFileSync(path.join(MEDIA, 'image.png'));
    const media = oneRequest(requests, 'POST', `/message/sendMedia/${INSTANCE}`);
    assert.match(String(media.headers['content-type']), /^multipart\/form-data/, 'binary media goes as multipart');
    assert.equal(media.files.length, 1, 'one file part');
    assert.equal(media.files[0].filename, 'e2e-chart.png');
    assert.equal(media.files[0].contentType, 'image/png');
    assert.ok(media.files[0].data.equals(png), `the uploaded bytes differ from image.png (${media.files[0].data.length} vs ${png.length} bytes)`);
    assert.deepEqual(media.body, { number: ANA, mediatype: 'image', mimetype: 'image/png', fileName: 'e2e-chart.png', caption: 'E2E chart' });
    const sent = json(runs.nodes['Send Media']);
    assert.equal(sent.messageType, 'imageMessage');

    const reaction = oneRequest(requests, 'POST', `/message/sendReaction/${INSTANCE}`);
    assert.equal(reaction.body.key.id, sent.key.id, 'the reaction targets the message Send Media returned (expression)');
    assert.equal(reaction.body.reaction, '👍');

    const text = oneRequest(requests, 'POST', `/message/sendText/${INSTANCE}`);
    assert.deepEqual(text.body, { number: ANA, text: 'Hello from the n8n e2e suite (E2E Message and Call)' });
    assert.equal(json(runs.nodes['Send Text']).message.conversation, text.body.text);

    const call = oneRequest(requests, 'POST', `/call/offer/${INSTANCE}`);
    assert.deepEqual(call.body, { number: ANA, isVideo: false, callDuration: 5 });
    assert.equal(json(runs.nodes['Call Offer']).id, '123');
    ctx.suite.info(`sendMedia: multipart, e2e-chart.png, image/png, ${png.length} bytes identical to the fixture`);
  },

  e2eChat000000001(runs, requests, ctx) {
    const messages = runs.nodes['Get Messages'].items.map((item) => item.json);
    assert.equal(messages.length, 2, 'the two seeded messages from Bruno');
    assert.ok(messages.every((message) => message.key.remoteJid === `${BRUNO}@s.whatsapp.net`));

    const download = runs.nodes['Download Media'].items[0];
    assert.ok(download, 'Download Media output an item');
    assert.equal(download.json.messageId, INCOMING_PDF_ID);
    const file = download.binary && download.binary.file;
    assert.ok(file, 'Download Media put the file into the binary property "file"');
    assert.equal(file.mimeType, 'application/pdf');
    assert.equal(file.fileName, 'e2e-invoice.pdf');
    const pdf = fs.readFileSync(path.join(MEDIA, 'document.pdf'));
    assert.ok(binaryBytes(ctx.userFolder, file).equals(pdf), 'the downloaded bytes are the PDF the sandbox received');
    const downloadRequest = oneRequest(requests, 'POST', `/chat/getBase64FromMediaMessage/${INSTANCE}`);
    assert.equal(downloadRequest.body.message.key.id, INCOMING_PDF_ID);

    const numbers = runs.nodes['Check Numbers'].items.map((item) => item.json);
    assert.deepEqual(numbers.map((entry) => [entry.number, entry.exists]), [[ANA, true], [BRUNO, true]]);
    assert.equal(json(runs.nodes['Own Profile']).wuid, ctx.sandbox.instances[0].ownerJid);
    assert.deepEqual(runs.nodes.Labels.items.map((item) => item.json.name), ['E2E customers']);
    assert.equal(json(runs.nodes.Catalog).catalogLength, 0);
    assert.deepEqual(json(runs.nodes['On WhatsApp']), { exists: true, jid: `${ANA}@s.whatsapp.net` });
    ctx.suite.info(`downloadMedia: binary "file", application/pdf, e2e-invoice.pdf, ${pdf.length} bytes identical to what arrived`);
  },

  e2eGroup00000001(runs, requests, ctx) {
    const group = json(runs.nodes['Create Group']);
    assert.match(group.id, /^\d+@g\.us$/);
    const create = oneRequest(requests, 'POST', `/group/create/${INSTANCE}`);
    assert.deepEqual(create.body, { subject: 'E2E Group', participants: [ANA, BRUNO], description: 'made by the e2e suite' });
    const participants = runs.nodes.Participants.items.map((item) => item.json);
    assert.equal(participants.length, 3, 'owner + 2 participants');
    assert.ok(participants.every((participant) => participant.groupJid === group.id));
    const rename = oneRequest(requests, 'POST', `/group/updateGroupSubject/${INSTANCE}`);
    assert.equal(rename.query.groupJid, group.id, 'the group id reached the request through an expression');
    assert.deepEqual(rename.body, { subject: 'E2E Group (renamed)' });
    const stored = ctx.sandbox.fake.state.groups.get(INSTANCE).get(group.id);
    assert.equal(stored.subject, 'E2E Group (renamed)', 'the sandbox renamed the group');
  },

  e2eInstance00001(runs, requests) {
    assert.equal(json(runs.nodes['Server Info']).version, '2.3.6');
    assert.deepEqual(runs.nodes.Instances.items.map((item) => item.json.name).sort(), [CLOUD, INSTANCE]);
    assert.deepEqual(json(runs.nodes['Connection State']).instance, { instanceName: INSTANCE, state: 'open' });
    const settings = json(runs.nodes['Get Settings']);
    assert.equal(settings.alwaysOnline, true);
    assert.equal(settings.msgCall, 'busy, call later');
    const setSettings = oneRequest(requests, 'POST', `/settings/set/${INSTANCE}`);
    assert.equal(setSettings.body.alwaysOnline, true, 'merge mode sends the changed field');
    assert.equal(setSettings.body.rejectCall, false, 'merge mode keeps the other switches');
    assert.deepEqual(json(runs.nodes['Get Proxy']), { configured: false });
    assert.deepEqual(json(runs.nodes['Get RabbitMQ']).events, ['MESSAGES_UPSERT', 'SEND_MESSAGE']);
    oneRequest(requests, 'POST', `/rabbitmq/set/${INSTANCE}`);
    assert.equal(json(runs.nodes['S3 Media']).messageId, INCOMING_PDF_ID);
    assert.equal(json(runs.nodes.Chatwoot).enabled, false);
    const template = oneRequest(requests, 'POST', `/template/create/${CLOUD}`);
    assert.equal(template.body.name, 'e2e_order_shipped');
    assert.deepEqual(runs.nodes.Templates.items.map((item) => item.json.name), ['e2e_order_shipped']);
    oneRequest(requests, 'GET', `/template/find/${CLOUD}`);
    const canary = json(runs.nodes['Net Guard Canary']);
    assert.match(JSON.stringify(canary), /ECONNREFUSED|e2e net guard/, 'the request to 192.0.2.1 was refused by the net guard');
  },

  e2eBots000000001(runs, requests) {
    const routes = {
      Typebot: '/typebot/create',
      'OpenAI Credential': '/openai/creds',
      'OpenAI Bot': '/openai/create',
      Dify: '/dify/create',
      Flowise: '/flowise/create',
      EvoAI: '/evoai/create',
      'n8n Bot': '/n8n/create',
      'Evolution Bot': '/evolutionBot/create',
    };
    for (const [node, route] of Object.entries(routes)) {
      const request = oneRequest(requests, 'POST', `${route}/${INSTANCE}`);
      assert.equal(json(runs.nodes[node]).id, request.responseBody.id, `${node} outputs the created row`);
    }
    const credential = json(runs.nodes['OpenAI Credential']);
    assert.equal(oneRequest(requests, 'POST', `/openai/create/${INSTANCE}`).body.openaiCredsId, credential.id, 'the credential id reached the bot through an expression');
    const listed = runs.nodes['Evolution Bots'].items.map((item) => item.json.id);
    assert.deepEqual(listed, [json(runs.nodes['Evolution Bot']).id]);
  },
};

/** Resources each fixture covers (reported, and checked against the node's resource list). */
function resourcesOf(workflow) {
  return workflow.nodes.filter((node) => node.type === 'n8n-nodes-evolution.evolutionApi').map((node) => node.parameters.resource);
}

async function runActionWorkflows(ctx, fixtures) {
  const { suite } = ctx;
  const covered = new Set();
  for (const entry of fixtures) {
    const { workflow } = entry;
    const check = CHECKS[workflow.id];
    if (!check) continue;
    for (const resource of resourcesOf(workflow)) covered.add(resource);
    await suite.test(`${workflow.name}: n8n execute, every node succeeds, the sandbox got what the nodes sent`, async () => {
      const before = lastRequestId(ctx.sandbox.fake);
      const started = Date.now();
      const result = await n8n.executeWorkflow(ctx.env, workflow.id);
      ctx.timings.push([`execute ${workflow.name.slice(0, 30)}`, Date.now() - started]);
      assert.ok(result.json, `n8n execute printed no result (exit ${result.code}); ${result.hint || ''}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
      const runs = nodeRuns(result.json.data);
      assertAllNodesSucceeded(workflow, runs);
      const note = assertExecuteExit(result);
      if (note) ctx.suite.info(note);
      const requests = requestsSince(ctx.sandbox.fake, before);
      assertRequestsValid(requests);
      check(runs, requests, ctx);
      suite.info(`${requests.length} requests, all valid for Evolution API 2.3.6: ${[...new Set(requests.map((r) => r.route && `${r.route.group}.${r.route.name}`))].join(', ')}`);
    });
  }
  return covered;
}

module.exports = { seedSandbox, runActionWorkflows, ANA, BRUNO, INSTANCE, CLOUD };
