import { sleep } from 'n8n-workflow';

import {
	connectErrorMessage,
	encodeConnect,
	encodeDisconnect,
	encodePong,
	eventOf,
	parseEnginePacket,
	parseSocketPacket,
} from './protocol';

/*
 * A socket.io client for one namespace of an Evolution API server, on Node's built-in
 * WebSocket (Node 22 and later; no client library, so no runtime dependency). It connects,
 * joins the namespace, answers the server's pings, reconnects with backoff after any failure
 * and retries the join while the server says "Invalid namespace" (Evolution creates an
 * instance's namespace only when it first emits an event for it). Every wait is n8n-workflow's
 * `sleep`, cut short by the abort signal.
 */

export type SocketLogLevel = 'debug' | 'info' | 'warn';

export interface SocketHandlers {
	/** The namespace was joined: on the first connection and after every gap. */
	onJoin(): void;
	/** An event the server emitted to the namespace: its name and payload, as received. */
	onEvent(name: string, payload: unknown): void;
	/** The connection was lost (or never made); the client tries again by itself. */
	onDisconnect?(reason: string): void;
	/** Lines worth logging. They never contain a key: the key is sent in a header only. */
	log(level: SocketLogLevel, message: string): void;
}

export interface SocketOptions {
	/** ws:// or wss:// address from socketUrl(). */
	url: string;
	/** e.g. /my-instance */
	namespace: string;
	/** Sent with the upgrade request (Evolution reads `apikey`). */
	headers: Record<string, string>;
	/** Aborting it closes the connection and ends the loop. */
	signal: AbortSignal;
	handlers: SocketHandlers;
	/** First wait after a failure; doubled up to maxDelayMs; back to the first after a join. */
	initialDelayMs?: number;
	maxDelayMs?: number;
	/** Wait before asking again for a namespace the server does not have yet. */
	namespaceRetryMs?: number;
	/** Give up a connection that has not finished its handshake after this long. */
	handshakeTimeoutMs?: number;
}

/**
 * The defaults of the waits above. Mutable for tests only, which shorten them; the node never
 * changes them.
 */
export const SOCKET_TIMINGS = {
	initialDelayMs: 1_000,
	maxDelayMs: 30_000,
	namespaceRetryMs: 5_000,
	handshakeTimeoutMs: 20_000,
};

/** Resolves after `ms` or as soon as the signal aborts; never rejects. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return;
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		// n8n-workflow's sleep takes the signal since 2.x; racing it keeps older versions prompt too.
		await Promise.race([sleep(ms, signal).catch(() => undefined), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

/** Whether this Node.js has the WebSocket client the socket mode needs (Node 22 and later). */
export function hasWebSocket(): boolean {
	return typeof WebSocket === 'function';
}

export interface ConnectionOutcome {
	/** The namespace was joined during this connection. */
	joined: boolean;
	reason: string;
}

