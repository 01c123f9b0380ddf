'use strict';
// Reads n8n's PostgreSQL database directly: executions (with the trigger's output and the
// reply node's result) and the trigger's static data. Uses the `pg` and `flatted` packages
// that n8n itself depends on (n8n/node_modules), so the suite adds no dependency.

const path = require('node:path');
const { N8N_DIR } = require('../../scripts/n8n');

const fromN8n = (name) => require(require.resolve(name, { paths: [path.join(N8N_DIR, 'node_modules', 'n8n')] }));

async function connect(postgres) {
  const { Client } = fromN8n('pg');
  const client = new Client({ host: '127.0.0.1', port: postgres.port, user: postgres.user, database: postgres.database });
  await client.connect();
  return client;
}

/** execution_entity rows of a workflow with id > afterId: { id, status, mode, finished }. */
async function executionRows(client, workflowId, afterId = 0) {
  const { rows } = await client.query(
    'SELECT id, status, mode, finished FROM execution_entity WHERE "workflowId" = $1 AND id > $2 ORDER BY id',
    [workflowId, afterId],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

async function maxExecutionId(client) {
  const { rows } = await client.query('SELECT COALESCE(MAX(id), 0) AS max FROM execution_entity');
  return Number(rows[0].max);
}

/**
 * The executions of a workflow after `afterId`, with what the trigger output and what the
 * reply node answered: { id, status, mode, messageId, replyText, error }.
 */
async function executionsWithData(client, workflowId, afterId = 0, { triggerNode = 'Evolution API Trigger', replyNode = 'Reply' } = {}) {
  const { parse } = fromN8n('flatted');
  const { rows } = await client.query(
    `SELECT e.id, e.status, e.mode, d.data FROM execution_entity e
       LEFT JOIN execution_data d ON d."executionId" = e.id
      WHERE e."workflowId" = $1 AND e.id > $2 ORDER BY e.id`,
    [workflowId, afterId],
  );
  return rows.map((row) => {
    let data = null;
    try {
      data = row.data ? parse(row.data) : null;
    } catch {
      data = null;
    }
    const runData = data?.resultData?.runData ?? {};
    const first = (node) => runData[node]?.[0]?.data?.main?.[0]?.[0]?.json;
    const trigger = first(triggerNode);
    const reply = first(replyNode);
    return {
      id: Number(row.id),
      status: row.status,
      mode: row.mode,
      messageId: trigger?.messageId ?? null,
      replyText: reply?.message?.conversation ?? reply?.message?.extendedTextMessage?.text ?? null,
      error: data?.resultData?.error?.message ?? null,
    };
  });
}

/** The workflow's static data (the trigger's is under `node:<node name>`). */
async function staticData(client, workflowId) {
  const { rows } = await client.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [workflowId]);
  const value = rows[0]?.staticData;
  return typeof value === 'string' ? JSON.parse(value) : (value ?? {});
}

module.exports = { connect, executionRows, executionsWithData, maxExecutionId, staticData, fromN8n };
