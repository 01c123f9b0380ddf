'use strict';
// Message → Send and Wait for Response in the running n8n 2.41.1 (after the trigger phase):
//   - n8n lists the operation as a send-and-wait one: the derived human-review tool type
//     (<package>.evolutionApiHitlTool, n8n's convertNodeToHitlTool) exists in nodes.json;
//   - (a) a workflow started by its webhook asks for approval and waits; a link previewer's
//     fetch records nothing; the link opened as a browser opens it resumes the execution
//     with { data: { approved, via: 'link' } }; a free-text request renders n8n's form page,
//     and its submission (multipart, as the page posts it) resumes with { data: { text } };
//   - (b) with the trigger workflow active on the same instance, the recipient's reply in the
//     chat (quoting the request) resumes the waiting execution within seconds, approved via chat,
//     and does not start the trigger's workflow;
//   - (c) a later reply to the answered request changes nothing there and reaches the trigger's
//     workflow as an ordinary message (nothing lost);
//   - the example examples/broadcast-after-approval.json, left waiting by `n8n execute` in the
//     examples phase, is approved through its link and sends the broadcast.

const assert = require('node:assert/strict');
const { waitFor, http } = require('../lib/util');
const { ANA, INSTANCE } = require('./actions');
const { readNodeTypes, AI_TEXT } = require('./ai');

const PACKAGE = 'n8n-nodes-evolution';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const LINK = /https?:\/\/[^\s*]+[?&]signature=[0-9a-f]{64}/g;

/** The run data of node `name` in a stored execution (public API, includeData). */
function nodeOutput(execution, name) {
  const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData && execution.data.resultData.runData[name];
  assert.ok(runs && runs.length, `execution ${execution && execution.id} has no run of "${name}"`);
  const last = runs[runs.length - 1];
  return (last.data && last.data.main && last.data.main[0]) || [];
}

/** The sendText request whose text contains `marker`, and its resume links. */
function requestWith(ctx, marker) {
  const request = ctx.sandbox.fake.requests.find((r) => r.route && r.route.name === 'sendText' && String(r.body && r.body.text).includes(marker));
  assert.ok(request, `no sendText request containing "${marker}"`);
  return { request, text: request.body.text, links: request.body.text.match(LINK) || [], messageId: request.responseBody && request.responseBody.key && request.responseBody.key.id };
}

