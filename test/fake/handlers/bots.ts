/**
 * The chatbot integrations (evolutionBot, typebot, openai, dify, flowise, n8n, evoai) share
 * base-chatbot.controller.ts; also /chatwoot and the OpenAI credentials.
 * Controller failures are plain Errors: HTTP 500 with a string message.
 */
import { loadCatalogue, routeKey } from '../catalogue';
import { badRequest, plainError } from '../errors';
import { BOT_KINDS, cuid, now, type BotKind, type Row } from '../state';
import { firstQuery, instanceOf, isUrl, obj, str, type Handler, type HandlerContext } from './context';

/** `integrationName` of each controller (used in its error messages). */
export const BOT_NAMES: Record<BotKind, string> = {
	evolutionBot: 'EvolutionBot',
	typebot: 'Typebot',
	openai: 'Openai',
	dify: 'Dify',
	flowise: 'Flowise',
	n8n: 'N8n',
	evoai: 'Evoai',
};

/** The settings column the `fallbackId` body field is stored in. */
const FALLBACK_FIELD: Record<BotKind, string> = {
	evolutionBot: 'botIdFallback',
	typebot: 'typebotIdFallback',
	openai: 'openaiIdFallback',
	dify: 'difyIdFallback',
	flowise: 'flowiseIdFallback',
	n8n: 'n8nIdFallback',
	evoai: 'evoaiIdFallback',
};

const BEHAVIOUR_FIELDS = [
	'expire',
	'keywordFinish',
	'delayMessage',
	'unknownMessage',
	'listeningFromMe',
	'stopBotFromMe',
	'keepOpen',
	'debounceTime',
	'ignoreJids',
	'splitMessages',
	'timePerChar',
] as const;

const COMMON_FIELDS = new Set<string>(['enabled', 'description', 'triggerType', 'triggerOperator', 'triggerValue', ...BEHAVIOUR_FIELDS]);

/** Integration-specific columns: the create schema's properties that are not common. */
function specificFields(kind: BotKind): string[] {
	const create = loadCatalogue().routes.find((route) => routeKey(route) === `${kind}.create`);
	const properties = obj(create?.bodySchema?.properties) ?? {};
	return Object.keys(properties).filter((field) => !COMMON_FIELDS.has(field));
}

/** Duplicate checks some controllers run before the shared ones. */
const DUPLICATE_KEYS: Partial<Record<BotKind, (data: Row) => string[]>> = {
	openai: (data) => (data.botType === 'assistant' ? ['botType', 'assistantId'] : ['botType', 'model', 'maxTokens']),
	n8n: () => ['webhookUrl', 'basicAuthUser', 'basicAuthPassword'],
	evoai: () => ['agentUrl', 'apiKey'],
};

function botRow(kind: BotKind, data: Row, instanceId: string, existing?: Row): Row {
	const timestamp = now();
	// Every column, null when not set: the server answers the whole database row.
	const row: Row = { id: existing?.id ?? cuid(), enabled: data.enabled ?? null, description: data.description ?? null };
	for (const field of specificFields(kind)) row[field] = data[field] ?? null;
	if (kind === 'n8n') {
		// The create schema's basicAuthPassword is stored in the basicAuthPass column.
		row.basicAuthPass = data.basicAuthPassword ?? existing?.basicAuthPass ?? null;
		delete row.basicAuthPassword;
	}
	for (const field of BEHAVIOUR_FIELDS) row[field] = data[field] ?? null;
	Object.assign(row, {
		triggerType: data.triggerType ?? null,
		triggerOperator: data.triggerOperator ?? null,
		triggerValue: data.triggerValue ?? null,
		createdAt: existing?.createdAt ?? timestamp,
		updatedAt: timestamp,
		instanceId,
	});
	return row;
}

