'use strict';
// The credential and workflows the queue-mode suite imports into n8n before the main process
// starts (publish:workflow: the main process activates them at start-up).

const PACKAGE = 'n8n-nodes-evolution';
const CREDENTIAL_ID = 'queueEvoCred0001';
const CREDENTIAL_NAME = 'Evolution sandbox (queue suite)';
const TRIGGER_WORKFLOW_ID = 'queueTrigger0001';
const ACTION_WORKFLOW_ID = 'queueAction00001';
const MEDIA_WORKFLOW_ID = 'queueMedia000001';
const TRIGGER_WEBHOOK_ID = '5b0c6c1e-7a57-4c8e-9d1e-0e5a9e1a0001';
const ACTION_PATH = 'queue-suite-action';
const MEDIA_PATH = 'queue-suite-media';
const REPLY_PREFIX = 'echo ';
const APPROVAL_WORKFLOW_ID = 'queueApproval001';
const APPROVAL_PATH = 'queue-suite-approval';

const credentials = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME };

function credential(sandbox, instance) {
  return {
    id: CREDENTIAL_ID,
    name: CREDENTIAL_NAME,
    type: 'evolutionServerApi',
    data: { serverUrl: sandbox.url, apiKey: sandbox.apiKey, defaultInstance: instance },
  };
}

function workflow(id, name, nodes, connections) {
  return {
    id,
    name,
    active: false,
    nodes,
    connections,
    settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
    pinData: {},
  };
}

