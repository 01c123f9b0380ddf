"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.messageHandlers = void 0;
exports.buildMessage = buildMessage;
exports.withBase64 = withBase64;
exports.sentMessage = sentMessage;
const errors_1 = require("../errors");
const eventbus_1 = require("../eventbus");
const state_1 = require("../state");
const context_1 = require("./context");
const OWNED_MEDIA = 'Owned media must be a url or base64';
function contextInfo(dto) {
    const quoted = (0, context_1.obj)(dto.quoted);
    const quotedKey = (0, context_1.obj)(quoted?.key);
    const mentioned = Array.isArray(dto.mentioned) ? dto.mentioned.map((number) => (0, context_1.toJid)(String(number))) : undefined;
    if (!quotedKey && !mentioned)
        return undefined;
    return {
        ...(quotedKey ? { stanzaId: quotedKey.id, participant: quotedKey.remoteJid, quotedMessage: quoted?.message ?? {} } : {}),
        ...(mentioned ? { mentionedJid: mentioned } : {}),
    };
}
function buildMessage(ctx, remoteJid, messageType, message) {
    const instance = (0, context_1.instanceOf)(ctx);
    const context = contextInfo(ctx.dto);
    return {
        key: { remoteJid, fromMe: true, id: (0, state_1.messageId)() },
        pushName: instance.profileName ?? '',
        status: 'PENDING',
        message,
        ...(context ? { contextInfo: context } : {}),
        messageType,
        messageTimestamp: Math.floor(Date.now() / 1000),
        instanceId: instance.id,
        source: 'unknown',
    };
}
function withBase64(record, data) {
    return { ...record, message: { ...record.message, base64: data.toString('base64') } };
}
function sentMessage(ctx, remoteJid, messageType, message, file) {
    const instance = (0, context_1.instanceOf)(ctx);
    const record = buildMessage(ctx, remoteJid, messageType, message);
    ctx.state.storeMessage(instance.name, record);
    if (file) {
        ctx.state.listOf(ctx.state.media, instance.name).push({
            id: (0, state_1.cuid)(),
            fileName: file.fileName,
            type: file.type,
            mimetype: file.mimetype,
            createdAt: new Date().toISOString(),
            messageId: record.key.id,
            instanceId: instance.id,
            data: file.data,
            Message: record,
        });
    }
    (0, context_1.emit)(ctx, 'send.message', file?.data && (0, eventbus_1.webhookWantsBase64)(ctx.state, instance.name) ? withBase64(record, file.data) : record);
    return record;
}
function mediaSource(ctx, field, message) {
    const file = ctx.files[0];
    if (file)
        return { url: 'https://mmg.whatsapp.net/fake-upload', data: file.data, file };
    const value = (0, context_1.str)(ctx.dto[field]);
    if (value !== undefined && (0, context_1.isUrl)(value))
        return { url: value, data: null };
    if (value !== undefined && (0, context_1.isBase64)(value))
        return { url: 'https://mmg.whatsapp.net/fake-upload', data: Buffer.from(value, 'base64') };
    throw (0, errors_1.badRequest)(message);
}
const MIME_BY_TYPE = {
    image: 'image/png',
    video: 'video/mp4',
    audio: 'audio/ogg; codecs=opus',
    document: 'application/octet-stream',
    sticker: 'image/webp',
};
function sendMedia(ctx) {
    const dto = ctx.dto;
    const mediatype = String(dto.mediatype);
    const source = mediaSource(ctx, 'media', OWNED_MEDIA);
    const fileName = (0, context_1.str)(dto.fileName) ?? source.file?.filename;
    if (!source.file && source.data && mediatype === 'document' && !fileName) {
        throw (0, errors_1.badRequest)('For base64 the file name must be informed.');
    }
    const mimetype = (0, context_1.str)(dto.mimetype) ?? source.file?.contentType ?? MIME_BY_TYPE[mediatype];
    const messageType = `${mediatype}Message`;
    const content = { url: source.url, mimetype, ...(dto.caption !== undefined ? { caption: dto.caption } : {}) };
    if (fileName !== undefined)
        content.fileName = fileName;
    if (source.data)
        content.fileLength = String(source.data.length);
    return sentMessage(ctx, (0, context_1.toJid)(String(dto.number)), messageType, { [messageType]: content }, {
        fileName: fileName ?? `${messageType}`,
        type: mediatype,
        mimetype,
        data: source.data,
    });
}
function sendSingleMedia(field, type, messageType, extra, ownedMessage = OWNED_MEDIA) {
    return (ctx) => {
        const source = mediaSource(ctx, field, ownedMessage);
        const mimetype = source.file?.contentType ?? MIME_BY_TYPE[type];
        const content = { url: source.url, mimetype, ...extra };
        if (source.data)
            content.fileLength = String(source.data.length);
        return sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), messageType, { [messageType]: content }, {
            fileName: source.file?.filename ?? messageType,
            type,
            mimetype,
            data: source.data,
        });
    };
}
function sendStatus(ctx) {
    const dto = ctx.dto;
    const type = String(dto.type);
    if (type === 'text') {
        return sentMessage(ctx, 'status@broadcast', 'extendedTextMessage', {
            extendedTextMessage: { text: dto.content, backgroundArgb: dto.backgroundColor, font: dto.font },
        });
    }
    const source = mediaSource(ctx, 'content', OWNED_MEDIA);
    const messageType = `${type}Message`;
    const mimetype = source.file?.contentType ?? MIME_BY_TYPE[type] ?? 'application/octet-stream';
    return sentMessage(ctx, 'status@broadcast', messageType, { [messageType]: { url: source.url, mimetype, caption: dto.caption } }, {
        fileName: source.file?.filename ?? messageType,
        type,
        mimetype,
        data: source.data,
    });
}
function isReaction(value) {
    if (value === '')
        return true;
    const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(value)];
    return graphemes.length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value);
}
function sendButtons(ctx) {
    const buttons = Array.isArray(ctx.dto.buttons) ? ctx.dto.buttons : [];
    const types = buttons.map((button) => String(button.type));
    if (buttons.length === 0)
        throw (0, errors_1.badRequest)('At least one button is required');
    if (types.includes('reply')) {
        if (types.some((type) => type !== 'reply'))
            throw (0, errors_1.badRequest)('Reply buttons cannot be mixed with other button types');
        if (buttons.length > 3)
            throw (0, errors_1.badRequest)('Maximum of 3 reply buttons allowed');
    }
    if (types.includes('pix') && buttons.length > 1)
        throw (0, errors_1.badRequest)('Only one PIX button is allowed');
    return sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), 'buttonsMessage', {
        buttonsMessage: { title: ctx.dto.title, description: ctx.dto.description, footer: ctx.dto.footer, buttons },
    });
}
exports.messageHandlers = {
    'message.sendTemplate': (ctx) => sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), 'template', {
        template: { name: ctx.dto.name, language: ctx.dto.language, components: ctx.dto.components ?? [] },
    }),
    'message.sendText': (ctx) => sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), 'conversation', { conversation: ctx.dto.text }),
    'message.sendMedia': sendMedia,
    'message.sendPtv': sendSingleMedia('video', 'video', 'ptvMessage', {}),
    'message.sendWhatsAppAudio': sendSingleMedia('audio', 'audio', 'audioMessage', { ptt: true }, 'Owned media must be a url, base64, or valid file with buffer'),
    'message.sendStatus': sendStatus,
    'message.sendSticker': sendSingleMedia('sticker', 'sticker', 'stickerMessage', {}),
    'message.sendLocation': (ctx) => sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), 'locationMessage', {
        locationMessage: {
            degreesLatitude: ctx.dto.latitude,
            degreesLongitude: ctx.dto.longitude,
            name: ctx.dto.name,
            address: ctx.dto.address,
        },
    }),
    'message.sendContact': (ctx) => {
        const contacts = (Array.isArray(ctx.dto.contact) ? ctx.dto.contact : []);
        const vcards = contacts.map((contact) => ({
            displayName: contact.fullName,
            vcard: `BEGIN:VCARD\nVERSION:3.0\nFN:${String(contact.fullName)}\nTEL;type=CELL;waid=${String(contact.wuid ?? contact.phoneNumber)}:${String(contact.phoneNumber)}\nEND:VCARD`,
        }));
        const jid = (0, context_1.toJid)(String(ctx.dto.number));
        return vcards.length === 1
            ? sentMessage(ctx, jid, 'contactMessage', { contactMessage: vcards[0] })
            : sentMessage(ctx, jid, 'contactsArrayMessage', { contactsArrayMessage: { contacts: vcards } });
    },
    'message.sendReaction': (ctx) => {
        const reaction = String(ctx.dto.reaction);
        if (!isReaction(reaction))
            throw (0, errors_1.badRequest)('Reaction must be a single emoji or empty string');
        const key = (0, context_1.obj)(ctx.dto.key) ?? {};
        return sentMessage(ctx, String(key.remoteJid), 'reactionMessage', { reactionMessage: { key, text: reaction } });
    },
    'message.sendPoll': (ctx) => sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), 'pollCreationMessageV3', {
        pollCreationMessageV3: {
            name: ctx.dto.name,
            options: ctx.dto.values.map((value) => ({ optionName: value })),
            selectableOptionsCount: ctx.dto.selectableCount,
        },
    }),
    'message.sendList': (ctx) => sentMessage(ctx, (0, context_1.toJid)(String(ctx.dto.number)), 'listMessage', {
        listMessage: {
            title: ctx.dto.title,
            description: ctx.dto.description,
            buttonText: ctx.dto.buttonText,
            footerText: ctx.dto.footerText,
            sections: ctx.dto.sections,
            listType: 'SINGLE_SELECT',
        },
    }),
    'message.sendButtons': sendButtons,
    'call.offer': (ctx) => ({
        id: '123',
        jid: (0, context_1.toJid)(String(ctx.dto.number)),
        isVideo: ctx.dto.isVideo ?? false,
        callDuration: ctx.dto.callDuration,
    }),
};
