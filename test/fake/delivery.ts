/**
 * Webhook delivery as Evolution API 2.3.6 does it (webhook.controller.ts:57-303, webhook.md §5):
 * one POST per target with axios' wire headers, the stored custom headers, the HS256 JWT when
 * `jwt_key` is set, and retries with exponential backoff until a 2xx or a non-retryable status.
 * Every attempt is recorded, so tests can assert on what a receiver got.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RetryPolicy {
	/** WEBHOOK_RETRY_INITIAL_DELAY_SECONDS (in ms): the first delay, and the floor of every delay. */
	initialDelayMs: number;
	/** WEBHOOK_RETRY_MAX_DELAY_SECONDS (in ms). */
	maxDelayMs: number;
	/** WEBHOOK_RETRY_MAX_ATTEMPTS: attempts in total, the first one included. */
	maxAttempts: number;
	/** WEBHOOK_RETRY_JITTER_FACTOR: each delay moves by up to ±jitter·delay. */
	jitter: number;
	/** WEBHOOK_RETRY_USE_EXPONENTIAL_BACKOFF; false: always initialDelayMs. */
	useExponentialBackoff: boolean;
	/** WEBHOOK_RETRY_NON_RETRYABLE_STATUS_CODES. */
	nonRetryableStatuses: number[];
	/** WEBHOOK_REQUEST_TIMEOUT_MS, per attempt. */
	timeoutMs: number;
}

/** The server defaults (config/env.config.ts:785-796). */
export const SERVER_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	initialDelayMs: 5_000,
	maxDelayMs: 300_000,
	maxAttempts: 10,
	jitter: 0.2,
	useExponentialBackoff: true,
	nonRetryableStatuses: [400, 401, 403, 404, 422],
	timeoutMs: 30_000,
});

/** Same shape, human-watchable pace (the sandbox's --fast-retries): 0.5 s, 1 s, 2 s, … capped at 5 s. */
export const FAST_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	...SERVER_RETRY_POLICY,
	initialDelayMs: 500,
	maxDelayMs: 5_000,
	timeoutMs: 10_000,
});

/**
 * The wait after the `failures`-th failed attempt (1-based):
 * min(initial·2^(failures-1), max) ± jitter, never below initial.
 */