async function runSendAndWaitPhase(ctx, { approval, freeText, customForm, trigger, example, humanReview }) {
  const { suite } = ctx;
  const server = ctx.server.url;
  const executions = (workflowId, status) => ctx.api.executions(workflowId, { includeData: true, status });
  const waitForStatus = (workflowId, status, predicate, what, timeoutMs = 20000) =>
    waitFor(what, async () => (await executions(workflowId, status)).find(predicate), { timeoutMs, intervalMs: 300 });
  /** Calls the workflow's Webhook node (n8n registers it shortly after the activation returns). */
  const start = (workflow, run) =>
    waitFor(`the webhook of "${workflow.name}"`, async () => {
      const res = await http('GET', `${server}webhook/${workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path}?to=${ANA}&run=${run}`);
      return res.status === 404 ? null : res;
    }, { timeoutMs: 15000, intervalMs: 300 });
  const askNode = (workflow) => workflow.nodes.find((n) => n.type === `${PACKAGE}.evolutionApi`).name;
  /** Each start's own waiting execution: one not seen before. */
  const seen = new Set();
  const newWaiting = async (workflowId, what, timeoutMs) => {
    const execution = await waitForStatus(workflowId, 'waiting', (e) => !seen.has(e.id), what, timeoutMs);
    seen.add(execution.id);
    return execution;
  };

  await suite.test('n8n 2.41.1 treats the operation as send-and-wait: it derives the human-review tool evolutionApiHitlTool', async () => {
    const types = readNodeTypes(ctx.userFolder);
    const hitl = types.find((type) => type.name === `${PACKAGE}.evolutionApiHitlTool`);
    assert.ok(hitl, 'nodes.json has no evolutionApiHitlTool');
    assert.deepEqual(hitl.outputs.map((output) => output.displayName), ['Human review']);
    const byName = Object.fromEntries(hitl.properties.map((property) => [property.name, property]));
    assert.equal(byName.operation.type, 'hidden');
    assert.equal(byName.operation.default, 'sendAndWait');
    assert.equal(byName.resource.default, 'message');
    assert.equal(byName.responseType.default, 'approval');
    assert.match(byName.message.default, /\$tool\.name/);
    suite.info(`${hitl.name}: "${hitl.displayName}", subtitle "${hitl.subtitle}", codex ${JSON.stringify(hitl.codex && hitl.codex.subcategories)}`);
  });

  const activated = await suite.test('the send-and-wait workflows are activated (public API)', async () => {
    for (const workflow of [approval, freeText, customForm].filter(Boolean)) await ctx.api.activate(workflow.id);
    return true;
  });
  if (!activated) return;

  const timeout = {};
  await suite.test('Limit Wait Time: a request started with a limit a few seconds away waits (checked at the end of this phase)', async () => {
    const until = new Date(Date.now() + 3000).toISOString();
    const started = await start(approval, `timeout&until=${encodeURIComponent(until)}`);
    assert.equal(started.status, 200, started.text);
    const waiting = await newWaiting(approval.id, 'the execution with a wait limit to wait');
    if (waiting.waitTill) assert.equal(new Date(waiting.waitTill).toISOString(), until, 'n8n stored the wait limit as the execution\'s waitTill');
    else suite.info('the public API does not show waitTill: the limit is checked by the timeout below');
    timeout.id = waiting.id;
  });

  await suite.test('(a) approval by link: the request waits; a link preview records nothing; the link in a browser resumes with approved', async () => {
    const started = await start(approval, 'link');
    assert.equal(started.status, 200, started.text);
    const waiting = await newWaiting(approval.id, 'the approval execution to wait');
    const { text, links } = requestWith(ctx, 'run link');
    assert.equal(links.length, 2, text);
    for (const link of links) {
      const url = new URL(link);
      assert.equal(url.origin, new URL(server).origin, 'a resume URL of this n8n');
      assert.equal(url.pathname, `/webhook-waiting/${waiting.id}/${approval.nodes.find((n) => n.name === askNode(approval)).id}`);
    }
    assert.match(text, /\n\*Publish\*\nhttp/);
    assert.match(text, /\n\*Hold\*\nhttp/);
    assert.equal(text.includes('<'), false, 'no HTML in a WhatsApp message');

    const preview = await http('GET', links[0], { headers: { 'user-agent': 'WhatsApp/2.24.10.85 A' } });
    assert.equal(preview.status, 200);
    const tampered = await http('GET', links[0].replace('approved=true', 'approved=false'), { headers: { 'user-agent': BROWSER } });
    assert.equal(tampered.status, 401, 'a link whose query was changed is refused (signed)');
    assert.equal((await executions(approval.id, 'waiting')).some((e) => e.id === waiting.id), true, 'still waiting after the preview and the tampered link');

    const opened = await http('GET', links[0], { headers: { 'user-agent': BROWSER, accept: 'text/html' } });
    assert.equal(opened.status, 200);
    assert.match(opened.text, /Got it, thanks/);
    const done = await waitForStatus(approval.id, 'success', (e) => e.id === waiting.id, 'the approval execution to finish');
    const [item] = nodeOutput(done, askNode(approval));
    assert.equal(item.json.data.approved, true);
    assert.equal(item.json.data.via, 'link');
    assert.equal(nodeOutput(done, 'Answered').length, 1);
    suite.info(`execution ${done.id}: ${JSON.stringify(item.json.data)}`);
  });

  await suite.test('(a) free text: n8n\'s form page on GET, the submitted form resumes with { data: { text } }', async () => {
    const started = await start(freeText, 'form');
    assert.equal(started.status, 200, started.text);
    const waiting = await newWaiting(freeText.id, 'the free-text execution to wait');
    const { links } = requestWith(ctx, 'run form');
    assert.equal(links.length, 1);
    const page = await http('GET', links[0], { headers: { 'user-agent': BROWSER, accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.text, /<form/i);
    assert.match(page.text, /Delivery day/);
    assert.match(page.text, /field-0/);
    ctx.sendAndWaitFormUrl = links[0];

    const form = new FormData();
    form.append('field-0', 'Thursday morning');
    const posted = await fetch(links[0], { method: 'POST', body: form, headers: { 'user-agent': BROWSER } });
    assert.equal(posted.status, 200, await posted.text());
    const done = await waitForStatus(freeText.id, 'success', (e) => e.id === waiting.id, 'the free-text execution to finish');
    const [item] = nodeOutput(done, askNode(freeText));
    assert.equal(item.json.data.text, 'Thursday morning');
    assert.equal(item.json.data.via, 'link');
  });

  if (customForm) {
    await suite.test('(a) custom form: n8n\'s form page shows the fields; the submission resumes with { data: { <field>: value } }', async () => {
      const started = await start(customForm, 'custom');
      assert.equal(started.status, 200, started.text);
      const waiting = await newWaiting(customForm.id, 'the custom-form execution to wait');
      const { text, links } = requestWith(ctx, 'run custom');
      assert.equal(links.length, 1);
      assert.equal(/reply/i.test(text), false, 'a custom form is answered by its link only');
      const page = await http('GET', links[0], { headers: { 'user-agent': BROWSER, accept: 'text/html' } });
      assert.equal(page.status, 200);
      for (const label of ['Order details', 'Name', 'Boxes', 'Delivery', 'Extras', 'Gift wrap', 'Courier']) assert.ok(page.text.includes(label), `the page shows ${label}`);
      const form = new FormData();
      form.append('field-0', 'Ana');
      form.append('field-1', '3');
      form.append('field-2', 'Courier');
      form.append('field-3', JSON.stringify(['Gift wrap']));
      const posted = await fetch(links[0], { method: 'POST', body: form, headers: { 'user-agent': BROWSER } });
      assert.equal(posted.status, 200, await posted.text());
      const done = await waitForStatus(customForm.id, 'success', (e) => e.id === waiting.id, 'the custom-form execution to finish');
      const [item] = nodeOutput(done, askNode(customForm));
      assert.deepEqual({ ...item.json.data, respondedAt: undefined }, { via: 'link', Name: 'Ana', Boxes: 3, Delivery: 'Courier', Extras: ['Gift wrap'], respondedAt: undefined });
    });
  }

  const triggerOn = await suite.test('(b) the trigger workflow is activated again on the same instance', async () => {
    await ctx.api.activate(trigger.id);
    const triggerNode = trigger.nodes.find((node) => node.type === `${PACKAGE}.evolutionApiTrigger`);
    const url = `${server}webhook/${triggerNode.webhookId}/webhook`;
    await waitFor('the trigger to register its webhook', async () => {
      const res = await ctx.sandboxApi('GET', `/webhook/find/${INSTANCE}`);
      return res.json && res.json.url === url;
    }, { timeoutMs: 20000, intervalMs: 250 });
    return true;
  });

  const chat = {};
  if (triggerOn) {
    await suite.test('(b) a reply in the chat ("Sim", quoting the request) resumes the waiting execution within seconds: approved, via chat', async () => {
      const triggerRunsBefore = (await executions(trigger.id)).length;
      const started = await start(approval, 'chat');
      assert.equal(started.status, 200, started.text);
      const waiting = await newWaiting(approval.id, 'the approval execution to wait');
      const { messageId } = requestWith(ctx, 'run chat');
      assert.ok(messageId, 'the sandbox answered the send with a message id');
      const begin = Date.now();
      const reply = await ctx.sandboxHttp('POST', `/sandbox/${INSTANCE}/incoming`, { from: ANA, pushName: 'Ana', text: 'Sim', quotedId: messageId });
      assert.equal(reply.status, 201, JSON.stringify(reply.json));
      const done = await waitForStatus(approval.id, 'success', (e) => e.id === waiting.id, 'the execution to resume from the chat reply', 10000);
      const seconds = (Date.now() - begin) / 1000;
      const [item] = nodeOutput(done, askNode(approval));
      assert.equal(item.json.data.approved, true);
      assert.equal(item.json.data.via, 'chat');
      assert.equal(item.json.data.messageId, reply.json.key.id);
      assert.equal(item.json.data.text, 'Sim');
      assert.equal(item.json.data.answeredBy.phoneNumber, ANA);
      assert.equal(item.json.data.answeredBy.name, 'Ana');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const triggerRuns = await executions(trigger.id);
      assert.equal(triggerRuns.length, triggerRunsBefore, 'the reply that resumed did not start the trigger workflow');
      Object.assign(chat, { executionId: done.id, messageId, data: item.json.data, triggerRuns: triggerRuns.length });
      suite.info(`resumed in ${seconds.toFixed(1)} s: ${JSON.stringify(item.json.data)}`);
    });

    await suite.test('(c) a reply to the request that no longer waits changes nothing and reaches the trigger workflow as a message', async () => {
      assert.ok(chat.executionId, 'no answered request');
      const approvalRuns = (await executions(approval.id)).length;
      const late = await ctx.sandboxHttp('POST', `/sandbox/${INSTANCE}/incoming`, { from: ANA, pushName: 'Ana', text: 'no', quotedId: chat.messageId });
      assert.equal(late.status, 201);
      const run = await waitFor('the trigger workflow to get the late reply', async () => {
        const list = await executions(trigger.id);
        return list.find((execution) => {
          try {
            return execution.status === 'success' && nodeOutput(execution, trigger.nodes[0].name)[0].json.messageId === late.json.key.id;
          } catch {
            return false;
          }
        });
      }, { timeoutMs: 15000, intervalMs: 300 });
      assert.equal(nodeOutput(run, trigger.nodes[0].name)[0].json.text, 'no');
      const after = await executions(approval.id);
      assert.equal(after.length, approvalRuns, 'no new approval execution');
      const answered = after.find((execution) => execution.id === chat.executionId);
      assert.deepEqual(nodeOutput(answered, askNode(approval))[0].json.data, chat.data, 'the answered execution is unchanged');
    });
  }

  if (humanReview) {
    await suite.test('AI Agent with the human-review tool: the tool call waits for a WhatsApp approval, and runs once approved', async () => {
      await ctx.api.activate(humanReview.id);
      const callsBefore = ctx.openai.requests.length;
      const started = await waitFor('the AI workflow\'s webhook', async () => {
        const res = await http('GET', `${server}webhook/e2e-ai-human-review`);
        return res.status === 404 ? null : res;
      }, { timeoutMs: 15000, intervalMs: 300 });
      assert.equal(started.status, 200, started.text);
      const waiting = await newWaiting(humanReview.id, 'the agent\'s tool call to wait for approval', 30000);
      const request = ctx.sandbox.fake.requests.find((r) => r.route && r.route.name === 'sendText' && r.body.number === '5511999990001' && /Send_WhatsApp_Text|Send WhatsApp Text/.test(r.body.text));
      assert.ok(request, 'no approval request reached the sandbox');
      const links = request.body.text.match(LINK) || [];
      assert.equal(links.length, 2, request.body.text);
      assert.equal(ctx.sandbox.fake.requests.some((r) => r.route && r.route.name === 'sendText' && r.body.number === ANA && r.body.text === AI_TEXT && r.id > request.id), false, 'the gated tool ran before the approval');
      const opened = await http('GET', links[0], { headers: { 'user-agent': BROWSER } });
      assert.equal(opened.status, 200);
      const done = await waitForStatus(humanReview.id, 'success', (e) => e.id === waiting.id, 'the agent to finish after the approval', 30000);
      const sent = ctx.sandbox.fake.requests.filter((r) => r.route && r.route.name === 'sendText' && r.body.number === ANA && r.body.text === AI_TEXT && r.id > request.id);
      const output = nodeOutput(done, 'AI Agent');
      const calls = ctx.openai.requests.slice(callsBefore);
      const detail = JSON.stringify({
        sentAfter: ctx.sandbox.fake.requests.filter((r) => r.id > request.id).map((r) => [r.url, r.body]),
        agent: output[0] && output[0].json,
        tools: calls.map((call) => (call.body.tools || []).map((tool) => [tool.function.name, Object.keys(tool.function.parameters.properties || {})])),
        messages: calls.map((call) => (call.body.messages || []).map((m) => [m.role, String(m.content || '').slice(0, 160)])),
        runs: Object.keys(done.data.resultData.runData),
      });
      assert.equal(sent.length, 1, `the approved tool call sent the text once: ${detail}`);
      suite.info(`approval request: ${JSON.stringify(request.body.text.split('\n')[0])}; model calls ${ctx.openai.requests.length - callsBefore}; agent output ${JSON.stringify(output[0] && output[0].json)}`);
    });
  }

  if (example) {
    await suite.test(`example ${example.name}: the request n8n execute left waiting is approved by its link and the broadcast goes out`, async () => {
      const waiting = await newWaiting(example.workflow.id, 'the example\'s waiting execution', 5000);
      const { links, request } = requestWith(ctx, 'Broadcast waiting for approval');
      assert.equal(request.body.number, '5511999990001');
      // `n8n execute` ran with its own N8N_WEBHOOK_URL port; the signature covers the path and
      // query only, so the same link works on the server's port (as behind a proxy).
      const link = new URL(links[0]);
      assert.equal(link.pathname, `/webhook-waiting/${waiting.id}/${example.workflow.nodes.find((n) => n.name === 'Ask the manager').id}`);
      const onServer = new URL(`${link.pathname}${link.search}`, server).toString();
      const before = ctx.sandbox.fake.requests.length;
      const opened = await http('GET', onServer, { headers: { 'user-agent': BROWSER } });
      assert.equal(opened.status, 200);
      const done = await waitForStatus(example.workflow.id, 'success', (e) => e.id === waiting.id, 'the example to finish', 30000);
      assert.equal(nodeOutput(done, 'Send the broadcast').length, 3);
      const sent = ctx.sandbox.fake.requests.slice(before).filter((r) => r.route && r.route.name === 'sendText');
      assert.deepEqual(sent.map((r) => r.body.number).sort(), ['5511966665555', '5511977776666', '5511988887777']);
    });
  }

  await checkTimeout(ctx, approval, timeout);
}

/** Last in the phase: n8n's wait tracker looks for due executions once a minute. */
async function checkTimeout(ctx, approval, timeout) {
  const { suite } = ctx;
  await suite.test('Limit Wait Time: when the limit passes, n8n resumes the execution and the node outputs that it timed out', async () => {
    assert.ok(timeout.id, 'no execution with a wait limit');
    const done = await waitFor('n8n\'s wait tracker to resume the execution', async () => {
      const list = await ctx.api.executions(approval.id, { includeData: true, status: 'success' });
      return list.find((e) => e.id === timeout.id);
    }, { timeoutMs: 100000, intervalMs: 1000 });
    const [item] = nodeOutput(done, 'Ask for approval');
    assert.deepEqual(item.json.data, { timedOut: true, via: 'timeout', respondedAt: null, approved: false });
    assert.equal(nodeOutput(done, 'Answered').length, 1, 'the workflow went on after the timeout');
  });
}

module.exports = { runSendAndWaitPhase };
