"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SimulationError = void 0;
exports.deviceOf = deviceOf;
exports.simulateIncoming = simulateIncoming;
exports.simulateConnection = simulateConnection;
exports.simulateLabel = simulateLabel;
const node_crypto_1 = require("node:crypto");
const eventbus_1 = require("./eventbus");
const messages_1 = require("./handlers/messages");
const state_1 = require("./state");
const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'];
class SimulationError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
exports.SimulationError = SimulationError;
function deviceOf(id) {
    if (/^3A.{18}$/.test(id))
        return 'ios';
    if (/^3E.{20}$/.test(id))
        return 'web';
    if (/^(.{21}|.{32})$/.test(id))
        return 'android';
    if (/^(3F|.{18}$)/.test(id))
        return 'desktop';
    return 'unknown';
}
const DEFAULT_MIME = {
    image: 'image/jpeg',
    video: 'video/mp4',
    audio: 'audio/ogg; codecs=opus',
    document: 'application/octet-stream',
    sticker: 'image/webp',
};
function kindOf(media, mimetype) {
    if (media.type !== undefined) {
        if (!MEDIA_KINDS.includes(media.type))
            throw new SimulationError(400, `media.type must be one of ${MEDIA_KINDS.join(', ')}`);
        return media.type;
    }
    if (media.ptt)
        return 'audio';
    const mime = mimetype.toLowerCase();
    if (mime.startsWith('image/webp'))
        return 'sticker';
    if (mime.startsWith('image/'))
        return 'image';
    if (mime.startsWith('video/'))
        return 'video';
    if (mime.startsWith('audio/'))
        return 'audio';
    return 'document';
}
async function mediaBytes(media) {
    if (typeof media.base64 === 'string') {
        const dataUrl = /^data:([^;,]+)?(?:;[^,]*)?;base64,/i.exec(media.base64);
        const text = dataUrl ? media.base64.slice(dataUrl[0].length) : media.base64;
        if (!/^[A-Za-z0-9+/=_\s-]+$/.test(text))
            throw new SimulationError(400, 'media.base64 is not base64');
        const data = Buffer.from(text, 'base64');
        if (data.length === 0)
            throw new SimulationError(400, 'media.base64 is empty');
        return { data, mimetype: media.mimetype ?? dataUrl?.[1] };
    }
    if (typeof media.url === 'string') {
        let response;
        try {
            response = await fetch(media.url, { signal: AbortSignal.timeout(15_000) });
        }
        catch (error) {
            throw new SimulationError(400, `could not download media.url: ${error.message}`);
        }
        if (!response.ok)
            throw new SimulationError(400, `could not download media.url: HTTP ${response.status}`);
        const data = Buffer.from(await response.arrayBuffer());
        return { data, mimetype: media.mimetype ?? response.headers.get('content-type')?.split(';')[0] ?? undefined };
    }
    throw new SimulationError(400, 'media needs base64 or url');
}
const b64 = (data) => data.toString('base64');
function mediaContent(kind, data, mimetype, media, caption, fileName) {
    const seconds = Math.floor(Date.now() / 1000);
    const path = `/v/t62.7118-24/sandbox-${(0, node_crypto_1.randomBytes)(8).toString('hex')}.enc`;
    const common = {
        url: `https://mmg.whatsapp.net${path}?ccb=11-4&mms3=true`,
        mimetype,
        fileSha256: b64((0, node_crypto_1.createHash)('sha256').update(data).digest()),
        fileLength: String(data.length),
        mediaKey: b64((0, node_crypto_1.randomBytes)(32)),
        fileEncSha256: b64((0, node_crypto_1.randomBytes)(32)),
        directPath: path,
        mediaKeyTimestamp: String(seconds),
    };
    const duration = media.seconds ?? Math.max(1, Math.round(data.length / 2000));
    switch (kind) {
        case 'image':
            return { ...common, ...(caption !== undefined ? { caption } : {}) };
        case 'video':
            return { ...common, seconds: duration, ...(caption !== undefined ? { caption } : {}) };
        case 'audio':
            return { ...common, seconds: duration, ptt: media.ptt === true };
        case 'sticker':
            return { ...common, isAnimated: false };
        case 'document':
            return { ...common, title: fileName, fileName, ...(caption !== undefined ? { caption } : {}) };
    }
}
function extensionOf(mimetype) {
    const subtype = mimetype.split(';')[0].split('/')[1] ?? 'bin';
    return subtype.replace(/^x-/, '').replace(/[^a-z0-9]/gi, '') || 'bin';
}
function withoutBase64(message) {
    const copy = { ...(message ?? {}) };
    delete copy.base64;
    return copy;
}
function userJid(value) {
    const trimmed = value.trim();
    if (trimmed.includes('@'))
        return trimmed;
    const digits = trimmed.replace(/\D/g, '');
    if (digits === '')
        throw new SimulationError(400, `"${value}" is neither a phone number nor a JID`);
    return `${digits}@s.whatsapp.net`;
}
function instanceNamed(state, name) {
    const instance = state.instances.get(name);
    if (!instance)
        throw new SimulationError(404, `The "${name}" instance does not exist`);
    return instance;
}
async function simulateIncoming(state, bus, instanceName, input) {
    const instance = instanceNamed(state, instanceName);
    if (typeof input !== 'object' || input === null)
        throw new SimulationError(400, 'the body must be a JSON object');
    if (typeof input.from !== 'string' || input.from.trim() === '')
        throw new SimulationError(400, '"from" (a phone number or JID) is required');
    if (input.text !== undefined && typeof input.text !== 'string')
        throw new SimulationError(400, '"text" must be a string');
    if (input.text === undefined && input.media === undefined)
        throw new SimulationError(400, 'give "text", "media" or both');
    if (instance.state !== 'open') {
        throw new SimulationError(409, `The "${instanceName}" instance is not connected (state ${instance.state}); POST /sandbox/${encodeURIComponent(instanceName)}/connection {"state":"open"} first`);
    }
    const fromMe = input.fromMe === true;
    const group = input.group ? (input.group.includes('@') ? input.group : `${input.group.replace(/\D/g, '')}@g.us`) : undefined;
    const sender = userJid(input.from);
    const remoteJid = group ?? sender;
    const participant = group ? userJid(input.participant ?? input.from) : undefined;
    const id = input.id ?? (0, node_crypto_1.randomBytes)(16).toString('hex').toUpperCase();
    const messages = state.listOf(state.messages, instance.name);
    if (messages.some((message) => message.key?.id === id))
        throw new SimulationError(409, `a message with id "${id}" already exists`);
    let contextInfo;
    if (input.quotedId !== undefined) {
        const quoted = messages.find((message) => message.key?.id === input.quotedId);
        const quotedKey = (quoted?.key ?? {});
        contextInfo = {
            stanzaId: input.quotedId,
            participant: quotedKey.participant ?? (quotedKey.fromMe ? instance.ownerJid : (quotedKey.remoteJid ?? remoteJid)),
            quotedMessage: withoutBase64(quoted?.message),
        };
    }
    let messageType;
    let message;
    let media;
    if (input.media !== undefined) {
        if (typeof input.media !== 'object' || input.media === null)
            throw new SimulationError(400, '"media" must be an object');
        const { data, mimetype: givenMime } = await mediaBytes(input.media);
        const provisional = givenMime ?? (input.media.type ? DEFAULT_MIME[input.media.type] : input.media.ptt ? DEFAULT_MIME.audio : undefined);
        if (!provisional)
            throw new SimulationError(400, 'media.mimetype is required (or media.type)');
        const kind = kindOf(input.media, provisional);
        const mimetype = kind === 'audio' && input.media.ptt && !givenMime ? DEFAULT_MIME.audio : provisional;
        const fileName = input.media.fileName ?? `${id}.${extensionOf(mimetype)}`;
        const caption = input.media.caption ?? input.text;
        messageType = `${kind}Message`;
        const content = mediaContent(kind, data, mimetype, input.media, caption, fileName);
        if (contextInfo)
            content.contextInfo = contextInfo;
        message = { [messageType]: content };
        media = { kind, data, mimetype, fileName };
    }
    else {
        messageType = 'conversation';
        message = { conversation: input.text };
    }
    const record = {
        key: { remoteJid, fromMe, id, ...(participant ? { participant } : {}) },
        pushName: input.pushName ?? (fromMe ? (instance.profileName ?? 'Você') : 'Sandbox User'),
        status: fromMe ? 'SERVER_ACK' : 'DELIVERY_ACK',
        message,
        ...(contextInfo ? { contextInfo } : {}),
        messageType,
        messageTimestamp: input.timestamp ?? Math.floor(Date.now() / 1000),
        instanceId: instance.id,
        source: deviceOf(id),
    };
    if (group && state.settings.get(instance.name)?.groupsIgnore === true)
        return { record, ignored: 'settings.groupsIgnore is on' };
    state.storeMessage(instance.name, record);
    if (media) {
        state.listOf(state.media, instance.name).push({
            id: (0, state_1.cuid)(),
            fileName: media.fileName,
            type: media.kind,
            mimetype: media.mimetype,
            createdAt: (0, state_1.now)(),
            messageId: id,
            instanceId: instance.id,
            data: media.data,
            Message: record,
        });
    }
    const base64 = media && (instance.integration === 'WHATSAPP-BUSINESS' || (0, eventbus_1.webhookWantsBase64)(state, instance.name));
    bus?.emit(instance.name, 'messages.upsert', base64 && media ? (0, messages_1.withBase64)(record, media.data) : record);
    const contacts = state.listOf(state.contacts, instance.name);
    const known = contacts.find((contact) => contact.remoteJid === remoteJid);
    const contactRaw = { remoteJid, pushName: fromMe ? '' : record.pushName, profilePicUrl: null, instanceId: instance.id };
    if (known) {
        if (!fromMe)
            known.pushName = record.pushName;
        known.updatedAt = (0, state_1.now)();
        bus?.emit(instance.name, 'contacts.update', contactRaw);
    }
    else {
        contacts.push({ id: (0, state_1.cuid)(), ...contactRaw, createdAt: (0, state_1.now)(), updatedAt: (0, state_1.now)() });
        bus?.emit(instance.name, 'contacts.upsert', contactRaw);
    }
    return { record };
}
const STATES = ['open', 'close', 'connecting', 'refused'];
function simulateConnection(state, bus, instanceName, newState, statusReason, defaultOwnerJid = '5511900000000@s.whatsapp.net') {
    const instance = instanceNamed(state, instanceName);
    if (!STATES.includes(newState))
        throw new SimulationError(400, `state must be one of ${STATES.join(', ')}`);
    if (statusReason !== undefined && !Number.isInteger(statusReason))
        throw new SimulationError(400, 'statusReason must be an integer');
    const reason = statusReason ?? (newState === 'close' ? 428 : newState === 'refused' ? 500 : 200);
    instance.state = newState === 'refused' ? 'close' : newState;
    instance.updatedAt = (0, state_1.now)();
    if (newState === 'open') {
        instance.ownerJid ??= instance.number ? `${instance.number.replace(/\D/g, '')}@s.whatsapp.net` : defaultOwnerJid;
    }
    const loggedOut = newState === 'close' && [401, 402, 403, 406].includes(reason);
    if (loggedOut) {
        bus?.emit(instance.name, 'status.instance', {
            instance: instance.name,
            status: 'closed',
            disconnectionAt: instance.updatedAt,
            disconnectionReasonCode: reason,
            disconnectionObject: JSON.stringify({ error: { output: { statusCode: reason } }, date: instance.updatedAt }),
        });
        bus?.emit(instance.name, 'logout.instance', null);
    }
    const data = (0, eventbus_1.connectionUpdateData)(instance, newState, reason);
    bus?.emit(instance.name, 'connection.update', data);
    return data;
}
function simulateLabel(state, bus, instanceName, input) {
    const instance = instanceNamed(state, instanceName);
    if (typeof input.name !== 'string' || input.name === '')
        throw new SimulationError(400, '"name" is required');
    const labels = state.listOf(state.labels, instance.name);
    const id = input.id !== undefined ? String(input.id) : String(labels.reduce((max, label) => Math.max(max, Number(label.id) || 0), 0) + 1);
    const label = {
        id,
        name: input.name,
        color: Number.isInteger(input.color) ? input.color : 0,
        predefinedId: input.predefinedId !== undefined ? String(input.predefinedId) : null,
    };
    const index = labels.findIndex((existing) => existing.id === id);
    if (input.deleted === true) {
        if (index !== -1)
            labels.splice(index, 1);
    }
    else if (index === -1) {
        labels.push(label);
    }
    else {
        labels[index] = label;
    }
    bus?.emit(instance.name, 'labels.edit', { ...label, deleted: input.deleted === true, instance: instance.name });
    return label;
}
