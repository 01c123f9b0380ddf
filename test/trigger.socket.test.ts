/**
 * The trigger's WebSocket connection mode through n8n-core's TriggerContext, against the fake's
 * socket.io server (the same socket.io 4 the real server runs): activation, events, filters,
 * secrets, several listeners, catch-up after gaps, reconnection, close.
 */
import { CATCH_UP_RETRY } from '../nodes/EvolutionApiTrigger/socketMode';
import { SOCKET_TIMINGS } from '../nodes/shared/socket/client';
import type { FakeEvolution } from './fake';
import type { RunningTrigger } from './harness';
import {
	deliverSigned,
	eventFixtures,
	INSTANCE,
	INSTANCE_TOKEN,
	startFake,
	triggerFor,
	type TriggerOptions,
	until,
} from './triggerHelpers';

const socketTrigger = (fake: FakeEvolution, options: TriggerOptions = {}) =>
	triggerFor(fake, { ...options, parameters: { connectionMode: 'webSocket', ...options.parameters } });

const saved = { ...SOCKET_TIMINGS };
beforeAll(() => {
	// Shorter waits than in production; the behaviour is the same.
	Object.assign(SOCKET_TIMINGS, { initialDelayMs: 50, maxDelayMs: 200, namespaceRetryMs: 100 });
});
afterAll(() => {
	Object.assign(SOCKET_TIMINGS, saved);
});

