"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DISABLEABLE_GROUPS = exports.botHandlersByRoute = exports.BOT_NAMES = void 0;
const catalogue_1 = require("../catalogue");
const errors_1 = require("../errors");
const state_1 = require("../state");
const context_1 = require("./context");
exports.BOT_NAMES = {
    evolutionBot: 'EvolutionBot',
    typebot: 'Typebot',
    openai: 'Openai',
    dify: 'Dify',
    flowise: 'Flowise',
    n8n: 'N8n',
    evoai: 'Evoai',
};
const FALLBACK_FIELD = {
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
];
const COMMON_FIELDS = new Set(['enabled', 'description', 'triggerType', 'triggerOperator', 'triggerValue', ...BEHAVIOUR_FIELDS]);
function specificFields(kind) {
    const create = (0, catalogue_1.loadCatalogue)().routes.find((route) => (0, catalogue_1.routeKey)(route) === `${kind}.create`);
    const properties = (0, context_1.obj)(create?.bodySchema?.properties) ?? {};
    return Object.keys(properties).filter((field) => !COMMON_FIELDS.has(field));
}
const DUPLICATE_KEYS = {
    openai: (data) => (data.botType === 'assistant' ? ['botType', 'assistantId'] : ['botType', 'model', 'maxTokens']),
    n8n: () => ['webhookUrl', 'basicAuthUser', 'basicAuthPassword'],
    evoai: () => ['agentUrl', 'apiKey'],
};
function botRow(kind, data, instanceId, existing) {
    const timestamp = (0, state_1.now)();
    const row = { id: existing?.id ?? (0, state_1.cuid)(), enabled: data.enabled, description: data.description };
    for (const field of specificFields(kind))
        row[field] = data[field];
    for (const field of BEHAVIOUR_FIELDS)
        row[field] = data[field];
    Object.assign(row, {
        triggerType: data.triggerType,
        triggerOperator: data.triggerOperator,
        triggerValue: data.triggerValue,
        createdAt: existing?.createdAt ?? timestamp,
        updatedAt: timestamp,
        instanceId,
    });
    return row;
}
function triggerConflict(kind, bots, data) {
    if (data.triggerType === 'all' && bots.some((bot) => bot.enabled === true && bot.triggerType === 'all')) {
        return `You already have a ${exports.BOT_NAMES[kind]} with an "All" trigger, you cannot have more bots while it is active`;
    }
    if (data.triggerType === 'keyword') {
        if (!data.triggerOperator || !data.triggerValue)
            return 'Trigger operator and value are required';
        if (bots.some((bot) => bot.triggerOperator === data.triggerOperator && bot.triggerValue === data.triggerValue)) {
            return 'Trigger already exists';
        }
    }
    if (data.triggerType === 'advanced') {
        if (!data.triggerValue)
            return 'Trigger value is required';
        if (bots.some((bot) => bot.triggerValue === data.triggerValue))
            return 'Trigger already exists';
    }
    return null;
}
function botsOf(ctx, kind) {
    const instanceId = (0, context_1.instanceOf)(ctx).id;
    return [...ctx.state.bots[kind].values()].filter((bot) => bot.instanceId === instanceId);
}
function botIdOf(ctx) {
    const param = ctx.route.pathParams.find((name) => name !== 'instance');
    return param ? (ctx.params[param] ?? '') : '';
}
function saveSettings(ctx, kind, data) {
    const instance = (0, context_1.instanceOf)(ctx);
    const settingsMap = ctx.state.botSettings[kind];
    const existing = settingsMap.get(instance.name);
    const timestamp = (0, state_1.now)();
    const row = existing ?? { id: (0, state_1.cuid)(), createdAt: timestamp, instanceId: instance.id };
    for (const field of BEHAVIOUR_FIELDS)
        row[field] = data[field];
    if (kind === 'openai') {
        row.openaiCredsId = data.openaiCredsId;
        row.speechToText = data.speechToText;
    }
    row[FALLBACK_FIELD[kind]] = data.fallbackId;
    row.updatedAt = timestamp;
    settingsMap.set(instance.name, row);
    return { ...row, fallbackId: row[FALLBACK_FIELD[kind]] };
}
function createBot(kind) {
    return (ctx) => {
        const data = { ...ctx.dto };
        const bots = botsOf(ctx, kind);
        if (kind === 'openai' && !ctx.state.openaiCreds.has(String(data.openaiCredsId)))
            throw (0, errors_1.plainError)('Openai Creds not found');
        const duplicateKeys = DUPLICATE_KEYS[kind]?.(data);
        if (duplicateKeys && bots.some((bot) => duplicateKeys.every((key) => bot[key] === data[key]))) {
            throw (0, errors_1.plainError)(kind === 'openai' ? 'Openai Bot already exists' : `${exports.BOT_NAMES[kind]} already exists`);
        }
        const settings = ctx.state.botSettings[kind].get((0, context_1.instanceOf)(ctx).name);
        for (const field of BEHAVIOUR_FIELDS) {
            if (data[field] === undefined || data[field] === null)
                data[field] = settings?.[field];
        }
        data.splitMessages ??= false;
        data.timePerChar ??= 0;
        if (!settings)
            saveSettings(ctx, kind, data);
        const conflict = triggerConflict(kind, bots, data);
        if (conflict)
            throw (0, errors_1.plainError)(conflict);
        const row = botRow(kind, data, (0, context_1.instanceOf)(ctx).id);
        ctx.state.bots[kind].set(String(row.id), row);
        return row;
    };
}
function ownBot(ctx, kind) {
    const bot = ctx.state.bots[kind].get(botIdOf(ctx));
    return bot && bot.instanceId === (0, context_1.instanceOf)(ctx).id ? bot : undefined;
}
function updateBot(kind) {
    return (ctx) => {
        const bot = ownBot(ctx, kind);
        const failure = `Error updating ${exports.BOT_NAMES[kind]}`;
        if (!bot)
            throw (0, errors_1.plainError)(failure);
        if (kind === 'openai' && !ctx.state.openaiCreds.has(String(ctx.dto.openaiCredsId)))
            throw (0, errors_1.plainError)(failure);
        const others = botsOf(ctx, kind).filter((other) => other.id !== bot.id);
        if (triggerConflict(kind, others, ctx.dto))
            throw (0, errors_1.plainError)(failure);
        const row = botRow(kind, ctx.dto, (0, context_1.instanceOf)(ctx).id, bot);
        ctx.state.bots[kind].set(String(row.id), row);
        return row;
    };
}
function changeStatus(kind) {
    return (ctx) => {
        const instance = (0, context_1.instanceOf)(ctx);
        const remoteJid = ctx.dto.remoteJid;
        const status = ctx.dto.status;
        const sessions = ctx.state.sessions;
        const removeAcrossInstances = () => {
            for (let index = sessions.length - 1; index >= 0; index--) {
                if (sessions[index].remoteJid === remoteJid && sessions[index].botId != null)
                    sessions.splice(index, 1);
            }
        };
        if (status === 'delete') {
            removeAcrossInstances();
            return { bot: { remoteJid, status } };
        }
        if (status === 'closed') {
            if (ctx.state.botSettings[kind].get(instance.name)?.keepOpen) {
                for (const session of sessions)
                    if (session.remoteJid === remoteJid && session.botId != null)
                        session.status = 'closed';
            }
            else {
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
function botHandlers(kind) {
    const name = exports.BOT_NAMES[kind];
    return {
        [`${kind}.create`]: createBot(kind),
        [`${kind}.find`]: (ctx) => botsOf(ctx, kind),
        [`${kind}.fetch`]: (ctx) => {
            const bot = ownBot(ctx, kind);
            if (!bot)
                throw (0, errors_1.plainError)(`${name} not found`);
            return bot;
        },
        [`${kind}.update`]: updateBot(kind),
        [`${kind}.delete`]: (ctx) => {
            const bot = ownBot(ctx, kind);
            if (!bot)
                throw (0, errors_1.plainError)(`Error deleting ${name} bot`);
            ctx.state.bots[kind].delete(String(bot.id));
            for (let index = ctx.state.sessions.length - 1; index >= 0; index--) {
                if (ctx.state.sessions[index].botId === bot.id)
                    ctx.state.sessions.splice(index, 1);
            }
            return { bot: { id: bot.id } };
        },
        [`${kind}.settings`]: (ctx) => saveSettings(ctx, kind, ctx.dto),
        [`${kind}.fetchSettings`]: (ctx) => {
            const settings = ctx.state.botSettings[kind].get((0, context_1.instanceOf)(ctx).name);
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
            return { ...settings, fallbackId, fallback };
        },
        [`${kind}.changeStatus`]: changeStatus(kind),
        [`${kind}.fetchSessions`]: (ctx) => {
            const bot = ctx.state.bots[kind].get(botIdOf(ctx));
            const instanceId = (0, context_1.instanceOf)(ctx).id;
            if (bot && bot.instanceId !== instanceId)
                throw (0, errors_1.plainError)('Error fetching sessions');
            return ctx.state.sessions.filter((session) => session.instanceId === instanceId && session.type === kind && (bot ? session.botId === bot.id : session.botId != null));
        },
        [`${kind}.ignoreJid`]: (ctx) => {
            const settings = ctx.state.botSettings[kind].get((0, context_1.instanceOf)(ctx).name);
            if (!settings)
                throw (0, errors_1.plainError)('Error setting default settings');
            let ignoreJids = Array.isArray(settings.ignoreJids) ? [...settings.ignoreJids] : [];
            const remoteJid = String(ctx.dto.remoteJid);
            if (ctx.dto.action === 'add') {
                if (!ignoreJids.includes(remoteJid))
                    ignoreJids.push(remoteJid);
            }
            else {
                ignoreJids = ignoreJids.filter((jid) => jid !== remoteJid);
            }
            settings.ignoreJids = ignoreJids;
            return { ignoreJids };
        },
    };
}
function openaiCredsHandlers() {
    return {
        'openai.createCreds': (ctx) => {
            if ([...ctx.state.openaiCreds.values()].some((creds) => creds.name === ctx.dto.name)) {
                throw (0, errors_1.plainError)('Error creating openai creds');
            }
            const timestamp = (0, state_1.now)();
            const row = {
                id: (0, state_1.cuid)(),
                name: ctx.dto.name,
                apiKey: ctx.dto.apiKey,
                createdAt: timestamp,
                updatedAt: timestamp,
                instanceId: (0, context_1.instanceOf)(ctx).id,
            };
            ctx.state.openaiCreds.set(String(row.id), row);
            return row;
        },
        'openai.findCreds': (ctx) => {
            const instanceId = (0, context_1.instanceOf)(ctx).id;
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
            if (!creds || creds.instanceId !== (0, context_1.instanceOf)(ctx).id)
                throw (0, errors_1.plainError)('Openai Creds not found');
            const inUse = botsOf(ctx, 'openai').some((bot) => bot.openaiCredsId === id) ||
                ctx.state.botSettings.openai.get((0, context_1.instanceOf)(ctx).name)?.openaiCredsId === id;
            if (inUse)
                throw (0, errors_1.plainError)('Error deleting openai creds');
            ctx.state.openaiCreds.delete(id);
            return { openaiCreds: { id } };
        },
        'openai.getModels': (ctx) => {
            const credsId = (0, context_1.firstQuery)(ctx.query, 'openaiCredsId') ?? (0, context_1.str)(ctx.state.botSettings.openai.get((0, context_1.instanceOf)(ctx).name)?.openaiCredsId);
            if (!credsId || !ctx.state.openaiCreds.has(credsId))
                throw (0, errors_1.plainError)('OpenAI credentials not found');
            const created = 1_700_000_000;
            return ['gpt-4o', 'gpt-4o-mini', 'gpt-3.5-turbo'].map((id) => ({ id, object: 'model', created, owned_by: 'system' }));
        },
    };
}
function typebotStart(ctx) {
    if (ctx.dto.remoteJid === 'status@broadcast')
        return undefined;
    const variables = Array.isArray(ctx.dto.variables) ? ctx.dto.variables : [];
    return {
        typebot: {
            instanceName: (0, context_1.instanceOf)(ctx).name,
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
function chatwootHandlers() {
    return {
        'chatwoot.set': (ctx) => {
            const instance = (0, context_1.instanceOf)(ctx);
            const data = ctx.dto;
            if (data.enabled === true && !(0, context_1.isUrl)(String(data.url)))
                throw (0, errors_1.badRequest)('url is not valid');
            const row = {
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
            const instance = (0, context_1.instanceOf)(ctx);
            const row = ctx.state.chatwoot.get(instance.name);
            if (!row)
                return { ...CHATWOOT_DEFAULT };
            const answer = { ...row };
            delete answer.instanceId;
            return { ...answer, webhook_url: `${ctx.config.baseUrl()}/chatwoot/webhook/${encodeURIComponent(instance.name)}` };
        },
        'chatwoot.webhook': () => ({ message: 'bot' }),
    };
}
exports.botHandlersByRoute = Object.assign({}, ...state_1.BOT_KINDS.map((kind) => botHandlers(kind)), openaiCredsHandlers(), chatwootHandlers(), { 'typebot.start': typebotStart });
exports.DISABLEABLE_GROUPS = {
    typebot: { flag: 'typebot', name: 'Typebot' },
    openai: { flag: 'openai', name: 'Openai' },
    dify: { flag: 'dify', name: 'Dify' },
    flowise: { flag: 'flowise', name: 'Flowise' },
    n8n: { flag: 'n8n', name: 'N8n' },
    evoai: { flag: 'evoai', name: 'Evoai' },
    chatwoot: { flag: 'chatwoot', name: 'Chatwoot' },
};
