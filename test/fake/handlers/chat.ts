/**
 * /chat/* (chat and profile groups): WhatsApp actions answer small records; the find* routes
 * read what the fake stored (sent messages, their chats, seeded contacts).
 */
import { badRequest, exception, plainError } from '../errors';
import { type Row } from '../state';
import { emit, firstQuery, instanceOf, intOf, isBase64, isUrl, obj, Reply, str, toJid, type Handler, type HandlerContext } from './context';
import { buildMessage } from './messages';

/** `page`/`offset` pagination of findMessages/findContacts/findStatusMessage. */
function paginate<T>(items: T[], page: number, offset: number): T[] {
	return items.slice((page - 1) * offset, page * offset);
}

function where(ctx: HandlerContext): Row {
	return obj(ctx.dto.where) ?? {};
}

function findMessages(ctx: HandlerContext): unknown {
	const filter = where(ctx);
	const key = obj(filter.key) ?? {};
	const timestamp = obj(filter.messageTimestamp);
	let records = [...(ctx.state.messages.get(instanceOf(ctx).name) ?? [])];
	records = records.filter((record) => {
		const recordKey = (record.key ?? {}) as Row;
		for (const field of ['id', 'fromMe', 'remoteJid', 'participant'] as const) {
			if (key[field] !== undefined && recordKey[field] !== key[field]) return false;
		}
		if (filter.messageType !== undefined && record.messageType !== filter.messageType) return false;
		if (filter.source !== undefined && record.source !== filter.source) return false;
		if (timestamp?.gte !== undefined && timestamp.lte !== undefined) {
			const seconds = Number(record.messageTimestamp);
			const gte = Date.parse(String(timestamp.gte)) / 1000;
			const lte = Date.parse(String(timestamp.lte)) / 1000;
			if (seconds < gte || seconds > lte) return false;
		}
		return true;
	});
	records.sort((a, b) => Number(b.messageTimestamp) - Number(a.messageTimestamp));
	const offset = intOf(ctx.dto.offset) ?? 50;
	const page = intOf(ctx.dto.page) ?? 1;
	return {
		messages: {
			total: records.length,
			pages: Math.ceil(records.length / offset),
			currentPage: page,
			records: paginate(records, page, offset),
		},
	};
}

function findContacts(ctx: HandlerContext): unknown {
	const remoteJid = str(where(ctx).remoteJid);
	let contacts = [...(ctx.state.contacts.get(instanceOf(ctx).name) ?? [])];
	if (remoteJid) contacts = contacts.filter((contact) => contact.remoteJid === toJid(remoteJid));
	const offset = intOf(ctx.dto.offset);
	if (offset !== undefined) contacts = paginate(contacts, intOf(ctx.dto.page) ?? 1, offset);
	return contacts.map((contact) => {
		const jid = String(contact.remoteJid);
		const isGroup = jid.endsWith('@g.us');
		return { ...contact, isGroup, isSaved: true, type: isGroup ? 'group' : 'contact' };
	});
}

function findChats(ctx: HandlerContext): unknown {
	const filter = where(ctx);
	const remoteJid = str(filter.remoteJid);
	let chats = [...(ctx.state.chats.get(instanceOf(ctx).name) ?? [])];
	if (remoteJid) chats = chats.filter((chat) => chat.remoteJid === toJid(remoteJid));
	chats.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
	const skip = intOf(ctx.dto.skip) ?? 0;
	const take = intOf(ctx.dto.take);
	return chats.slice(skip, take === undefined ? undefined : skip + take);
}

function archiveChat(ctx: HandlerContext): unknown {
	const lastMessage = obj(ctx.dto.lastMessage);
	if (!lastMessage) {
		// 2.3.6 looks the last message up with `where: {key: {remoteJid}}`, which Prisma rejects
		// for a JSON column: 500 whatever is stored (whatsapp.baileys.service.ts getLastMessage).
		throw exception(500, {
			archived: false,
			message: [
				'An error occurred while archiving the chat. Open a calling.',
				'PrismaClientValidationError: Invalid `this.prismaRepository.message.findMany()` invocation: Unknown argument `remoteJid`.',
			],
		});
	}
	const chat = str(ctx.dto.chat);
	const chatId = chat ? toJid(chat) : String((obj(lastMessage.key) ?? {}).remoteJid);
	return { chatId, archived: true };
}

