'use strict';
// Small helpers the n8n scripts and the test suites share: waiting, process checks, and
// JSON over Node's fetch.

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a process (or, with a negative pid, a process group) exists; EPERM means it does. */
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Whether the process group led by `pid` still has a member (no groups on Windows). */
function groupAlive(pid) {
  return process.platform !== 'win32' && pidAlive(-pid);
}

/**
 * One HTTP request with a JSON body (a string is sent as it is) and the answer parsed as JSON
 * when it is JSON. Header names are lower-cased, so a caller's Content-Type replaces ours
 * instead of being sent beside it.
 * @returns {Promise<{ status: number, headers: Headers, text: string, json: any }>}
 */
async function fetchJson(method, url, { headers = {}, body, timeoutMs = 30000 } = {}) {
  const merged = { accept: 'application/json' };
  if (body !== undefined) merged['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(headers)) merged[name.toLowerCase()] = value;
  const res = await fetch(url, {
    method,
    headers: merged,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

module.exports = { sleep, pidAlive, groupAlive, fetchJson };