/** One connection, from the handshake until it closes for any reason. */
export async function connectOnce(options: SocketOptions): Promise<ConnectionOutcome> {
	const { handlers, namespace, signal } = options;
	const namespaceRetryMs = options.namespaceRetryMs ?? SOCKET_TIMINGS.namespaceRetryMs;
	if (signal.aborted) return { joined: false, reason: 'closed' };

	return await new Promise<ConnectionOutcome>((resolve) => {
		const local = new AbortController();
		let joined = false;
		let settled = false;
		let lastFrameAt = Date.now();
		// Until the open packet: the handshake timeout; then the server's own pingInterval + pingTimeout.
		let silenceLimitMs = options.handshakeTimeoutMs ?? SOCKET_TIMINGS.handshakeTimeoutMs;
		let namespaceRefusals = 0;
		let socket: WebSocket | undefined;

		const send = (frame: string) => {
			if (socket && socket.readyState === socket.OPEN) socket.send(frame);
		};
		const finish = (reason: string) => {
			if (settled) return;
			settled = true;
			signal.removeEventListener('abort', onAbort);
			local.abort();
			try {
				if (socket && socket.readyState !== socket.CLOSED) socket.close(1000);
			} catch {
				// Closing a socket that is still connecting can throw; it is dropped either way.
			}
			resolve({ joined, reason });
		};
		const onAbort = () => {
			// A clean leave: the server logs the client as gone instead of waiting for a timeout.
			if (joined) send(encodeDisconnect(namespace));
			send('1');
			finish('closed');
		};
		signal.addEventListener('abort', onAbort, { once: true });

		const join = async (delayMs: number) => {
			if (delayMs > 0) await pause(delayMs, local.signal);
			if (!local.signal.aborted) send(encodeConnect(namespace));
		};

		const onFrame = (frame: unknown) => {
			lastFrameAt = Date.now();
			const engine = parseEnginePacket(frame);
			if (!engine) {
				handlers.log('debug', `Ignored a frame that is not an Engine.IO packet (${describeFrame(frame)})`);
				return;
			}
			switch (engine.type) {
				case 'open':
					silenceLimitMs = engine.pingInterval + engine.pingTimeout;
					void join(0);
					return;
				case 'ping':
					send(encodePong(engine.data));
					return;
				case 'close':
					finish('the server closed the connection');
					return;
				case 'message':
					break;
				default:
					return;
			}
			const packet = parseSocketPacket(engine.data);
			if (!packet) {
				handlers.log('debug', `Ignored a malformed Socket.IO packet (${describeFrame(engine.data)})`);
				return;
			}
			if (packet.namespace !== namespace) return;
			switch (packet.type) {
				case 'connect':
					namespaceRefusals = 0;
					joined = true;
					handlers.onJoin();
					return;
				case 'connectError': {
					const message = connectErrorMessage(packet);
					namespaceRefusals++;
					// Expected until the server emits its first event for the instance: say it once.
					if (namespaceRefusals === 1) {
						handlers.log(
							/invalid namespace/i.test(message) ? 'info' : 'warn',
							`The server refused the namespace ${namespace} ("${message.slice(0, 200)}"); asking again every ${Math.round(namespaceRetryMs / 1000)} s`,
						);
					}
					void join(namespaceRetryMs);
					return;
				}
				case 'disconnect':
					finish('the server left the namespace');
					return;
				case 'event': {
					const event = eventOf(packet);
					if (event && joined) handlers.onEvent(event.name, event.payload);
					return;
				}
				default:
					// ACKs and binary packets: Evolution sends none; nothing to answer.
					return;
			}
		};

		try {
			socket = new WebSocket(options.url, { headers: options.headers });
		} catch (error) {
			finish(`could not open the connection: ${(error as Error).message}`);
			return;
		}
		socket.onmessage = (event: MessageEvent) => onFrame(event.data);
		socket.onclose = (event: CloseEvent) => finish(`the connection closed (code ${event.code})`);
		// The error event carries no useful detail (and no address); the close event follows.
		socket.onerror = () => finish('the connection failed');

		// Watchdog: the server pings every pingInterval; silence longer than pingInterval +
		// pingTimeout means the connection is dead even if TCP has not noticed.
		void (async () => {
			while (!local.signal.aborted) {
				await pause(Math.min(5_000, silenceLimitMs), local.signal);
				if (!local.signal.aborted && Date.now() - lastFrameAt > silenceLimitMs) {
					finish(`no sign of life from the server for ${Math.round(silenceLimitMs / 1000)} s`);
				}
			}
		})();
	});
}

/**
 * Keeps one namespace joined until the signal aborts: connects, and after any failure waits
 * (1 s, 2 s, 4 s … up to 30 s, with jitter) and connects again. Resolves once closed.
 */
export async function runSocket(options: SocketOptions): Promise<void> {
	const initial = options.initialDelayMs ?? SOCKET_TIMINGS.initialDelayMs;
	const max = options.maxDelayMs ?? SOCKET_TIMINGS.maxDelayMs;
	let delay = initial;
	let failures = 0;
	while (!options.signal.aborted) {
		const outcome = await connectOnce(options);
		if (options.signal.aborted) break;
		if (outcome.joined) {
			delay = initial;
			failures = 0;
		}
		failures++;
		options.handlers.onDisconnect?.(outcome.reason);
		// The first failures are routine (a server restart); a long outage is worth a warning.
		options.handlers.log(
			failures === 5 ? 'warn' : 'debug',
			`WebSocket to Evolution API: ${outcome.reason}; connecting again in ${Math.round(delay / 1000)} s`,
		);
		await pause(delay * (0.8 + Math.random() * 0.4), options.signal);
		delay = Math.min(delay * 2, max);
	}
}

function describeFrame(frame: unknown): string {
	if (typeof frame !== 'string') return 'binary frame';
	return `${frame.length} characters`;
}
