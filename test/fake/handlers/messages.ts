/**
 * /message/* and /call/offer: every send answers the sent-message record (the SEND_MESSAGE
 * data) and stores it, so /chat/findMessages and /chat/findChats can find it afterwards.
 */
import { badRequest, exception, plainError } from '../errors';
import { webhookWantsBase64 } from '../eventbus';
import type { UploadedFile } from '../multipart';
import { cuid, messageId, type Row } from '../state';
import { emit, instanceOf, isBase64, isUrl, obj, str, toJid, type Handler, type HandlerContext } from './context';

const OWNED_MEDIA = 'Owned media must be a url or base64';

/** contextInfo as Baileys fills it for quoted replies and mentions. */
function contextInfo(dto: Row): Row | undefined {
	const quoted = obj(dto.quoted);
	const quotedKey = obj(quoted?.key);
	const mentioned = Array.isArray(dto.mentioned) ? dto.mentioned.map((number) => toJid(String(number))) : undefined;
	if (!quotedKey && !mentioned) return undefined;
	return {
		...(quotedKey ? { stanzaId: quotedKey.id, participant: quotedKey.remoteJid, quotedMessage: quoted?.message ?? {} } : {}),
		...(mentioned ? { mentionedJid: mentioned } : {}),
	};
}

/** The record Baileys returns for a message the instance sends. */
export function buildMessage(ctx: HandlerContext, remoteJid: string, messageType: string, message: Row): Row {
	const instance = instanceOf(ctx);
	const context = contextInfo(ctx.dto);
	return {
		key: { remoteJid, fromMe: true, id: messageId() },
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

/** A copy of a message record with the media bytes as `message.base64` (webhook `base64` flag). */
export function withBase64(record: Row, data: Buffer): Row {
	return { ...record, message: { ...(record.message as Row), base64: data.toString('base64') } };
}

/** Builds, stores and returns the record a send route answers, and emits SEND_MESSAGE with it. */
export function sentMessage(ctx: HandlerContext, remoteJid: string, messageType: string, message: Row, file?: FileInfo): Row {
	const instance = instanceOf(ctx);
	if (remoteJid.endsWith('@g.us') && !ctx.state.groupsOf(instance.name).has(remoteJid)) {
		// sendMessageWithTyping throws NotFoundException('Group not found') inside a try whose
		// catch rethrows `BadRequestException(error.toString())`: the message is lost.
		throw exception(400, '[object Object]');
	}
	const record = buildMessage(ctx, remoteJid, messageType, message);
	ctx.state.storeMessage(instance.name, record);
	if (file) {
		ctx.state.listOf(ctx.state.media, instance.name).push({
			id: cuid(),
			fileName: file.fileName,
			type: file.type,
			mimetype: file.mimetype,
			createdAt: new Date().toISOString(),
			messageId: (record.key as Row).id,
			instanceId: instance.id,
			// Not a DB column: the bytes, so getBase64FromMediaMessage can return them.
			data: file.data,
			Message: record,
		});
	}
	// Webhook `base64` flag (whatsapp.baileys.service.ts:2347); the fake keeps it out of the answer.
	emit(ctx, 'send.message', file?.data && webhookWantsBase64(ctx.state, instance.name) ? withBase64(record, file.data) : record);
	return record;
}

interface FileInfo {
	fileName: string;
	type: string;
	mimetype: string;
	data: Buffer | null;
}

/** The media of a send: the uploaded `file` part wins over the URL/base64 field. */
function mediaSource(ctx: HandlerContext, field: string, message: string): { url: string; data: Buffer | null; file?: UploadedFile } {
	const file = ctx.files[0];
	if (file) return { url: 'https://mmg.whatsapp.net/fake-upload', data: file.data, file };
	const value = str(ctx.dto[field]);
	if (value !== undefined && isUrl(value)) return { url: value, data: null };
	if (value !== undefined && isBase64(value)) return { url: 'https://mmg.whatsapp.net/fake-upload', data: Buffer.from(value, 'base64') };
	throw badRequest(message);
}

const MIME_BY_TYPE: Record<string, string> = {
	image: 'image/png',
	video: 'video/mp4',
	audio: 'audio/ogg; codecs=opus',
	document: 'application/octet-stream',
	sticker: 'image/webp',
};

function sendMedia(ctx: HandlerContext): Row {
	const dto = ctx.dto;
	const mediatype = String(dto.mediatype);
	const source = mediaSource(ctx, 'media', OWNED_MEDIA);
	const fileName = str(dto.fileName) ?? source.file?.filename;
	if (!source.file && source.data && mediatype === 'document' && !fileName) {
		throw badRequest('For base64 the file name must be informed.');
	}
	const mimetype = str(dto.mimetype) ?? source.file?.contentType ?? MIME_BY_TYPE[mediatype];
	const messageType = `${mediatype}Message`;
	const content: Row = { url: source.url, mimetype, ...(dto.caption !== undefined ? { caption: dto.caption } : {}) };
	if (fileName !== undefined) content.fileName = fileName;
	if (source.data) content.fileLength = String(source.data.length);
	return sentMessage(ctx, toJid(String(dto.number)), messageType, { [messageType]: content }, {
		fileName: fileName ?? `${messageType}`,
		type: mediatype,
		mimetype,
		data: source.data,
	});
}

/** Sends whose single media field (video/audio/sticker) may be replaced by the `file` part. */
function sendSingleMedia(field: string, type: string, messageType: string, extra: Row, ownedMessage = OWNED_MEDIA): Handler {
	return (ctx) => {
		const source = mediaSource(ctx, field, ownedMessage);
		const mimetype = source.file?.contentType ?? MIME_BY_TYPE[type];
		const content: Row = { url: source.url, mimetype, ...extra };
		if (source.data) content.fileLength = String(source.data.length);
		return sentMessage(ctx, toJid(String(ctx.dto.number)), messageType, { [messageType]: content }, {
			fileName: source.file?.filename ?? messageType,
			type,
			mimetype,
			data: source.data,
		});
	};
}

function sendStatus(ctx: HandlerContext): Row {
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

/** One emoji (a single grapheme with an emoji presentation) or '' to remove the reaction. */
function isReaction(value: string): boolean {
	if (value === '') return true;
	const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(value)];
	return graphemes.length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value);
}

function sendButtons(ctx: HandlerContext): Row {
	const buttons = Array.isArray(ctx.dto.buttons) ? (ctx.dto.buttons as Row[]) : [];
	const types = buttons.map((button) => String(button.type));
	if (buttons.length === 0) throw badRequest('At least one button is required');
	if (types.includes('reply')) {
		if (types.some((type) => type !== 'reply')) throw badRequest('Reply buttons cannot be mixed with other button types');
		if (buttons.length > 3) throw badRequest('Maximum of 3 reply buttons allowed');
	}
	if (types.includes('pix') && buttons.length > 1) throw badRequest('Only one PIX button is allowed');
	return sentMessage(ctx, toJid(String(ctx.dto.number)), 'buttonsMessage', {
		buttonsMessage: { title: ctx.dto.title, description: ctx.dto.description, footer: ctx.dto.footer, buttons },
	});
}

export const messageHandlers: Record<string, Handler> = {
	'message.sendTemplate': (ctx) =>
		sentMessage(ctx, toJid(String(ctx.dto.number)), 'template', {
			template: { name: ctx.dto.name, language: ctx.dto.language, components: ctx.dto.components ?? [] },
		}),
	'message.sendText': (ctx) =>
		sentMessage(ctx, toJid(String(ctx.dto.number)), 'conversation', { conversation: ctx.dto.text }),
	'message.sendMedia': sendMedia,
	'message.sendPtv': sendSingleMedia('video', 'video', 'ptvMessage', {}),
	'message.sendWhatsAppAudio': sendSingleMedia('audio', 'audio', 'audioMessage', { ptt: true }, 'Owned media must be a url, base64, or valid file with buffer'),
	'message.sendStatus': sendStatus,
	'message.sendSticker': (ctx) => {
		// 2.3.6 puts an uploaded file into a copy of the body but converts the form's own
		// `sticker` field (undefined): `new URL(undefined)` → 500 "Invalid URL" (mediaSticker).
		if (ctx.files[0]) {
			throw plainError(ctx.dto.notConvertSticker ? 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received undefined' : 'Invalid URL');
		}
		return sendSingleMedia('sticker', 'sticker', 'stickerMessage', {})(ctx);
	},
	'message.sendLocation': (ctx) =>
		sentMessage(ctx, toJid(String(ctx.dto.number)), 'locationMessage', {
			locationMessage: {
				degreesLatitude: ctx.dto.latitude,
				degreesLongitude: ctx.dto.longitude,
				name: ctx.dto.name,
				address: ctx.dto.address,
			},
		}),
	'message.sendContact': (ctx) => {
		const contacts = (Array.isArray(ctx.dto.contact) ? ctx.dto.contact : []) as Row[];
		const vcards = contacts.map((contact) => ({
			displayName: contact.fullName,
			vcard: `BEGIN:VCARD\nVERSION:3.0\nFN:${String(contact.fullName)}\nTEL;type=CELL;waid=${String(contact.wuid ?? contact.phoneNumber)}:${String(contact.phoneNumber)}\nEND:VCARD`,
		}));
		const jid = toJid(String(ctx.dto.number));
		return vcards.length === 1
			? sentMessage(ctx, jid, 'contactMessage', { contactMessage: vcards[0] })
			: sentMessage(ctx, jid, 'contactsArrayMessage', { contactsArrayMessage: { contacts: vcards } });
	},
	'message.sendReaction': (ctx) => {
		const reaction = String(ctx.dto.reaction);
		if (!isReaction(reaction)) throw badRequest('Reaction must be a single emoji or empty string');
		const key = obj(ctx.dto.key) ?? {};
		return sentMessage(ctx, String(key.remoteJid), 'reactionMessage', { reactionMessage: { key, text: reaction } });
	},
	'message.sendPoll': (ctx) =>
		sentMessage(ctx, toJid(String(ctx.dto.number)), 'pollCreationMessageV3', {
			pollCreationMessageV3: {
				name: ctx.dto.name,
				options: (ctx.dto.values as unknown[]).map((value) => ({ optionName: value })),
				selectableOptionsCount: ctx.dto.selectableCount,
			},
		}),
	'message.sendList': (ctx) =>
		sentMessage(ctx, toJid(String(ctx.dto.number)), 'listMessage', {
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
	// The Baileys implementation is a stub that places no call.
	'call.offer': (ctx) => ({
		id: '123',
		jid: toJid(String(ctx.dto.number)),
		isVideo: ctx.dto.isVideo ?? false,
		callDuration: ctx.dto.callDuration,
	}),
};