describe('Evolution API Trigger, WebSocket mode', () => {
	let fake: FakeEvolution;
	const running: RunningTrigger[] = [];

	beforeEach(async () => {
		fake = await startFake({ exposeApikey: true });
	});

	afterEach(async () => {
		for (const trigger of running.splice(0)) await trigger.close();
		await fake.close();
	});

	async function start(options: TriggerOptions = {}): Promise<RunningTrigger> {
		const trigger = await socketTrigger(fake, options).startTrigger();
		running.push(trigger);
		return trigger;
	}

	/** Catch-up queries answered so far. */
	const catchUps = () => fake.requests.filter((request) => request.route?.name === 'findMessages' && request.status !== 0).length;

	/**
	 * The namespace appears (as on the server's first event for the instance); waits for `count`
	 * joins and their catch-up queries, so what follows is live.
	 */
	async function joined(count = 1, catchingUp = count): Promise<void> {
		const before = catchUps();
		fake.sockets.createNamespace(INSTANCE);
		await until(() => fake.sockets.clients(INSTANCE) === count, `${count} client(s) in the namespace`);
		await until(() => catchUps() >= before + catchingUp, 'the catch-up after the join');
	}

	it('enables the websocket events, joins once the namespace exists, emits items without the apikey', async () => {
		const trigger = await start({ events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'] });
		expect(fake.state.eventConfigs.websocket.get(INSTANCE)).toMatchObject({
			enabled: true,
			events: ['CONNECTION_UPDATE', 'MESSAGES_UPSERT'],
		});
		// Before the first event the server answers "Invalid namespace"; the client asks again.
		expect(fake.sockets.clients(INSTANCE)).toBe(0);
		await joined();
		await fake.simulateIncoming(INSTANCE, { from: '5511999990001', text: 'hello' });
		fake.simulateConnection(INSTANCE, 'connecting');
		const emitted = await trigger.waitForEmits(2);
		expect(emitted.map((data) => data[0].length)).toEqual([1, 1]);
		const [message, connection] = trigger.items();
		expect(message.json).toMatchObject({ event: 'MESSAGES_UPSERT', instance: INSTANCE, text: 'hello', phoneNumber: '5511999990001' });
		expect(message.json.caughtUp).toBeUndefined();
		expect(connection.json).toMatchObject({ event: 'CONNECTION_UPDATE', data: { state: 'connecting' } });
		// Every socket event carries the instance token; no item does.
		expect(fake.sockets.sent.length).toBeGreaterThan(0);
		expect(JSON.stringify(trigger.emitted)).not.toContain(INSTANCE_TOKEN);
		expect(JSON.stringify(trigger.emitted)).not.toContain('apikey');
		// The instance's webhook is never touched.
		expect(fake.requests.filter((request) => request.path.startsWith('/webhook/'))).toEqual([]);
		fake.assertAllValid();
	});

	it('adds its events to the list without removing any, and each listener emits only its own selection', async () => {
		fake.state.eventConfigs.websocket.set(INSTANCE, { enabled: true, events: ['CALL', 'CONNECTION_UPDATE'] });
		const messages = await start({ events: ['MESSAGES_UPSERT'] });
		const connections = await start({ events: ['CONNECTION_UPDATE'] });
		expect(fake.state.eventConfigs.websocket.get(INSTANCE)?.events).toEqual(['CALL', 'CONNECTION_UPDATE', 'MESSAGES_UPSERT']);
		await joined(2, 1);
		await fake.simulateIncoming(INSTANCE, { from: '5511999990002', text: 'for the first' });
		fake.simulateConnection(INSTANCE, 'close');
		await messages.waitForEmits(1);
		await connections.waitForEmits(1);
		// Deactivating one listener leaves the other (and the event list) as they were.
		await messages.close();
		expect(fake.state.eventConfigs.websocket.get(INSTANCE)?.events).toEqual(['CALL', 'CONNECTION_UPDATE', 'MESSAGES_UPSERT']);
		fake.simulateConnection(INSTANCE, 'open');
		await connections.waitForEmits(2);
		expect(messages.items().map((item) => item.json.event)).toEqual(['MESSAGES_UPSERT']);
		expect(connections.items().map((item) => item.json.event)).toEqual(['CONNECTION_UPDATE', 'CONNECTION_UPDATE']);
	});

	it('applies the node options to socket events as in webhook mode', async () => {
		const trigger = await start({ options: { ignoreFromMe: true, onlyChats: '5511999990003' } });
		await joined();
		await fake.simulateIncoming(INSTANCE, { from: '5511999990009', text: 'other chat' });
		await fake.simulateIncoming(INSTANCE, { from: '5511999990003', text: 'mine', fromMe: true });
		await fake.simulateIncoming(INSTANCE, { from: '5511999990003', text: 'wanted' });
		await trigger.waitForEmits(1);
		await fake.simulateIncoming(INSTANCE, { from: '5511999990003', text: 'wanted too' });
		await trigger.waitForEmits(2);
		expect(trigger.items().map((item) => item.json.text)).toEqual(['wanted', 'wanted too']);
	});

	it('fails activation with WEBSOCKET_ENABLED=true in the message when the server has websockets off', async () => {
		fake.enabledIntegrations.websocket = false;
		await expect(socketTrigger(fake).startTrigger()).rejects.toMatchObject({
			message: expect.stringContaining('WebSockets are switched off'),
			description: expect.stringContaining('WEBSOCKET_ENABLED=true'),
		});
	});

	it('explains the 500 "Invalid URL" of /websocket/set on Node 24 and which events are missing', async () => {
		// What Evolution API 2.3.6 answers on Node 24 (its official image), whatever is sent.
		fake.setFault('POST /websocket/set', {
			status: 500,
			body: { status: 500, error: 'Internal Server Error', response: { message: 'Invalid URL' } },
		});
		await expect(socketTrigger(fake, { events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'] }).startTrigger()).rejects.toMatchObject({
			message: `Evolution API could not switch on the websocket events of instance "${INSTANCE}" ("Invalid URL")`,
			description: expect.stringMatching(/Node 24[\s\S]*\/instance\/create[\s\S]*Events missing: CONNECTION_UPDATE, MESSAGES_UPSERT\.$/),
		});
	});

	it('catches up the messages that arrived before the first join, once and oldest first', async () => {
		const trigger = await start();
		const base = Math.floor(Date.now() / 1000);
		// Stored while no namespace exists (the first emit creates it; nobody hears these).
		await fake.simulateIncoming(INSTANCE, { from: '5511999990004', text: 'one', timestamp: base + 1 });
		await fake.simulateIncoming(INSTANCE, { from: '5511999990004', text: 'three', timestamp: base + 3 });
		await fake.simulateIncoming(INSTANCE, { from: '5511999990004', text: 'two', timestamp: base + 2 });
		await fake.simulateIncoming(INSTANCE, { from: '5511999990004', text: 'sent by me', fromMe: true, timestamp: base + 2 });
		await trigger.waitForEmits(3);
		await until(() => fake.sockets.clients(INSTANCE) === 1, 'the join');
		await fake.simulateIncoming(INSTANCE, { from: '5511999990004', text: 'live', timestamp: base + 4 });
		await trigger.waitForEmits(4);
		expect(trigger.items().map((item) => [item.json.text, item.json.caughtUp])).toEqual([
			['one', true],
			['two', true],
			['three', true],
			['live', undefined],
		]);
	});

	it('reconnects after a server restart and emits the messages of the gap once, before live ones', async () => {
		const trigger = await start();
		await joined();
		await fake.simulateIncoming(INSTANCE, { from: '5511999990005', text: 'before' });
		await trigger.waitForEmits(1);

		await fake.restart(100);
		expect(fake.sockets.clients(INSTANCE)).toBe(0);
		// Arrives while the client is reconnecting (the restarted server has no namespace yet).
		await fake.simulateIncoming(INSTANCE, { from: '5511999990005', text: 'during the gap' });
		await until(() => fake.sockets.clients(INSTANCE) === 1, 'the join after the restart');
		await trigger.waitForEmits(2);
		await fake.simulateIncoming(INSTANCE, { from: '5511999990005', text: 'after' });
		await trigger.waitForEmits(3);
		expect(trigger.items().map((item) => [item.json.text, item.json.caughtUp])).toEqual([
			['before', undefined],
			['during the gap', true],
			['after', undefined],
		]);
	});

	it('tries a failed catch-up again, from the start of the gap even after live messages moved on', async () => {
		const savedDelay = CATCH_UP_RETRY.delayMs;
		CATCH_UP_RETRY.delayMs = 100;
		try {
			const trigger = await start();
			const base = Math.floor(Date.now() / 1000);
			await fake.simulateIncoming(INSTANCE, { from: '5511999990008', text: 'in the gap', timestamp: base + 1 });
			fake.failNext('chat.findMessages', { status: 500, body: { status: 500, error: 'Internal Server Error', response: { message: 'db down' } } });
			await joined();
			await fake.simulateIncoming(INSTANCE, { from: '5511999990008', text: 'live', timestamp: base + 5 });
			await trigger.waitForEmits(2);
			expect(trigger.items().map((item) => [item.json.text, item.json.caughtUp])).toEqual([
				['live', undefined],
				['in the gap', true],
			]);
		} finally {
			CATCH_UP_RETRY.delayMs = savedDelay;
		}
	});

	it('emits a message that is both caught up and received live only once', async () => {
		const trigger = await start();
		await joined();
		// Delay the catch-up query of the next join so a live event arrives while it runs.
		const first = await fake.simulateIncoming(INSTANCE, { from: '5511999990006', text: 'first' });
		await trigger.waitForEmits(1);
		fake.failNext('chat.findMessages', { delayMs: 300 });
		fake.sockets.reset(); // drops the client: it reconnects, joins, catches up
		await until(() => fake.sockets.clients(INSTANCE) === 0, 'the drop');
		fake.sockets.createNamespace(INSTANCE);
		await until(() => fake.sockets.clients(INSTANCE) === 1, 'the rejoin');
		await fake.simulateIncoming(INSTANCE, { from: '5511999990006', text: 'both' });
		await trigger.waitForEmits(2);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(trigger.items().map((item) => item.json.text)).toEqual(['first', 'both']);
		expect(first.key).toBeDefined();
	});

	it('closes cleanly on deactivation: leaves the namespace, emits nothing more', async () => {
		const trigger = await start();
		await joined();
		await trigger.close();
		running.splice(running.indexOf(trigger), 1);
		await until(() => fake.sockets.clients(INSTANCE) === 0, 'the leave');
		await fake.simulateIncoming(INSTANCE, { from: '5511999990007', text: 'too late' });
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.emitted).toEqual([]);
		expect(fake.state.eventConfigs.websocket.get(INSTANCE)?.enabled).toBe(true);
	});

	it('"Listen for test event" emits the next event', async () => {
		const trigger = await start({ mode: 'manual', events: ['CONNECTION_UPDATE'] });
		await joined(1, 0);
		fake.simulateConnection(INSTANCE, 'connecting');
		await trigger.waitForEmits(1);
		expect(trigger.items()[0].json).toMatchObject({ event: 'CONNECTION_UPDATE' });
	});
});

describe('both connection modes emit the same items', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => {
		await fake.close();
	});

	it('for every event sample, with the apikey (an instance token) removed', async () => {
		const fixtures = eventFixtures();
		const webhook = triggerFor(fake, { events: ['*'] });
		await webhook.create();
		const socket = await triggerFor(fake, { events: ['*'], parameters: { connectionMode: 'webSocket' } }).startTrigger();
		try {
			fake.sockets.createNamespace(INSTANCE);
			await until(() => fake.sockets.clients(INSTANCE) === 1, 'the join');
			const expected = [];
			for (const [, fixture] of fixtures) {
				const withToken = { ...fixture.envelope, apikey: INSTANCE_TOKEN };
				const delivered = await deliverSigned(webhook, withToken);
				expected.push(delivered.workflowData?.[0]?.[0]?.json);
				const message: Record<string, unknown> = { ...withToken };
				delete message.destination;
				fake.sockets.emitRaw(INSTANCE, fixture.envelope.event, message);
			}
			await socket.waitForEmits(fixtures.length);
			// The socket message has no `destination`; nothing in an item comes from it.
			expect(socket.items().map((item) => item.json)).toEqual(expected);
			expect(JSON.stringify(socket.emitted)).not.toContain(INSTANCE_TOKEN);
		} finally {
			await socket.close();
		}
	});
});

