/**
 * Contract fake of Evolution API 2.3.6 for tests: answers every catalogued route the way the
 * real server does (guards, validation, error envelopes, quirks), records what it received,
 * and can inject faults.
 *
 *   const fake = await startFakeEvolution({ instances: [{ name: 'main' }] });
 *   await fetch(`${fake.url}/message/sendText/main`, { method: 'POST', headers: { apikey: fake.apiKey, ... }, body });
 *   fake.assertAllValid();
 *   await fake.close();
 *
 * Events: handlers emit what the server emits (send.message, connection.update, instance.delete,
 * remove.instance, …) into `fake.emitted`. With `deliverWebhooks: true` they are also POSTed to
 * the instance webhook (/webhook/set) and the `globalWebhook`, with retries (`retry`), and every
 * attempt lands in `fake.deliveries`:
 *
 *   const fake = await startFakeEvolution({ instances: [{ name: 'main' }], deliverWebhooks: true, retry: { initialDelayMs: 10 } });
 *   await fake.simulateIncoming('main', { from: '5511999999999', text: 'hi' });
 *   const [attempt] = await fake.waitForDeliveries((a) => a.event === 'messages.upsert');
 */
import { loadCatalogue, type Catalogue } from './catalogue';
import { SERVER_RETRY_POLICY, type DeliveryAttempt, type RetryPolicy } from './delivery';
import { EventBus, internalEventName, type EmittedEvent, type GlobalWebhookConfig } from './eventbus';
import type { Fault, RouteMatcher } from './faults';
import type { EnabledIntegrations, FakeConfig } from './handlers';
import { assertAllValid, type RecordedRequest } from './recording';
import { handleSandboxRoute } from './sandbox-routes';
import { FakeServer } from './server';
import { SocketHub } from './sockets';
import { simulateConnection, simulateIncoming, type IncomingInput } from './simulate';
import { FakeState, type ConnectionState, type InstanceRecord, type InstanceSeed, type Row } from './state';

export { assertAllValid, expectValidRequest, InvalidRequestError } from './recording';
export type { RecordedRequest } from './recording';
export type { Fault, RouteMatcher } from './faults';
export type { EnabledIntegrations } from './handlers';
export type { UploadedFile } from './multipart';
export { FakeState } from './state';
export type { ConnectionState, InstanceRecord, InstanceSeed, Row } from './state';
export { loadCatalogue, routeKey } from './catalogue';
export type { Catalogue, CatalogueRoute, CatalogueEvent } from './catalogue';
export { FAST_RETRY_POLICY, retryDelayMs, SERVER_RETRY_POLICY, signJwt, verifyJwt, webhookJwt } from './delivery';
export type { DeliveryAttempt, RetryPolicy } from './delivery';
export { EventBus, eventPathSuffix, internalEventName, normalizeEventName } from './eventbus';
export type { EmittedEvent, GlobalWebhookConfig } from './eventbus';
export { SimulationError } from './simulate';
export type { IncomingInput, IncomingMedia, IncomingResult, MediaKind } from './simulate';

export interface FakeEvolutionOptions {
	/** The global API key (AUTHENTICATION_API_KEY). Default 'test-key'. */
	apiKey?: string;
	/** Instances that exist when the fake starts. Default state 'open', token `<name>-token`. */
	instances?: InstanceSeed[];
	/** Default 0: a free port. Always on 127.0.0.1. */
	port?: number;
	/** The `*_ENABLED` switches; every one defaults to true. */
	enabledIntegrations?: Partial<EnabledIntegrations>;
	/** WA_BUSINESS_TOKEN_WEBHOOK (GET /webhook/meta, create of WHATSAPP-BUSINESS instances). */
	metaVerifyToken?: string;
	/** true: log each request to the console; or a function receiving each log line. */
	log?: boolean | ((line: string) => void);
	/** POST emitted events to the webhooks (default false: events are only recorded in `emitted`). */
	deliverWebhooks?: boolean;
	/** Delivery retries; missing fields take the server defaults (SERVER_RETRY_POLICY: 5 s ×2 up to 300 s, ±20 %, 10 attempts). */
	retry?: Partial<RetryPolicy>;
	/** The env global webhook (WEBHOOK_GLOBAL_URL/_WEBHOOK_BY_EVENTS, WEBHOOK_EVENTS_*): no custom headers, no JWT. */
	globalWebhook?: GlobalWebhookConfig;
	/** AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES: envelopes carry the instance token as `apikey` (default false: null). */
	exposeApikey?: boolean;
	/** SERVER_URL, the envelopes' `server_url`. Default: the fake's URL. */
	serverUrl?: string;
	/** Serve the /sandbox/* simulation routes (default false; see sandbox-routes.ts). */
	sandboxRoutes?: boolean;
	/** The JID an instance gets when it connects without a number (default 5511900000000@s.whatsapp.net). */
	defaultOwnerJid?: string;
	/** Keep only this many recent requests, events and delivery attempts (default: all). */
	historyLimit?: number;
	/** WEBSOCKET_ALLOWED_HOSTS (default: loopback, which connects without a key). */
	websocketAllowedHosts?: string[];
}

