/**
 * Contract tests of the Event resource: set and find of the webhook and the six event
 * transports (websocket, rabbitmq, sqs, nats, pusher, kafka) against the Evolution API 2.3.6 fake.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { eventResource } from '../../nodes/EvolutionApi/actions/event/Event.resource';
import { EVENT_NAMES } from '../../nodes/shared/events';
import type { EnabledIntegrations, FakeEvolution, Row } from '../fake';
import { INSTANCE, expectCall, instanceParam, runAction, startFake } from '../helpers/evolution';

type Transport = 'websocket' | 'rabbitmq' | 'sqs' | 'nats' | 'kafka' | 'pusher';

const SIMPLE: Array<{ key: Exclude<Transport, 'pusher'>; suffix: string; variable: string }> = [
	{ key: 'websocket', suffix: 'WebSocket', variable: 'WEBSOCKET_ENABLED' },
	{ key: 'rabbitmq', suffix: 'RabbitMq', variable: 'RABBITMQ_ENABLED' },
	{ key: 'sqs', suffix: 'Sqs', variable: 'SQS_ENABLED' },
	{ key: 'nats', suffix: 'Nats', variable: 'NATS_ENABLED' },
	{ key: 'kafka', suffix: 'Kafka', variable: 'KAFKA_ENABLED' },
];

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.webhooks.clear();
	for (const map of Object.values(fake.state.eventConfigs)) map.clear();
	for (const key of ['websocket', 'rabbitmq', 'sqs', 'nats', 'kafka', 'pusher'] as const) fake.enabledIntegrations[key] = true;
});

async function run(
	operation: string,
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource: 'event', operation, ...parameters }, ...options });
}

const URL = 'https://n8n.example.com/webhook/evo';

function storeWebhook(row: Row): void {
	fake.state.webhooks.set(INSTANCE, {
		id: 'cwh1',
		url: URL,
		headers: null,
		enabled: true,
		events: [],
		webhookByEvents: false,
		webhookBase64: false,
		createdAt: '2025-01-01T00:00:00.000Z',
		updatedAt: '2025-01-01T00:00:00.000Z',
		instanceId: fake.state.instances.get(INSTANCE)!.id,
		...row,
	});
}

describe('Event operations', () => {
	it('come from one factory: Set/Get per transport, in Title Case', () => {
		expect(eventResource.operations.map((op) => [op.value, op.name, op.route.method, op.route.path])).toEqual(
			[
				['Webhook', 'Webhook', 'webhook'],
				['WebSocket', 'WebSocket', 'websocket'],
				['RabbitMq', 'RabbitMQ', 'rabbitmq'],
				['Sqs', 'SQS', 'sqs'],
				['Nats', 'NATS', 'nats'],
				['Pusher', 'Pusher', 'pusher'],
				['Kafka', 'Kafka', 'kafka'],
			].flatMap(([suffix, label, key]) => [
				[`set${suffix}`, `Set ${label}`, 'POST', `/${key}/set/{instance}`],
				[`get${suffix}`, `Get ${label}`, 'GET', `/${key}/find/{instance}`],
			]),
		);
		expect(eventResource.operations.filter((op) => op.idempotent).map((op) => op.value)).toEqual(
			eventResource.operations.filter((op) => op.value.startsWith('get')).map((op) => op.value),
		);
	});

	it('offer all 31 events, never-delivered ones marked', () => {
		const events = eventResource.operations[0].properties.find((property) => property.name === 'events')!;
		const options = events.options as Array<{ name: string; value: string; description: string }>;
		expect(options.map((option) => option.value).sort()).toEqual([...EVENT_NAMES].sort());
		const marked = options.filter((option) => /never delivered/i.test(option.description)).map((option) => option.value);
		expect(marked.sort()).toEqual(['APPLICATION_STARTUP', 'CONTACTS_SET', 'GROUP_UPDATE']);
	});
});

describe('Event → Set Webhook (POST /webhook/set)', () => {
	it('sends the body nested under "webhook" with events, headers and flags', async () => {
		const result = await run('setWebhook', {
			webhookUrl: URL,
			events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'],
			options: {
				webhookByEvents: true,
				webhookBase64: false,
				webhookHeaders: { header: [{ name: 'x-evolution-secret', value: 'abc' }, { name: 'jwt_key', value: 'k1' }] },
			},
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/webhook/set/${INSTANCE}`);
		expect(req.body).toEqual({
			webhook: {
				enabled: true,
				url: URL,
				byEvents: true,
				base64: false,
				headers: { 'x-evolution-secret': 'abc', jwt_key: 'k1' },
				events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'],
			},
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ url: URL, enabled: true, webhookByEvents: true, events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'] });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('always sends the events list: empty means all events', async () => {
		const result = await run('setWebhook', { webhookUrl: URL });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/webhook/set/${INSTANCE}`);
		expect(req.body).toEqual({ webhook: { enabled: true, url: URL, events: [] } });
		expect(fake.state.webhooks.get(INSTANCE)?.events).toHaveLength(31);
	});

	it('switching off sends an empty events list', async () => {
		const result = await run('setWebhook', { enabled: false, webhookUrl: URL, events: ['CALL'] });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/webhook/set/${INSTANCE}`).body).toEqual({
			webhook: { enabled: false, url: URL, events: [] },
		});
	});

	it('accepts events from an expression as text, in dotted or upper-case form', async () => {
		const result = await run('setWebhook', { webhookUrl: URL, events: '={{ "messages.upsert, CALL, group-participants.update, CALL" }}' });
		expect(result.error).toBeUndefined();
		expect((fake.lastRequest()?.body as Row).webhook).toMatchObject({
			events: ['MESSAGES_UPSERT', 'CALL', 'GROUP_PARTICIPANTS_UPDATE'],
		});
	});

	it('"Change Only the Given Fields" reads the webhook and writes the stored URL, headers and flags back', async () => {
		storeWebhook({
			events: ['MESSAGES_UPSERT'],
			headers: { 'x-evolution-secret': 'abc' },
			webhookByEvents: true,
			webhookBase64: true,
		});
		const result = await run('setWebhook', { updateMode: 'merge', updateFields: { events: ['CALL', 'MESSAGES_UPSERT'] } });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expectCall(fake.requests[0], 'GET', `/webhook/find/${INSTANCE}`);
		const req = expectCall(fake.requests[1], 'POST', `/webhook/set/${INSTANCE}`);
		expect(req.body).toEqual({
			webhook: {
				enabled: true,
				url: URL,
				byEvents: true,
				base64: true,
				headers: { 'x-evolution-secret': 'abc' },
				events: ['CALL', 'MESSAGES_UPSERT'],
			},
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('"Change Only the Given Fields" can switch the webhook off and keep its URL', async () => {
		storeWebhook({ events: ['CALL'] });
		const result = await run('setWebhook', { updateMode: 'merge', updateFields: { enabled: false } });
		expect(result.error).toBeUndefined();
		expect((expectCall(fake.requests[1], 'POST', `/webhook/set/${INSTANCE}`).body as Row).webhook).toMatchObject({
			enabled: false,
			url: URL,
			events: [],
		});
	});

	it('"Change Only the Given Fields" refuses events for a webhook that stays off', async () => {
		storeWebhook({ enabled: false });
		const result = await run('setWebhook', { updateMode: 'merge', updateFields: { events: ['CALL'] } });
		expect(result.error?.message).toBe('Events were given, but the webhook stays switched off');
		expect(fake.requests.map((req) => req.method)).toEqual(['GET']);
	});

	it('"Change Only the Given Fields" with no webhook stored needs a URL', async () => {
		const result = await run('setWebhook', { updateMode: 'merge', updateFields: { events: ['CALL'] } });
		expect(result.error?.message).toBe('Webhook URL is empty');
		expect(fake.requests.map((req) => req.method)).toEqual(['GET']);
	});

	it('an empty Headers field clears the stored headers', async () => {
		storeWebhook({ headers: { old: 'x' } });
		const result = await run('setWebhook', { webhookUrl: URL, options: { webhookHeaders: {} } });
		expect(result.error).toBeUndefined();
		expect((fake.lastRequest()?.body as Row).webhook).toEqual({ enabled: true, url: URL, headers: {}, events: [] });
		expect(fake.state.webhooks.get(INSTANCE)?.headers).toEqual({});
	});

	it.each([
		['a URL without http(s)', { webhookUrl: 'ftp://example.com/x' }, 'Webhook URL "ftp://example.com/x" is not a valid URL'],
		['an unknown event', { webhookUrl: URL, events: '={{ ["MESSAGES_UPSERT", "GROUPS_UPDATED"] }}' }, 'Events contains an unknown event "GROUPS_UPDATED"'],
		['events that are not names', { webhookUrl: URL, events: '={{ [1] }}' }, 'Events must contain event names (text)'],
		[
			'a header given twice',
			{ webhookUrl: URL, options: { webhookHeaders: { header: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] } } },
			'Headers: the header "x-a" is given twice',
		],
		[
			'an invalid header name',
			{ webhookUrl: URL, options: { webhookHeaders: { header: [{ name: 'my header', value: '1' }] } } },
			'Headers: "my header" is not a valid header name',
		],
		['a non-boolean flag', { webhookUrl: URL, options: { webhookBase64: '={{ "often" }}' } }, 'Include Media as Base64 must be true or false, but got "often"'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('setWebhook', parameters as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains the 500 of a body the server cannot handle', async () => {
		fake.failNext('webhook.set', {
			status: 500,
			body: { status: 500, error: 'Internal Server Error', response: { message: "Cannot read properties of undefined (reading 'length')" } },
		});
		const result = await run('setWebhook', { webhookUrl: URL });
		expect(result.error?.message).toContain("Cannot read properties of undefined (reading 'length')");
	});

	it('one request per item; Continue On Fail keeps the other items', async () => {
		const result = await run(
			'setWebhook',
			{ instanceName: instanceParam('={{ $json.instance }}'), webhookUrl: URL },
			{ continueOnFail: true, items: [{ json: { instance: INSTANCE } }, { json: { instance: 'ghost' } }, { json: { instance: INSTANCE } }] },
		);
		expect(fake.requests.map((req) => req.status)).toEqual([201, 404, 201]);
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toBe('The instance "ghost" does not exist on this server');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Event → Get Webhook (GET /webhook/find)', () => {
	it('outputs {configured: false} when no webhook is set (server answers null)', async () => {
		const result = await run('getWebhook', {});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/webhook/find/${INSTANCE}`);
		expect(req.responseBody).toBeNull();
		expect(result.items).toEqual([{ json: { configured: false }, pairedItem: { item: 0 } }]);
	});

	it('outputs the webhook row', async () => {
		storeWebhook({ events: ['CALL'], headers: { a: 'b' } });
		const result = await run('getWebhook', {});
		expect(result.items[0].json).toMatchObject({ url: URL, events: ['CALL'], headers: { a: 'b' } });
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('getWebhook', { instanceName: instanceParam('ghost') });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
	});
});

describe.each(SIMPLE)('Event → Set/Get $suffix (/$key/set, /$key/find)', ({ key, suffix, variable }) => {
	it('set sends {enabled, events} under its own key; get outputs the row', async () => {
		const set = await run(`set${suffix}`, { events: ['MESSAGES_UPSERT', 'SEND_MESSAGE'] });
		expect(set.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/${key}/set/${INSTANCE}`);
		expect(req.body).toEqual({ [key]: { enabled: true, events: ['MESSAGES_UPSERT', 'SEND_MESSAGE'] } });
		expect(set.items).toHaveLength(1);
		expect(set.items[0].json).toMatchObject({ enabled: true, events: ['MESSAGES_UPSERT', 'SEND_MESSAGE'] });
		expect(set.items[0].pairedItem).toEqual({ item: 0 });

		const get = await run(`get${suffix}`, {});
		expectCall(fake.lastRequest(), 'GET', `/${key}/find/${INSTANCE}`);
		expect(get.items.map((item) => item.json)).toEqual([set.items[0].json]);
	});

	it('get outputs {configured: false} before anything was set', async () => {
		const result = await run(`get${suffix}`, {});
		expect(result.items.map((item) => item.json)).toEqual([{ configured: false }]);
	});

	it('switching off sends events []', async () => {
		const result = await run(`set${suffix}`, { enabled: false });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/${key}/set/${INSTANCE}`).body).toEqual({ [key]: { enabled: false, events: [] } });
	});

	it(`explains an empty answer: ${variable} is off on the server`, async () => {
		fake.enabledIntegrations[key as keyof EnabledIntegrations] = false;
		const set = await run(`set${suffix}`, {});
		expect(fake.lastRequest()?.status).toBe(201);
		expect(fake.lastRequest()?.validationErrors).toEqual([]);
		expect(set.error?.message).toBe(`The ${key} integration is disabled on the Evolution API server`);
		expect(set.error?.description).toContain(variable);
		const get = await run(`get${suffix}`, {});
		expect(get.error?.description).toContain(variable);
		if (key === 'sqs') expect(get.error?.description).toContain('SQS_GLOBAL_ENABLED');
	});

	it('refuses an unknown event before any request', async () => {
		const result = await run(`set${suffix}`, { events: '={{ ["NEW_JWT_TOKEN"] }}' });
		expect(result.error?.message).toBe('Events contains an unknown event "NEW_JWT_TOKEN"');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Event → Set/Get Pusher (/pusher/set, /pusher/find)', () => {
	const PUSHER = { pusherAppId: '123', pusherKey: 'pk', pusherSecret: 'ps', pusherCluster: 'eu' };
	const STORED = { appId: '123', key: 'pk', secret: 'ps', cluster: 'eu', useTLS: true };

	it('set sends every required field nested under "pusher"', async () => {
		const result = await run('setPusher', { ...PUSHER, pusherUseTls: false, events: ['CALL'] });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/pusher/set/${INSTANCE}`);
		expect(req.body).toEqual({ pusher: { enabled: true, ...STORED, useTLS: false, events: ['CALL'] } });
		expect(result.items[0].json).toMatchObject({ enabled: true, appId: '123', useTLS: false, events: ['CALL'] });
	});

	it('is stored even with PUSHER_ENABLED off, but get then explains the empty answer', async () => {
		fake.enabledIntegrations.pusher = false;
		const set = await run('setPusher', PUSHER);
		expect(set.error).toBeUndefined();
		const get = await run('getPusher', {});
		expect(get.error?.message).toBe('The pusher integration is disabled on the Evolution API server');
		expect(get.error?.description).toContain('PUSHER_ENABLED');
	});

	it('"Change Only the Given Fields" switches Pusher off and writes the stored credentials back', async () => {
		await run('setPusher', { ...PUSHER, events: ['CALL'] });
		fake.reset();
		const result = await run('setPusher', { updateMode: 'merge', updateFields: { enabled: false } });
		expect(result.error).toBeUndefined();
		expectCall(fake.requests[0], 'GET', `/pusher/find/${INSTANCE}`);
		expect(expectCall(fake.requests[1], 'POST', `/pusher/set/${INSTANCE}`).body).toEqual({
			pusher: { enabled: false, ...STORED, events: [] },
		});
	});

	it('refuses an empty required field before any request', async () => {
		const result = await run('setPusher', { ...PUSHER, pusherCluster: '={{ "" }}' });
		expect(result.error?.message).toBe('Cluster is empty');
		expect(fake.requests).toHaveLength(0);
	});
});
