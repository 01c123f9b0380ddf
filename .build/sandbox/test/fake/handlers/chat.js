"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.chatHandlers = void 0;
const errors_1 = require("../errors");
const context_1 = require("./context");
const messages_1 = require("./messages");
function paginate(items, page, offset) {
    return items.slice((page - 1) * offset, page * offset);
}
function where(ctx) {
    return (0, context_1.obj)(ctx.dto.where) ?? {};
}
function findMessages(ctx) {
    const filter = where(ctx);
    const key = (0, context_1.obj)(filter.key) ?? {};
    const timestamp = (0, context_1.obj)(filter.messageTimestamp);
    let records = [...(ctx.state.messages.get((0, context_1.instanceOf)(ctx).name) ?? [])];
    records = records.filter((record) => {
        const recordKey = (record.key ?? {});
        for (const field of ['id', 'fromMe', 'remoteJid', 'participant']) {
            if (key[field] !== undefined && recordKey[field] !== key[field])
                return false;
        }
        if (filter.messageType !== undefined && record.messageType !== filter.messageType)
            return false;
        if (filter.source !== undefined && record.source !== filter.source)
            return false;
        if (timestamp?.gte !== undefined && timestamp.lte !== undefined) {
            const seconds = Number(record.messageTimestamp);
            const gte = Date.parse(String(timestamp.gte)) / 1000;
            const lte = Date.parse(String(timestamp.lte)) / 1000;
            if (seconds < gte || seconds > lte)
                return false;
        }
        return true;
    });
    records.sort((a, b) => Number(b.messageTimestamp) - Number(a.messageTimestamp));
    const offset = (0, context_1.intOf)(ctx.dto.offset) ?? 50;
    const page = (0, context_1.intOf)(ctx.dto.page) ?? 1;
    return {
        messages: {
            total: records.length,
            pages: Math.ceil(records.length / offset),
            currentPage: page,
            records: paginate(records, page, offset),
        },
    };
}
function findContacts(ctx) {
    const remoteJid = (0, context_1.str)(where(ctx).remoteJid);
    let contacts = [...(ctx.state.contacts.get((0, context_1.instanceOf)(ctx).name) ?? [])];
    if (remoteJid)
        contacts = contacts.filter((contact) => contact.remoteJid === (0, context_1.toJid)(remoteJid));
    const offset = (0, context_1.intOf)(ctx.dto.offset);
    if (offset !== undefined)
        contacts = paginate(contacts, (0, context_1.intOf)(ctx.dto.page) ?? 1, offset);
    return contacts.map((contact) => {
        const jid = String(contact.remoteJid);
        const isGroup = jid.endsWith('@g.us');
        return { ...contact, isGroup, isSaved: true, type: isGroup ? 'group' : 'contact' };
    });
}
function findChats(ctx) {
    const filter = where(ctx);
    const remoteJid = (0, context_1.str)(filter.remoteJid);
    let chats = [...(ctx.state.chats.get((0, context_1.instanceOf)(ctx).name) ?? [])];
    if (remoteJid)
        chats = chats.filter((chat) => chat.remoteJid === (0, context_1.toJid)(remoteJid));
    chats.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
    const skip = (0, context_1.intOf)(ctx.dto.skip) ?? 0;
    const take = (0, context_1.intOf)(ctx.dto.take);
    return chats.slice(skip, take === undefined ? undefined : skip + take);
}
function archiveChat(ctx) {
    const lastMessage = (0, context_1.obj)(ctx.dto.lastMessage);
    const chat = (0, context_1.str)(ctx.dto.chat);
    const chatId = chat ? (0, context_1.toJid)(chat) : String(((0, context_1.obj)(lastMessage?.key) ?? {}).remoteJid);
    if (!lastMessage) {
        const stored = (ctx.state.messages.get((0, context_1.instanceOf)(ctx).name) ?? []).some((message) => message.key?.remoteJid === chatId);
        if (!stored)
            throw (0, errors_1.notFound)('Last message not found');
    }
    return { chatId, archived: true };
}
function getBase64FromMediaMessage(ctx) {
    const message = (0, context_1.obj)(ctx.dto.message) ?? {};
    const id = (0, context_1.str)((0, context_1.obj)(message.key)?.id);
    const media = id
        ? (ctx.state.media.get((0, context_1.instanceOf)(ctx).name) ?? []).find((row) => row.messageId === id)
        : undefined;
    if (!media)
        throw (0, errors_1.badRequest)('Message not found');
    const data = Buffer.isBuffer(media.data) ? media.data : Buffer.alloc(0);
    return {
        mediaType: `${String(media.type)}Message`,
        fileName: media.fileName,
        caption: null,
        size: { fileLength: String(data.length), height: null, width: null },
        mimetype: media.mimetype,
        base64: data.toString('base64'),
    };
}
function updateMessage(ctx) {
    if (ctx.dto.number === undefined || !(0, context_1.obj)(ctx.dto.key) || ctx.dto.text === undefined) {
        throw (0, errors_1.plainError)('fake: /chat/updateMessage needs number, key and text (the schema requires none of them)');
    }
    const key = (0, context_1.obj)(ctx.dto.key) ?? {};
    const remoteJid = (0, context_1.toJid)(String(ctx.dto.number ?? key.remoteJid ?? ''));
    const edit = (0, messages_1.buildMessage)(ctx, remoteJid, 'protocolMessage', {
        protocolMessage: { key, type: 'MESSAGE_EDIT', editedMessage: { conversation: ctx.dto.text } },
    });
    (0, context_1.emit)(ctx, 'send.message.update', edit);
    return edit;
}
function deleteMessage(ctx) {
    const key = { id: ctx.dto.id, fromMe: ctx.dto.fromMe, remoteJid: ctx.dto.remoteJid, participant: ctx.dto.participant };
    const stored = (ctx.state.messages.get((0, context_1.instanceOf)(ctx).name) ?? []).find((message) => message.key.id === key.id);
    if (stored) {
        stored.status = 'DELETED';
        (0, context_1.emit)(ctx, 'messages.delete', stored);
    }
    return (0, messages_1.buildMessage)(ctx, String(ctx.dto.remoteJid), 'protocolMessage', { protocolMessage: { key, type: 'REVOKE' } });
}
function updateProfilePicture(ctx) {
    const picture = (0, context_1.str)(ctx.dto.picture);
    if (!picture || !((0, context_1.isUrl)(picture) || (0, context_1.isBase64)(picture)))
        throw (0, errors_1.badRequest)('"profilePicture" must be a url or a base64');
    return { update: 'success' };
}
exports.chatHandlers = {
    'chat.whatsappNumbers': (ctx) => {
        if (!Array.isArray(ctx.dto.numbers))
            throw (0, errors_1.plainError)("Cannot read properties of undefined (reading 'map')");
        return ctx.dto.numbers.map((number) => ({ exists: true, jid: (0, context_1.toJid)(String(number)), number: String(number) }));
    },
    'chat.markMessageAsRead': () => ({ message: 'Read messages', read: 'success' }),
    'chat.archiveChat': archiveChat,
    'chat.markChatUnread': (ctx) => ({
        chatId: (0, context_1.str)(ctx.dto.chat) ? (0, context_1.toJid)(String(ctx.dto.chat)) : ((0, context_1.obj)((0, context_1.obj)(ctx.dto.lastMessage)?.key) ?? {}).remoteJid,
        markedChatUnread: true,
    }),
    'chat.deleteMessageForEveryone': deleteMessage,
    'chat.fetchProfilePictureUrl': (ctx) => ({
        wuid: (0, context_1.toJid)(String(ctx.dto.number ?? '')),
        profilePictureUrl: (0, context_1.instanceOf)(ctx).integration === 'WHATSAPP-BAILEYS' ? 'https://pps.whatsapp.net/fake/profile.jpg' : null,
    }),
    'chat.getBase64FromMediaMessage': getBase64FromMediaMessage,
    'chat.updateMessage': updateMessage,
    'chat.sendPresence': (ctx) => ({ presence: ctx.dto.presence }),
    'chat.updateBlockStatus': () => ({ block: 'success' }),
    'chat.findContacts': findContacts,
    'chat.findMessages': findMessages,
    'chat.findStatusMessage': (ctx) => paginate([], (0, context_1.intOf)(ctx.dto.page) ?? 1, (0, context_1.intOf)(ctx.dto.offset) ?? 50),
    'chat.findChats': findChats,
    'chat.findChatByRemoteJid': (ctx) => {
        const remoteJid = (0, context_1.firstQuery)(ctx.query, 'remoteJid');
        if (!remoteJid)
            return context_1.Reply.json(400, { error: 'remoteJid is a required query parameter' });
        return (ctx.state.chats.get((0, context_1.instanceOf)(ctx).name) ?? []).find((chat) => chat.remoteJid === remoteJid) ?? null;
    },
    'profile.fetchBusinessProfile': (ctx) => ({
        wid: (0, context_1.toJid)(String(ctx.dto.number ?? (0, context_1.instanceOf)(ctx).ownerJid ?? '')),
        isBusiness: false,
        message: 'Not is business profile',
    }),
    'profile.fetchProfile': (ctx) => {
        const instance = (0, context_1.instanceOf)(ctx);
        const number = (0, context_1.str)(ctx.dto.number);
        return {
            wuid: number ? (0, context_1.toJid)(number) : instance.ownerJid,
            name: number ? null : instance.profileName,
            numberExists: true,
            picture: null,
            status: { status: '', setAt: new Date().toISOString() },
            isBusiness: false,
        };
    },
    'profile.updateProfileName': () => ({ update: 'success' }),
    'profile.updateProfileStatus': () => ({ update: 'success' }),
    'profile.updateProfilePicture': updateProfilePicture,
    'profile.removeProfilePicture': () => ({ update: 'success' }),
    'profile.fetchPrivacySettings': () => ({
        readreceipts: 'all',
        profile: 'all',
        status: 'contacts',
        online: 'all',
        last: 'contacts',
        groupadd: 'all',
    }),
    'profile.updatePrivacySettings': (ctx) => ({ update: 'success', data: { ...ctx.dto } }),
};