/** Trigger rules of createBot/updateBot; returns the message of the Error to throw, if any. */
function triggerConflict(kind: BotKind, bots: Row[], data: Row): string | null {
	if (data.triggerType === 'all' && bots.some((bot) => bot.enabled === true && bot.triggerType === 'all')) {
		return `You already have a ${BOT_NAMES[kind]} with an "All" trigger, you cannot have more bots while it is active`;
	}
	if (data.triggerType === 'keyword') {
		if (!data.triggerOperator || !data.triggerValue) return 'Trigger operator and value are required';
		if (bots.some((bot) => bot.triggerOperator === data.triggerOperator && bot.triggerValue === data.triggerValue)) {
			return 'Trigger already exists';
		}
	}
	if (data.triggerType === 'advanced') {
		if (!data.triggerValue) return 'Trigger value is required';
		if (bots.some((bot) => bot.triggerValue === data.triggerValue)) return 'Trigger already exists';
	}
	return null;
}

function botsOf(ctx: HandlerContext, kind: BotKind): Row[] {
	const instanceId = instanceOf(ctx).id;
	return [...ctx.state.bots[kind].values()].filter((bot) => bot.instanceId === instanceId);
}

function botIdOf(ctx: HandlerContext): string {
	const param = ctx.route.pathParams.find((name) => name !== 'instance');
	return param ? (ctx.params[param] ?? '') : '';
}

function saveSettings(ctx: HandlerContext, kind: BotKind, data: Row): Row {
	const instance = instanceOf(ctx);
	const settingsMap = ctx.state.botSettings[kind];
	const existing = settingsMap.get(instance.name);
	const timestamp = now();
	const row: Row = existing ?? { id: cuid(), createdAt: timestamp, instanceId: instance.id };
	// Prisma leaves a column it gets `undefined` for as it is; a new row has every column.
	for (const field of BEHAVIOUR_FIELDS) row[field] = data[field] !== undefined ? data[field] : existing ? row[field] : null;
	if (kind === 'openai') {
		// `OpenaiCreds: undefined` leaves the stored credential as it is.
		if (data.openaiCredsId !== undefined || !existing) row.openaiCredsId = data.openaiCredsId ?? null;
		if (data.speechToText !== undefined || !existing) row.speechToText = data.speechToText ?? null;
	}
	// Prisma leaves a column it gets `undefined` for as it is.
	if (data.fallbackId !== undefined || !existing) row[FALLBACK_FIELD[kind]] = data.fallbackId ?? null;
	row.updatedAt = timestamp;
	settingsMap.set(instance.name, row);
	return { ...row, fallbackId: row[FALLBACK_FIELD[kind]] };
}

function createBot(kind: BotKind): Handler {
	return (ctx) => {
		const data: Row = { ...ctx.dto };
		const bots = botsOf(ctx, kind);
		if (kind === 'openai' && !ctx.state.openaiCreds.has(String(data.openaiCredsId))) throw plainError('Openai Creds not found');
		const duplicateKeys = DUPLICATE_KEYS[kind]?.(data);
		if (duplicateKeys && bots.some((bot) => duplicateKeys.every((key) => bot[key] === data[key]))) {
			throw plainError(kind === 'openai' ? 'Openai Bot already exists' : `${BOT_NAMES[kind]} already exists`);
		}
		// Omitted behaviour fields come from the integration settings (created when missing).
		const settings = ctx.state.botSettings[kind].get(instanceOf(ctx).name);
		for (const field of BEHAVIOUR_FIELDS) {
			if (data[field] === undefined || data[field] === null) data[field] = settings?.[field];
		}
		data.splitMessages ??= false;
		data.timePerChar ??= 0;
		if (!settings) saveSettings(ctx, kind, data);

		const conflict = triggerConflict(kind, bots, data);
		if (conflict) throw plainError(conflict);
		const row = botRow(kind, data, instanceOf(ctx).id);
		ctx.state.bots[kind].set(String(row.id), row);
		return row;
	};
}

function ownBot(ctx: HandlerContext, kind: BotKind): Row | undefined {
	const bot = ctx.state.bots[kind].get(botIdOf(ctx));
	return bot && bot.instanceId === instanceOf(ctx).id ? bot : undefined;
}