function getBase64FromMediaMessage(ctx: HandlerContext): unknown {
	const message = obj(ctx.dto.message) ?? {};
	const id = str(obj(message.key)?.id);
	const media = id
		? (ctx.state.media.get(instanceOf(ctx).name) ?? []).find((row) => row.messageId === id)
		: undefined;
	if (!media) throw badRequest('Message not found');
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

function updateMessage(ctx: HandlerContext): unknown {
	if (ctx.dto.number === undefined || !obj(ctx.dto.key) || ctx.dto.text === undefined) {
		// The schema requires nothing; the real service fails somewhere inside with a TypeError.
		throw plainError('fake: /chat/updateMessage needs number, key and text (the schema requires none of them)');
	}
	const key = obj(ctx.dto.key) ?? {};
	const remoteJid = toJid(String(ctx.dto.number ?? key.remoteJid ?? ''));
	const edit = buildMessage(ctx, remoteJid, 'protocolMessage', {
		protocolMessage: { key, type: 'MESSAGE_EDIT', editedMessage: { conversation: ctx.dto.text } },
	});
	emit(ctx, 'send.message.update', edit);
	return edit;
}

function deleteMessage(ctx: HandlerContext): unknown {
	const key = { id: ctx.dto.id, fromMe: ctx.dto.fromMe, remoteJid: ctx.dto.remoteJid, participant: ctx.dto.participant };
	const stored = (ctx.state.messages.get(instanceOf(ctx).name) ?? []).find((message) => (message.key as Row).id === key.id);
	if (stored) {
		stored.status = 'DELETED';
		emit(ctx, 'messages.delete', stored);
	}
	return buildMessage(ctx, String(ctx.dto.remoteJid), 'protocolMessage', { protocolMessage: { key, type: 'REVOKE' } });
}

function updateProfilePicture(ctx: HandlerContext): unknown {
	const picture = str(ctx.dto.picture);
	if (!picture || !(isUrl(picture) || isBase64(picture))) throw badRequest('"profilePicture" must be a url or a base64');
	return { update: 'success' };
}

export const chatHandlers: Record<string, Handler> = {
	'chat.whatsappNumbers': (ctx) => {
		// The schema does not require `numbers`; without it the service throws a TypeError,
		// which this router answers as 400 with the JSON of the Error: {}.
		if (!Array.isArray(ctx.dto.numbers)) throw plainError("Cannot read properties of undefined (reading 'map')");
		return ctx.dto.numbers.map((number) => ({ exists: true, jid: toJid(String(number)), number: String(number) }));
	},
	'chat.markMessageAsRead': () => ({ message: 'Read messages', read: 'success' }),
	'chat.archiveChat': archiveChat,
	'chat.markChatUnread': (ctx) => ({
		chatId: str(ctx.dto.chat) ? toJid(String(ctx.dto.chat)) : (obj(obj(ctx.dto.lastMessage)?.key) ?? {}).remoteJid,
		markedChatUnread: true,
	}),
	'chat.deleteMessageForEveryone': deleteMessage,
	'chat.fetchProfilePictureUrl': (ctx) => ({
		wuid: toJid(String(ctx.dto.number ?? '')),
		// Without an open session the server catches the socket's failure and answers null.
		profilePictureUrl: instanceOf(ctx).integration === 'WHATSAPP-BAILEYS' && instanceOf(ctx).state === 'open' ? 'https://pps.whatsapp.net/fake/profile.jpg' : null,
	}),
	'chat.getBase64FromMediaMessage': getBase64FromMediaMessage,
	'chat.updateMessage': updateMessage,
	'chat.sendPresence': (ctx) => ({ presence: ctx.dto.presence }),
	'chat.updateBlockStatus': () => ({ block: 'success' }),
	'chat.findContacts': findContacts,
	'chat.findMessages': findMessages,
	'chat.findStatusMessage': (ctx) => paginate([], intOf(ctx.dto.page) ?? 1, intOf(ctx.dto.offset) ?? 50),
	'chat.findChats': findChats,
	'chat.findChatByRemoteJid': (ctx) => {
		const remoteJid = firstQuery(ctx.query, 'remoteJid');
		// This handler answers by itself, outside the usual error envelope.
		if (!remoteJid) return Reply.json(400, { error: 'remoteJid is a required query parameter' });
		return (ctx.state.chats.get(instanceOf(ctx).name) ?? []).find((chat) => chat.remoteJid === remoteJid) ?? null;
	},
	'profile.fetchBusinessProfile': (ctx) => ({
		wid: toJid(String(ctx.dto.number ?? instanceOf(ctx).ownerJid ?? '')),
		isBusiness: false,
		message: 'Not is business profile',
	}),
	'profile.fetchProfile': (ctx) => {
		const instance = instanceOf(ctx);
		const number = str(ctx.dto.number);
		return {
			wuid: number ? toJid(number) : instance.ownerJid,
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