export interface FakeEvolution {
	readonly url: string;
	readonly port: number;
	readonly apiKey: string;
	/** Every request received, in order (cleared by reset()). */
	readonly requests: RecordedRequest[];
	/** The in-memory database; inspect or seed it directly. */
	readonly state: FakeState;
	readonly catalogue: Catalogue;
	/** The switches in force; mutate to turn an integration on or off mid-test. */
	readonly enabledIntegrations: EnabledIntegrations;
	lastRequest(): RecordedRequest | undefined;
	/** Clears recordings and faults; keeps the state. */
	reset(): void;
	/** Applies `fault` to the next `times` (default 1) matching requests. */
	failNext(matcher: RouteMatcher, fault: Fault, times?: number): void;
	/** Applies `fault` to every matching request until removed; returns the remover. */
	setFault(matcher: RouteMatcher, fault: Fault): () => void;
	clearFaults(): void;
	/** Closes the instance's WhatsApp connection: WhatsApp-dependent routes answer 500 "Connection Closed". */
	connectionClosed(instanceName: string): void;
	setConnectionState(instanceName: string, state: ConnectionState): void;
	addInstance(seed: InstanceSeed): InstanceRecord;
	/** Throws when any recorded request failed validation, had a violation or hit no route. */
	assertAllValid(): void;
	close(): Promise<void>;

	/** Every event emitted, delivered or not (cleared by reset()). */
	readonly emitted: EmittedEvent[];
	/** Every webhook delivery attempt, once finished (cleared by reset()). */
	readonly deliveries: DeliveryAttempt[];
	/** Emission and delivery. Change mid-test: `events.options` (deliverWebhooks, globalWebhook, exposeApikey), `events.deliverer.policy`. */
	readonly events: EventBus;
	/** Resolves with the matching attempts once there are `count` (default 1); rejects after `timeoutMs` (default 5000). */
	waitForDeliveries(predicate: (attempt: DeliveryAttempt) => boolean, timeoutMs?: number, count?: number): Promise<DeliveryAttempt[]>;
	/** Resolves once no delivery is running or waiting to retry. */
	deliveriesSettled(timeoutMs?: number): Promise<void>;
	/** Emits any event for an instance (`contacts.upsert` or `CONTACTS_UPSERT`), as the server would. */
	emitEvent(instanceName: string, event: string, data: unknown): EmittedEvent;
	/** A message arriving from WhatsApp: stored, then messages.upsert (+ contacts.upsert/update). Returns the record. */
	simulateIncoming(instanceName: string, input: IncomingInput): Promise<Row>;
	/** A connection change reported by WhatsApp, with its connection.update (unlike setConnectionState). */
	simulateConnection(instanceName: string, state: ConnectionState | 'refused', statusReason?: number): Row;
	/** Empties the database and seeds the start-up instances again (new ids); also does reset(). */
	resetState(): void;
	/** The socket.io side (WEBSOCKET_ENABLED follows enabledIntegrations.websocket). */
	readonly sockets: SocketHub;
	/**
	 * A server restart: every HTTP and socket connection dropped, socket namespaces forgotten,
	 * nothing listening for `downMs`, then the same port again. The database is kept.
	 */
	restart(downMs?: number): Promise<void>;
}

const ALL_ENABLED: EnabledIntegrations = {
	typebot: true,
	openai: true,
	dify: true,
	flowise: true,
	n8n: true,
	evoai: true,
	chatwoot: true,
	rabbitmq: true,
	sqs: true,
	websocket: true,
	nats: true,
	pusher: true,
	kafka: true,
};