function updateBot(kind: BotKind): Handler {
	return (ctx) => {
		const bot = ownBot(ctx, kind);
		// updateBot wraps every failure, including "not found" and trigger conflicts.
		const failure = `Error updating ${BOT_NAMES[kind]}`;
		if (!bot) throw plainError(failure);
		if (kind === 'openai' && !ctx.state.openaiCreds.has(String(ctx.dto.openaiCredsId))) throw plainError(failure);
		const others = botsOf(ctx, kind).filter((other) => other.id !== bot.id);
		if (triggerConflict(kind, others, ctx.dto)) throw plainError(failure);
		const row = botRow(kind, ctx.dto, instanceOf(ctx).id, bot);
		ctx.state.bots[kind].set(String(row.id), row);
		return row;
	};
}

function changeStatus(kind: BotKind): Handler {
	return (ctx) => {
		const instance = instanceOf(ctx);
		const remoteJid = ctx.dto.remoteJid;
		const status = ctx.dto.status;
		const sessions = ctx.state.sessions;
		// Source behaviour: delete/closed match remoteJid across ALL instances and bot types.
		const removeAcrossInstances = (): void => {
			for (let index = sessions.length - 1; index >= 0; index--) {
				if (sessions[index].remoteJid === remoteJid && sessions[index].botId != null) sessions.splice(index, 1);
			}
		};
		if (status === 'delete') {
			removeAcrossInstances();
			return { bot: { remoteJid, status } };
		}
		if (status === 'closed') {
			if (ctx.state.botSettings[kind].get(instance.name)?.keepOpen) {
				for (const session of sessions) if (session.remoteJid === remoteJid && session.botId != null) session.status = 'closed';
			} else {
				removeAcrossInstances();
			}
			return { bot: { instanceName: instance.name, bot: { remoteJid, status } } };
		}
		let count = 0;
		for (const session of sessions) {
			if (session.instanceId === instance.id && session.remoteJid === remoteJid && session.botId != null) {
				session.status = status;
				count++;
			}
		}
		return { bot: { instanceName: instance.name, bot: { remoteJid, status, session: { count } } } };
	};
}

