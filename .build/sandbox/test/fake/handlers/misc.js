"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.miscHandlers = void 0;
const errors_1 = require("../errors");
const state_1 = require("../state");
const context_1 = require("./context");
const SETTINGS_FIELDS = ['rejectCall', 'msgCall', 'groupsIgnore', 'alwaysOnline', 'readMessages', 'readStatus', 'syncFullHistory', 'wavoipToken'];
function metrics(ctx) {
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
    return context_1.Reply.text(200, `${lines.join('\n')}\n`, 'text/plain; version=0.0.4; charset=utf-8');
}
function setSettings(ctx) {
    const instance = (0, context_1.instanceOf)(ctx);
    const row = ctx.state.settings.get(instance.name) ?? { id: (0, state_1.cuid)(), createdAt: (0, state_1.now)(), instanceId: instance.id };
    for (const field of SETTINGS_FIELDS)
        if (ctx.dto[field] !== undefined)
            row[field] = ctx.dto[field];
    row.updatedAt = (0, state_1.now)();
    ctx.state.settings.set(instance.name, row);
    return { settings: { instanceName: instance.name, settings: { ...ctx.dto } } };
}
function findSettings(ctx) {
    const row = ctx.state.settings.get((0, context_1.instanceOf)(ctx).name);
    if (!row)
        return null;
    return Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, row[field]]));
}
function setProxy(ctx) {
    const instance = (0, context_1.instanceOf)(ctx);
    const enabled = ctx.dto.enabled === true;
    const proxy = {
        enabled,
        host: enabled ? ctx.dto.host : '',
        port: enabled ? ctx.dto.port : '',
        protocol: enabled ? ctx.dto.protocol : '',
        username: enabled ? (ctx.dto.username ?? '') : '',
        password: enabled ? (ctx.dto.password ?? '') : '',
    };
    const existing = ctx.state.proxies.get(instance.name);
    const timestamp = (0, state_1.now)();
    ctx.state.proxies.set(instance.name, {
        id: existing?.id ?? (0, state_1.cuid)(),
        ...proxy,
        createdAt: existing?.createdAt ?? timestamp,
        updatedAt: timestamp,
        instanceId: instance.id,
    });
    return { proxy: { instanceName: instance.name, proxy } };
}
function handleLabel(ctx) {
    const action = String(ctx.dto.action);
    const numberJid = (0, context_1.toJid)(String(ctx.dto.number));
    (0, context_1.emit)(ctx, 'labels.association', { instance: (0, context_1.instanceOf)(ctx).name, type: action, chatId: numberJid, labelId: ctx.dto.labelId });
    return { numberJid, labelId: ctx.dto.labelId, [action]: true };
}
function createTemplate(ctx) {
    const instance = (0, context_1.instanceOf)(ctx);
    const timestamp = (0, state_1.now)();
    const row = {
        id: (0, state_1.cuid)(),
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
function findTemplates(ctx) {
    const templates = ctx.state.templates.get((0, context_1.instanceOf)(ctx).name) ?? [];
    return {
        data: templates.map((row) => ({ name: row.name, status: 'APPROVED', id: row.templateId, ...((0, context_1.obj)(row.template) ?? {}) })),
        paging: { cursors: { before: '', after: '' } },
    };
}
function mediaRows(ctx) {
    return (ctx.state.media.get((0, context_1.instanceOf)(ctx).name) ?? []).map((row) => {
        const answer = { ...row };
        delete answer.data;
        return answer;
    });
}
function getMedia(ctx) {
    const rows = mediaRows(ctx).filter((row) => ['id', 'type', 'messageId'].every((field) => ctx.dto[field] === undefined || row[field] === ctx.dto[field]));
    if (rows.length === 0)
        throw (0, errors_1.badRequest)('Media not found');
    return rows;
}
function getMediaUrl(ctx) {
    const row = mediaRows(ctx).find((media) => media.id === ctx.dto.id);
    if (!row)
        throw (0, errors_1.badRequest)('Media not found');
    return { mediaUrl: `${ctx.config.baseUrl()}/fake-media/${String(row.id)}`, ...row };
}
exports.miscHandlers = {
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
        facebookAppId: '',
        facebookConfigId: '',
        facebookUserToken: '',
    }),
    'server.metrics': metrics,
    'server.manager': () => context_1.Reply.text(200, '<!doctype html><title>Evolution Manager</title>', 'text/html; charset=utf-8'),
    'server.assets': () => context_1.Reply.text(404, 'File not found'),
    'settings.set': setSettings,
    'settings.find': findSettings,
    'proxy.set': setProxy,
    'proxy.find': (ctx) => ctx.state.proxies.get((0, context_1.instanceOf)(ctx).name) ?? null,
    'label.findLabels': (ctx) => ctx.state.labels.get((0, context_1.instanceOf)(ctx).name) ?? [],
    'label.handleLabel': handleLabel,
    'template.create': createTemplate,
    'template.find': findTemplates,
    'business.getCatalog': (ctx) => ({
        wuid: (0, context_1.toJid)((0, context_1.str)(ctx.dto.number) ?? (0, context_1.instanceOf)(ctx).ownerJid ?? ''),
        numberExists: true,
        isBusiness: true,
        catalogLength: 0,
        catalog: [],
    }),
    'business.getCollections': (ctx) => ({
        wuid: (0, context_1.toJid)((0, context_1.str)(ctx.dto.number) ?? (0, context_1.instanceOf)(ctx).ownerJid ?? ''),
        numberExists: true,
        isBusiness: true,
        collectionsLength: 0,
        collections: [],
    }),
    'baileys.onWhatsapp': (ctx) => [{ exists: true, jid: (0, context_1.toJid)(String(ctx.dto.jid ?? '')) }],
    'baileys.profilePictureUrl': () => 'https://pps.whatsapp.net/fake/profile.jpg',
    'baileys.assertSessions': () => true,
    'baileys.createParticipantNodes': () => ({ nodes: [], shouldIncludeDeviceIdentity: false }),
    'baileys.getUSyncDevices': () => [],
    'baileys.generateMessageTag': () => `${Date.now()}.1-1`,
    'baileys.sendNode': () => null,
    'baileys.signalRepositoryDecryptMessage': () => null,
    'baileys.getAuthState': () => ({ creds: {}, keys: {} }),
    's3.getMedia': getMedia,
    's3.getMediaUrl': getMediaUrl,
    'channel.receiveWebhookEvolution': () => ({ status: 'success' }),
    'channel.verifyWebhookMeta': (ctx) => context_1.Reply.text(200, (0, context_1.firstQuery)(ctx.query, 'hub.verify_token') === ctx.config.metaVerifyToken
        ? ((0, context_1.firstQuery)(ctx.query, 'hub.challenge') ?? '')
        : 'Error, wrong validation token', 'text/html; charset=utf-8'),
    'channel.receiveWebhookMeta': () => ({ status: 'success' }),
};
