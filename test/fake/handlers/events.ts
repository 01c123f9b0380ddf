/**
 * /webhook/set|find and the event transports /websocket, /rabbitmq, /nats, /sqs, /kafka, /pusher
 * (webhook.md §2-§3, endpoints.json notes).
 */
import { loadCatalogue } from '../catalogue';
import { plainError } from '../errors';
import { cuid, now, type EventTransport, type FakeState, type InstanceRecord, type Row } from '../state';
import { instanceOf, obj, Reply, type Handler, type HandlerContext } from './context';

const LENGTH_OF_UNDEFINED = "Cannot read properties of undefined (reading 'length')";

/** enabled:false stores []; enabled:true needs an events array, where [] means all 31 names. */
function eventsFor(enabled: unknown, events: unknown): string[] {
	if (!enabled) return [];
	if (!Array.isArray(events)) throw plainError(LENGTH_OF_UNDEFINED);
	return events.length === 0 ? [...loadCatalogue().events.subscribableEventNames] : (events as string[]);
}

/**
 * Prisma upsert of the single Webhook row: enabled/url/events always written,
 * headers/byEvents/base64 only when present (undefined is ignored), defaults null/false/false.
 */
export function storeWebhookRow(state: FakeState, instance: InstanceRecord, webhook: Row): Row {
	const events = eventsFor(webhook.enabled, webhook.events);
	const existing = state.webhooks.get(instance.name);
	const timestamp = now();
	const row: Row = existing ?? {
		id: cuid(),
		url: '',
		headers: null,
		enabled: false,
		events: [],
		webhookByEvents: false,
		webhookBase64: false,
		createdAt: timestamp,
		updatedAt: timestamp,
		instanceId: instance.id,
	};
	row.url = webhook.url;
	row.enabled = webhook.enabled;
	row.events = events;
	if (webhook.headers !== undefined) row.headers = webhook.headers;
	if (webhook.byEvents !== undefined) row.webhookByEvents = webhook.byEvents;
	if (webhook.base64 !== undefined) row.webhookBase64 = webhook.base64;
	row.updatedAt = timestamp;
	state.webhooks.set(instance.name, row);
	return row;
}

const PUSHER_FIELDS = ['appId', 'key', 'secret', 'cluster', 'useTLS'] as const;

/** Upsert of a transport row ({id, enabled, events, ...} per instance). */
export function storeEventRow(state: FakeState, transport: EventTransport, instance: InstanceRecord, config: Row): Row {
	const events = eventsFor(config.enabled, config.events);
	const rows = state.eventConfigs[transport];
	const timestamp = now();
	const row: Row = rows.get(instance.name) ?? { id: cuid(), createdAt: timestamp, instanceId: instance.id };
	row.enabled = config.enabled;
	if (transport === 'pusher') for (const field of PUSHER_FIELDS) row[field] = config[field];
	row.events = events;
	row.updatedAt = timestamp;
	rows.set(instance.name, orderRow(row, transport));
	return rows.get(instance.name) as Row;
}

/** Key order of the Prisma rows, so answers look like the real ones. */
function orderRow(row: Row, transport: EventTransport): Row {
	const keys = ['id', 'enabled', ...(transport === 'pusher' ? PUSHER_FIELDS : []), 'events', 'createdAt', 'updatedAt', 'instanceId'];
	return Object.fromEntries(keys.map((key) => [key, row[key]]));
}

function transportSet(transport: EventTransport): Handler {
	return (ctx: HandlerContext) => {
		// Pusher's set has no env check; the others store nothing and answer an empty body.
		if (transport !== 'pusher' && !ctx.config.enabled[transport]) return Reply.empty(ctx.route.successStatus);
		const config = obj(ctx.dto[transport]);
		if (!config) {
			// `if (!data[name]?.enabled) data[name].events = []` on a missing key.
			throw plainError("Cannot set properties of undefined (setting 'events')");
		}
		return storeEventRow(ctx.state, transport, instanceOf(ctx), config);
	};
}

function transportFind(transport: EventTransport): Handler {
	return (ctx: HandlerContext) => {
		if (!ctx.config.enabled[transport]) return Reply.empty(ctx.route.successStatus);
		return ctx.state.eventConfigs[transport].get(instanceOf(ctx).name) ?? null;
	};
}

export const eventHandlers: Record<string, Handler> = {
	'webhook.set': (ctx) => storeWebhookRow(ctx.state, instanceOf(ctx), obj(ctx.dto.webhook) ?? {}),
	'webhook.find': (ctx) => ctx.state.webhooks.get(instanceOf(ctx).name) ?? null,
};

for (const transport of ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher'] as const) {
	eventHandlers[`${transport}.set`] = transportSet(transport);
	eventHandlers[`${transport}.find`] = transportFind(transport);
}