export function retryDelayMs(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
	if (!policy.useExponentialBackoff) return policy.initialDelayMs;
	const base = Math.min(policy.initialDelayMs * 2 ** (failures - 1), policy.maxDelayMs);
	const jitter = base * policy.jitter * (random() * 2 - 1);
	return Math.max(policy.initialDelayMs, base + jitter);
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** An HS256 JWT, byte for byte what jsonwebtoken's sign() produces for this payload. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
	const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
	return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** webhook.controller.ts generateJwtToken: valid for 10 minutes. */
export function webhookJwt(secret: string, nowMs = Date.now()): string {
	const iat = Math.floor(nowMs / 1000);
	return signJwt({ iat, exp: iat + 600, app: 'evolution', action: 'webhook' }, secret);
}

/** Verifies an HS256 JWT's signature and returns its payload (null when the signature is wrong). */
export function verifyJwt(token: string, secret: string): Record<string, unknown> | null {
	const [header, payload, signature] = token.split('.');
	if (!header || !payload || signature === undefined) return null;
	const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	if (expected !== signature) return null;
	return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** axios 1.12.2's headers for `axios.create({baseURL, headers}).post('', object)`. */
const AXIOS_HEADERS: Record<string, string> = {
	Accept: 'application/json, text/plain, */*',
	'Content-Type': 'application/json',
	'User-Agent': 'axios/1.12.2',
	'Accept-Encoding': 'gzip, compress, deflate, br',
};

/**
 * The headers an instance delivery sends: axios' defaults, then the stored headers (axios
 * merges case-insensitively, drops null/false and stringifies the rest), then the JWT.
 * Throws like jsonwebtoken when `jwt_key` is not a usable secret.
 */
export function deliveryHeaders(custom: Record<string, unknown> | null | undefined, nowMs = Date.now()): Record<string, string> {
	const headers = new Map<string, [string, string]>();
	const set = (name: string, value: string): void => void headers.set(name.toLowerCase(), [name, value]);
	for (const [name, value] of Object.entries(AXIOS_HEADERS)) set(name, value);
	const stored = { ...(custom ?? {}) };
	if ('jwt_key' in stored) {
		const secret = stored.jwt_key;
		delete stored.jwt_key;
		if (typeof secret !== 'string' || secret === '') throw new Error('secretOrPrivateKey must have a value');
		stored.Authorization = `Bearer ${webhookJwt(secret, nowMs)}`;
	}
	for (const [name, value] of Object.entries(stored)) {
		if (value === null || value === undefined || value === false) continue;
		set(name, Array.isArray(value) ? value.map(String).join(', ') : String(value));
	}
	return Object.fromEntries([...headers.values()]);
}

/** One POST a delivery makes (an event to one webhook). */
export interface DeliveryTarget {
	/** 'instance': the instance's /webhook/set row; 'global': the env-like global webhook. */
	kind: 'instance' | 'global';
	/** Internal dotted event name (`messages.upsert`). */
	event: string;
	instance: string;
	url: string;
	/** Final request headers; null when they could not be built (see `headerError`). */
	headers: Record<string, string> | null;
	/** Why the headers could not be built (an unusable jwt_key): the delivery then never happens. */
	headerError?: string;
	/** The JSON body, serialised once when the event was emitted. */
	payload: string;
}

export interface DeliveryAttempt {
	/** 1-based, across every delivery of this fake. */
	seq: number;
	/** Groups the attempts of one delivery (one event to one webhook). */
	deliveryId: number;
	kind: 'instance' | 'global';
	event: string;
	instance: string;
	url: string;
	headers: Record<string, string>;
	/** The envelope sent ({event, instance, data, destination, date_time, sender?, server_url, apikey}). */
	body: Record<string, unknown>;
	/** 1-based attempt number within the delivery. */
	attempt: number;
	/** HTTP status answered; null when the request failed (network error, timeout, bad header). */
	status: number | null;
	error: string | null;
	/** The receiver's answer (up to 64 KiB), when there was one. */
	responseBody?: string;
	startedAt: string;
	durationMs: number;
	/** What happened next: 'delivered' (2xx), 'retry' (after nextDelayMs), 'stopped' (non-retryable status), 'gave-up' (last attempt failed). */
	outcome: 'delivered' | 'retry' | 'stopped' | 'gave-up';
	nextDelayMs: number | null;
}

interface Cancellation {
	cancelled: boolean;
	timer?: NodeJS.Timeout;
	wake?: () => void;
	request?: ClientRequest;
}

const RESPONSE_LIMIT = 64 * 1024;

/** Sends deliveries, retries them, records every attempt. */
export class WebhookDeliverer {
	readonly attempts: DeliveryAttempt[] = [];
	/** Keep only the most recent attempts (a long-running sandbox); default: all. */
	historyLimit = Infinity;
	private readonly running = new Set<Cancellation>();
	private readonly listeners = new Set<() => void>();
	private nextSeq = 1;
	private nextDelivery = 1;

	constructor(
		public policy: RetryPolicy,
		private readonly log?: (line: string) => void,
		private readonly random: () => number = Math.random,
	) {}

	/** Deliveries whose attempts are still running or waiting for a retry. */
	get pending(): number {
		return this.running.size;
	}

	/**
	 * Sends the targets one after the other, each with its retries (the server awaits the
	 * instance webhook before the global one), without blocking the caller.
	 */
	deliver(targets: DeliveryTarget[]): void {
		if (targets.length === 0) return;
		const token: Cancellation = { cancelled: false };
		this.running.add(token);
		void (async () => {
			try {
				for (const target of targets) {
					if (token.cancelled) break;
					await this.deliverOne(target, token);
				}
			} finally {
				this.running.delete(token);
				this.notify();
			}
		})();
	}

	/** Stops every running delivery (pending retries are dropped, requests in flight aborted). */
	cancelAll(): void {
		for (const token of this.running) {
			token.cancelled = true;
			if (token.timer) clearTimeout(token.timer);
			token.wake?.();
			token.request?.destroy();
		}
		this.running.clear();
		this.notify();
	}

	clear(): void {
		this.cancelAll();
		this.attempts.length = 0;
	}

	/**
	 * Resolves with the attempts matching `predicate` once there are at least `count` of them;
	 * rejects after `timeoutMs` listing what was delivered.
	 */
	waitFor(predicate: (attempt: DeliveryAttempt) => boolean, timeoutMs = 5_000, count = 1): Promise<DeliveryAttempt[]> {
		return this.waitUntil(
			() => {
				const found = this.attempts.filter(predicate);
				return found.length >= count ? found : null;
			},
			timeoutMs,
			() => `fake: expected ${count} matching webhook delivery attempt(s) within ${timeoutMs} ms`,
		);
	}

	/** Resolves once no delivery is running or waiting to retry. */
	settled(timeoutMs = 5_000): Promise<void> {
		return this.waitUntil(() => (this.running.size === 0 ? true : null), timeoutMs, () => `fake: ${this.running.size} webhook deliveries still running after ${timeoutMs} ms`).then(
			() => undefined,
		);
	}

	private waitUntil<T>(check: () => T | null, timeoutMs: number, describe: () => string): Promise<T> {
		return new Promise((resolve, reject) => {
			const attempt = (): boolean => {
				const result = check();
				if (result === null) return false;
				cleanup();
				resolve(result);
				return true;
			};
			const timer = setTimeout(() => {
				cleanup();
				const seen = this.attempts.map((a) => `  #${a.seq} ${a.kind} ${a.event} -> ${a.url} attempt ${a.attempt}: ${a.status ?? a.error}`);
				reject(new Error(`${describe()}; recorded:\n${seen.join('\n') || '  (none)'}`));
			}, timeoutMs);
			const cleanup = (): void => {
				clearTimeout(timer);
				this.listeners.delete(listener);
			};
			const listener = (): void => void attempt();
			if (attempt()) return;
			this.listeners.add(listener);
		});
	}

	private notify(): void {
		for (const listener of [...this.listeners]) listener();
	}

	private async deliverOne(target: DeliveryTarget, token: Cancellation): Promise<void> {
		const deliveryId = this.nextDelivery++;
		const body = JSON.parse(target.payload) as Record<string, unknown>;
		for (let attempt = 1; attempt <= this.policy.maxAttempts && !token.cancelled; attempt++) {
			const startedAt = new Date();
			const result = target.headers
				? await this.post(target.url, target.headers, target.payload, token)
				: { status: null, error: target.headerError ?? 'no headers', responseBody: undefined };
			if (token.cancelled) return;

			const ok = result.status !== null && result.status >= 200 && result.status < 300;
			const stopped = result.status !== null && this.policy.nonRetryableStatuses.includes(result.status);
			const last = attempt >= this.policy.maxAttempts || !target.headers;
			const outcome: DeliveryAttempt['outcome'] = ok ? 'delivered' : stopped ? 'stopped' : last ? 'gave-up' : 'retry';
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
			if (this.attempts.length > this.historyLimit) this.attempts.splice(0, this.attempts.length - this.historyLimit);
			this.log?.(
				`webhook: ${target.kind} ${target.event} (${target.instance}) -> ${target.url} attempt ${attempt}: ${result.status ?? result.error}` +
					(nextDelayMs !== null ? `, retry in ${(nextDelayMs / 1000).toFixed(1)} s` : outcome === 'delivered' ? '' : ` (${outcome})`),
			);
			this.notify();
			if (nextDelayMs === null) return;
			await new Promise<void>((resolve) => {
				token.wake = resolve;
				token.timer = setTimeout(resolve, nextDelayMs);
			});
			token.timer = undefined;
			token.wake = undefined;
		}
	}

	private post(
		url: string,
		headers: Record<string, string>,
		payload: string,
		token: Cancellation,
	): Promise<{ status: number | null; error: string | null; responseBody: string | undefined }> {
		return new Promise((resolve) => {
			let settled = false;
			const finish = (status: number | null, error: string | null, responseBody?: string): void => {
				if (settled) return;
				settled = true;
				token.request = undefined;
				resolve({ status, error, responseBody });
			};
			const body = Buffer.from(payload);
			let request: ClientRequest;
			try {
				const send = url.startsWith('https:') ? httpsRequest : httpRequest;
				const outgoing: OutgoingHttpHeaders = { ...headers, 'Content-Length': String(body.length) };
				// axios follows redirects; the fake does not (a 3xx counts as a failure and is retried).
				request = send(url, { method: 'POST', headers: outgoing });
			} catch (error) {
				// Invalid URL or header: axios fails the same way before sending anything.
				finish(null, (error as Error).message);
				return;
			}
			token.request = request;
			request.setTimeout(this.policy.timeoutMs, () => {
				request.destroy(new Error(`timeout of ${this.policy.timeoutMs}ms exceeded`));
			});
			request.on('error', (error) => finish(null, error.message));
			request.on('response', (response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					if (size < RESPONSE_LIMIT) chunks.push(chunk);
					size += chunk.length;
				});
				response.on('end', () => finish(response.statusCode ?? null, null, Buffer.concat(chunks).subarray(0, RESPONSE_LIMIT).toString('utf8')));
				response.on('error', (error) => finish(response.statusCode ?? null, error.message));
			});
			request.end(body);
		});
	}
}
