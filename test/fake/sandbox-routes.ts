/**
 * The sandbox's control routes under /sandbox (no apikey needed: the server only listens on
 * 127.0.0.1). They are not Evolution API routes, so they are not recorded in `fake.requests`.
 *
 *   GET  /sandbox                          this list, the instances and their tokens
 *   POST /sandbox/{instance}/incoming      simulate a received message → messages.upsert
 *   POST /sandbox/{instance}/connection    {state, statusReason?} → connection.update
 *   POST /sandbox/{instance}/event         {event, data} → emits any event verbatim
 *   POST /sandbox/{instance}/label         {id?, name, color?, deleted?} → labels.edit
 *   GET  /sandbox/deliveries               webhook delivery attempts (?event=&instance=&limit=&full=1)
 *   GET  /sandbox/events                   emitted events (same filters)
 *   GET  /sandbox/requests                 API requests received (apikey values redacted)
 *   POST /sandbox/reset                    back to the seeded state ({"keepState": true}: only clear the recordings)
 */
import type { EventBus } from './eventbus';
import { internalEventName } from './eventbus';
import type { RecordedRequest } from './recording';
import { simulateConnection, simulateIncoming, simulateLabel, SimulationError, type IncomingInput } from './simulate';
import type { ConnectionState, FakeState, Row } from './state';
import type { Query } from './validate';

export interface SandboxRouteContext {
	state: FakeState;
	bus: EventBus;
	requests: readonly RecordedRequest[];
	apiKey: string;
	url: () => string;
	/** keepState false: the state goes back to the seeded instances too. */
	reset: (keepState: boolean) => void;
	defaultOwnerJid?: string;
}

export interface SandboxAnswer {
	status: number;
	body: unknown;
}

const ENDPOINTS = [
	'POST /sandbox/{instance}/incoming {from, text?, pushName?, group?, participant?, media?: {base64|url, mimetype, fileName?, caption?, ptt?, type?}, quotedId?, fromMe?, id?}',
	'POST /sandbox/{instance}/connection {state: "open"|"close"|"connecting"|"refused", statusReason?}',
	'POST /sandbox/{instance}/event {event: "contacts.upsert" | "CONTACTS_UPSERT", data}',
	'POST /sandbox/{instance}/label {id?, name, color?, predefinedId?, deleted?}',
	'GET /sandbox/deliveries?event=&instance=&limit=50&full=1',
	'GET /sandbox/events?event=&instance=&limit=50&full=1',
	'GET /sandbox/requests?limit=50&full=1',
	'POST /sandbox/reset {keepState?: boolean}',
];

/** Long strings (base64 media, mostly) shortened for listings. */
function shorten(value: unknown, max = 200): unknown {
	if (typeof value === 'string') return value.length > max ? `${value.slice(0, 60)}…(${value.length} chars)` : value;
	if (Array.isArray(value)) return value.map((item) => shorten(item, max));
	if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shorten(item, max)]));
	}
	return value;
}

function first(query: Query, name: string): string | undefined {
	const value = query[name];
	return Array.isArray(value) ? value[0] : value;
}

function recent<T>(items: readonly T[], query: Query, keep: (item: T) => boolean): T[] {
	const limit = Number(first(query, 'limit') ?? 50);
	const filtered = items.filter(keep);
	return Number.isInteger(limit) && limit > 0 ? filtered.slice(-limit) : filtered;
}

function requestView(request: RecordedRequest): Row {
	const headers: Row = { ...request.headers };
	for (const name of ['apikey', 'authorization']) if (headers[name] !== undefined) headers[name] = '<redacted>';
	return {
		id: request.id,
		method: request.method,
		url: request.url,
		route: request.route ? `${request.route.group}.${request.route.name}` : null,
		instance: request.instance,
		status: request.status,
		fault: request.fault,
		validationErrors: request.validationErrors,
		violations: request.violations,
		headers,
		body: request.body,
		files: request.files.map((file) => ({ fieldName: file.fieldName, filename: file.filename, contentType: file.contentType, size: file.data.length })),
		responseBody: request.responseBody,
	};
}