describe('trigger() in Webhook mode', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => {
		await fake.close();
	});

	it('does nothing on activation: the webhook does the work', async () => {
		const trigger = await triggerFor(fake).startTrigger();
		expect(trigger.response).toEqual({});
		expect(fake.requests).toEqual([]);
	});

	it('in a test run started by the test webhook, outputs what webhook() produced', async () => {
		const harness = triggerFor(fake, { mode: 'manual', events: ['CONNECTION_UPDATE'] });
		await harness.create();
		const delivered = await deliverSigned(harness, { event: 'connection.update', instance: INSTANCE, data: { state: 'open' } });
		const trigger = await harness.startTrigger();
		expect(trigger.emitted).toEqual([delivered.workflowData]);
	});

	it('says so when the test delivery is not in this process', async () => {
		const trigger = await triggerFor(fake, { mode: 'manual' }).startTrigger();
		expect(trigger.emitted).toEqual([]);
		expect(trigger.errors[0]?.message).toMatch(/did not reach this n8n process/);
	});
});

describe('SocketEventProcessor and secrets', () => {
	it('never lets the apikey of an event reach an item or a log line, whatever the event looks like', async () => {
		const { SocketEventProcessor } = await import('../nodes/EvolutionApiTrigger/socketMode');
		const { buildItem } = await import('../nodes/EvolutionApiTrigger/item');
		const logs: string[] = [];
		const items: unknown[] = [];
		const closed = new AbortController();
		const processor = new SocketEventProcessor({
			instance: INSTANCE,
			settings: { events: ['CONNECTION_UPDATE', 'MESSAGES_UPSERT'], options: {} },
			startSeconds: 0,
			emit: (item) => items.push(item),
			buildItem: async (screened) => await buildItem({} as never, screened, {}),
			resumedWaitingExecution: async () => false,
			log: (level, message) => logs.push(`${level} ${message}`),
			findMessages: async () => {
				throw new Error('no catch-up in this test');
			},
			ensureEvents: async () => undefined,
			isClosed: () => closed.signal.aborted,
			signal: closed.signal,
		});
		const secret = 'inst-secret-token';
		processor.onEvent('connection.update', { event: 'connection.update', instance: INSTANCE, data: { state: 'open' }, apikey: secret });
		processor.onEvent('connection.update', { instance: INSTANCE, data: { state: 'close' }, apikey: secret }); // no event field: not an envelope
		processor.onEvent('qrcode.updated', { event: 'qrcode.updated', apikey: secret }); // not selected
		processor.onEvent('messages.upsert', { apikey: secret, event: 42 }); // not an envelope
		processor.onEvent('messages.upsert', [secret]);
		processor.onEvent('messages.upsert', secret);
		processor.onJoin(); // the catch-up fails: logged without the key
		await processor.idle();
		expect(items).toHaveLength(1);
		expect(JSON.stringify(items)).not.toContain(secret);
		expect(logs.length).toBeGreaterThan(0);
		expect(logs.join('\n')).not.toContain(secret);
		closed.abort();
	});
});
