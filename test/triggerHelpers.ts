/**
 * Shared set-up of the Evolution API Trigger tests: the trigger driven through n8n-core's
 * HookContext/WebhookContext (test/harness/trigger.ts) against the contract fake, and
 * deliveries signed the way Evolution API 2.3.6 signs them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EvolutionServerApi } from '../credentials/EvolutionServerApi.credentials';
import { EvolutionApiTrigger } from '../nodes/EvolutionApiTrigger/EvolutionApiTrigger.node';
import type { TriggerState } from '../nodes/EvolutionApiTrigger/lifecycle';
import { signHs256 } from '../nodes/shared/jwt';
import type { FakeEvolution } from './fake';
import { createTriggerHarness, type DeliveryRequest, type DeliveryResult, type TriggerHarness } from './harness';
import { API_KEY, INSTANCE, instanceParam } from './helpers/evolution';

export { API_KEY, INSTANCE, INSTANCE_TOKEN, startFake } from './helpers/evolution';

export const FIXTURES = join(__dirname, 'fixtures', 'events');

export interface TriggerOptions {
	parameters?: INodeParameters;
	options?: IDataObject;
	events?: string[];
	mode?: 'manual' | 'trigger';
	staticData?: IDataObject;
	webhookId?: string;
	/** Gives the node this id (same node of the same workflow, e.g. test and production). */
	nodeId?: string;
	credentials?: Partial<{ serverUrl: string; apiKey: string; defaultInstance: string }>;
	/** The n8n instance's public URL (N8N_WEBHOOK_URL); default http://127.0.0.1:5678/. */
	webhookBaseUrl?: string;
}

export function triggerFor(fake: FakeEvolution, options: TriggerOptions = {}): TriggerHarness {
	const harness = createTriggerHarness({
		node: new EvolutionApiTrigger(),
		parameters: {
			instanceName: instanceParam(),
			events: options.events ?? ['MESSAGES_UPSERT'],
			options: (options.options ?? {}) as INodeParameters,
			...options.parameters,
		},
		credentials: {
			evolutionServerApi: { serverUrl: fake.url, apiKey: API_KEY, defaultInstance: '', ...options.credentials },
		},
		credentialTypes: [new EvolutionServerApi()],
		mode: options.mode,
		staticData: options.staticData,
		webhookId: options.webhookId,
		webhookBaseUrl: options.webhookBaseUrl,
	});
	// The harness gives every node a random id; n8n keeps it for the life of the node.
	if (options.nodeId) harness.node.id = options.nodeId;
	return harness;
}

export const stateOf = (harness: TriggerHarness): TriggerState => harness.nodeStaticData as TriggerState;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The token Evolution sends: {iat, exp: iat + 600, app: "evolution", action: "webhook"}. */
export function evolutionToken(secret: string, iat = nowSeconds(), overrides: IDataObject = {}): string {
	return signHs256({ iat, exp: iat + 600, app: 'evolution', action: 'webhook', ...overrides }, secret);
}

/** Delivers `body` as Evolution does, signed with the secret the trigger registered. */
export async function deliverSigned(
	harness: TriggerHarness,
	body: unknown,
	extra: Omit<DeliveryRequest, 'body'> = {},
): Promise<DeliveryResult> {
	const secret = stateOf(harness).secret;
	if (!secret) throw new Error('The trigger has no secret: call create() first');
	return await harness.deliver({
		...extra,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'axios/1.12.2',
			authorization: `Bearer ${evolutionToken(secret)}`,
			...extra.headers,
		},
		body,
	});
}

/** The envelope Evolution posts for an event. */
export function envelope(event: string, data: unknown, overrides: IDataObject = {}): IDataObject {
	return {
		event,
		instance: INSTANCE,
		data: data as IDataObject,
		destination: 'http://127.0.0.1:5678/webhook/x/webhook',
		date_time: new Date().toISOString(),
		sender: '5511888888888@s.whatsapp.net',
		server_url: 'https://evo.example.com',
		apikey: null,
		...overrides,
	};
}

/** A messages.upsert record. */
export function messageRecord(overrides: { key?: IDataObject; message?: IDataObject; messageType?: string } & IDataObject = {}): IDataObject {
	const { key, message, ...rest } = overrides;
	return {
		key: { remoteJid: '5511999999999@s.whatsapp.net', fromMe: false, id: `3EB0${Math.random().toString(16).slice(2, 18).toUpperCase()}`, ...key },
		pushName: 'John',
		status: 'DELIVERY_ACK',
		message: message ?? { conversation: 'hi' },
		messageType: 'conversation',
		messageTimestamp: 1761048000,
		instanceId: 'iid',
		source: 'android',
		...rest,
	};
}

export interface EventFixture {
	description: string;
	subscription: string;
	envelope: IDataObject & { event: string };
	expect: IDataObject;
}

export function eventFixtures(): Array<[string, EventFixture]> {
	return readdirSync(FIXTURES)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as EventFixture]);
}

export interface MessageFixture {
	data: IDataObject;
	expect: IDataObject;
}

export function messageFixtures(): Array<[string, MessageFixture]> {
	const dir = join(FIXTURES, 'messages');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8')) as MessageFixture]);
}

/** Every string found anywhere in a value (to prove a secret never appears). */
export function serialise(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) => (Buffer.isBuffer(item) ? item.toString('base64') : item)) ?? '';
}

/** Polls until `check` holds (no timing assertions: only an upper bound to fail a stuck test). */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
