"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FakeState = exports.now = exports.BOT_KINDS = exports.EVENT_TRANSPORTS = void 0;
exports.cuid = cuid;
exports.messageId = messageId;
const node_crypto_1 = require("node:crypto");
exports.EVENT_TRANSPORTS = ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher'];
exports.BOT_KINDS = ['evolutionBot', 'typebot', 'openai', 'dify', 'flowise', 'n8n', 'evoai'];
const now = () => new Date().toISOString();
exports.now = now;
function cuid() {
    return `c${Date.now().toString(36)}${(0, node_crypto_1.randomBytes)(8).toString('hex')}`.slice(0, 25);
}
function messageId() {
    return `3EB0${(0, node_crypto_1.randomBytes)(8).toString('hex').toUpperCase()}`;
}
class FakeState {
    instances = new Map();
    webhooks = new Map();
    settings = new Map();
    proxies = new Map();
    chatwoot = new Map();
    eventConfigs = {
        websocket: new Map(),
        rabbitmq: new Map(),
        nats: new Map(),
        sqs: new Map(),
        kafka: new Map(),
        pusher: new Map(),
    };
    bots = {
        evolutionBot: new Map(),
        typebot: new Map(),
        openai: new Map(),
        dify: new Map(),
        flowise: new Map(),
        n8n: new Map(),
        evoai: new Map(),
    };
    botSettings = {
        evolutionBot: new Map(),
        typebot: new Map(),
        openai: new Map(),
        dify: new Map(),
        flowise: new Map(),
        n8n: new Map(),
        evoai: new Map(),
    };
    sessions = [];
    openaiCreds = new Map();
    labels = new Map();
    groups = new Map();
    messages = new Map();
    chats = new Map();
    contacts = new Map();
    media = new Map();
    templates = new Map();
    addInstance(seed) {
        const created = (0, exports.now)();
        const record = {
            id: (0, node_crypto_1.randomUUID)(),
            name: seed.name,
            token: seed.token,
            integration: seed.integration ?? 'WHATSAPP-BAILEYS',
            state: seed.state,
            number: seed.number ?? null,
            businessId: null,
            ownerJid: seed.ownerJid ?? (seed.state === 'open' ? '5511900000000@s.whatsapp.net' : null),
            profileName: seed.profileName ?? null,
            profilePicUrl: null,
            createdAt: created,
            updatedAt: created,
            ...(seed.connectError !== undefined ? { connectError: seed.connectError } : {}),
        };
        this.instances.set(record.name, record);
        this.settings.set(record.name, {
            id: cuid(),
            rejectCall: false,
            msgCall: '',
            groupsIgnore: false,
            alwaysOnline: false,
            readMessages: false,
            readStatus: false,
            syncFullHistory: false,
            wavoipToken: '',
            createdAt: created,
            updatedAt: created,
            instanceId: record.id,
        });
        return record;
    }
    seedInstance(seed) {
        return this.addInstance({ ...seed, token: seed.token ?? `${seed.name}-token`, state: seed.state ?? 'open' });
    }
    deleteInstance(name) {
        const instance = this.instances.get(name);
        if (!instance)
            return;
        this.instances.delete(name);
        for (const map of [this.webhooks, this.settings, this.proxies, this.chatwoot, this.labels, this.groups, this.messages, this.chats, this.contacts, this.media, this.templates]) {
            map.delete(name);
        }
        for (const transport of exports.EVENT_TRANSPORTS)
            this.eventConfigs[transport].delete(name);
        for (const kind of exports.BOT_KINDS) {
            this.botSettings[kind].delete(name);
            for (const [id, bot] of this.bots[kind])
                if (bot.instanceId === instance.id)
                    this.bots[kind].delete(id);
        }
        for (const [id, creds] of this.openaiCreds)
            if (creds.instanceId === instance.id)
                this.openaiCreds.delete(id);
        for (let index = this.sessions.length - 1; index >= 0; index--) {
            if (this.sessions[index].instanceId === instance.id)
                this.sessions.splice(index, 1);
        }
    }
    clear() {
        for (const name of [...this.instances.keys()])
            this.deleteInstance(name);
        for (const map of [this.webhooks, this.settings, this.proxies, this.chatwoot, this.labels, this.groups, this.messages, this.chats, this.contacts, this.media, this.templates, this.openaiCreds]) {
            map.clear();
        }
        for (const transport of exports.EVENT_TRANSPORTS)
            this.eventConfigs[transport].clear();
        for (const kind of exports.BOT_KINDS) {
            this.bots[kind].clear();
            this.botSettings[kind].clear();
        }
        this.sessions.length = 0;
    }
    findInstanceByToken(token) {
        return [...this.instances.values()].filter((instance) => instance.token === token);
    }
    listOf(map, instanceName) {
        let list = map.get(instanceName);
        if (!list) {
            list = [];
            map.set(instanceName, list);
        }
        return list;
    }
    groupsOf(instanceName) {
        let groups = this.groups.get(instanceName);
        if (!groups) {
            groups = new Map();
            this.groups.set(instanceName, groups);
        }
        return groups;
    }
    storeMessage(instanceName, message) {
        this.listOf(this.messages, instanceName).push(message);
        const key = message.key;
        const remoteJid = key?.remoteJid;
        if (!remoteJid)
            return;
        const chats = this.listOf(this.chats, instanceName);
        const existing = chats.find((chat) => chat.remoteJid === remoteJid);
        const updatedAt = (0, exports.now)();
        if (existing) {
            existing.updatedAt = updatedAt;
            existing.lastMessage = message;
        }
        else {
            chats.push({
                id: cuid(),
                remoteJid,
                pushName: null,
                profilePicUrl: null,
                createdAt: updatedAt,
                updatedAt,
                unreadMessages: 0,
                instanceId: message.instanceId,
                lastMessage: message,
            });
        }
    }
}
exports.FakeState = FakeState;