export async function startFakeEvolution(options: FakeEvolutionOptions = {}): Promise<FakeEvolution> {
	const apiKey = options.apiKey ?? 'test-key';
	const state = new FakeState();
	for (const seed of options.instances ?? []) state.seedInstance(seed);

	let url = '';
	const enabled: EnabledIntegrations = { ...ALL_ENABLED, ...options.enabledIntegrations };
	const config: FakeConfig = {
		apiKey,
		enabled,
		baseUrl: () => url,
		metaVerifyToken: options.metaVerifyToken ?? 'meta-verify-token',
	};
	const log = typeof options.log === 'function' ? options.log : options.log ? (line: string) => console.log(line) : undefined;
	const bus = new EventBus(state, {
		deliverWebhooks: options.deliverWebhooks ?? false,
		retry: { ...SERVER_RETRY_POLICY, ...options.retry },
		globalWebhook: options.globalWebhook,
		exposeApikey: options.exposeApikey ?? false,
		serverUrl: () => options.serverUrl ?? url,
		log,
		historyLimit: options.historyLimit,
	});
	config.events = bus;
	const server = new FakeServer(state, config, log);
	server.historyLimit = options.historyLimit ?? Infinity;
	const sockets = new SocketHub({
		apiKey,
		state,
		enabled: () => enabled.websocket,
		allowedHosts: options.websocketAllowedHosts,
		log,
	});
	sockets.attach(server.httpServer);
	bus.sockets = sockets;

	const reset = (): void => {
		server.requests.length = 0;
		server.faults.clear();
		bus.clear();
	};
	const resetState = (): void => {
		reset();
		state.clear();
		for (const seed of options.instances ?? []) state.seedInstance(seed);
	};
	if (options.sandboxRoutes) {
		server.intercept = (method, path, query, rawBody) =>
			handleSandboxRoute(
				{
					state,
					bus,
					requests: server.requests,
					apiKey,
					url: () => url,
					reset: (keepState) => (keepState ? reset() : resetState()),
					defaultOwnerJid: options.defaultOwnerJid,
				},
				method,
				path,
				query,
				rawBody,
			);
	}
	const port = await server.listen(options.port ?? 0);
	url = `http://127.0.0.1:${port}`;

	const instanceNamed = (name: string): InstanceRecord => {
		const instance = state.instances.get(name);
		if (!instance) throw new Error(`fake: no instance named "${name}"`);
		return instance;
	};

	return {
		url,
		port,
		apiKey,
		requests: server.requests,
		state,
		catalogue: loadCatalogue(),
		enabledIntegrations: enabled,
		lastRequest: () => server.requests[server.requests.length - 1],
		reset,
		failNext: (matcher, fault, times = 1) => server.faults.failNext(matcher, fault, times),
		setFault: (matcher, fault) => server.faults.setFault(matcher, fault),
		clearFaults: () => server.faults.clear(),
		connectionClosed: (name) => {
			instanceNamed(name).state = 'close';
		},
		setConnectionState: (name, connectionState) => {
			instanceNamed(name).state = connectionState;
		},
		addInstance: (seed) => state.seedInstance(seed),
		assertAllValid: () => assertAllValid(server.requests),
		close: async () => {
			bus.deliverer.cancelAll();
			sockets.close();
			await server.close();
		},
		emitted: bus.emitted,
		deliveries: bus.deliverer.attempts,
		events: bus,
		waitForDeliveries: (predicate, timeoutMs, count) => bus.deliverer.waitFor(predicate, timeoutMs, count),
		deliveriesSettled: (timeoutMs) => bus.deliverer.settled(timeoutMs),
		emitEvent: (name, event, data) => {
			instanceNamed(name);
			return bus.emit(name, internalEventName(event), data);
		},
		simulateIncoming: async (name, input) => (await simulateIncoming(state, bus, name, input)).record,
		simulateConnection: (name, connectionState, statusReason) =>
			simulateConnection(state, bus, name, connectionState, statusReason, options.defaultOwnerJid),
		resetState,
		sockets,
		restart: async (downMs = 0) => {
			sockets.reset();
			await server.close();
			if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
			await server.listen(port);
		},
	};
}
