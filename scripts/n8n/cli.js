'use strict';
// n8n's command line (import:credentials, import:workflow, publish:workflow, execute).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { N8N_BIN, nodeBin } = require('./paths');

/**
 * Parses the JSON that n8n prints after its log lines: it starts at the first
 * line beginning with `{` (log lines such as "[license SDK] ..." can begin with
 * `[`, so a `[` line counts only if the JSON parses). Log lines may also follow
 * the JSON. Returns undefined when there is none.
 */
function parseCliJson(stdout) {
  const lines = stdout.split(/\r?\n/);
  for (let first = 0; first < lines.length; first++) {
    const opener = lines[first][0];
    if (opener !== '{' && opener !== '[') continue;
    const closer = opener === '{' ? '}' : ']';
    // one-line JSON
    try {
      return JSON.parse(lines[first]);
    } catch {
      /* pretty-printed: ends at a line that is only the closing bracket */
    }
    for (let last = lines.length - 1; last > first; last--) {
      if (lines[last].trimEnd() !== closer) continue;
      try {
        return JSON.parse(lines.slice(first, last + 1).join('\n'));
      } catch {
        /* try an earlier end */
      }
    }
  }
  return undefined;
}

/**
 * Runs `node n8n/node_modules/n8n/bin/n8n <args>` with the given environment
 * (use n8nEnv(...) or a running instance's `.env`: it must set N8N_USER_FOLDER).
 * Never rejects on a non-zero exit: check `code`.
 * @param {string[]} args e.g. ['execute', '--id=abc', '--rawOutput']
 * @param {Record<string,string>} env
 * @param {{ timeoutMs?: number, cwd?: string }} [opts]
 * @returns {Promise<{ code: number|null, signal: string|null, stdout: string, stderr: string, json: any }>}
 */
// CLI children run detached (own process group); a suite stopped by Ctrl-C or SIGTERM must not
// leave one behind, so every group still running is killed when this process exits.
const runningGroups = new Set();
process.on('exit', () => {
  for (const pid of runningGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

function n8nCli(args, env, { timeoutMs = 180000, cwd } = {}) {
  if (!env || !env.N8N_USER_FOLDER) {
    return Promise.reject(new Error('n8nCli: env.N8N_USER_FOLDER is required (n8n otherwise writes ~/.n8n)'));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBin(), [N8N_BIN, ...args], {
      cwd: cwd || env.N8N_USER_FOLDER,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // own process group, so a timeout also kills the task runner it starts
      detached: process.platform !== 'win32',
    });
    if (process.platform !== 'win32' && child.pid) runningGroups.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      stderr += `\n[n8nCli] killed after ${timeoutMs} ms`;
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      runningGroups.delete(child.pid);
      resolve({ code, signal, stdout, stderr, json: parseCliJson(stdout) });
    });
  });
}

function writeTempJson(data, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function checked(args, env, opts) {
  const result = await n8nCli(args, env, opts);
  if (result.code !== 0) {
    const err = new Error(`n8n ${args.join(' ')} failed (${result.signal || `exit ${result.code}`}):\n${result.stdout}\n${result.stderr}`.trim());
    err.result = result;
    throw err;
  }
  return result;
}

/**
 * `n8n import:credentials`: one credential object or an array of them
 * ({ id, name, type, data } - plain `data` is encrypted on import).
 */
async function importCredentials(env, credentials, opts) {
  const list = Array.isArray(credentials) ? credentials : [credentials];
  const { file, cleanup } = writeTempJson(list, 'credentials.json');
  try {
    return await checked(['import:credentials', `--input=${file}`], env, opts);
  } finally {
    cleanup();
  }
}

/** `n8n import:workflow`: one workflow object (with an `id`) or an array of them. */
async function importWorkflow(env, workflows, opts) {
  const list = Array.isArray(workflows) ? workflows : [workflows];
  const { file, cleanup } = writeTempJson(list, 'workflows.json');
  try {
    return await checked(['import:workflow', `--input=${file}`], env, opts);
  } finally {
    cleanup();
  }
}

/** `n8n publish:workflow --id=<id>` (2.x activation; takes effect at the next `n8n start`). */
async function publishWorkflow(env, id, opts) {
  return await checked(['publish:workflow', `--id=${id}`], env, opts);
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves with { code, json, stdout, stderr }
 * even when the workflow fails (exit code 1 on a node error; `json` then holds the
 * run with resultData.error).
 * When the run fails before any node runs (for example WorkflowHasIssuesError: a
 * required parameter is missing), n8n 2.41.1's CLI loses the race with its own
 * clean-up and prints only "No active execution found", without JSON; `hint`
 * then says so. The execution and its real error are in the database
 * (public API: GET /api/v1/executions?workflowId=..&includeData=true).
 */
async function executeWorkflow(env, id, opts) {
  const result = await n8nCli(['execute', `--id=${id}`, '--rawOutput'], env, opts);
  if (result.json === undefined && /No active execution found/.test(result.stdout)) {
    result.hint =
      'the run failed before any node ran (often WorkflowHasIssuesError: a required parameter is missing); ' +
      'read the stored execution for the real error';
  }
  return result;
}

module.exports = { n8nCli, parseCliJson, importCredentials, importWorkflow, publishWorkflow, executeWorkflow };