function parseJson(raw: Buffer): Row {
	if (raw.length === 0) return {};
	let value: unknown;
	try {
		value = JSON.parse(raw.toString('utf8'));
	} catch (error) {
		throw new SimulationError(400, `invalid JSON body: ${(error as Error).message}`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SimulationError(400, 'the body must be a JSON object');
	return value as Row;
}

/** Answers a /sandbox request, or returns null for any other path. */
export async function handleSandboxRoute(ctx: SandboxRouteContext, method: string, path: string, query: Query, rawBody: Buffer): Promise<SandboxAnswer | null> {
	const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
	if (trimmed !== '/sandbox' && !trimmed.startsWith('/sandbox/')) return null;
	try {
		return await route(ctx, method, trimmed.split('/').slice(2), query, rawBody);
	} catch (error) {
		if (error instanceof SimulationError) return { status: error.status, body: { error: error.message } };
		throw error;
	}
}

async function route(ctx: SandboxRouteContext, method: string, parts: string[], query: Query, rawBody: Buffer): Promise<SandboxAnswer> {
	const full = first(query, 'full') === '1' || first(query, 'full') === 'true';
	const view = (value: unknown): unknown => (full ? value : shorten(value));
	const event = first(query, 'event');
	const instanceFilter = first(query, 'instance');

	if (parts.length === 0 && method === 'GET') {
		return {
			status: 200,
			body: {
				sandbox: 'Evolution API 2.3.6 look-alike',
				url: ctx.url(),
				apiKey: ctx.apiKey,
				instances: [...ctx.state.instances.values()].map((instance) => ({
					name: instance.name,
					token: instance.token,
					state: instance.state,
					ownerJid: instance.ownerJid,
					integration: instance.integration,
				})),
				endpoints: ENDPOINTS,
			},
		};
	}
	if (parts.length === 1) {
		const [name] = parts;
		if (name === 'deliveries' && method === 'GET') {
			const attempts = recent(ctx.bus.deliverer.attempts, query, (a) => (!event || a.event === event) && (!instanceFilter || a.instance === instanceFilter));
			return { status: 200, body: view(attempts) };
		}
		if (name === 'events' && method === 'GET') {
			const events = recent(ctx.bus.emitted, query, (e) => (!event || e.event === event) && (!instanceFilter || e.instance === instanceFilter));
			return { status: 200, body: view(events) };
		}
		if (name === 'requests' && method === 'GET') {
			return { status: 200, body: view(recent(ctx.requests, query, (r) => !instanceFilter || r.instance === instanceFilter).map(requestView)) };
		}
		if (name === 'reset' && method === 'POST') {
			const keepState = parseJson(rawBody).keepState === true;
			ctx.reset(keepState);
			return { status: 200, body: { reset: true, keepState } };
		}
	}
	if (parts.length === 2 && method === 'POST') {
		let instanceName: string;
		try {
			instanceName = decodeURIComponent(parts[0]);
		} catch {
			throw new SimulationError(400, `Failed to decode param '${parts[0]}'`);
		}
		const body = parseJson(rawBody);
		switch (parts[1]) {
			case 'incoming': {
				const result = await simulateIncoming(ctx.state, ctx.bus, instanceName, body as unknown as IncomingInput);
				return { status: result.ignored ? 200 : 201, body: result.ignored ? { ignored: result.ignored, message: result.record } : result.record };
			}
			case 'connection': {
				const statusReason = body.statusReason === undefined ? undefined : Number(body.statusReason);
				const data = simulateConnection(ctx.state, ctx.bus, instanceName, body.state as ConnectionState, statusReason, ctx.defaultOwnerJid);
				return { status: 200, body: data };
			}
			case 'event': {
				if (typeof body.event !== 'string' || body.event === '') throw new SimulationError(400, '"event" is required (e.g. "contacts.upsert")');
				if (!ctx.state.instances.has(instanceName)) throw new SimulationError(404, `The "${instanceName}" instance does not exist`);
				const emitted = ctx.bus.emit(instanceName, internalEventName(body.event), body.data ?? null);
				return { status: 200, body: emitted };
			}
			case 'label':
				return { status: 200, body: simulateLabel(ctx.state, ctx.bus, instanceName, body) };
		}
	}
	return { status: 404, body: { error: `Cannot ${method} /sandbox/${parts.join('/')}`, endpoints: ENDPOINTS } };
}
