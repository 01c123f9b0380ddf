/**
 * /instance/*: create, connect, state, fetch, logout, delete (instance.controller.ts).
 */
import { randomUUID } from 'node:crypto';

import { INTEGRATIONS, type Integration } from '../catalogue';
import { badRequest, notFound } from '../errors';
import { connectionUpdateData } from '../eventbus';
import { now, type InstanceRecord, type Row } from '../state';
import { emit, firstQuery, instanceOf, obj, str, type Handler, type HandlerContext } from './context';
import { storeEventRow, storeWebhookRow } from './events';

const SETTING_KEYS = ['rejectCall', 'msgCall', 'groupsIgnore', 'alwaysOnline', 'readMessages', 'readStatus', 'syncFullHistory', 'wavoipToken'] as const;

/** The QR object of an instance without a WhatsApp connection: only `count` is set. */
function qrCode(): Row {
	return { count: 0 };
}

function connect(ctx: HandlerContext, instance: InstanceRecord): unknown {
	if (instance.connectError !== undefined) return { error: true, message: instance.connectError };
	if (instance.integration !== 'WHATSAPP-BAILEYS' || instance.state === 'open') {
		return { instance: { instanceName: instance.name, state: instance.state } };
	}
	if (instance.state === 'close') {
		// connectToWhatsapp() starts the socket; it stays "connecting" until WhatsApp answers.
		instance.state = 'connecting';
		instance.updatedAt = now();
		emit(ctx, 'connection.update', connectionUpdateData(instance, 'connecting', 200), instance.name);
	}
	return qrCode();
}

/**
 * What WhatsApp logging the session out emits (connectionUpdate with a non-reconnect code):
 * STATUS_INSTANCE, LOGOUT_INSTANCE (data null), then CONNECTION_UPDATE "close".
 */
export function emitLoggedOut(ctx: HandlerContext, instance: InstanceRecord, statusReason = 401): void {
	const disconnectionAt = now();
	instance.state = 'close';
	instance.updatedAt = disconnectionAt;
	if (instance.integration !== 'WHATSAPP-BAILEYS') return;
	emit(
		ctx,
		'status.instance',
		{
			instance: instance.name,
			status: 'closed',
			disconnectionAt,
			disconnectionReasonCode: statusReason,
			disconnectionObject: JSON.stringify({ error: { output: { statusCode: statusReason } }, date: disconnectionAt }),
		},
		instance.name,
	);
	emit(ctx, 'logout.instance', null, instance.name);
	emit(ctx, 'connection.update', connectionUpdateData(instance, 'close', statusReason), instance.name);
}

/**
 * Errors inside createInstance are re-thrown as `BadRequestException(message)`, so every
 * failure is a 400 with a one-element message array (and the half-created instance is deleted).
 */