function botHandlers(kind: BotKind): Record<string, Handler> {
	const name = BOT_NAMES[kind];
	return {
		[`${kind}.create`]: createBot(kind),
		[`${kind}.find`]: (ctx) => botsOf(ctx, kind),
		[`${kind}.fetch`]: (ctx) => {
			const bot = ownBot(ctx, kind);
			if (!bot) throw plainError(`${name} not found`);
			return bot;
		},
		[`${kind}.update`]: updateBot(kind),
		[`${kind}.delete`]: (ctx) => {
			const bot = ownBot(ctx, kind);
			if (!bot) throw plainError(`Error deleting ${name} bot`);
			ctx.state.bots[kind].delete(String(bot.id));
			for (let index = ctx.state.sessions.length - 1; index >= 0; index--) {
				if (ctx.state.sessions[index].botId === bot.id) ctx.state.sessions.splice(index, 1);
			}
			return { bot: { id: bot.id } };
		},
		[`${kind}.settings`]: (ctx) => {
			// openai.controller.ts settings(): `openaiIdFallback` (a plain column) next to `OpenaiCreds:
			// {connect}` (a relation) is a mix Prisma refuses, so any fallbackId key, even null, fails
			// once a credential is given.
			if (kind === 'openai' && ctx.dto.openaiCredsId && 'fallbackId' in ctx.dto && ctx.dto.fallbackId !== undefined) {
				throw plainError('Error setting default settings');
			}
			return saveSettings(ctx, kind, ctx.dto);
		},
		[`${kind}.fetchSettings`]: (ctx) => {
			const settings = ctx.state.botSettings[kind].get(instanceOf(ctx).name);
			if (!settings) {
				return {
					expire: 300,
					keywordFinish: 'bye',
					delayMessage: 1000,
					unknownMessage: 'Sorry, I dont understand',
					listeningFromMe: true,
					stopBotFromMe: true,
					keepOpen: false,
					debounceTime: 1,
					ignoreJids: [],
					splitMessages: false,
					timePerChar: 0,
					fallbackId: '',
					fallback: null,
				};
			}
			const fallbackId = settings[FALLBACK_FIELD[kind]];
			const fallback = typeof fallbackId === 'string' ? (ctx.state.bots[kind].get(fallbackId) ?? null) : null;
			// `Fallback` is the relation Prisma includes; fallbackId/fallback are the controller's copies.
			return { ...settings, Fallback: fallback, fallbackId, fallback };
		},
		[`${kind}.changeStatus`]: changeStatus(kind),
		[`${kind}.fetchSessions`]: (ctx) => {
			const bot = ctx.state.bots[kind].get(botIdOf(ctx));
			const instanceId = instanceOf(ctx).id;
			if (bot && bot.instanceId !== instanceId) throw plainError('Error fetching sessions');
			return ctx.state.sessions.filter(
				(session) =>
					session.instanceId === instanceId && session.type === kind && (bot ? session.botId === bot.id : session.botId != null),
			);
		},
		[`${kind}.ignoreJid`]: (ctx) => {
			const settings = ctx.state.botSettings[kind].get(instanceOf(ctx).name);
			if (!settings) throw plainError('Error setting default settings');
			let ignoreJids = Array.isArray(settings.ignoreJids) ? [...(settings.ignoreJids as string[])] : [];
			const remoteJid = String(ctx.dto.remoteJid);
			if (ctx.dto.action === 'add') {
				if (!ignoreJids.includes(remoteJid)) ignoreJids.push(remoteJid);
			} else {
				ignoreJids = ignoreJids.filter((jid) => jid !== remoteJid);
			}
			settings.ignoreJids = ignoreJids;
			return { ignoreJids };
		},
	};
}

function openaiCredsHandlers(): Record<string, Handler> {
	return {
		'openai.createCreds': (ctx) => {
			// OpenaiCreds.name is unique across the whole database, not per instance.
			if ([...ctx.state.openaiCreds.values()].some((creds) => creds.name === ctx.dto.name)) {
				throw plainError('Error creating openai creds');
			}
			const timestamp = now();
			const row: Row = {
				id: cuid(),
				name: ctx.dto.name,
				apiKey: ctx.dto.apiKey,
				createdAt: timestamp,
				updatedAt: timestamp,
				instanceId: instanceOf(ctx).id,
			};
			ctx.state.openaiCreds.set(String(row.id), row);
			return row;
		},
		'openai.findCreds': (ctx) => {
			const instanceId = instanceOf(ctx).id;
			return [...ctx.state.openaiCreds.values()]
				.filter((creds) => creds.instanceId === instanceId)
				.map((creds) => ({
					...creds,
					OpenaiAssistant: botsOf(ctx, 'openai').filter((bot) => bot.openaiCredsId === creds.id),
				}));
		},
		'openai.deleteCreds': (ctx) => {
			const id = ctx.params.openaiCredsId;
			const creds = ctx.state.openaiCreds.get(id);
			if (!creds || creds.instanceId !== instanceOf(ctx).id) throw plainError('Openai Creds not found');
			const inUse =
				botsOf(ctx, 'openai').some((bot) => bot.openaiCredsId === id) ||
				ctx.state.botSettings.openai.get(instanceOf(ctx).name)?.openaiCredsId === id;
			if (inUse) throw plainError('Error deleting openai creds');
			ctx.state.openaiCreds.delete(id);
			return { openaiCreds: { id } };
		},
		'openai.getModels': (ctx) => {
			const credsId =
				firstQuery(ctx.query, 'openaiCredsId') ?? str(ctx.state.botSettings.openai.get(instanceOf(ctx).name)?.openaiCredsId);
			if (!credsId || !ctx.state.openaiCreds.has(credsId)) throw plainError('OpenAI credentials not found');
			const created = 1_700_000_000;
			return ['gpt-4o', 'gpt-4o-mini', 'gpt-3.5-turbo'].map((id) => ({ id, object: 'model', created, owned_by: 'system' }));
		},
	};
}

