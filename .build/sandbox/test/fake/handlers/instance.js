"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.instanceHandlers = void 0;
exports.emitLoggedOut = emitLoggedOut;
const node_crypto_1 = require("node:crypto");
const catalogue_1 = require("../catalogue");
const errors_1 = require("../errors");
const eventbus_1 = require("../eventbus");
const state_1 = require("../state");
const context_1 = require("./context");
const events_1 = require("./events");
const SETTING_KEYS = ['rejectCall', 'msgCall', 'groupsIgnore', 'alwaysOnline', 'readMessages', 'readStatus', 'syncFullHistory', 'wavoipToken'];
function qrCode() {
    return { count: 0 };
}
function connect(ctx, instance) {
    if (instance.connectError !== undefined)
        return { error: true, message: instance.connectError };
    if (instance.integration !== 'WHATSAPP-BAILEYS' || instance.state === 'open') {
        return { instance: { instanceName: instance.name, state: instance.state } };
    }
    if (instance.state === 'close') {
        instance.state = 'connecting';
        instance.updatedAt = (0, state_1.now)();
        (0, context_1.emit)(ctx, 'connection.update', (0, eventbus_1.connectionUpdateData)(instance, 'connecting', 200), instance.name);
    }
    return qrCode();
}
function emitLoggedOut(ctx, instance, statusReason = 401) {
    const disconnectionAt = (0, state_1.now)();
    instance.state = 'close';
    instance.updatedAt = disconnectionAt;
    if (instance.integration !== 'WHATSAPP-BAILEYS')
        return;
    (0, context_1.emit)(ctx, 'status.instance', {
        instance: instance.name,
        status: 'closed',
        disconnectionAt,
        disconnectionReasonCode: statusReason,
        disconnectionObject: JSON.stringify({ error: { output: { statusCode: statusReason } }, date: disconnectionAt }),
    }, instance.name);
    (0, context_1.emit)(ctx, 'logout.instance', null, instance.name);
    (0, context_1.emit)(ctx, 'connection.update', (0, eventbus_1.connectionUpdateData)(instance, 'close', statusReason), instance.name);
}
function create(ctx) {
    const dto = ctx.dto;
    const name = (0, context_1.str)(dto.instanceName);
    if (!name)
        throw (0, errors_1.badRequest)('"instanceName" not provided.');
    const integration = dto.integration;
    if (!catalogue_1.INTEGRATIONS.includes(integration))
        throw (0, errors_1.badRequest)('Invalid integration');
    if (integration === 'WHATSAPP-BUSINESS') {
        if (!dto.token)
            throw (0, errors_1.badRequest)('token is required');
        if (!dto.number)
            throw (0, errors_1.badRequest)('number is required');
    }
    const webhook = (0, context_1.obj)(dto.webhook);
    if (webhook && !Array.isArray(webhook.events))
        throw (0, errors_1.badRequest)("Cannot read properties of undefined (reading 'length')");
    for (const transport of ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher']) {
        const config = (0, context_1.obj)(dto[transport]);
        const active = transport === 'pusher' || ctx.config.enabled[transport];
        if (config && active && !Array.isArray(config.events)) {
            throw (0, errors_1.badRequest)("Cannot read properties of undefined (reading 'length')");
        }
    }
    const wantsChatwoot = Boolean(dto.chatwootAccountId && dto.chatwootToken && dto.chatwootUrl);
    if (wantsChatwoot) {
        if (!ctx.config.enabled.chatwoot)
            throw (0, errors_1.badRequest)('Chatwoot is not enabled');
        for (const flag of ['chatwootSignMsg', 'chatwootReopenConversation', 'chatwootConversationPending']) {
            if (typeof dto[flag] !== 'boolean') {
                const field = flag.replace('chatwoot', '');
                throw (0, errors_1.badRequest)(`${field[0].toLowerCase()}${field.slice(1)} is required`);
            }
        }
    }
    const hash = (0, context_1.str)(dto.token) || (0, node_crypto_1.randomUUID)().toUpperCase();
    const connects = dto.qrcode === true && integration === 'WHATSAPP-BAILEYS';
    const instance = ctx.state.addInstance({
        name,
        token: hash,
        integration,
        state: integration === 'WHATSAPP-BAILEYS' ? (connects ? 'connecting' : 'close') : 'open',
        number: (0, context_1.str)(dto.number),
    });
    instance.businessId = (0, context_1.str)(dto.businessId) ?? null;
    const settings = {};
    for (const key of SETTING_KEYS) {
        settings[key] = key === 'msgCall' || key === 'wavoipToken' ? ((0, context_1.str)(dto[key]) ?? '') : dto[key] === true;
    }
    Object.assign(ctx.state.settings.get(name) ?? {}, settings);
    if (webhook) {
        (0, events_1.storeWebhookRow)(ctx.state, instance, { ...webhook, enabled: true });
    }
    for (const transport of ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher']) {
        const config = (0, context_1.obj)(dto[transport]);
        if (config && (transport === 'pusher' || ctx.config.enabled[transport])) {
            (0, events_1.storeEventRow)(ctx.state, transport, instance, { ...config, enabled: true });
        }
    }
    const result = {
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
        websocket: (0, context_1.obj)(dto.websocket) ? { enabled: true } : {},
        rabbitmq: (0, context_1.obj)(dto.rabbitmq) ? { enabled: true } : {},
        nats: (0, context_1.obj)(dto.nats) ? { enabled: true } : {},
        sqs: (0, context_1.obj)(dto.sqs) ? { enabled: true } : {},
        settings,
    };
    if (connects)
        result.qrcode = qrCode();
    (0, context_1.emit)(ctx, 'instance.create', { instanceName: name, instanceId: instance.id }, name);
    if (connects)
        (0, context_1.emit)(ctx, 'connection.update', (0, eventbus_1.connectionUpdateData)(instance, 'connecting', 200), name);
    if (wantsChatwoot) {
        const chatwoot = {
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
function instanceRow(ctx, instance) {
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
function fetchInstances(ctx) {
    let instances = [...ctx.state.instances.values()];
    if (ctx.apiKey !== ctx.config.apiKey)
        instances = instances.filter((instance) => instance.token === ctx.apiKey);
    const filters = [
        ['instanceName', (instance, value) => instance.name === value],
        ['instanceId', (instance, value) => instance.id === value],
        ['number', (instance, value) => instance.number === value || (instance.ownerJid ?? '').startsWith(value)],
    ];
    for (const [param, predicate] of filters) {
        const value = (0, context_1.firstQuery)(ctx.query, param);
        if (value === undefined)
            continue;
        instances = instances.filter((instance) => predicate(instance, value));
        if (instances.length === 0)
            throw (0, errors_1.notFound)(`Instance "${value}" not found`);
    }
    return instances.map((instance) => instanceRow(ctx, instance));
}
exports.instanceHandlers = {
    'instance.create': create,
    'instance.connect': (ctx) => connect(ctx, (0, context_1.instanceOf)(ctx)),
    'instance.restart': (ctx) => {
        const instance = (0, context_1.instanceOf)(ctx);
        if (instance.state === 'close')
            return { error: true, message: '[object Object]' };
        if (instance.integration === 'WHATSAPP-BAILEYS') {
            const wasOpen = instance.state === 'open';
            (0, context_1.emit)(ctx, 'connection.update', (0, eventbus_1.connectionUpdateData)(instance, 'connecting', 200));
            if (wasOpen)
                (0, context_1.emit)(ctx, 'connection.update', (0, eventbus_1.connectionUpdateData)(instance, 'open', 200));
        }
        return connect(ctx, instance);
    },
    'instance.connectionState': (ctx) => {
        const instance = (0, context_1.instanceOf)(ctx);
        return { instance: { instanceName: instance.name, state: instance.state } };
    },
    'instance.fetchInstances': fetchInstances,
    'instance.setPresence': (ctx) => ({ presence: ctx.dto.presence }),
    'instance.logout': (ctx) => {
        const instance = (0, context_1.instanceOf)(ctx);
        if (instance.state === 'close')
            throw (0, errors_1.badRequest)(`The "${instance.name}" instance is not connected`);
        emitLoggedOut(ctx, instance);
        return { status: 'SUCCESS', error: false, response: { message: 'Instance logged out' } };
    },
    'instance.delete': (ctx) => {
        const instance = (0, context_1.instanceOf)(ctx);
        if (instance.state !== 'close')
            emitLoggedOut(ctx, instance);
        (0, context_1.emit)(ctx, 'instance.delete', { instanceName: instance.name, instanceId: instance.id });
        (0, context_1.emit)(ctx, 'remove.instance', null);
        ctx.state.deleteInstance(instance.name);
        return { status: 'SUCCESS', error: false, response: { message: 'Instance deleted' } };
    },
};
