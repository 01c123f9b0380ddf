'use strict';
// n8n's REST API (owner, API keys) and public API (/api/v1) over Node's fetch.
//
// Request shapes as n8n 2.41.1 validates them:
// - POST /rest/owner/setup  (OwnerSetupRequestDto): email, firstName, lastName,
//   password (8-64 chars, at least one digit and one upper-case letter); answers
//   with the user and sets the `n8n-auth` cookie.
// - GET  /rest/api-keys/scopes: the scopes the user's role may grant.
// - POST /rest/api-keys (CreateApiKeyRequestDto): label (1-50 chars, no HTML),
//   scopes (non-empty, each 'resource:action', all allowed for the role),
//   expiresAt (unix seconds in the future, or null); answers with `rawApiKey`.
// REST answers are wrapped in { data: ... }.

const crypto = require('node:crypto');
const { fetchJson } = require('./util');

const DEFAULT_OWNER = {
  email: 'owner@example.com',
  firstName: 'Test',
  lastName: 'Owner',
  password: 'Evolution-Test-1234',
};

/** A REST or public API call; the `n8n-auth` cookie of the owner's session when given. */
async function request(method, url, { headers = {}, body, cookie } = {}) {
  return await fetchJson(method, url, { headers: { ...(cookie ? { cookie } : {}), ...headers }, body });
}

function fail(what, res) {
  return new Error(`${what} failed: HTTP ${res.status} ${res.text.slice(0, 500)}`);
}

/**
 * Creates the owner account of a fresh instance and an API key with every scope
 * the owner may grant.
 * @param {string} url base URL of n8n (e.g. instance.url)
 * @param {{ email?: string, password?: string, firstName?: string, lastName?: string,
 *   label?: string, scopes?: string[], expiresAt?: number|null }} [opts]
 * @returns {Promise<{ apiKey: string, cookie: string, browserId: string, email: string,
 *   password: string, userId: string, scopes: string[] }>}
 */
async function setupOwnerAndApiKey(url, opts = {}) {
  const owner = {
    email: opts.email || DEFAULT_OWNER.email,
    firstName: opts.firstName || DEFAULT_OWNER.firstName,
    lastName: opts.lastName || DEFAULT_OWNER.lastName,
    password: opts.password || DEFAULT_OWNER.password,
  };
  // the session JWT is bound to this browser id; send the same one on every call
  const browserId = crypto.randomUUID();
  const headers = { 'browser-id': browserId };

  const setup = await request('POST', new URL('rest/owner/setup', url), { headers, body: owner });
  if (setup.status !== 200) throw fail('POST /rest/owner/setup', setup);
  const cookie = (setup.headers.getSetCookie ? setup.headers.getSetCookie() : [setup.headers.get('set-cookie')])
    .filter(Boolean)
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('n8n-auth='));
  if (!cookie) throw new Error('POST /rest/owner/setup did not set the n8n-auth cookie');

  let scopes = opts.scopes;
  if (!scopes) {
    const res = await request('GET', new URL('rest/api-keys/scopes', url), { headers, cookie });
    if (res.status !== 200) throw fail('GET /rest/api-keys/scopes', res);
    scopes = res.json.data;
  }
  const created = await request('POST', new URL('rest/api-keys', url), {
    headers,
    cookie,
    body: { label: opts.label || 'tests', scopes, expiresAt: opts.expiresAt ?? null },
  });
  if (created.status !== 200) throw fail('POST /rest/api-keys', created);
  return {
    apiKey: created.json.data.rawApiKey,
    cookie,
    browserId,
    email: owner.email,
    password: owner.password,
    userId: setup.json && setup.json.data && setup.json.data.id,
    scopes,
  };
}

/**
 * A small client for the public API: `api.get('executions', { workflowId, includeData: true })`.
 * Non-2xx answers reject with an Error carrying `.status` and `.body`.
 * @param {string} url base URL of n8n
 * @param {string} apiKey from setupOwnerAndApiKey
 */
function publicApi(url, apiKey) {
  const call = async (method, path, { query, body } = {}) => {
    const target = new URL(`api/v1/${path.replace(/^\/+/, '')}`, url);
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined) target.searchParams.set(k, String(v));
    const res = await request(method, target, { headers: { 'X-N8N-API-KEY': apiKey }, body });
    if (res.status < 200 || res.status > 299) {
      const err = fail(`${method} ${target.pathname}${target.search}`, res);
      err.status = res.status;
      err.body = res.json ?? res.text;
      throw err;
    }
    return res.json;
  };
  return {
    request: call,
    get: (path, query) => call('GET', path, { query }),
    post: (path, body, query) => call('POST', path, { body, query }),
    put: (path, body) => call('PUT', path, { body }),
    patch: (path, body) => call('PATCH', path, { body }),
    delete: (path) => call('DELETE', path),
    /** All executions of a workflow, newest first, with their data. */
    executions: async (workflowId, { includeData = true, status, limit = 250 } = {}) =>
      (await call('GET', 'executions', { query: { workflowId, includeData, status, limit } })).data,
    activate: (workflowId) => call('POST', `workflows/${workflowId}/activate`),
    deactivate: (workflowId) => call('POST', `workflows/${workflowId}/deactivate`),
  };
}

module.exports = { setupOwnerAndApiKey, publicApi, DEFAULT_OWNER };