function create(ctx: HandlerContext): unknown {
	const dto = ctx.dto;
	const name = str(dto.instanceName);
	if (!name) throw badRequest('"instanceName" not provided.');
	const integration = dto.integration as Integration;
	if (!INTEGRATIONS.includes(integration)) throw badRequest('Invalid integration');
	if (integration === 'WHATSAPP-BUSINESS') {
		if (!dto.token) throw badRequest('token is required');
		if (!dto.number) throw badRequest('number is required');
	}

	const webhook = obj(dto.webhook);
	if (webhook && !Array.isArray(webhook.events)) throw badRequest("Cannot read properties of undefined (reading 'length')");
	for (const transport of ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher'] as const) {
		const config = obj(dto[transport]);
		const active = transport === 'pusher' || ctx.config.enabled[transport];
		if (config && active && !Array.isArray(config.events)) {
			throw badRequest("Cannot read properties of undefined (reading 'length')");
		}
	}

	const wantsChatwoot = Boolean(dto.chatwootAccountId && dto.chatwootToken && dto.chatwootUrl);
	if (wantsChatwoot) {
		if (!ctx.config.enabled.chatwoot) throw badRequest('Chatwoot is not enabled');
		for (const flag of ['chatwootSignMsg', 'chatwootReopenConversation', 'chatwootConversationPending'] as const) {
			if (typeof dto[flag] !== 'boolean') {
				const field = flag.replace('chatwoot', '');
				throw badRequest(`${field[0].toLowerCase()}${field.slice(1)} is required`);
			}
		}
	}

	const hash = str(dto.token) || randomUUID().toUpperCase();
	const connects = dto.qrcode === true && integration === 'WHATSAPP-BAILEYS';
	const instance = ctx.state.addInstance({
		name,
		token: hash,
		integration,
		// Cloud API and Evolution channel instances report "open" from the start.
		state: integration === 'WHATSAPP-BAILEYS' ? (connects ? 'connecting' : 'close') : 'open',
		number: str(dto.number),
	});
	instance.businessId = str(dto.businessId) ?? null;

	const settings: Row = {};
	for (const key of SETTING_KEYS) {
		settings[key] = key === 'msgCall' || key === 'wavoipToken' ? (str(dto[key]) ?? '') : dto[key] === true;
	}
	Object.assign(ctx.state.settings.get(name) ?? {}, settings);

	if (webhook) {
		// Not schema-validated here, and enabled is forced to true.
		storeWebhookRow(ctx.state, instance, { ...webhook, enabled: true });
	}
	for (const transport of ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher'] as const) {
		const config = obj(dto[transport]);
		if (config && (transport === 'pusher' || ctx.config.enabled[transport])) {
			storeEventRow(ctx.state, transport, instance, { ...config, enabled: true });
		}
	}

	const result: Row = {
		instance: {
			instanceName: name,
			instanceId: instance.id,
			integration,
			webhookWaBusiness: integration === 'WHATSAPP-BUSINESS' ? `${ctx.config.baseUrl()}/webhook/meta` : null,
			accessTokenWaBusiness: integration === 'WHATSAPP-BUSINESS' ? ctx.config.metaVerifyToken : '',
			status: instance.state,
		},
		hash,
		webhook: webhook
			? { webhookUrl: webhook.url, webhookHeaders: webhook.headers, webhookByEvents: webhook.byEvents, webhookBase64: webhook.base64 }
			: {},
		websocket: obj(dto.websocket) ? { enabled: true } : {},
		rabbitmq: obj(dto.rabbitmq) ? { enabled: true } : {},
		nats: obj(dto.nats) ? { enabled: true } : {},
		sqs: obj(dto.sqs) ? { enabled: true } : {},
		settings,
	};
	if (connects) result.qrcode = qrCode();
	// After the webhook of the body was stored, so only that one (or the global one) sees it.
	emit(ctx, 'instance.create', { instanceName: name, instanceId: instance.id }, name);
	if (connects) emit(ctx, 'connection.update', connectionUpdateData(instance, 'connecting', 200), name);
	if (wantsChatwoot) {
		const chatwoot: Row = {
			enabled: true,
			accountId: dto.chatwootAccountId,
			token: dto.chatwootToken,
			url: dto.chatwootUrl,
			signMsg: dto.chatwootSignMsg,
			reopenConversation: dto.chatwootReopenConversation,
			conversationPending: dto.chatwootConversationPending,
			mergeBrazilContacts: dto.chatwootMergeBrazilContacts ?? false,
			importContacts: dto.chatwootImportContacts ?? true,
			importMessages: dto.chatwootImportMessages ?? true,
			daysLimitImportMessages: dto.chatwootDaysLimitImportMessages ?? 60,
			number: dto.number,
			nameInbox: dto.chatwootNameInbox ?? name,
			webhookUrl: `${ctx.config.baseUrl()}/chatwoot/webhook/${encodeURIComponent(name)}`,
		};
		ctx.state.chatwoot.set(name, { ...chatwoot, instanceId: instance.id });
		result.chatwoot = chatwoot;
	}
	return result;
}

