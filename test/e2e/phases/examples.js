'use strict';
// examples/*.json: every one is imported (with the rest, in one `n8n import:workflow`); those
// whose JSON says "meta": {"e2e": "run"} are executed against the sandbox and must succeed with
// only valid Evolution API requests.

const assert = require('node:assert/strict');
const n8n = require('../../../scripts/n8n');
const { nodeRuns, assertAllNodesSucceeded, requestsSince, lastRequestId, assertRequestsValid, assertExecuteExit } = require('../lib/util');
const { wantsRun } = require('../lib/workflows');

async function runExamples(ctx, examples) {
  const { suite } = ctx;
  const runnable = examples.filter((entry) => entry.workflow && wantsRun(entry));
  if (examples.length === 0) {
    suite.info('examples/ holds no *.json: nothing to import or run');
    return;
  }
  suite.info(`${examples.length} examples; run against the sandbox: ${runnable.map((entry) => entry.name).join(', ') || 'none'}`);
  for (const entry of runnable) {
    await suite.test(`example ${entry.name} ("${entry.workflow.name}"): n8n execute succeeds against the sandbox`, async () => {
      const before = lastRequestId(ctx.sandbox.fake);
      const started = Date.now();
      const result = await n8n.executeWorkflow(ctx.env, entry.workflow.id);
      ctx.timings.push([`execute example ${entry.name.replace(/^examples\//, '').slice(0, 24)}`, Date.now() - started]);
      assert.ok(result.json, `n8n execute printed no result (exit ${result.code}); ${result.hint || ''}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-1000)}`);
      const runs = nodeRuns(result.json.data);
      // nodes on branches a Switch/IF did not take have no run: check the ones that ran
      const ran = entry.workflow.nodes.filter((node) => runs.nodes[node.name]);
      assert.ok(ran.some((node) => node.type.startsWith('n8n-nodes-evolution.')), 'no Evolution API node ran');
      // Send and Wait for Response leaves the execution waiting: the send-and-wait phase answers it
      const waiting = ran.filter((node) => node.parameters.operation === 'sendAndWait' && runs.nodes[node.name].status === 'waiting');
      if (waiting.length) suite.info(`waiting for an answer: ${waiting.map((node) => node.name).join(', ')}`);
      assertAllNodesSucceeded({ nodes: ran.filter((node) => !waiting.includes(node)) }, runs);
      const note = assertExecuteExit(result);
      if (note) suite.info(note);
      const requests = requestsSince(ctx.sandbox.fake, before);
      assert.ok(requests.length > 0, 'the example sent no request to Evolution API');
      assertRequestsValid(requests);
      suite.info(`${requests.length} requests: ${[...new Set(requests.map((r) => r.route && `${r.route.group}.${r.route.name}`))].join(', ')}`);
    });
  }
}

module.exports = { runExamples };
