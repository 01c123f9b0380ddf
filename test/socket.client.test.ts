/**
 * The socket.io client (nodes/shared/socket/client.ts) against a scripted raw WebSocket server
 * that plays the server's side frame by frame: handshake, ping/pong, "Invalid namespace",
 * malformed packets, server close, silence, reconnection and a clean leave.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';

import { connectOnce, runSocket, SOCKET_TIMINGS, type SocketHandlers } from '../nodes/shared/socket/client';
import { socketUrl } from '../nodes/shared/socket/protocol';

const OPEN = '0{"sid":"e1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
const NAMESPACE = '/inst';

interface Peer {
	socket: ServerSocket;
	request: IncomingMessage;
	/** Frames received from the client, in order. */
	frames: string[];
}

/** A WebSocket server on 127.0.0.1 that records each connection; the test scripts the answers. */
async function scriptedServer(onConnection: (peer: Peer) => void = () => undefined) {
	const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => server.once('listening', () => resolve()));
	const peers: Peer[] = [];
	server.on('connection', (socket, request) => {
		const peer: Peer = { socket, request, frames: [] };
		socket.on('message', (data) => peer.frames.push(String(data)));
		peers.push(peer);
		onConnection(peer);
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: socketUrl(`http://127.0.0.1:${port}`),
		peers,
		close: async () => {
			for (const client of server.clients) client.terminate();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

function recorder() {
	const record = { joins: 0, events: [] as Array<[string, unknown]>, disconnects: [] as string[], logs: [] as string[] };
	const handlers: SocketHandlers = {
		onJoin: () => record.joins++,
		onEvent: (name, payload) => record.events.push([name, payload]),
		onDisconnect: (reason) => record.disconnects.push(reason),
		log: (level, message) => record.logs.push(`${level}: ${message}`),
	};
	return { record, handlers };
}

const saved = { ...SOCKET_TIMINGS };
beforeAll(() => Object.assign(SOCKET_TIMINGS, { initialDelayMs: 20, maxDelayMs: 80, namespaceRetryMs: 30, handshakeTimeoutMs: 300 }));
afterAll(() => Object.assign(SOCKET_TIMINGS, saved));

describe('socket.io client', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});

	async function server(onConnection?: (peer: Peer) => void) {
		const scripted = await scriptedServer(onConnection);
		cleanups.push(scripted.close);
		return scripted;
	}

	function run(url: string, handlers: SocketHandlers) {
		const controller = new AbortController();
		const done = runSocket({ url, namespace: NAMESPACE, headers: { apikey: 'k1' }, signal: controller.signal, handlers });
		const stop = async () => {
			controller.abort();
			await done;
		};
		cleanups.push(stop);
		return { stop, done };
	}

	it('handshakes, joins the namespace with the key in a header, answers pings and hands on events', async () => {
		const scripted = await server((peer) => {
			peer.socket.send(OPEN);
			peer.socket.on('message', (data) => {
				if (String(data) === `40${NAMESPACE},`) {
					peer.socket.send(`40${NAMESPACE},{"sid":"s1"}`);
					peer.socket.send('2');
					peer.socket.send(`42${NAMESPACE},["messages.upsert",{"event":"messages.upsert","data":{"n":1}}]`);
					// Another namespace's event is not ours.
					peer.socket.send('42/other,["messages.upsert",{"event":"messages.upsert","data":{"n":2}}]');
				}
			});
		});
		const { record, handlers } = recorder();
		run(scripted.url, handlers);
		await until(() => record.events.length === 1 && scripted.peers[0]?.frames.includes('3'), 'the event and the pong');
		const [peer] = scripted.peers;
		expect(peer.request.headers.apikey).toBe('k1');
		expect(peer.request.url).toBe('/socket.io/?EIO=4&transport=websocket');
		expect(peer.frames.slice(0, 2)).toEqual([`40${NAMESPACE},`, '3']);
		expect(record.joins).toBe(1);
		expect(record.events).toEqual([['messages.upsert', { event: 'messages.upsert', data: { n: 1 } }]]);
		// Nothing logged carries the key.
		expect(record.logs.join('\n')).not.toContain('k1');
	});

	it('asks again while the server answers "Invalid namespace", on the same connection', async () => {
		let refusals = 0;
		const scripted = await server((peer) => {
			peer.socket.send(OPEN);
			peer.socket.on('message', (data) => {
				if (String(data) !== `40${NAMESPACE},`) return;
				if (refusals < 3) {
					refusals++;
					peer.socket.send(`44${NAMESPACE},{"message":"Invalid namespace"}`);
				} else {
					peer.socket.send(`40${NAMESPACE},{"sid":"s1"}`);
				}
			});
		});
		const { record, handlers } = recorder();
		run(scripted.url, handlers);
		await until(() => record.joins === 1, 'the join');
		expect(scripted.peers).toHaveLength(1);
		expect(scripted.peers[0].frames.filter((frame) => frame === `40${NAMESPACE},`)).toHaveLength(4);
		// Said once, not at every refusal.
		expect(record.logs.filter((line) => line.includes('Invalid namespace'))).toHaveLength(1);
	});

	it('ignores malformed frames and packets and keeps the connection', async () => {
		const scripted = await server((peer) => {
			peer.socket.send(OPEN);
			peer.socket.on('message', (data) => {
				if (String(data) !== `40${NAMESPACE},`) return;
				peer.socket.send(`40${NAMESPACE},{"sid":"s1"}`);
				for (const frame of ['', 'x', '9', '4', '4x', `42${NAMESPACE},{broken`, `42${NAMESPACE},{"not":"an array"}`, `42${NAMESPACE},[]`, `45${NAMESPACE},["x"]`]) {
					peer.socket.send(frame);
				}
				peer.socket.send(Buffer.from([1, 2, 3]));
				peer.socket.send(`42${NAMESPACE},["connection.update",{"event":"connection.update"}]`);
			});
		});
		const { record, handlers } = recorder();
		run(scripted.url, handlers);
		await until(() => record.events.length === 1, 'the valid event');
		expect(record.events[0][0]).toBe('connection.update');
		expect(record.disconnects).toEqual([]);
		expect(record.logs.some((line) => line.startsWith('debug: Ignored'))).toBe(true);
	});

	it('reconnects after the server closes, drops or goes silent, and joins again each time', async () => {
		let connection = 0;
		const scripted = await server((peer) => {
			connection++;
			const mine = connection;
			peer.socket.send(OPEN.replace('25000', '100').replace('20000', '100'));
			peer.socket.on('message', (data) => {
				if (String(data) !== `40${NAMESPACE},`) return;
				peer.socket.send(`40${NAMESPACE},{"sid":"s${mine}"}`);
				if (mine === 1) peer.socket.send('1'); // Engine.IO close
				if (mine === 2) peer.socket.terminate(); // TCP drop
				if (mine === 3) peer.socket.send(`41${NAMESPACE},`); // server leaves the namespace
				// 4: silent (no pings): the watchdog gives up after pingInterval + pingTimeout.
			});
		});
		const { record, handlers } = recorder();
		run(scripted.url, handlers);
		await until(() => record.joins >= 5, 'five joins');
		expect(record.disconnects.slice(0, 4)).toEqual([
			'the server closed the connection',
			expect.stringMatching(/^the connection (closed|failed)/),
			'the server left the namespace',
			expect.stringMatching(/^no sign of life/),
		]);
	});

	it('gives up a handshake that never comes and tries again with backoff', async () => {
		const scripted = await server(); // accepts the WebSocket, never sends the open packet
		const { record, handlers } = recorder();
		run(scripted.url, handlers);
		await until(() => scripted.peers.length >= 2, 'a second attempt');
		expect(record.joins).toBe(0);
		expect(record.disconnects[0]).toMatch(/^no sign of life/);
	});

	it('keeps trying while nothing listens, and stops at once when closed', async () => {
		const scripted = await server();
		const url = scripted.url;
		await scripted.close();
		const { record, handlers } = recorder();
		const { stop } = run(url, handlers);
		await until(() => record.disconnects.length >= 2, 'two failed attempts');
		await stop();
		const attempts = record.disconnects.length;
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(record.disconnects.length).toBe(attempts);
	});

	it('leaves the namespace and closes the connection when aborted', async () => {
		const scripted = await server((peer) => {
			peer.socket.send(OPEN);
			peer.socket.on('message', (data) => {
				if (String(data) === `40${NAMESPACE},`) peer.socket.send(`40${NAMESPACE},{"sid":"s1"}`);
			});
		});
		const { record, handlers } = recorder();
		const controller = new AbortController();
		const outcome = connectOnce({ url: scripted.url, namespace: NAMESPACE, headers: {}, signal: controller.signal, handlers });
		await until(() => record.joins === 1, 'the join');
		controller.abort();
		await expect(outcome).resolves.toEqual({ joined: true, reason: 'closed' });
		await until(() => scripted.peers[0].socket.readyState === scripted.peers[0].socket.CLOSED, 'the close');
		expect(scripted.peers[0].frames).toEqual([`40${NAMESPACE},`, `41${NAMESPACE},`, '1']);
	});
});