function typebotStart(ctx: HandlerContext): unknown {
	if (ctx.dto.remoteJid === 'status@broadcast') return undefined;
	const variables = Array.isArray(ctx.dto.variables) ? (ctx.dto.variables as Row[]) : [];
	return {
		typebot: {
			instanceName: instanceOf(ctx).name,
			typebot: {
				url: ctx.dto.url,
				remoteJid: ctx.dto.remoteJid,
				typebot: ctx.dto.typebot,
				prefilledVariables: Object.fromEntries(variables.map((variable) => [variable.name, variable.value])),
			},
		},
	};
}

const CHATWOOT_DEFAULT = { enabled: false, url: '', accountId: '', token: '', signMsg: false, nameInbox: '', webhook_url: '' };

function chatwootHandlers(): Record<string, Handler> {
	return {
		'chatwoot.set': (ctx) => {
			const instance = instanceOf(ctx);
			const data = ctx.dto;
			if (data.enabled === true && !isUrl(String(data.url))) throw badRequest('url is not valid');
			const row: Row = {
				enabled: data.enabled,
				accountId: data.accountId,
				token: data.token,
				url: data.url,
				nameInbox: data.nameInbox ?? instance.name,
				signMsg: data.signMsg,
				signDelimiter: data.signMsg === false ? null : (data.signDelimiter ?? null),
				number: data.number,
				reopenConversation: data.reopenConversation,
				conversationPending: data.conversationPending,
				mergeBrazilContacts: data.mergeBrazilContacts,
				importContacts: data.importContacts,
				importMessages: data.importMessages,
				daysLimitImportMessages: data.daysLimitImportMessages,
				autoCreate: data.autoCreate,
				organization: data.organization,
				logo: data.logo,
				ignoreJids: data.ignoreJids,
			};
			ctx.state.chatwoot.set(instance.name, { ...row, instanceId: instance.id });
			return { ...row, webhook_url: `${ctx.config.baseUrl()}/chatwoot/webhook/${encodeURIComponent(instance.name)}` };
		},
		'chatwoot.find': (ctx) => {
			const instance = instanceOf(ctx);
			const row = ctx.state.chatwoot.get(instance.name);
			if (!row) return { ...CHATWOOT_DEFAULT };
			const answer = { ...row };
			delete answer.instanceId;
			// A stored row has every column (the ones Set did not get are null), and no number or autoCreate.
			for (const key of Object.keys(answer)) answer[key] ??= null;
			delete answer.number;
			delete answer.autoCreate;
			return { ...answer, webhook_url: `${ctx.config.baseUrl()}/chatwoot/webhook/${encodeURIComponent(instance.name)}` };
		},
		// Inbound: called by Chatwoot, not by the node.
		'chatwoot.webhook': () => ({ message: 'bot' }),
	};
}

export const botHandlersByRoute: Record<string, Handler> = Object.assign(
	{},
	...BOT_KINDS.map((kind) => botHandlers(kind)),
	openaiCredsHandlers(),
	chatwootHandlers(),
	{ 'typebot.start': typebotStart },
);

/** Route groups an env flag can switch off, and the name in "<Name> is disabled". */
export const DISABLEABLE_GROUPS: Record<string, { flag: 'typebot' | 'openai' | 'dify' | 'flowise' | 'n8n' | 'evoai' | 'chatwoot'; name: string }> = {
	typebot: { flag: 'typebot', name: 'Typebot' },
	openai: { flag: 'openai', name: 'Openai' },
	dify: { flag: 'dify', name: 'Dify' },
	flowise: { flag: 'flowise', name: 'Flowise' },
	n8n: { flag: 'n8n', name: 'N8n' },
	evoai: { flag: 'evoai', name: 'Evoai' },
	chatwoot: { flag: 'chatwoot', name: 'Chatwoot' },
};
