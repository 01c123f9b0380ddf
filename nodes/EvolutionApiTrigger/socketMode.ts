import type { IDataObject, INodeExecutionData, ITriggerFunctions, ITriggerResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { normalizeServerUrl } from '../shared/credential';
import { redactSecrets } from '../shared/errors';
import { resolveInstance } from '../shared/instance';
import { hasWebSocket, pause, runSocket, type SocketLogLevel } from '../shared/socket/client';
import { instanceNamespace, namespaceProblem, socketUrl } from '../shared/socket/protocol';
import { evolutionApiRequest, readCredentials } from '../shared/transport';
import type { EvolutionEnvelope } from '../shared/triggerEvent';
import {
	buildItem,
	readEmitSettings,
	readEnvelope,
	resumedWaitingExecution,
	screenEvent,
	type EmitSettings,
	type ScreenedEvent,
} from './item';
import { checkOptions } from './lifecycle';

/*
 * WebSocket connection mode: an outbound socket.io connection from n8n to Evolution API, so
 * n8n needs no public URL and any number of workflows can listen to one instance (every client
 * of a namespace receives every event). The instance's webhook is never touched.
 *
 * Delivery guarantees. Evolution buffers nothing for socket clients: whatever it emits while a
 * client is not joined is gone. Incoming messages are also stored by the server, so after
 * every gap (first connection, reconnection, server restart) they are fetched from
 * /chat/findMessages and emitted once, oldest first, before live events go on (marked
 * `caughtUp: true`). Every other event is at most once in this mode.
 */

const MESSAGES_UPSERT = 'MESSAGES_UPSERT';
/** findMessages pages: 100 records each, at most 20 pages (2,000 messages) per gap. */
const CATCH_UP_PAGE_SIZE = 100;
const CATCH_UP_MAX_PAGES = 20;
/** Timeout of the requests made while connected (event list re-checks, catch-up pages). */
const BACKGROUND_TIMEOUT_MS = 30_000;
/** How long closing waits for work in progress. */
const CLOSE_GRACE_MS = 2_000;
/** Message ids remembered to emit each message once (live and caught up). */
const SEEN_LIMIT = 5_000;
/** The window of a catch-up ends this far in the future (clock differences with WhatsApp). */
const CATCH_UP_AHEAD_SECONDS = 300;

type Emit = (item: INodeExecutionData) => void;

/** Text for the errors that say the server has websockets switched off. */
const WEBSOCKET_DISABLED = {
	message: 'WebSockets are switched off on this Evolution API server',
	description:
		'Start the server with WEBSOCKET_ENABLED=true (and restart it), or set this trigger\'s Connection Mode to Webhook.',
};

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Makes sure the instance's websocket is enabled with every event this node needs. The server
 * keeps ONE list per instance and /websocket/set replaces it: the list sent is the union of
 * what is there and what this node needs, so an event another listener relies on is never
 * removed. Returns the server's list afterwards.
 */
export async function enableSocketEvents(
	context: ITriggerFunctions,
	instance: string,
	events: string[],
	{ background = false }: { background?: boolean } = {},
): Promise<string[]> {
	const path = (action: 'find' | 'set') => `/websocket/${action}/${encodeURIComponent(instance)}`;
	const timeout = background ? BACKGROUND_TIMEOUT_MS : undefined;
	const found = await evolutionApiRequest.call(context, {
		method: 'GET',
		path: path('find'),
		instance,
		allowEmpty: true,
		sendKeyDirectly: background,
		timeout,
	});
	// An empty body is what 2.3.6 answers when WEBSOCKET_ENABLED is not true; null: no row yet.
	if (found.body === undefined) throw new NodeOperationError(context.getNode(), WEBSOCKET_DISABLED.message, { description: WEBSOCKET_DISABLED.description });
	const row = isObject(found.body) ? found.body : undefined;
	const existing = row && Array.isArray(row.events) ? row.events.map(String) : [];
	if (row?.enabled === true && events.every((event) => existing.includes(event))) return existing;

	const union = [...new Set([...existing, ...events])].sort();
	let set: Awaited<ReturnType<typeof evolutionApiRequest>>;
	try {
		set = await evolutionApiRequest.call(context, {
			method: 'POST',
			path: path('set'),
			instance,
			body: { websocket: { enabled: true, events: union } },
			allowEmpty: true,
			sendKeyDirectly: background,
			timeout,
		});
	} catch (error) {
		if (!/Invalid URL/.test((error as Error).message)) {
			// Already the transport's explained error: wrapping hands it on unchanged.
			if (error instanceof NodeApiError) throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(context.getNode(), error as Error);
		}
		// Evolution API 2.3.6 on Node 24 (its official image): its event schema's bare-UUID $id
		// cannot be resolved there, so /websocket/set fails whatever is sent (measured).
		const missing = events.filter((event) => !existing.includes(event));
		throw new NodeOperationError(
			context.getNode(),
			`Evolution API could not switch on the websocket events of instance "${instance}" ("Invalid URL")`,
			{
				description: `A known Evolution API 2.3.6 bug when the server runs on Node 24, as its official Docker image does: /websocket/set fails whatever is sent. Switch the events on for the instance another way (create it with "websocket": {"enabled": true, "events": [...]} in /instance/create, or run the server on Node 20 once and activate this workflow), or use Connection Mode Webhook. Events missing: ${(row?.enabled === true ? missing : events).join(', ')}.`,
			},
		);
	}
	if (set.body === undefined) throw new NodeOperationError(context.getNode(), WEBSOCKET_DISABLED.message, { description: WEBSOCKET_DISABLED.description });
	return union;
}

/** A bounded set of message ids, oldest forgotten first. */
class SeenIds {
	private readonly ids = new Set<string>();

	has(id: string): boolean {
		return this.ids.has(id);
	}

	add(id: string): void {
		this.ids.add(id);
		if (this.ids.size > SEEN_LIMIT) {
			const oldest = this.ids.values().next().value;
			if (oldest !== undefined) this.ids.delete(oldest);
		}
	}
}

function timestampOf(record: IDataObject): number | undefined {
	const value = record.messageTimestamp;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

/** `remoteJid/id` of a message record; undefined when it has no id. */
function messageIdOf(record: unknown): string | undefined {
	if (!isObject(record) || !isObject(record.key)) return undefined;
	const id = record.key.id;
	if (typeof id !== 'string' || id === '') return undefined;
	return `${typeof record.key.remoteJid === 'string' ? record.key.remoteJid : ''}/${id}`;
}

/** A stored message (findMessages record) in the shape of a messages.upsert event's data. */
function upsertDataOf(record: IDataObject): IDataObject {
	const data: IDataObject = { ...record };
	const updates = data.MessageUpdate;
	delete data.MessageUpdate;
	if (data.status === undefined && Array.isArray(updates) && updates.length > 0) {
		const last = updates[updates.length - 1];
		if (isObject(last) && typeof last.status === 'string') data.status = last.status;
	}
	return data;
}

export interface SocketSession {
	instance: string;
	/** The node's selection and options. */
	settings: EmitSettings;
	/** Seconds: messages at or after this are caught up after the first connection. */
	startSeconds: number;
	emit: Emit;
	/** The output item of a screened event (buildItem with the trigger's context). */
	buildItem(screened: ScreenedEvent): Promise<INodeExecutionData>;
	/** Whether the event is a chat reply that resumed a waiting Send and Wait execution (not emitted then). */
	resumedWaitingExecution(envelope: EvolutionEnvelope): Promise<boolean>;
	log(level: SocketLogLevel, message: string): void;
	/** POST /chat/findMessages/{instance} with this body; returns the answer's body. */
	findMessages(body: IDataObject): Promise<unknown>;
	/** Called on every join before the catch-up (re-checks the websocket's event list). */
	ensureEvents(): Promise<void>;
	isClosed(): boolean;
	/** Aborted when the trigger closes (cuts the wait before a catch-up is tried again). */
	signal: AbortSignal;
}

/** Wait before trying a failed catch-up again on the same connection. */
export const CATCH_UP_RETRY = { delayMs: 10_000 };

/**
 * The trigger's side of a socket connection: turns joins and events into emitted items, in
 * order. Work is chained: the catch-up started by a join runs before the live events received
 * after it, which wait for it.
 */
export class SocketEventProcessor {
	private chain: Promise<void> = Promise.resolve();
	private readonly seen = new SeenIds();
	/** Newest messageTimestamp of a message seen (live or caught up), in seconds. */
	private cursor: number | undefined;
	/** From the last live envelope: filled into caught-up items like a live event would carry them. */
	private sender: string | undefined;
	private serverUrl: string | undefined;
	/**
	 * Start (seconds) of a gap not filled yet. Kept until a catch-up succeeds, so live messages
	 * that move the cursor on cannot hide the messages of a gap whose catch-up failed.
	 */
	private gapSince: number | undefined;

	constructor(private readonly session: SocketSession) {}

	/** Resolves once everything queued so far is done (tests, close). */
	async idle(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.chain;
			await current;
		} while (current !== this.chain);
	}

	onJoin(): void {
		this.enqueue(async () => {
			try {
				await this.session.ensureEvents();
			} catch (error) {
				this.session.log('warn', `Could not check the websocket events of instance "${this.session.instance}": ${(error as Error).message}`);
			}
			this.gapSince ??= this.cursor ?? this.session.startSeconds;
			await this.fillGap();
		});
	}

	private async fillGap(): Promise<void> {
		const since = this.gapSince;
		if (since === undefined || this.session.isClosed()) return;
		try {
			await this.catchUp(since);
			if (this.gapSince === since) this.gapSince = undefined;
		} catch (error) {
			this.session.log(
				'warn',
				`Evolution API Trigger could not fetch the messages of instance "${this.session.instance}" that arrived while not connected (${(error as Error).message}); trying again in ${Math.round(CATCH_UP_RETRY.delayMs / 1000)} s`,
			);
			void pause(CATCH_UP_RETRY.delayMs, this.session.signal).then(() => {
				if (!this.session.isClosed()) this.enqueue(async () => await this.fillGap());
			});
		}
	}

	onEvent(name: string, payload: unknown): void {
		this.enqueue(async () => await this.live(name, payload));
	}

	private enqueue(task: () => Promise<void>): void {
		this.chain = this.chain.then(task).catch((error: unknown) => {
			this.session.log('warn', `Evolution API Trigger could not handle a socket event: ${(error as Error).message}`);
		});
	}

	private async live(name: string, payload: unknown): Promise<void> {
		if (this.session.isClosed()) return;
		// The apikey (the instance's token) goes first, before anything reads the event.
		const envelope = readEnvelope(payload);
		if (!envelope) {
			this.session.log('debug', `Ignored a socket event "${name.slice(0, 60)}" without an Evolution envelope`);
			return;
		}
		if (typeof envelope.sender === 'string') this.sender = envelope.sender;
		if (typeof envelope.server_url === 'string') this.serverUrl = envelope.server_url;
		if (envelope.instance !== undefined && envelope.instance !== this.session.instance) return;

		if (envelope.event === 'messages.upsert' && isObject(envelope.data)) {
			const id = messageIdOf(envelope.data);
			const timestamp = timestampOf(envelope.data);
			if (timestamp !== undefined) this.cursor = Math.max(this.cursor ?? 0, timestamp);
			if (id !== undefined) {
				if (this.seen.has(id)) return;
				this.seen.add(id);
			}
		}
		await this.emitEnvelope(envelope, false);
	}

	private async emitEnvelope(envelope: EvolutionEnvelope, caughtUp: boolean): Promise<void> {
		if (await this.session.resumedWaitingExecution(envelope)) return;
		const screened = screenEvent(envelope, this.session.settings);
		if ('drop' in screened) return;
		const item = await this.session.buildItem(screened);
		if (caughtUp) item.json.caughtUp = true;
		if (!this.session.isClosed()) this.session.emit(item);
	}

	/**
	 * Emits the incoming messages stored since `since` (the newest message seen before the gap,
	 * or the trigger's start on the first connection), oldest first, each once.
	 */
	private async catchUp(since: number): Promise<void> {
		if (!this.session.settings.events.includes(MESSAGES_UPSERT) || this.session.isClosed()) return;
		const until = Math.floor(Date.now() / 1000) + CATCH_UP_AHEAD_SECONDS;
		const records: IDataObject[] = [];
		let complete = false;
		for (let page = 1; page <= CATCH_UP_MAX_PAGES; page++) {
			const body = await this.session.findMessages({
				where: { messageTimestamp: { gte: new Date(since * 1000).toISOString(), lte: new Date(until * 1000).toISOString() } },
				page,
				offset: CATCH_UP_PAGE_SIZE,
			});
			const messages = isObject(body) && isObject(body.messages) ? body.messages : undefined;
			const pageRecords = Array.isArray(messages?.records) ? messages.records.filter(isObject) : [];
			records.push(...pageRecords);
			const pages = typeof messages?.pages === 'number' ? messages.pages : page;
			if (pageRecords.length < CATCH_UP_PAGE_SIZE || page >= pages) {
				complete = true;
				break;
			}
		}
		if (!complete) {
			this.session.log('warn', `More than ${CATCH_UP_PAGE_SIZE * CATCH_UP_MAX_PAGES} messages arrived on instance "${this.session.instance}" during a gap; only the newest are caught up`);
		}
		// The server sorts newest first, by whole seconds: oldest first here. Within one second the
		// server's order is kept (the stored order; nothing finer is recorded).
		const ordered = records.map((record, index) => ({ record, index, timestamp: timestampOf(record) ?? 0 }));
		ordered.sort((a, b) => a.timestamp - b.timestamp || a.index - b.index);
		let emitted = 0;
		for (const { record, timestamp } of ordered) {
			if (this.session.isClosed()) return;
			const id = messageIdOf(record);
			if (id === undefined || this.seen.has(id)) continue;
			this.seen.add(id);
			this.cursor = Math.max(this.cursor ?? 0, timestamp);
			// Incoming messages only: the instance's own messages (phone or API) are not caught up.
			if (isObject(record.key) && record.key.fromMe === true) continue;
			const envelope: EvolutionEnvelope = {
				event: 'messages.upsert',
				instance: this.session.instance,
				data: upsertDataOf(record),
				...(this.sender ? { sender: this.sender } : {}),
				...(this.serverUrl ? { server_url: this.serverUrl } : {}),
			};
			await this.emitEnvelope(envelope, true);
			emitted++;
		}
		if (emitted > 0) this.session.log('info', `Evolution API Trigger caught up ${emitted} message(s) of instance "${this.session.instance}" that arrived while not connected`);
	}
}

/** trigger() in WebSocket mode. */
export async function socketTrigger(context: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = context.getNode();
	if (!hasWebSocket()) {
		throw new NodeOperationError(node, 'This Node.js has no built-in WebSocket client', {
			description: 'WebSocket mode needs Node.js 22 or later (n8n 2.x runs on it). Use the Webhook connection mode on older versions.',
		});
	}
	const instance = await resolveInstance.call(context, 0);
	const problem = namespaceProblem(instance);
	if (problem) {
		throw new NodeOperationError(node, `The instance name "${instance}" ${problem}`, {
			description: 'Use the Webhook connection mode for this instance, or rename the instance.',
		});
	}
	const settings = readEmitSettings(context);
	checkOptions(context, { events: settings.events, options: settings.options, base64: settings.options.downloadMedia === true });

	const credentials = await readCredentials.call(context);
	const serverUrl = normalizeServerUrl(credentials.serverUrl);
	if (!serverUrl) {
		throw new NodeOperationError(node, 'The credential\'s Server URL is not a valid URL', {
			description: 'Enter the base URL of the Evolution API server, e.g. https://evolution.example.com',
		});
	}
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const secrets = [apiKey];
	const log = (level: SocketLogLevel, message: string) => {
		const line = redactSecrets(message, secrets);
		if (level === 'warn') context.logger.warn(line);
		else if (level === 'info') context.logger.info(line);
		else context.logger.debug(line);
	};

	await enableSocketEvents(context, instance, settings.events);

	const controller = new AbortController();
	const processor = new SocketEventProcessor({
		instance,
		settings,
		startSeconds: Math.floor(Date.now() / 1000),
		// context.emit is looked up on every call: in a manual run n8n replaces it after trigger() returns.
		emit: (item) => context.emit([[item]]),
		buildItem: async (screened) => await buildItem(context, screened, settings.options),
		resumedWaitingExecution: async (envelope) =>
			await resumedWaitingExecution(context, envelope, settings, { background: true }),
		log,
		// Requests from here on run after trigger() returned: see sendKeyDirectly in transport.ts.
		findMessages: async (body) =>
			(
				await evolutionApiRequest.call(context, {
					method: 'POST',
					path: `/chat/findMessages/${encodeURIComponent(instance)}`,
					instance,
					body,
					sendKeyDirectly: true,
					timeout: BACKGROUND_TIMEOUT_MS,
				})
			).body,
		ensureEvents: async () => {
			await enableSocketEvents(context, instance, settings.events, { background: true });
		},
		isClosed: () => controller.signal.aborted,
		signal: controller.signal,
	});

	const url = socketUrl(serverUrl);
	const running = runSocket({
		url,
		namespace: instanceNamespace(instance),
		headers: apiKey ? { apikey: apiKey } : {},
		signal: controller.signal,
		handlers: {
			onJoin: () => {
				log('debug', `Evolution API Trigger joined the namespace of instance "${instance}" at ${url}`);
				processor.onJoin();
			},
			onEvent: (name, payload) => processor.onEvent(name, payload),
			log,
		},
	});

	// /websocket/set has no compare-and-swap: a listener activated at the same moment may have
	// replaced the list between our read and our write. Look once more shortly after.
	void pause(1_000 + Math.random() * 2_000, controller.signal).then(async () => {
		if (controller.signal.aborted) return;
		try {
			await enableSocketEvents(context, instance, settings.events, { background: true });
		} catch (error) {
			log('warn', `Could not check the websocket events of instance "${instance}": ${(error as Error).message}`);
		}
	});

	return {
		// Deactivation (or the end of a test run): leave the namespace and close the socket. The
		// instance's websocket events stay enabled on purpose: other workflows (or other tools)
		// may listen to the same instance, and the server keeps one shared list.
		closeFunction: async () => {
			controller.abort();
			await running;
			// Work in progress emits nothing more (isClosed); do not hold the deactivation for a
			// request that may still take its timeout.
			await Promise.race([processor.idle(), pause(CLOSE_GRACE_MS, new AbortController().signal)]);
		},
	};
}
