"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookDeliverer = exports.FAST_RETRY_POLICY = exports.SERVER_RETRY_POLICY = void 0;
exports.retryDelayMs = retryDelayMs;
exports.signJwt = signJwt;
exports.webhookJwt = webhookJwt;
exports.verifyJwt = verifyJwt;
exports.deliveryHeaders = deliveryHeaders;
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
exports.SERVER_RETRY_POLICY = Object.freeze({
    initialDelayMs: 5_000,
    maxDelayMs: 300_000,
    maxAttempts: 10,
    jitter: 0.2,
    useExponentialBackoff: true,
    nonRetryableStatuses: [400, 401, 403, 404, 422],
    timeoutMs: 30_000,
});
exports.FAST_RETRY_POLICY = Object.freeze({
    ...exports.SERVER_RETRY_POLICY,
    initialDelayMs: 500,
    maxDelayMs: 5_000,
    timeoutMs: 10_000,
});
function retryDelayMs(policy, failures, random = Math.random) {
    if (!policy.useExponentialBackoff)
        return policy.initialDelayMs;
    const base = Math.min(policy.initialDelayMs * 2 ** (failures - 1), policy.maxDelayMs);
    const jitter = base * policy.jitter * (random() * 2 - 1);
    return Math.max(policy.initialDelayMs, base + jitter);
}
const base64url = (text) => Buffer.from(text).toString('base64url');
function signJwt(payload, secret) {
    const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
    return `${signingInput}.${(0, node_crypto_1.createHmac)('sha256', secret).update(signingInput).digest('base64url')}`;
}
function webhookJwt(secret, nowMs = Date.now()) {
    const iat = Math.floor(nowMs / 1000);
    return signJwt({ iat, exp: iat + 600, app: 'evolution', action: 'webhook' }, secret);
}
function verifyJwt(token, secret) {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || signature === undefined)
        return null;
    const expected = (0, node_crypto_1.createHmac)('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    if (expected !== signature)
        return null;
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
const AXIOS_HEADERS = {
    Accept: 'application/json, text/plain, */*',
    'Content-Type': 'application/json',
    'User-Agent': 'axios/1.12.2',
    'Accept-Encoding': 'gzip, compress, deflate, br',
};
function deliveryHeaders(custom, nowMs = Date.now()) {
    const headers = new Map();
    const set = (name, value) => void headers.set(name.toLowerCase(), [name, value]);
    for (const [name, value] of Object.entries(AXIOS_HEADERS))
        set(name, value);
    const stored = { ...(custom ?? {}) };
    if ('jwt_key' in stored) {
        const secret = stored.jwt_key;
        delete stored.jwt_key;
        if (typeof secret !== 'string' || secret === '')
            throw new Error('secretOrPrivateKey must have a value');
        stored.Authorization = `Bearer ${webhookJwt(secret, nowMs)}`;
    }
    for (const [name, value] of Object.entries(stored)) {
        if (value === null || value === undefined || value === false)
            continue;
        set(name, Array.isArray(value) ? value.map(String).join(', ') : String(value));
    }
    return Object.fromEntries([...headers.values()]);
}
const RESPONSE_LIMIT = 64 * 1024;
class WebhookDeliverer {
    policy;
    log;
    random;
    attempts = [];
    historyLimit = Infinity;
    running = new Set();
    listeners = new Set();
    nextSeq = 1;
    nextDelivery = 1;
    constructor(policy, log, random = Math.random) {
        this.policy = policy;
        this.log = log;
        this.random = random;
    }
    get pending() {
        return this.running.size;
    }
    deliver(targets) {
        if (targets.length === 0)
            return;
        const token = { cancelled: false };
        this.running.add(token);
        void (async () => {
            try {
                for (const target of targets) {
                    if (token.cancelled)
                        break;
                    await this.deliverOne(target, token);
                }
            }
            finally {
                this.running.delete(token);
                this.notify();
            }
        })();
    }
    cancelAll() {
        for (const token of this.running) {
            token.cancelled = true;
            if (token.timer)
                clearTimeout(token.timer);
            token.wake?.();
            token.request?.destroy();
        }
        this.running.clear();
        this.notify();
    }
    clear() {
        this.cancelAll();
        this.attempts.length = 0;
    }
    waitFor(predicate, timeoutMs = 5_000, count = 1) {
        return this.waitUntil(() => {
            const found = this.attempts.filter(predicate);
            return found.length >= count ? found : null;
        }, timeoutMs, () => `fake: expected ${count} matching webhook delivery attempt(s) within ${timeoutMs} ms`);
    }
    settled(timeoutMs = 5_000) {
        return this.waitUntil(() => (this.running.size === 0 ? true : null), timeoutMs, () => `fake: ${this.running.size} webhook deliveries still running after ${timeoutMs} ms`).then(() => undefined);
    }
    waitUntil(check, timeoutMs, describe) {
        return new Promise((resolve, reject) => {
            const attempt = () => {
                const result = check();
                if (result === null)
                    return false;
                cleanup();
                resolve(result);
                return true;
            };
            const timer = setTimeout(() => {
                cleanup();
                const seen = this.attempts.map((a) => `  #${a.seq} ${a.kind} ${a.event} -> ${a.url} attempt ${a.attempt}: ${a.status ?? a.error}`);
                reject(new Error(`${describe()}; recorded:\n${seen.join('\n') || '  (none)'}`));
            }, timeoutMs);
            const cleanup = () => {
                clearTimeout(timer);
                this.listeners.delete(listener);
            };
            const listener = () => void attempt();
            if (attempt())
                return;
            this.listeners.add(listener);
        });
    }
    notify() {
        for (const listener of [...this.listeners])
            listener();
    }
    async deliverOne(target, token) {
        const deliveryId = this.nextDelivery++;
        const body = JSON.parse(target.payload);
        for (let attempt = 1; attempt <= this.policy.maxAttempts && !token.cancelled; attempt++) {
            const startedAt = new Date();
            const result = target.headers
                ? await this.post(target.url, target.headers, target.payload, token)
                : { status: null, error: target.headerError ?? 'no headers', responseBody: undefined };
            if (token.cancelled)
                return;
            const ok = result.status !== null && result.status >= 200 && result.status < 300;
            const stopped = result.status !== null && this.policy.nonRetryableStatuses.includes(result.status);
            const last = attempt >= this.policy.maxAttempts || !target.headers;
            const outcome = ok ? 'delivered' : stopped ? 'stopped' : last ? 'gave-up' : 'retry';
            const nextDelayMs = outcome === 'retry' ? Math.round(retryDelayMs(this.policy, attempt, this.random)) : null;
            this.attempts.push({
                seq: this.nextSeq++,
                deliveryId,
                kind: target.kind,
                event: target.event,
                instance: target.instance,
                url: target.url,
                headers: target.headers ?? {},
                body,
                attempt,
                status: result.status,
                error: result.error,
                ...(result.responseBody !== undefined ? { responseBody: result.responseBody } : {}),
                startedAt: startedAt.toISOString(),
                durationMs: Date.now() - startedAt.getTime(),
                outcome,
                nextDelayMs,
            });
            if (this.attempts.length > this.historyLimit)
                this.attempts.splice(0, this.attempts.length - this.historyLimit);
            this.log?.(`webhook: ${target.kind} ${target.event} (${target.instance}) -> ${target.url} attempt ${attempt}: ${result.status ?? result.error}` +
                (nextDelayMs !== null ? `, retry in ${(nextDelayMs / 1000).toFixed(1)} s` : outcome === 'delivered' ? '' : ` (${outcome})`));
            this.notify();
            if (nextDelayMs === null)
                return;
            await new Promise((resolve) => {
                token.wake = resolve;
                token.timer = setTimeout(resolve, nextDelayMs);
            });
            token.timer = undefined;
            token.wake = undefined;
        }
    }
    post(url, headers, payload, token) {
        return new Promise((resolve) => {
            let settled = false;
            const finish = (status, error, responseBody) => {
                if (settled)
                    return;
                settled = true;
                token.request = undefined;
                resolve({ status, error, responseBody });
            };
            const body = Buffer.from(payload);
            let request;
            try {
                const send = url.startsWith('https:') ? node_https_1.request : node_http_1.request;
                const outgoing = { ...headers, 'Content-Length': String(body.length) };
                request = send(url, { method: 'POST', headers: outgoing });
            }
            catch (error) {
                finish(null, error.message);
                return;
            }
            token.request = request;
            request.setTimeout(this.policy.timeoutMs, () => {
                request.destroy(new Error(`timeout of ${this.policy.timeoutMs}ms exceeded`));
            });
            request.on('error', (error) => finish(null, error.message));
            request.on('response', (response) => {
                const chunks = [];
                let size = 0;
                response.on('data', (chunk) => {
                    if (size < RESPONSE_LIMIT)
                        chunks.push(chunk);
                    size += chunk.length;
                });
                response.on('end', () => finish(response.statusCode ?? null, null, Buffer.concat(chunks).subarray(0, RESPONSE_LIMIT).toString('utf8')));
                response.on('error', (error) => finish(response.statusCode ?? null, error.message));
            });
            request.end(body);
        });
    }
}
exports.WebhookDeliverer = WebhookDeliverer;
