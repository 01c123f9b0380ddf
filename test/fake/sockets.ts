/**
 * The socket.io side of the fake, as WebsocketController (websocket.controller.ts) does it with
 * WEBSOCKET_ENABLED=true: a socket.io 4 server on the same HTTP server, the allowRequest check
 * (loopback clients let in without a key unless allowedHosts says otherwise; otherwise the
 * global key or any instance's token, in the query or the `apikey` header), and one namespace
 * per instance, created by the first event emitted to it (a client asking for it earlier gets
 * CONNECT_ERROR "Invalid namespace"). Nothing is buffered: events emitted while no client is
 * joined are lost, as on the real server.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';

import { Server as SocketIOServer, type Namespace } from 'socket.io';

import type { FakeState } from './state';

export interface SocketHubOptions {
	apiKey: string;
	state: FakeState;
	/** WEBSOCKET_ENABLED, read on every connection and emit. */
	enabled: () => boolean;
	/** WEBSOCKET_ALLOWED_HOSTS; default the server's: 127.0.0.1, ::1, ::ffff:127.0.0.1. */
	allowedHosts?: string[];
	log?: (line: string) => void;
}

const DEFAULT_ALLOWED_HOSTS = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

export class SocketHub {
	private io: SocketIOServer | undefined;
	/** Every socket.io message sent, newest last (tests). */
	readonly sent: Array<{ instance: string; event: string; clients: number }> = [];

	constructor(private readonly options: SocketHubOptions) {}

	attach(server: HttpServer): void {
		this.io = new SocketIOServer(server, {
			cors: { origin: '*' },
			allowRequest: (request, callback) => callback(this.refusal(request), this.refusal(request) === null),
		});
		this.io.on('connection', () => this.options.log?.('fake: socket.io main namespace connection'));
	}

	/** Why a connection is refused (null: accepted), as the real allowRequest decides. */
	private refusal(request: IncomingMessage): string | null {
		if (!this.options.enabled()) return 'websocket disabled';
		const url = new URL(request.url ?? '', 'http://localhost');
		const allowed = this.options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS;
		if (url.searchParams.has('EIO') && allowed.includes(request.socket.remoteAddress ?? '')) return null;
		const header = request.headers.apikey;
		const apiKey = url.searchParams.get('apikey') ?? (Array.isArray(header) ? header[0] : header);
		if (!apiKey) return 'apiKey is required';
		if (apiKey === this.options.apiKey || this.options.state.findInstanceByToken(apiKey).length > 0) return null;
		return 'Invalid global token';
	}

	/** The allowed hosts in force (tests change them to exercise the key check). */
	setAllowedHosts(hosts: string[] | undefined): void {
		this.options.allowedHosts = hosts;
	}

	/** WebsocketController.emit: to /<instance> when its websocket row is enabled with the event. */
	emit(instance: string, event: string, normalized: string, message: Record<string, unknown>): void {
		if (!this.io || !this.options.enabled()) return;
		const row = this.options.state.eventConfigs.websocket.get(instance);
		if (row?.enabled !== true || !Array.isArray(row.events) || !row.events.includes(normalized)) return;
		const namespace = this.io.of(`/${instance}`);
		this.sent.push({ instance, event, clients: namespace.sockets.size });
		namespace.emit(event, message);
	}

	/** What the server's first emit for an instance does to the namespace, without an event (tests). */
	createNamespace(instance: string): void {
		this.io?.of(`/${instance}`);
	}

	/** Sends a message to an instance's namespace as it is, whatever the event list says (tests). */
	emitRaw(instance: string, event: string, message: unknown): void {
		this.io?.of(`/${instance}`).emit(event, message);
	}

	/** Clients joined to an instance's namespace (0 when it does not exist yet). */
	clients(instance: string): number {
		return this.existing(`/${instance}`)?.sockets.size ?? 0;
	}

	/** A server restart: every client dropped, every namespace forgotten. */
	reset(): void {
		if (!this.io) return;
		const namespaces = (this.io as unknown as { _nsps: Map<string, Namespace> })._nsps;
		for (const [name, namespace] of namespaces) {
			namespace.disconnectSockets(true);
			if (name !== '/') namespaces.delete(name);
		}
		this.io.disconnectSockets(true);
		this.sent.length = 0;
	}

	/** Closes the socket.io server (not the HTTP server it is attached to). */
	close(): void {
		this.io?.disconnectSockets(true);
		for (const client of Object.values((this.io?.engine as unknown as { clients?: Record<string, { close(): void }> })?.clients ?? {})) {
			client.close();
		}
	}

	private existing(name: string): Namespace | undefined {
		return (this.io as unknown as { _nsps: Map<string, Namespace> } | undefined)?._nsps.get(name);
	}
}
