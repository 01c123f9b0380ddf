'use strict';
// The action node as an AI tool in a real n8n: an AI Agent with a scripted OpenAI-compatible
// chat model (lib/fake-openai.js, on 127.0.0.1) calls "Evolution API Tool", whose Text field is
// `{{ $fromAI('text', ...) }}`; the sandbox must receive the text the model chose. And the tool
// node type n8n generates (n8n-nodes-evolution.evolutionApiTool) is checked in nodes.json.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../../../scripts/n8n');
const { nodeRuns, assertAllNodesSucceeded, requestsSince, lastRequestId, assertRequestsValid, oneRequest, assertExecuteExit } = require('../lib/util');

const AI_TEXT = 'Hi Ana, the AI agent says hello!';
const PACKAGE = 'n8n-nodes-evolution';

async function runAiToolWorkflow(ctx, entry) {
  const { suite } = ctx;
  await suite.test('AI Agent calls the Evolution API Tool; $fromAI fills Text; the sandbox receives it', async () => {
    const before = lastRequestId(ctx.sandbox.fake);
    const callsBefore = ctx.openai.requests.length;
    const started = Date.now();
    const result = await n8n.executeWorkflow(ctx.env, entry.workflow.id);
    ctx.timings.push(['execute AI Agent + tool', Date.now() - started]);
    assert.ok(result.json, `n8n execute printed no result (exit ${result.code}); ${result.hint || ''}\n${result.stdout.slice(-2000)}`);
    const runs = nodeRuns(result.json.data);
    assertAllNodesSucceeded(entry.workflow, runs);
    const note = assertExecuteExit(result);
    if (note) suite.info(note);

    const calls = ctx.openai.requests.slice(callsBefore);
    assert.equal(calls.length, 2, 'the model was called twice: tool call, then the final answer');
    const offered = (calls[0].body.tools || []).map((tool) => tool.function);
    assert.deepEqual(offered.map((tool) => tool.name), ['Send_WhatsApp_Text'], 'n8n offered the Evolution API node as a tool');
    assert.equal(offered[0].description, 'Sends a WhatsApp text message to Ana');
    assert.deepEqual(Object.keys(offered[0].parameters.properties), ['text'], 'the tool schema has exactly the $fromAI key');
    assert.equal(offered[0].parameters.properties.text.type, 'string');
    assert.equal(offered[0].parameters.properties.text.description, 'the message to send');

    const requests = requestsSince(ctx.sandbox.fake, before);
    assertRequestsValid(requests);
    const sent = oneRequest(requests, 'POST', '/message/sendText/sandbox');
    assert.deepEqual(sent.body, { number: '5511988887777', text: AI_TEXT }, 'the text the model chose reached Evolution API');
    const toolRun = runs.nodes['Send WhatsApp Text'];
    assert.equal(toolRun.outputs.ai_tool[0][0].json.message.conversation, AI_TEXT);
    assert.equal(runs.nodes['AI Agent'].items[0].json.output, 'Done: the message was sent.');
  });
}

/** The resource values of a node type, without the "Custom API Call" entry n8n adds. */
function resources(type) {
  return type.properties
    .find((property) => property.name === 'resource')
    .options.map((option) => option.value)
    .filter((value) => value !== '__CUSTOM_API_CALL__');
}

/** nodes.json, which n8n writes at start-up (the HTTP one needs a login). */
function readNodeTypes(userFolder) {
  return JSON.parse(fs.readFileSync(path.join(userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json'), 'utf8'));
}

async function checkNodeTypes(ctx, entries, covered) {
  const { suite } = ctx;
  let types;
  await suite.test('n8n lists the package node types: evolutionApi, evolutionApiTrigger, the AI tool evolutionApiTool and the human-review tool evolutionApiHitlTool', async () => {
    types = readNodeTypes(ctx.userFolder);
    const ours = types.filter((type) => type.name.startsWith(`${PACKAGE}.`));
    // evolutionApiHitlTool: n8n derives it from nodes with a send-and-wait operation (Send and Wait for Response)
    assert.deepEqual(ours.map((type) => type.name).sort(), [`${PACKAGE}.evolutionApi`, `${PACKAGE}.evolutionApiHitlTool`, `${PACKAGE}.evolutionApiTool`, `${PACKAGE}.evolutionApiTrigger`]);
    const action = ours.find((type) => type.name === `${PACKAGE}.evolutionApi`);
    const tool = ours.find((type) => type.name === `${PACKAGE}.evolutionApiTool`);
    assert.deepEqual(tool.inputs, [], 'a tool has no main input');
    assert.deepEqual(tool.outputs, ['ai_tool']);
    assert.deepEqual(tool.credentials, action.credentials);
    const names = (type) => type.properties.map((property) => property.name);
    assert.deepEqual(names(tool).slice(0, 2), ['descriptionType', 'toolDescription'], 'n8n added the tool description fields');
    assert.deepEqual(names(tool).slice(2), names(action), 'the tool has every field of the action node');
    assert.deepEqual(resources(tool), resources(action));
    suite.info(`evolutionApiTool: ${tool.properties.length} properties, outputs ai_tool, ${resources(tool).length} resources`);
  });
  await suite.test('the action workflows ran a representative operation of every resource n8n lists', async () => {
    assert.ok(types, 'nodes.json not read');
    const listed = resources(types.find((type) => type.name === `${PACKAGE}.evolutionApi`));
    assert.deepEqual(listed.filter((resource) => !covered.has(resource)), [], 'resources without an operation in the suite');
    suite.info(`${listed.filter((resource) => covered.has(resource)).length} of ${listed.length} resources`);
  });
  await suite.test('every node type used by the imported workflows exists in this n8n, in the version used', async () => {
    assert.ok(types, 'nodes.json not read');
    const versions = new Map();
    for (const type of types) {
      const list = Array.isArray(type.version) ? type.version : [type.version];
      versions.set(type.name, new Set([...(versions.get(type.name) || []), ...list]));
    }
    const problems = [];
    for (const entry of entries) {
      for (const node of entry.workflow.nodes) {
        const known = versions.get(node.type);
        if (!known) problems.push(`${entry.name}: node "${node.name}": unknown type ${node.type}`);
        else if (!known.has(node.typeVersion)) problems.push(`${entry.name}: node "${node.name}": ${node.type} has no version ${node.typeVersion} (${[...known].join(', ')})`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

module.exports = { runAiToolWorkflow, checkNodeTypes, readNodeTypes, AI_TEXT };
