/**
 * Contract fake of Evolution API 2.3.6 for tests: answers every catalogued route the way the
 * real server does (guards, validation, error envelopes, quirks), records what it received,
 * and can inject faults.
 *
 *   const fake = await startFakeEvolution({ instances: [{ name: 'main' }] });
 *   await fetch(`${fake.url}/message/sendText/main`, { method: 'POST', headers: { apikey: fake.apiKey, ... }, body });
 *   fake.assertAllValid();
 *   await fake.close();
 */
import { loadCatalogue, type Catalogue } from './catalogue';
import type { Fault, RouteMatcher } from './faults';
import type { EnabledIntegrations, FakeConfig } from './handlers';
import { assertAllValid, type RecordedRequest } from './recording';
import { FakeServer } from './server';
import { FakeState, type ConnectionState, type InstanceRecord, type InstanceSeed } from './state';

export { assertAllValid, expectValidRequest, InvalidRequestError } from './recording';
export type { RecordedRequest } from './recording';
export type { Fault, RouteMatcher } from './faults';
export type { EnabledIntegrations } from './handlers';
export type { UploadedFile } from './multipart';
export { FakeState } from './state';
export type { ConnectionState, InstanceRecord, InstanceSeed, Row } from './state';
export { loadCatalogue, routeKey } from './catalogue';
export type { Catalogue, CatalogueRoute, CatalogueEvent } from './catalogue';

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
	const server = new FakeServer(state, config, log);
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
		reset: () => {
			server.requests.length = 0;
			server.faults.clear();
		},
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
		close: () => server.close(),
	};
}
