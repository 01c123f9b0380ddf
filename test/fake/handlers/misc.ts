/**
 * Server routes, /settings, /proxy, /label, /template, /business, /baileys, /s3 and the
 * inbound channel endpoints.
 */
import { badRequest } from '../errors';
import { cuid, now, type Row } from '../state';
import { emit, firstQuery, instanceOf, obj, Reply, str, toJid, type Handler, type HandlerContext } from './context';

const SETTINGS_FIELDS = ['rejectCall', 'msgCall', 'groupsIgnore', 'alwaysOnline', 'readMessages', 'readStatus', 'syncFullHistory', 'wavoipToken'];

function metrics(ctx: HandlerContext): Reply {
	const instances = [...ctx.state.instances.values()];
	const lines = [
		'# HELP evolution_environment_info Environment information',
		'# TYPE evolution_environment_info gauge',
		'evolution_environment_info{version="2.3.6",clientName="evolution_exchange"} 1',
		'# HELP evolution_instances_total Total number of instances',
		'# TYPE evolution_instances_total gauge',
		`evolution_instances_total ${instances.length}`,
		'# HELP evolution_instance_up 1 if the instance state is open',
		'# TYPE evolution_instance_up gauge',
		...instances.map((instance) => `evolution_instance_up{instance="${instance.name}",integration="${instance.integration}"} ${instance.state === 'open' ? 1 : 0}`),
		'# HELP evolution_instance_state Instance state',
		'# TYPE evolution_instance_state gauge',
		...instances.map((instance) => `evolution_instance_state{instance="${instance.name}",state="${instance.state}"} 1`),
	];
	return Reply.text(200, `${lines.join('\n')}\n`, 'text/plain; version=0.0.4; charset=utf-8');
}

function setSettings(ctx: HandlerContext): unknown {
	const instance = instanceOf(ctx);
	const row = ctx.state.settings.get(instance.name) ?? { id: cuid(), createdAt: now(), instanceId: instance.id };
	for (const field of SETTINGS_FIELDS) if (ctx.dto[field] !== undefined) row[field] = ctx.dto[field];
	row.updatedAt = now();
	ctx.state.settings.set(instance.name, row);
	// The answer echoes the request body, not the stored row.
	return { settings: { instanceName: instance.name, settings: { ...ctx.dto } } };
}

function findSettings(ctx: HandlerContext): unknown {
	const row = ctx.state.settings.get(instanceOf(ctx).name);
	if (!row) return null;
	return Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, row[field]]));
}

function setProxy(ctx: HandlerContext): unknown {
	const instance = instanceOf(ctx);
	const enabled = ctx.dto.enabled === true;
	// enabled:false blanks every field.
	const proxy: Row = {
		enabled,
		host: enabled ? ctx.dto.host : '',
		port: enabled ? ctx.dto.port : '',
		protocol: enabled ? ctx.dto.protocol : '',
		username: enabled ? (ctx.dto.username ?? '') : '',
		password: enabled ? (ctx.dto.password ?? '') : '',
	};
	const existing = ctx.state.proxies.get(instance.name);
	const timestamp = now();
	ctx.state.proxies.set(instance.name, {
		id: existing?.id ?? cuid(),
		...proxy,
		createdAt: existing?.createdAt ?? timestamp,
		updatedAt: timestamp,
		instanceId: instance.id,
	});
	return { proxy: { instanceName: instance.name, proxy } };
}

function handleLabel(ctx: HandlerContext): unknown {
	const action = String(ctx.dto.action);
	const numberJid = toJid(String(ctx.dto.number));
	// WhatsApp confirms the change with a labels.association event.
	emit(ctx, 'labels.association', { instance: instanceOf(ctx).name, type: action, chatId: numberJid, labelId: ctx.dto.labelId });
	return { numberJid, labelId: ctx.dto.labelId, [action]: true };
}

function createTemplate(ctx: HandlerContext): unknown {
	const instance = instanceOf(ctx);
	const timestamp = now();
	const row: Row = {
		id: cuid(),
		templateId: String(Date.now()),
		name: ctx.dto.name,
		template: {
			id: String(Date.now()),
			status: 'PENDING',
			category: ctx.dto.category,
		},
		webhookUrl: ctx.dto.webhookUrl ?? null,
		createdAt: timestamp,
		updatedAt: timestamp,
		instanceId: instance.id,
	};
	ctx.state.listOf(ctx.state.templates, instance.name).push(row);
	return row;
}

