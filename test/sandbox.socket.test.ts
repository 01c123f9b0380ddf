/**
 * The sandbox's socket.io side (test/fake/sockets.ts), checked with the trigger's own client and
 * a raw WebSocket: the facts measured on the real 2.3.6 server with WEBSOCKET_ENABLED=true.
 */
import { WebSocket as RawSocket } from 'ws';

import { connectOnce, SOCKET_TIMINGS, type SocketHandlers } from '../nodes/shared/socket/client';
import { socketUrl } from '../nodes/shared/socket/protocol';
import { startSandbox, type Sandbox } from '../sandbox';

const saved = { ...SOCKET_TIMINGS };
beforeAll(() => Object.assign(SOCKET_TIMINGS, { namespaceRetryMs: 50 }));
afterAll(() => Object.assign(SOCKET_TIMINGS, saved));

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A client of one namespace, recording what it gets; close() ends it. */
function listen(url: string, namespace: string, headers: Record<string, string> = {}) {
	const controller = new AbortController();
	const record = { joins: 0, events: [] as Array<{ name: string; payload: any }>, logs: [] as string[] };
	const handlers: SocketHandlers = {
		onJoin: () => record.joins++,
		onEvent: (name, payload) => record.events.push({ name, payload }),
		log: (_level, message) => record.logs.push(message),
	};
	const outcome = connectOnce({ url: socketUrl(url), namespace, headers, signal: controller.signal, handlers });
	return {
		record,
		outcome,
		close: async () => {
			controller.abort();
			return await outcome;
		},
	};
}

describe('sandbox socket.io', () => {
	let sandbox: Sandbox;
	const post = async (path: string, body: unknown, apikey?: string) =>
		await fetch(`${sandbox.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(apikey ? { apikey } : {}) },
			body: JSON.stringify(body),
		});

	beforeEach(async () => {
		sandbox = await startSandbox({ port: 0, exposeApikey: true, instances: ['sandbox', 'other'] });
	});
	afterEach(async () => {
		await sandbox.close();
	});

	it('refuses the namespace until the first event, then delivers to every client with the instance token in apikey', async () => {
		await post('/websocket/set/sandbox', { websocket: { enabled: true, events: ['MESSAGES_UPSERT'] } }, sandbox.apiKey);
		const first = listen(sandbox.url, '/sandbox');
		await until(() => first.record.logs.some((line) => line.includes('Invalid namespace')), 'the refusal');
		// The first event creates the namespace; nobody hears it.
		await post('/sandbox/sandbox/incoming', { from: '5511988887777', text: 'creates the namespace' });
		const second = listen(sandbox.url, '/sandbox');
		await until(() => first.record.joins === 1 && second.record.joins === 1, 'both joins');
		await post('/sandbox/sandbox/incoming', { from: '5511988887777', text: 'for both' });
		await until(() => first.record.events.length === 1 && second.record.events.length === 1, 'the event on both');
		for (const client of [first, second]) {
			const [{ name, payload }] = client.record.events;
			expect(name).toBe('messages.upsert');
			expect(Object.keys(payload).sort()).toEqual(['apikey', 'data', 'date_time', 'event', 'instance', 'sender', 'server_url']);
			expect(payload.apikey).toBe('sandbox-token');
			expect(payload.data.message.conversation).toBe('for both');
		}
		await first.close();
		await second.close();
	});

	it('emits only the events enabled for the instance, and nothing while it is disabled', async () => {
		await post('/websocket/set/sandbox', { websocket: { enabled: true, events: ['CONNECTION_UPDATE'] } }, sandbox.apiKey);
		sandbox.fake.sockets.createNamespace('sandbox');
		const client = listen(sandbox.url, '/sandbox');
		await until(() => client.record.joins === 1, 'the join');
		await post('/sandbox/sandbox/incoming', { from: '5511988887777', text: 'not enabled' });
		await post('/sandbox/sandbox/connection', { state: 'close' });
		await until(() => client.record.events.length === 1, 'the connection.update');
		await post('/websocket/set/sandbox', { websocket: { enabled: false } }, sandbox.apiKey);
		await post('/sandbox/sandbox/connection', { state: 'open' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(client.record.events.map((event) => event.name)).toEqual(['connection.update']);
		await client.close();
	});

	it('lets loopback in without a key; otherwise wants the global key or any instance token', async () => {
		sandbox.fake.sockets.setAllowedHosts(['192.0.2.1']);
		// engine.io answers a refused WebSocket upgrade with 400 (abortUpgrade), on the real server too.
		const handshake = async (headers: Record<string, string>) =>
			await new Promise<string>((resolve) => {
				const socket = new RawSocket(socketUrl(sandbox.url), { headers });
				socket.on('message', (data) => {
					resolve(String(data).slice(0, 1) === '0' ? 'open' : String(data));
					socket.close();
				});
				socket.on('unexpected-response', (_request, response) => resolve(`refused ${response.statusCode}`));
				socket.on('error', () => resolve('error'));
			});
		expect(await handshake({})).toBe('refused 400');
		expect(await handshake({ apikey: 'wrong' })).toBe('refused 400');
		expect(await handshake({ apikey: sandbox.apiKey })).toBe('open');
		// Any instance's token, whatever namespace it then joins (no per-instance check in 2.3.6).
		expect(await handshake({ apikey: 'other-token' })).toBe('open');
		sandbox.fake.sockets.setAllowedHosts(undefined);
		expect(await handshake({})).toBe('open');
	});

	it('answers /websocket/find and /set with an empty body and refuses sockets when websockets are off', async () => {
		sandbox.fake.enabledIntegrations.websocket = false;
		const find = await fetch(`${sandbox.url}/websocket/find/sandbox`, { headers: { apikey: sandbox.apiKey } });
		expect(find.status).toBe(200);
		expect(await find.text()).toBe('');
		const client = listen(sandbox.url, '/sandbox');
		await expect(client.outcome).resolves.toMatchObject({ joined: false });
	});

	it('forgets namespaces and drops clients on restart', async () => {
		await post('/websocket/set/sandbox', { websocket: { enabled: true, events: ['CONNECTION_UPDATE'] } }, sandbox.apiKey);
		sandbox.fake.sockets.createNamespace('sandbox');
		const client = listen(sandbox.url, '/sandbox');
		await until(() => client.record.joins === 1, 'the join');
		await sandbox.fake.restart();
		await expect(client.outcome).resolves.toMatchObject({ joined: true });
		const again = listen(sandbox.url, '/sandbox');
		await until(() => again.record.logs.some((line) => line.includes('Invalid namespace')), 'the refusal after the restart');
		await again.close();
	});
});
