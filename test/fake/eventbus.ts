/**
 * Event emission as ChannelStartupService.sendDataWebhook → EventManager.emit → WebhookController
 * does it (channel.service.ts:434, webhook.controller.ts:57-199): the envelope is built once per
 * event, then sent to the instance webhook (when enabled, subscribed and http(s)) and to the
 * global webhook (env-like option: no custom headers, no JWT).
 */
import { loadCatalogue } from './catalogue';
import { deliveryHeaders, WebhookDeliverer, type DeliveryTarget, type RetryPolicy } from './delivery';
import type { ConnectionState, FakeState, InstanceRecord, Row } from './state';

/** WEBHOOK_GLOBAL_* of the real server. */
export interface GlobalWebhookConfig {
	/** WEBHOOK_GLOBAL_URL. */
	url: string;
	/** WEBHOOK_GLOBAL_WEBHOOK_BY_EVENTS. */
	byEvents?: boolean;
	/** The WEBHOOK_EVENTS_<NAME> switched on (upper-case names); default: all of them. */
	events?: string[];
}

export interface EmittedEvent {
	/** 1-based, per fake. */
	seq: number;
	/** Internal dotted name, as it appears in the envelope (`messages.upsert`). */
	event: string;
	/** Upper-case subscription name (`MESSAGES_UPSERT`). */
	normalized: string;
	instance: string;
	data: unknown;
	/** The envelope as sent to webhooks. */
	envelope: Record<string, unknown>;
	/** Deliveries started for it (0 when webhook delivery is off or nothing matched). */
	deliveries: number;
}

export interface EventBusOptions {
	/** Start HTTP deliveries (off: events are only recorded in `emitted`). */
	deliverWebhooks: boolean;
	retry: RetryPolicy;
	globalWebhook?: GlobalWebhookConfig;
	/** AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES: the envelope's apikey is the instance token. */
	exposeApikey: boolean;
	/** SERVER_URL. */
	serverUrl: () => string;
	log?: (line: string) => void;
	/** Keep only the most recent events and delivery attempts; default: all. */
	historyLimit?: number;
}

/** `messages.upsert` → `MESSAGES_UPSERT` (webhook.controller.ts:87). */
export function normalizeEventName(event: string): string {
	return event.replace(/[.-]/g, '_').toUpperCase();
}

/** `MESSAGES_UPSERT` → `messages-upsert`, the by-events path suffix. */
export function eventPathSuffix(normalized: string): string {
	return normalized.replace(/_/g, '-').toLowerCase();
}

/**
 * The internal name of an event given either way (`CONTACTS_UPSERT` or `contacts.upsert`).
 * Unknown upper-case names are returned as given.
 */
export function internalEventName(name: string): string {
	if (!/^[A-Z0-9_]+$/.test(name)) return name;
	const { events, otherEventNames } = loadCatalogue().events;
	return (
		events.find((event) => event.normalizedName === name || event.name === name)?.internalEvent ??
		otherEventNames.find((event) => event.normalizedName === name)?.internalEvent ??
		name
	);
}

/** Events without a WEBHOOK_EVENTS_<NAME> env key never reach the global webhook. */
const NOT_GLOBAL = new Set(['STATUS_INSTANCE', 'REMOVE_INSTANCE', 'LOGOUT_INSTANCE']);

const URL_PATTERN = /^(https?:\/\/)/;

/** new Date(Date.now() - tzoffset).toISOString(): local time with a "Z" (channel.service.ts). */
function serverDateTime(): string {
	return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString();
}

/** Where socket.io messages go (sockets.ts); absent: the server has no websocket side. */
export interface SocketEmitter {
	emit(instance: string, event: string, normalized: string, message: Record<string, unknown>): void;
}

export class EventBus {
	readonly emitted: EmittedEvent[] = [];
	readonly deliverer: WebhookDeliverer;
	/** The websocket integration (WebsocketController.emit), set by startFakeEvolution. */
	sockets?: SocketEmitter;
	private nextSeq = 1;

	constructor(
		private readonly state: FakeState,
		readonly options: EventBusOptions,
	) {
		this.deliverer = new WebhookDeliverer(options.retry, options.log);
		this.deliverer.historyLimit = options.historyLimit ?? Infinity;
	}