/** The Instance DB row with the relations fetchInstances includes. */
function instanceRow(ctx: HandlerContext, instance: InstanceRecord): Row {
	const name = instance.name;
	const settings = ctx.state.settings.get(name);
	return {
		id: instance.id,
		name,
		connectionStatus: instance.state,
		ownerJid: instance.ownerJid,
		profileName: instance.profileName,
		profilePicUrl: instance.profilePicUrl,
		integration: instance.integration,
		number: instance.number,
		businessId: instance.businessId,
		token: instance.token,
		clientName: 'evolution_exchange',
		disconnectionReasonCode: null,
		disconnectionObject: null,
		disconnectionAt: null,
		createdAt: instance.createdAt,
		updatedAt: instance.updatedAt,
		Chatwoot: ctx.state.chatwoot.get(name) ?? null,
		Proxy: ctx.state.proxies.get(name) ?? null,
		Rabbitmq: ctx.state.eventConfigs.rabbitmq.get(name) ?? null,
		Nats: ctx.state.eventConfigs.nats.get(name) ?? null,
		Sqs: ctx.state.eventConfigs.sqs.get(name) ?? null,
		Websocket: ctx.state.eventConfigs.websocket.get(name) ?? null,
		Setting: settings ?? null,
		_count: {
			Message: ctx.state.messages.get(name)?.length ?? 0,
			Contact: ctx.state.contacts.get(name)?.length ?? 0,
			Chat: ctx.state.chats.get(name)?.length ?? 0,
		},
	};
}

function fetchInstances(ctx: HandlerContext): unknown {
	let instances = [...ctx.state.instances.values()];
	// A non-global key reached this handler only because it is some instance's token.
	if (ctx.apiKey !== ctx.config.apiKey) instances = instances.filter((instance) => instance.token === ctx.apiKey);
	const filters: Array<[string, (instance: InstanceRecord, value: string) => boolean]> = [
		['instanceName', (instance, value) => instance.name === value],
		['instanceId', (instance, value) => instance.id === value],
		['number', (instance, value) => instance.number === value || (instance.ownerJid ?? '').startsWith(value)],
	];
	for (const [param, predicate] of filters) {
		const value = firstQuery(ctx.query, param);
		if (value === undefined) continue;
		instances = instances.filter((instance) => predicate(instance, value));
		if (instances.length === 0) throw notFound(`Instance "${value}" not found`);
	}
	return instances.map((instance) => instanceRow(ctx, instance));
}

export const instanceHandlers: Record<string, Handler> = {
	'instance.create': create,
	'instance.connect': (ctx) => connect(ctx, instanceOf(ctx)),
	'instance.restart': (ctx) => {
		const instance = instanceOf(ctx);
		// The BadRequestException thrown for a closed instance is caught and stringified.
		if (instance.state === 'close') return { error: true, message: '[object Object]' };
		if (instance.integration === 'WHATSAPP-BAILEYS') {
			// The socket is closed and reopened: Baileys reports "connecting", then "open" again.
			const wasOpen = instance.state === 'open';
			emit(ctx, 'connection.update', connectionUpdateData(instance, 'connecting', 200));
			if (wasOpen) emit(ctx, 'connection.update', connectionUpdateData(instance, 'open', 200));
		}
		return connect(ctx, instance);
	},
	'instance.connectionState': (ctx) => {
		const instance = instanceOf(ctx);
		return { instance: { instanceName: instance.name, state: instance.state } };
	},
	'instance.fetchInstances': fetchInstances,
	'instance.setPresence': (ctx) => ({ presence: ctx.dto.presence }),
	'instance.logout': (ctx) => {
		const instance = instanceOf(ctx);
		if (instance.state === 'close') throw badRequest(`The "${instance.name}" instance is not connected`);
		emitLoggedOut(ctx, instance);
		return { status: 'SUCCESS', error: false, response: { message: 'Instance logged out' } };
	},
	'instance.delete': (ctx) => {
		const instance = instanceOf(ctx);
		// deleteInstance logs a connected instance out first, then emits INSTANCE_DELETE and REMOVE_INSTANCE.
		if (instance.state !== 'close') emitLoggedOut(ctx, instance);
		emit(ctx, 'instance.delete', { instanceName: instance.name, instanceId: instance.id });
		emit(ctx, 'remove.instance', null);
		ctx.state.deleteInstance(instance.name);
		return { status: 'SUCCESS', error: false, response: { message: 'Instance deleted' } };
	},
};
