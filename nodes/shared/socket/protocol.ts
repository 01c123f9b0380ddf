/*
 * The slice of Engine.IO 4 and Socket.IO 5 that Evolution API's websocket integration uses
 * (socket.io 4.8 on the server), as pure functions: text frames only, no long-polling, no
 * binary attachments, no acknowledgements.
 *
 *   Engine.IO frame:  <type digit><data>      0 open, 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop
 *   Socket.IO packet: inside a "4" frame: <type digit>[<attachments>-][/<namespace>,][<ack id>][<JSON>]
 *                     0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 CONNECT_ERROR, 5 BINARY_EVENT, 6 BINARY_ACK
 *
 * Everything the server sends is untrusted: the parsers return undefined for anything malformed
 * instead of throwing.
 */

export type EnginePacket =
	| { type: 'open'; sid: string; pingInterval: number; pingTimeout: number }
	| { type: 'close' }
	| { type: 'ping'; data: string }
	| { type: 'pong'; data: string }
	| { type: 'message'; data: string }
	| { type: 'upgrade' }
	| { type: 'noop' };

export type SocketPacketType = 'connect' | 'disconnect' | 'event' | 'ack' | 'connectError' | 'binaryEvent' | 'binaryAck';

export interface SocketPacket {
	type: SocketPacketType;
	/** "/" for the main namespace. */
	namespace: string;
	/** Acknowledgement id, when the packet asks for one. */
	id?: number;
	/** The JSON payload, parsed; undefined when there is none. */
	data?: unknown;
}

const SOCKET_TYPES: SocketPacketType[] = ['connect', 'disconnect', 'event', 'ack', 'connectError', 'binaryEvent', 'binaryAck'];

/** Defaults of socket.io 4 (pingInterval 25 s, pingTimeout 20 s), used until the open packet says otherwise. */
export const DEFAULT_PING_INTERVAL_MS = 25_000;
export const DEFAULT_PING_TIMEOUT_MS = 20_000;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

const positiveInt = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/** One Engine.IO 4 text frame; undefined when it is not one. */
export function parseEnginePacket(frame: unknown): EnginePacket | undefined {
	if (typeof frame !== 'string' || frame === '') return undefined;
	const data = frame.slice(1);
	switch (frame[0]) {
		case '0': {
			const parsed = parseJson(data);
			if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.sid !== 'string') return undefined;
			return {
				type: 'open',
				sid: parsed.value.sid,
				pingInterval: positiveInt(parsed.value.pingInterval) ?? DEFAULT_PING_INTERVAL_MS,
				pingTimeout: positiveInt(parsed.value.pingTimeout) ?? DEFAULT_PING_TIMEOUT_MS,
			};
		}
		case '1':
			return { type: 'close' };
		case '2':
			return { type: 'ping', data };
		case '3':
			return { type: 'pong', data };
		case '4':
			return { type: 'message', data };
		case '5':
			return { type: 'upgrade' };
		case '6':
			return { type: 'noop' };
		default:
			return undefined;
	}
}

/** One Socket.IO 5 packet (the data of an Engine.IO message); undefined when malformed. */
export function parseSocketPacket(text: unknown): SocketPacket | undefined {
	if (typeof text !== 'string' || text === '') return undefined;
	const typeIndex = Number(text[0]);
	const type = /^\d$/.test(text[0]) ? SOCKET_TYPES[typeIndex] : undefined;
	if (type === undefined) return undefined;
	let rest = text.slice(1);

	if (type === 'binaryEvent' || type === 'binaryAck') {
		const match = /^(\d+)-/.exec(rest);
		if (!match) return undefined;
		rest = rest.slice(match[0].length);
	}

	let namespace = '/';
	if (rest.startsWith('/')) {
		const comma = rest.indexOf(',');
		namespace = comma === -1 ? rest : rest.slice(0, comma);
		rest = comma === -1 ? '' : rest.slice(comma + 1);
	}

	let id: number | undefined;
	const idMatch = /^\d+/.exec(rest);
	if (idMatch) {
		id = Number(idMatch[0]);
		if (!Number.isSafeInteger(id)) return undefined;
		rest = rest.slice(idMatch[0].length);
	}

	let data: unknown;
	if (rest !== '') {
		const parsed = parseJson(rest);
		if (!parsed.ok) return undefined;
		data = parsed.value;
	}

	// Shapes the protocol requires.
	if ((type === 'event' || type === 'binaryEvent') && (!Array.isArray(data) || data.length === 0 || typeof data[0] !== 'string')) {
		return undefined;
	}
	if (type === 'connectError' && data !== undefined && !isObject(data) && typeof data !== 'string') return undefined;
	return id === undefined ? { type, namespace, data } : { type, namespace, id, data };
}

/** The namespace Evolution API emits an instance's events to. */
export function instanceNamespace(instance: string): string {
	return `/${instance}`;
}

/**
 * Why an instance name cannot be used as a namespace, or undefined. A "," ends the namespace
 * in a packet, so such a name can never be joined (socket.io's own client has the same limit).
 */
export function namespaceProblem(instance: string): string | undefined {
	if (instance.includes(',')) return 'contains a comma, which the socket.io protocol cannot carry in a namespace';
	return undefined;
}

/** Engine.IO frames a client sends. */
export const encodePong = (data = ''): string => `3${data}`;

/** CONNECT to a namespace: `40/<instance>,`. */
export function encodeConnect(namespace: string): string {
	return namespace === '/' ? '40' : `40${namespace},`;
}

/** DISCONNECT from a namespace: `41/<instance>,`. */
export function encodeDisconnect(namespace: string): string {
	return namespace === '/' ? '41' : `41${namespace},`;
}

/**
 * The websocket address of a server: `https://host/base` → `wss://host/base/socket.io/?EIO=4&transport=websocket`.
 * No credentials in it: the key goes into a header, so the address can be logged.
 */
export function socketUrl(serverUrl: string): string {
	const url = new URL(serverUrl);
	url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/socket.io/`;
	url.search = '?EIO=4&transport=websocket';
	url.hash = '';
	url.username = '';
	url.password = '';
	return url.toString();
}

/** The event of an EVENT packet: its name and first argument. */
export function eventOf(packet: SocketPacket): { name: string; payload: unknown } | undefined {
	if (packet.type !== 'event' || !Array.isArray(packet.data) || typeof packet.data[0] !== 'string') return undefined;
	return { name: packet.data[0], payload: packet.data[1] };
}

/** The message of a CONNECT_ERROR packet (e.g. "Invalid namespace"). */
export function connectErrorMessage(packet: SocketPacket): string {
	const data = packet.data;
	if (typeof data === 'string') return data;
	if (isObject(data) && typeof data.message === 'string') return data.message;
	return 'connection to the namespace refused';
}