	/**
	 * Emits `event` for the instance: records it and starts the deliveries. The instance and
	 * webhook row are read now, so an event emitted just before a delete still goes out.
	 */
	emit(instanceName: string, event: string, data: unknown): EmittedEvent {
		const instance = this.state.instances.get(instanceName);
		const normalized = normalizeEventName(event);
		const suffix = eventPathSuffix(normalized);
		const row = this.state.webhooks.get(instanceName);
		const global = this.options.globalWebhook;

		const envelope: Record<string, unknown> = {
			event,
			instance: instanceName,
			data,
			destination: (typeof row?.url === 'string' && row.url) || `${global?.url ?? ''}/${suffix}`,
			date_time: serverDateTime(),
			...(instance?.ownerJid ? { sender: instance.ownerJid } : {}),
			server_url: this.options.serverUrl(),
			apikey: this.options.exposeApikey && instance ? instance.token : null,
		};
		// Serialised once: later changes to `data` (or the state) do not alter what is sent.
		const payload = JSON.stringify(envelope);
		const targets = this.options.deliverWebhooks && instance ? this.targets(instance, row, normalized, suffix, event, payload) : [];
		const emitted: EmittedEvent = {
			seq: this.nextSeq++,
			event,
			normalized,
			instance: instanceName,
			data: JSON.parse(JSON.stringify(data ?? null)) as unknown,
			envelope: JSON.parse(payload) as Record<string, unknown>,
			deliveries: targets.length,
		};
		this.emitted.push(emitted);
		const limit = this.options.historyLimit ?? Infinity;
		if (this.emitted.length > limit) this.emitted.splice(0, this.emitted.length - limit);
		this.options.log?.(`event: ${event} (${instanceName})${targets.length > 0 ? ` -> ${targets.map((target) => target.url).join(', ')}` : ''}`);
		this.deliverer.deliver(targets);
		// WebsocketController.emit: the same fields without `destination`.
		const message = JSON.parse(payload) as Record<string, unknown>;
		delete message.destination;
		this.sockets?.emit(instanceName, event, normalized, message);
		return emitted;
	}

	/** Clears the recorded events and deliveries and drops pending retries. */
	clear(): void {
		this.emitted.length = 0;
		this.deliverer.clear();
	}

	private targets(instance: InstanceRecord, row: Row | undefined, normalized: string, suffix: string, event: string, payload: string): DeliveryTarget[] {
		const targets: DeliveryTarget[] = [];
		const url = typeof row?.url === 'string' ? row.url : '';
		if (row?.enabled === true && Array.isArray(row.events) && row.events.includes(normalized) && URL_PATTERN.test(url)) {
			let headers: Record<string, string> | null = null;
			let headerError: string | undefined;
			try {
				headers = deliveryHeaders(row.headers as Record<string, unknown> | null);
			} catch (error) {
				headerError = (error as Error).message;
			}
			targets.push({
				kind: 'instance',
				event,
				instance: instance.name,
				url: row.webhookByEvents === true ? `${url}/${suffix}` : url,
				headers,
				...(headerError ? { headerError } : {}),
				payload,
			});
		}
		const global = this.options.globalWebhook;
		const globalEvents = global?.events ?? loadCatalogue().events.subscribableEventNames;
		if (global && URL_PATTERN.test(global.url) && globalEvents.includes(normalized) && !NOT_GLOBAL.has(normalized)) {
			targets.push({
				kind: 'global',
				event,
				instance: instance.name,
				url: global.byEvents ? `${global.url}/${suffix}` : global.url,
				headers: deliveryHeaders(null),
				payload,
			});
		}
		return targets;
	}
}

/** The instance webhook asks for media as base64 (webhookBase64 on an enabled row). */
export function webhookWantsBase64(state: FakeState, instanceName: string): boolean {
	const row = state.webhooks.get(instanceName);
	return row?.enabled === true && row.webhookBase64 === true;
}

/**
 * CONNECTION_UPDATE data (whatsapp.baileys.service.ts connectionUpdate): `open` carries the
 * account, the other states `{instance, state, statusReason}`.
 */
export function connectionUpdateData(instance: InstanceRecord, state: ConnectionState | 'refused', statusReason: number): Row {
	if (state === 'open') {
		return {
			instance: instance.name,
			wuid: instance.ownerJid,
			profileName: instance.profileName,
			profilePictureUrl: instance.profilePicUrl,
			state,
			statusReason,
		};
	}
	return { instance: instance.name, state, statusReason };
}