function findTemplates(ctx: HandlerContext): unknown {
	const templates = ctx.state.templates.get(instanceOf(ctx).name) ?? [];
	return {
		data: templates.map((row) => ({ name: row.name, status: 'APPROVED', id: row.templateId, ...(obj(row.template) ?? {}) })),
		paging: { cursors: { before: '', after: '' } },
	};
}

/** Stored media rows without the fake's private `data` bytes. */
function mediaRows(ctx: HandlerContext): Row[] {
	return (ctx.state.media.get(instanceOf(ctx).name) ?? []).map((row) => {
		const answer = { ...row };
		delete answer.data;
		return answer;
	});
}

function getMedia(ctx: HandlerContext): unknown {
	const rows = mediaRows(ctx).filter((row) =>
		['id', 'type', 'messageId'].every((field) => ctx.dto[field] === undefined || row[field] === ctx.dto[field]),
	);
	if (rows.length === 0) throw badRequest('Media not found');
	return rows;
}

function getMediaUrl(ctx: HandlerContext): unknown {
	const row = mediaRows(ctx).find((media) => media.id === ctx.dto.id);
	if (!row) throw badRequest('Media not found');
	return { mediaUrl: `${ctx.config.baseUrl()}/fake-media/${String(row.id)}`, ...row };
}

export const miscHandlers: Record<string, Handler> = {
	'server.getInformation': (ctx) => ({
		status: 200,
		message: 'Welcome to the Evolution API, it is working!',
		version: '2.3.6',
		clientName: 'evolution_exchange',
		manager: `${ctx.config.baseUrl()}/manager`,
		documentation: 'https://doc.evolution-api.com',
		whatsappWebVersion: '2.3000.1023204200',
	}),
	'server.verifyCreds': () => ({
		status: 200,
		message: 'Credentials are valid',
		// FACEBOOK_APP_ID, FACEBOOK_CONFIG_ID and FACEBOOK_USER_TOKEN: unset on the server, so absent from JSON.
		facebookAppId: undefined,
		facebookConfigId: undefined,
		facebookUserToken: undefined,
	}),
	'server.metrics': metrics,
	'server.manager': () => Reply.text(200, '<!doctype html><title>Evolution Manager</title>', 'text/html; charset=utf-8'),
	'server.assets': () => Reply.text(404, 'File not found'),
	'settings.set': setSettings,
	'settings.find': findSettings,
	'proxy.set': setProxy,
	'proxy.find': (ctx) => ctx.state.proxies.get(instanceOf(ctx).name) ?? null,
	'label.findLabels': (ctx) => ctx.state.labels.get(instanceOf(ctx).name) ?? [],
	'label.handleLabel': handleLabel,
	'template.create': createTemplate,
	'template.find': findTemplates,
	'business.getCatalog': (ctx) => ({
		wuid: toJid(str(ctx.dto.number) ?? instanceOf(ctx).ownerJid ?? ''),
		numberExists: true,
		isBusiness: true,
		catalogLength: 0,
		catalog: [],
	}),
	'business.getCollections': (ctx) => ({
		wuid: toJid(str(ctx.dto.number) ?? instanceOf(ctx).ownerJid ?? ''),
		numberExists: true,
		isBusiness: true,
		collectionsLength: 0,
		collections: [],
	}),
	'baileys.onWhatsapp': (ctx) => [{ exists: true, jid: toJid(String(ctx.dto.jid ?? '')) }],
	'baileys.profilePictureUrl': () => 'https://pps.whatsapp.net/fake/profile.jpg',
	'baileys.assertSessions': () => true,
	'baileys.createParticipantNodes': () => ({ nodes: [], shouldIncludeDeviceIdentity: false }),
	'baileys.getUSyncDevices': () => [],
	'baileys.generateMessageTag': () => `${Date.now()}.1-1`,
	'baileys.sendNode': () => null,
	'baileys.signalRepositoryDecryptMessage': () => null,
	// { me, account } of the socket's credentials: both empty until a login (then JSON drops them).
	'baileys.getAuthState': (ctx) =>
		ctx.instance?.state === 'open' ? { me: { id: ctx.instance.ownerJid, name: ctx.instance.profileName ?? null }, account: {} } : {},
	's3.getMedia': getMedia,
	's3.getMediaUrl': getMediaUrl,
	'channel.receiveWebhookEvolution': () => ({ status: 'success' }),
	'channel.verifyWebhookMeta': (ctx) =>
		Reply.text(
			200,
			firstQuery(ctx.query, 'hub.verify_token') === ctx.config.metaVerifyToken
				? (firstQuery(ctx.query, 'hub.challenge') ?? '')
				: 'Error, wrong validation token',
			'text/html; charset=utf-8',
		),
	'channel.receiveWebhookMeta': () => ({ status: 'success' }),
};