/** Evolution API Trigger (Messages Upsert, not our own messages) → Send Text "echo <messageId>" back. */
function triggerWorkflow(instance) {
  return workflow(
    TRIGGER_WORKFLOW_ID,
    'Queue suite: trigger and reply',
    [
      {
        id: 'b1a4d9a0-0000-4000-8000-000000000001',
        name: 'Evolution API Trigger',
        type: `${PACKAGE}.evolutionApiTrigger`,
        typeVersion: 1,
        position: [0, 0],
        webhookId: TRIGGER_WEBHOOK_ID,
        parameters: {
          instanceName: { __rl: true, mode: 'name', value: instance },
          events: ['MESSAGES_UPSERT'],
          options: { ignoreFromMe: true },
        },
        credentials: { evolutionServerApi: credentials },
      },
      {
        id: 'b1a4d9a0-0000-4000-8000-000000000002',
        name: 'Reply',
        type: `${PACKAGE}.evolutionApi`,
        typeVersion: 1,
        position: [260, 0],
        parameters: {
          resource: 'message',
          operation: 'sendText',
          instanceName: { __rl: true, mode: 'name', value: instance },
          remoteJid: '={{ $json.chatJid }}',
          text: `={{ "${REPLY_PREFIX}" + $json.messageId }}`,
        },
        credentials: { evolutionServerApi: credentials },
      },
    ],
    { 'Evolution API Trigger': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
  );
}

/** Webhook (answers with the last node) → Evolution API Send Text: the action node runs on a worker. */
function actionWorkflow(instance) {
  return workflow(
    ACTION_WORKFLOW_ID,
    'Queue suite: action on a worker',
    [
      {
        id: 'c2b5e0b1-0000-4000-8000-000000000001',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: 'c2b5e0b1-0000-4000-8000-0000000000aa',
        parameters: { httpMethod: 'POST', path: ACTION_PATH, responseMode: 'lastNode', options: {} },
      },
      {
        id: 'c2b5e0b1-0000-4000-8000-000000000002',
        name: 'Send Text',
        type: `${PACKAGE}.evolutionApi`,
        typeVersion: 1,
        position: [260, 0],
        parameters: {
          resource: 'message',
          operation: 'sendText',
          instanceName: { __rl: true, mode: 'name', value: instance },
          remoteJid: '={{ $json.body.number }}',
          text: '={{ $json.body.text }}',
        },
        credentials: { evolutionServerApi: credentials },
      },
    ],
    { Webhook: { main: [[{ node: 'Send Text', type: 'main', index: 0 }]] } },
  );
}

/**
 * Binary data across processes: the Webhook node (webhook processor) receives a file, the
 * worker sends it with Send Media (the bytes must reach the worker through n8n's binary data
 * store, `database` mode by default in queue mode).
 */
function mediaWorkflow(instance) {
  return workflow(
    MEDIA_WORKFLOW_ID,
    'Queue suite: binary from the webhook processor to a worker',
    [
      {
        id: 'd3c6f1c2-0000-4000-8000-000000000001',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: 'd3c6f1c2-0000-4000-8000-0000000000aa',
        parameters: { httpMethod: 'POST', path: MEDIA_PATH, responseMode: 'lastNode', options: { rawBody: true, binaryPropertyName: 'data' } },
      },
      {
        id: 'd3c6f1c2-0000-4000-8000-000000000002',
        name: 'Send Media',
        type: `${PACKAGE}.evolutionApi`,
        typeVersion: 1,
        position: [260, 0],
        parameters: {
          resource: 'message',
          operation: 'sendMedia',
          instanceName: { __rl: true, mode: 'name', value: instance },
          remoteJid: '={{ $json.query.number }}',
          binaryPropertyName: 'data',
        },
        credentials: { evolutionServerApi: credentials },
      },
    ],
    { Webhook: { main: [[{ node: 'Send Media', type: 'main', index: 0 }]] } },
  );
}

/**
 * Send and Wait for Response across processes: the Webhook (webhook processor) starts it, a
 * worker sends the request and puts the execution to wait; the resume link (or a chat reply
 * through the trigger) reaches a webhook processor and a worker runs the rest.
 */
function approvalWorkflow(instance) {
  return workflow(
    APPROVAL_WORKFLOW_ID,
    'Queue suite: send and wait for approval',
    [
      {
        id: 'e4d7a2d3-0000-4000-8000-000000000001',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: 'e4d7a2d3-0000-4000-8000-0000000000aa',
        parameters: { httpMethod: 'POST', path: APPROVAL_PATH, options: {} },
      },
      {
        id: 'e4d7a2d3-0000-4000-8000-000000000002',
        name: 'Ask',
        type: `${PACKAGE}.evolutionApi`,
        typeVersion: 1,
        position: [260, 0],
        parameters: {
          resource: 'message',
          operation: 'sendAndWait',
          instanceName: { __rl: true, mode: 'name', value: instance },
          remoteJid: '={{ $json.body.number }}',
          message: '={{ $json.body.question }}',
          approvalOptions: { values: { approvalType: 'double' } },
        },
        credentials: { evolutionServerApi: credentials },
      },
      {
        id: 'e4d7a2d3-0000-4000-8000-000000000003',
        name: 'Reply',
        type: `${PACKAGE}.evolutionApi`,
        typeVersion: 1,
        position: [520, 0],
        parameters: {
          resource: 'message',
          operation: 'sendText',
          instanceName: { __rl: true, mode: 'name', value: instance },
          remoteJid: `={{ $('Webhook').first().json.body.number }}`,
          text: `={{ "answer " + $json.data.approved + " via " + $json.data.via }}`,
        },
        credentials: { evolutionServerApi: credentials },
      },
    ],
    { Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] }, Ask: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
  );
}

module.exports = {
  PACKAGE,
  APPROVAL_WORKFLOW_ID,
  APPROVAL_PATH,
  approvalWorkflow,
  CREDENTIAL_ID,
  TRIGGER_WORKFLOW_ID,
  ACTION_WORKFLOW_ID,
  MEDIA_WORKFLOW_ID,
  TRIGGER_WEBHOOK_ID,
  ACTION_PATH,
  MEDIA_PATH,
  REPLY_PREFIX,
  credential,
  triggerWorkflow,
  actionWorkflow,
  mediaWorkflow,
};
