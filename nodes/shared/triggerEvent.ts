import { createHash } from 'node:crypto';

import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { EVENTS } from './events';

/*
 * Evolution API 2.3.6 webhook deliveries → what the trigger outputs: the envelope
 * (webhook.md §5), the data shapes of every delivered event (events.json), the text of every
 * WhatsApp message type, the filters and the key that recognises a retried delivery.
 */

export interface EvolutionEnvelope {
	/** Dotted internal name, e.g. messages.upsert. */
	event: string;
	instance?: string;
	data: unknown;
	destination?: string;
	date_time?: string;
	sender?: string;
	server_url?: string;
	apikey?: unknown;
}

type Obj = IDataObject;

const isObject = (value: unknown): value is Obj =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const obj = (value: unknown): Obj | undefined => (isObject(value) ? value : undefined);

/** The envelope, when `body` looks like an Evolution delivery; undefined otherwise. */
export function parseEnvelope(body: unknown): EvolutionEnvelope | undefined {
	if (!isObject(body) || typeof body.event !== 'string' || body.event === '') return undefined;
	return body as unknown as EvolutionEnvelope;
}

/** The subscription names 2.3.6 actually delivers (the events selector and "All Events"). */
export const DELIVERED_EVENTS = EVENTS.filter((event) => !event.neverDelivered).map((event) => event.value);

/** Expands the events parameter ("*" = every delivered event) into sorted, unique names. */
export function selectedEvents(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw.filter((value): value is string => typeof value === 'string') : [];
	if (values.includes('*')) return [...DELIVERED_EVENTS];
	return EVENTS.map((event) => event.value).filter((name) => values.includes(name));
}

// ---------------------------------------------------------------------------------------
// Message content
// ---------------------------------------------------------------------------------------

export type ContentType =
	| 'audio'
	| 'buttonReply'
	| 'contact'
	| 'document'
	| 'image'
	| 'listReply'
	| 'location'
	| 'other'
	| 'poll'
	| 'reaction'
	| 'sticker'
	| 'text'
	| 'video';

/** Options of the "Only Message Types" filter: WhatsApp message types grouped the way users think of them. */
export const CONTENT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Audio', value: 'audio', description: 'Voice notes and audio files' },
	{ name: 'Button Reply', value: 'buttonReply', description: 'A tapped reply button (buttons, template or interactive message)' },
	{ name: 'Contact', value: 'contact', description: 'One or more shared contacts' },
	{ name: 'Document', value: 'document', description: 'Files sent as documents, with or without caption' },
	{ name: 'Image', value: 'image', description: 'Photos, including view-once photos' },
	{ name: 'List Reply', value: 'listReply', description: 'A row picked from a list message' },
	{ name: 'Location', value: 'location', description: 'A location or a live location' },
	{ name: 'Other', value: 'other', description: 'Anything else (events, invites, orders, protocol messages...)' },
	{ name: 'Poll', value: 'poll', description: 'A new poll' },
	{ name: 'Reaction', value: 'reaction', description: 'An emoji reaction to a message' },
	{ name: 'Sticker', value: 'sticker', description: 'Stickers' },
	{ name: 'Text', value: 'text', description: 'Plain and extended text messages (with links or quotes)' },
	{ name: 'Video', value: 'video', description: 'Videos and round video notes, including view-once videos' },
];

const CONTENT_TYPES: Record<string, ContentType> = {
	conversation: 'text',
	extendedTextMessage: 'text',
	imageMessage: 'image',
	videoMessage: 'video',
	ptvMessage: 'video',
	audioMessage: 'audio',
	documentMessage: 'document',
	stickerMessage: 'sticker',
	lottieStickerMessage: 'sticker',
	locationMessage: 'location',
	liveLocationMessage: 'location',
	contactMessage: 'contact',
	contactsArrayMessage: 'contact',
	reactionMessage: 'reaction',
	pollCreationMessage: 'poll',
	pollCreationMessageV2: 'poll',
	pollCreationMessageV3: 'poll',
	pollCreationMessageV4: 'poll',
	buttonsResponseMessage: 'buttonReply',
	templateButtonReplyMessage: 'buttonReply',
	interactiveResponseMessage: 'buttonReply',
	listResponseMessage: 'listReply',
};

/** Wrappers whose `.message` holds the real content. */
const WRAPPERS = [
	'ephemeralMessage',
	'viewOnceMessage',
	'viewOnceMessageV2',
	'viewOnceMessageV2Extension',
	'documentWithCaptionMessage',
	'editedMessage',
	'futureProofMessage',
	'groupMentionedMessage',
	'botInvokeMessage',
];

/** Keys Evolution adds next to the content, or that only carry metadata. */
const NOT_CONTENT = new Set(['messageContextInfo', 'base64', 'mediaUrl', 'speechToText', 'contextInfo']);

/** The innermost message content, without ephemeral/view-once/document-with-caption wrappers. */
export function unwrapMessage(message: unknown): Obj {
	let current = obj(message) ?? {};
	for (let depth = 0; depth < 5; depth++) {
		const wrapper = WRAPPERS.find((key) => isObject(obj(current[key])?.message));
		if (!wrapper) break;
		current = obj(obj(current[wrapper])?.message) ?? {};
	}
	return current;
}

/** The key of the content in a message, e.g. imageMessage. */
export function contentKeyOf(message: unknown): string | undefined {
	const content = unwrapMessage(message);
	const keys = Object.keys(content).filter((key) => !NOT_CONTENT.has(key) && content[key] !== null && content[key] !== undefined);
	return keys.find((key) => key in CONTENT_TYPES) ?? keys.find((key) => key === 'protocolMessage') ?? keys[0];
}

export function contentTypeOf(contentKey: string | undefined): ContentType {
	return (contentKey && CONTENT_TYPES[contentKey]) || 'other';
}

function joinNonEmpty(values: unknown[], separator: string): string {
	return values.filter((value): value is string => typeof value === 'string' && value.trim() !== '').join(separator);
}

function coordinates(content: Obj): string {
	const lat = content.degreesLatitude;
	const lng = content.degreesLongitude;
	return typeof lat === 'number' && typeof lng === 'number' ? `${lat}, ${lng}` : '';
}

/**
 * The human-readable text of a message, whatever its type: the text, a caption, the label of
 * a tapped button or list row, the reaction emoji, the poll question, a location's name or
 * coordinates, contact names, the new text of an edit, the transcription of a voice note.
 * An empty string when the message has no text (a sticker, a photo without caption).
 */
export function messageText(message: unknown): string {
	const outer = obj(message) ?? {};
	const content = unwrapMessage(outer);
	const pick = (key: string) => obj(content[key]);

	if (typeof content.conversation === 'string') return content.conversation;
	const text =
		str(pick('extendedTextMessage')?.text) ??
		str(pick('imageMessage')?.caption) ??
		str(pick('videoMessage')?.caption) ??
		str(pick('ptvMessage')?.caption) ??
		str(pick('documentMessage')?.caption);
	if (text !== undefined) return text;

	if (pick('audioMessage')) return str(outer.speechToText) ?? str(content.speechToText) ?? '';

	const buttons = pick('buttonsResponseMessage');
	if (buttons) return str(buttons.selectedDisplayText) ?? str(buttons.selectedButtonId) ?? '';
	const template = pick('templateButtonReplyMessage');
	if (template) return str(template.selectedDisplayText) ?? str(template.selectedId) ?? '';
	const list = pick('listResponseMessage');
	if (list) return str(list.title) ?? str(obj(list.singleSelectReply)?.selectedRowId) ?? str(list.description) ?? '';
	const interactive = pick('interactiveResponseMessage');
	if (interactive) return str(obj(interactive.body)?.text) ?? selectedIdOf(content) ?? '';

	const reaction = pick('reactionMessage');
	if (reaction) return str(reaction.text) ?? '';

	for (const key of ['pollCreationMessage', 'pollCreationMessageV2', 'pollCreationMessageV3', 'pollCreationMessageV4']) {
		const poll = pick(key);
		if (poll) return str(poll.name) ?? '';
	}

	const location = pick('locationMessage');
	if (location) return joinNonEmpty([location.name, location.address], ', ') || str(location.comment) || coordinates(location);
	const live = pick('liveLocationMessage');
	if (live) return str(live.caption) ?? coordinates(live);

	const contact = pick('contactMessage');
	if (contact) return str(contact.displayName) ?? '';
	const contacts = pick('contactsArrayMessage');
	if (contacts) {
		const names = Array.isArray(contacts.contacts) ? contacts.contacts.map((entry) => obj(entry)?.displayName) : [];
		return joinNonEmpty(names, ', ') || (str(contacts.displayName) ?? '');
	}

	const protocol = pick('protocolMessage');
	if (protocol && isObject(protocol.editedMessage)) return messageText(protocol.editedMessage);

	const event = pick('eventMessage');
	if (event) return str(event.name) ?? '';
	const invite = pick('groupInviteMessage');
	if (invite) return str(invite.caption) ?? str(invite.groupName) ?? '';
	// Messages sent through the API (SEND_MESSAGE) with buttons, lists, templates or orders.
	const sentButtons = pick('buttonsMessage');
	if (sentButtons) return str(sentButtons.contentText) ?? str(sentButtons.text) ?? '';
	const sentList = pick('listMessage');
	if (sentList) return str(sentList.description) ?? str(sentList.title) ?? '';
	const sentInteractive = pick('interactiveMessage');
	if (sentInteractive) return str(obj(sentInteractive.body)?.text) ?? '';
	const sentTemplate = pick('templateMessage');
	if (sentTemplate) {
		const hydrated = obj(sentTemplate.hydratedTemplate) ?? obj(sentTemplate.hydratedFourRowTemplate);
		if (hydrated) return str(hydrated.hydratedContentText) ?? '';
	}
	const order = pick('orderMessage');
	if (order) return str(order.message) ?? '';
	return '';
}

/** The ID behind a tapped button or list row (what a menu flow branches on). */
export function selectedIdOf(message: unknown): string | undefined {
	const content = unwrapMessage(message);
	const buttons = obj(content.buttonsResponseMessage);
	if (buttons) return str(buttons.selectedButtonId);
	const template = obj(content.templateButtonReplyMessage);
	if (template) return str(template.selectedId);
	const list = obj(content.listResponseMessage);
	if (list) return str(obj(list.singleSelectReply)?.selectedRowId);
	const flow = obj(obj(content.interactiveResponseMessage)?.nativeFlowResponseMessage);
	if (flow && typeof flow.paramsJson === 'string') {
		try {
			const params = JSON.parse(flow.paramsJson) as unknown;
			return isObject(params) ? str(params.id) : undefined;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------
// JIDs
// ---------------------------------------------------------------------------------------

export const isGroupJid = (jid: string | undefined): boolean => !!jid && jid.toLowerCase().endsWith('@g.us');
export const isStatusJid = (jid: string | undefined): boolean => !!jid && jid.toLowerCase() === 'status@broadcast';

/** The phone number of a contact JID (device suffix removed); undefined for groups, LIDs, broadcasts. */
export function phoneFromJid(jid: unknown): string | undefined {
	if (typeof jid !== 'string') return undefined;
	const match = /^(\d{5,20})(?::\d+)?@(s\.whatsapp\.net|c\.us)$/i.exec(jid.trim());
	return match?.[1];
}

/** A JID in comparable form: lower case, without the device suffix. */
function canonicalJid(jid: string): string {
	return jid.trim().toLowerCase().replace(/^([^@:]+):\d+@/, '$1@');
}

/** Brazilian mobile numbers exist with and without the ninth digit in WhatsApp IDs. */
function phoneVariants(digits: string): string[] {
	if (/^55\d{2}9\d{8}$/.test(digits)) return [digits, digits.slice(0, 4) + digits.slice(5)];
	if (/^55\d{2}[6-9]\d{7}$/.test(digits)) return [digits, `${digits.slice(0, 4)}9${digits.slice(4)}`];
	return [digits];
}

/**
 * Parses a list of chats typed by a user (phone numbers in any notation, or WhatsApp IDs,
 * separated by commas, semicolons or new lines) into comparable keys. Entries that are
 * neither are returned in `invalid`.
 */
export function parseChatList(raw: unknown): { keys: Set<string>; invalid: string[] } {
	const keys = new Set<string>();
	const invalid: string[] = [];
	const entries = typeof raw === 'string' ? raw.split(/[,;\n]/) : [];
	for (const entry of entries.map((value) => value.trim()).filter(Boolean)) {
		if (entry.includes('@')) {
			const jid = canonicalJid(entry);
			if (/^[^@\s]+@[a-z.]+$/.test(jid)) {
				keys.add(jid);
				const phone = phoneFromJid(jid);
				if (phone) for (const variant of phoneVariants(phone)) keys.add(variant);
			} else {
				invalid.push(entry);
			}
			continue;
		}
		const digits = entry.replace(/^\+/, '').replace(/[\s().-]/g, '');
		if (/^\d{5,25}(-\d{5,15})?$/.test(digits)) {
			for (const variant of phoneVariants(digits)) keys.add(variant);
		} else {
			invalid.push(entry);
		}
	}
	return { keys, invalid };
}

// ---------------------------------------------------------------------------------------
// Event → convenience fields
// ---------------------------------------------------------------------------------------

/** Events whose data is one message record ({key, message, messageType, ...}). */
const MESSAGE_RECORD_EVENTS = new Set(['MESSAGES_UPSERT', 'SEND_MESSAGE']);
/** Events whose data is an edit protocolMessage ({key, type, editedMessage, timestampMs}). */
const EDIT_EVENTS = new Set(['MESSAGES_EDITED', 'SEND_MESSAGE_UPDATE']);
/** Group administration events: "Ignore Groups" does not drop what the user subscribed to. */
const GROUP_EVENTS = new Set(['GROUPS_UPSERT', 'GROUP_PARTICIPANTS_UPDATE', 'GROUP_UPDATE']);

export interface EventFields {
	/** The chat: a contact (…@s.whatsapp.net or …@lid), a group (…@g.us) or status@broadcast. */
	chatJid?: string;
	/** Digits of the contact (direct chats) or of the participant who wrote (groups). */
	phoneNumber?: string;
	isGroup?: boolean;
	/** Group messages: who wrote it. */
	participant?: string;
	pushName?: string;
	fromMe?: boolean;
	messageId?: string;
	/** Evolution's messageType, e.g. conversation, imageMessage. */
	messageType?: string;
	contentType?: ContentType;
	text?: string;
	/** The ID of the tapped button or list row. */
	selectedId?: string;
	/** Receipt status (Messages Update) or message status. */
	status?: string;
	/** Seconds since the epoch. */
	timestamp?: number;
}

function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	// protobuf Long as JSON
	if (isObject(value) && typeof value.low === 'number') return (value.low >>> 0) + (Number(value.high ?? 0) >>> 0) * 2 ** 32;
	return undefined;
}

/** Who to talk to privately about a message: the contact, or the group participant who wrote. */
function phoneOf(key: Obj, chatJid: string | undefined, ownJid: string | undefined): string | undefined {
	if (isGroupJid(chatJid)) {
		if (key.fromMe === true && !key.participant) return phoneFromJid(ownJid);
		return (
			phoneFromJid(key.participant) ??
			phoneFromJid(key.participantAlt) ??
			phoneFromJid(key.participantPn) ??
			phoneFromJid(key.senderPn)
		);
	}
	return phoneFromJid(chatJid) ?? phoneFromJid(key.remoteJidAlt) ?? phoneFromJid(key.senderPn);
}

function chatFields(key: Obj, chatJid: string | undefined, ownJid: string | undefined): EventFields {
	const fields: EventFields = {};
	if (!chatJid) return fields;
	fields.chatJid = chatJid;
	const phone = phoneOf(key, chatJid, ownJid);
	if (phone) fields.phoneNumber = phone;
	fields.isGroup = isGroupJid(chatJid);
	const participant = str(key.participant);
	if (participant && fields.isGroup) fields.participant = participant;
	return fields;
}

/** Convenience fields of one message record (Messages Upsert, Send Message, Messages Set entries). */
export function messageRecordFields(record: Obj, ownJid?: string): EventFields {
	const key = obj(record.key) ?? {};
	const chatJid = str(key.remoteJid);
	const fields = chatFields(key, chatJid, ownJid);
	if (typeof str(record.pushName) === 'string') fields.pushName = str(record.pushName);
	fields.fromMe = key.fromMe === true;
	const id = str(key.id);
	if (id) fields.messageId = id;
	const contentKey = contentKeyOf(record.message);
	const messageType = str(record.messageType) ?? contentKey;
	if (messageType) fields.messageType = messageType;
	fields.contentType = contentTypeOf(contentKey);
	fields.text = messageText(record.message);
	const selectedId = selectedIdOf(record.message);
	if (selectedId) fields.selectedId = selectedId;
	const status = str(record.status);
	if (status) fields.status = status;
	const timestamp = numberOf(record.messageTimestamp);
	if (timestamp !== undefined) fields.timestamp = timestamp;
	return fields;
}

/** The chat an event is about, for the chat filters; undefined when it is not about one chat. */
export function chatJidOf(subscription: string, data: unknown): string | undefined {
	const record = obj(data);
	if (!record) return undefined;
	if (MESSAGE_RECORD_EVENTS.has(subscription) || EDIT_EVENTS.has(subscription)) return str(obj(record.key)?.remoteJid);
	switch (subscription) {
		case 'MESSAGES_UPDATE':
			return str(record.remoteJid);
		case 'MESSAGES_DELETE':
			return str(obj(record.key)?.remoteJid) ?? str(record.remoteJid);
		case 'PRESENCE_UPDATE':
		case 'GROUP_PARTICIPANTS_UPDATE':
			return str(record.id);
		case 'CALL':
			return str(record.chatId) ?? str(record.from);
		case 'LABELS_ASSOCIATION':
			return str(record.chatId);
		case 'TYPEBOT_START':
		case 'TYPEBOT_CHANGE_STATUS':
			return str(record.remoteJid);
		default:
			return undefined;
	}
}

/** The convenience fields of an event; {} for events that are not about a chat or a message. */
export function eventFields(subscription: string, data: unknown, ownJid?: string): EventFields {
	const record = obj(data);
	if (!record) return {};
	if (MESSAGE_RECORD_EVENTS.has(subscription)) return messageRecordFields(record, ownJid);

	if (EDIT_EVENTS.has(subscription)) {
		const key = obj(record.key) ?? {};
		const fields = chatFields(key, str(key.remoteJid), ownJid);
		fields.fromMe = key.fromMe === true;
		if (str(key.id)) fields.messageId = str(key.id);
		const edited = record.editedMessage;
		const contentKey = contentKeyOf(edited);
		if (contentKey) fields.messageType = contentKey;
		fields.contentType = contentTypeOf(contentKey);
		fields.text = messageText(edited);
		const timestamp = numberOf(record.timestampMs);
		if (timestamp !== undefined) fields.timestamp = Math.floor(timestamp / 1000);
		return fields;
	}

	if (subscription === 'MESSAGES_UPDATE') {
		const key: Obj = { remoteJid: record.remoteJid, fromMe: record.fromMe, participant: record.participant };
		const fields = chatFields(key, str(record.remoteJid), ownJid);
		fields.fromMe = record.fromMe === true;
		const id = str(record.keyId) ?? str(record.messageId);
		if (id) fields.messageId = id;
		if (str(record.status)) fields.status = str(record.status);
		return fields;
	}

	if (subscription === 'MESSAGES_DELETE') {
		const key = obj(record.key) ?? record;
		const fields = chatFields(key, str(key.remoteJid), ownJid);
		fields.fromMe = key.fromMe === true;
		if (str(key.id)) fields.messageId = str(key.id);
		if (str(record.status)) fields.status = str(record.status);
		return fields;
	}

	const chatJid = chatJidOf(subscription, record);
	const fields = chatFields({}, chatJid, ownJid);
	if (subscription === 'CALL' && typeof record.status === 'string') fields.status = record.status;
	return fields;
}

// ---------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------

export interface TriggerFilters {
	ignoreFromMe: boolean;
	ignoreGroups: boolean;
	ignoreStatus: boolean;
	onlyChats?: Set<string>;
	ignoreChats?: Set<string>;
	contentTypes?: Set<string>;
}

export function readFilters(options: IDataObject): TriggerFilters {
	const onlyChats = parseChatList(options.onlyChats).keys;
	const ignoreChats = parseChatList(options.ignoreChats).keys;
	const types = Array.isArray(options.messageTypes) ? options.messageTypes.map(String) : [];
	return {
		ignoreFromMe: options.ignoreFromMe === true,
		ignoreGroups: options.ignoreGroups === true,
		ignoreStatus: options.ignoreStatus === true,
		onlyChats: onlyChats.size > 0 ? onlyChats : undefined,
		ignoreChats: ignoreChats.size > 0 ? ignoreChats : undefined,
		contentTypes: types.length > 0 ? new Set(types) : undefined,
	};
}

function chatKeys(chatJid: string, fields: EventFields): string[] {
	const keys = [canonicalJid(chatJid)];
	const phone = phoneFromJid(chatJid) ?? (fields.isGroup ? undefined : fields.phoneNumber);
	if (phone) keys.push(...phoneVariants(phone));
	return keys;
}

/** Events that mix incoming messages with the instance's own: "Ignore Messages Sent by Me" applies. */
const MIXED_MESSAGE_EVENTS = new Set(['MESSAGES_UPSERT', 'MESSAGES_SET', 'MESSAGES_EDITED']);
/** Events that carry message content: "Only Message Types" applies. */
const CONTENT_EVENTS = new Set(['MESSAGES_UPSERT', 'MESSAGES_SET', 'SEND_MESSAGE', 'MESSAGES_EDITED', 'SEND_MESSAGE_UPDATE']);

/** Why one event (or one record of a batch) is filtered out, or undefined when it passes. */
function rejection(subscription: string, fields: EventFields, filters: TriggerFilters): string | undefined {
	const chatJid = fields.chatJid;
	if (filters.ignoreFromMe && fields.fromMe === true && MIXED_MESSAGE_EVENTS.has(subscription)) return 'sent by me';
	if (chatJid) {
		if (filters.ignoreStatus && isStatusJid(chatJid)) return 'status update';
		if (filters.ignoreGroups && fields.isGroup && !GROUP_EVENTS.has(subscription)) return 'group chat';
		const keys = chatKeys(chatJid, fields);
		if (filters.ignoreChats && keys.some((key) => filters.ignoreChats!.has(key))) return 'ignored chat';
		if (filters.onlyChats && !keys.some((key) => filters.onlyChats!.has(key))) return 'chat not selected';
	} else if (filters.onlyChats && CONTENT_EVENTS.has(subscription)) {
		return 'chat not selected';
	}
	if (filters.contentTypes && CONTENT_EVENTS.has(subscription) && !filters.contentTypes.has(fields.contentType ?? 'other')) {
		return 'message type not selected';
	}
	return undefined;
}

export type FilterResult = { data: unknown; fields: EventFields } | { drop: string };

/**
 * Applies the filters to an event. Message-batch events (Messages Set) keep the records that
 * pass and are dropped when none does; other events pass or are dropped as a whole.
 */
export function applyFilters(subscription: string, data: unknown, filters: TriggerFilters, ownJid?: string): FilterResult {
	if (subscription === 'MESSAGES_SET' && Array.isArray(data)) {
		const kept = data.filter(
			(record) => isObject(record) && !rejection(subscription, messageRecordFields(record, ownJid), filters),
		);
		return kept.length > 0 ? { data: kept, fields: {} } : { drop: 'no message passed the filters' };
	}
	const fields = eventFields(subscription, data, ownJid);
	const reason = rejection(subscription, fields, filters);
	return reason ? { drop: reason } : { data, fields };
}

// ---------------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------------

/**
 * What identifies one delivery across Evolution's retries: the message ID for message
 * events (an ID is delivered once per event), otherwise the whole data plus the server
 * timestamp (a retry re-sends the identical body). Hashed to a fixed-size key.
 */
export function dedupeKey(subscription: string, envelope: EvolutionEnvelope): string {
	let basis: string | undefined;
	const record = obj(envelope.data);
	if (record && (MESSAGE_RECORD_EVENTS.has(subscription) || subscription === 'MESSAGES_DELETE')) {
		const key = obj(record.key) ?? record;
		const id = str(key.id);
		if (id) basis = `id\n${str(key.remoteJid) ?? ''}\n${id}`;
	}
	basis ??= `body\n${envelope.date_time ?? ''}\n${JSON.stringify(envelope.data ?? null)}`;
	return createHash('sha256').update(`${subscription}\n${basis}`, 'utf8').digest('base64url').slice(0, 22);
}

export type DedupeEntry = [key: string, seenAtSeconds: number];

/**
 * The bounded window of recently seen keys: entries younger than `ttlSeconds`, at most
 * `maxEntries` (the oldest dropped first). Invalid entries are discarded.
 */
export function pruneWindow(raw: unknown, nowSeconds: number, ttlSeconds: number, maxEntries: number): DedupeEntry[] {
	if (!Array.isArray(raw)) return [];
	const fresh = raw.filter(
		(entry): entry is DedupeEntry =>
			Array.isArray(entry) &&
			typeof entry[0] === 'string' &&
			typeof entry[1] === 'number' &&
			entry[1] > nowSeconds - ttlSeconds &&
			entry[1] <= nowSeconds + ttlSeconds,
	);
	return fresh.slice(-maxEntries);
}

// ---------------------------------------------------------------------------------------
// Media
// ---------------------------------------------------------------------------------------

const MEDIA_KEYS = ['imageMessage', 'videoMessage', 'ptvMessage', 'audioMessage', 'documentMessage', 'stickerMessage'];

export interface EmbeddedMedia {
	base64: string;
	mimeType?: string;
	/** File name without extension unless the sender gave one. */
	fileName: string;
}

/**
 * Takes the base64 media out of an event's (cloned) data: `data.message.base64` of a message
 * (Messages Upsert, Send Message) or the QR code image of QR Code Updated. The base64 field is
 * deleted from `data`; the rest stays.
 */
export function takeEmbeddedMedia(subscription: string, data: unknown): EmbeddedMedia | undefined {
	const record = obj(data);
	if (!record) return undefined;
	if (MESSAGE_RECORD_EVENTS.has(subscription)) {
		const message = obj(record.message);
		if (!message || typeof message.base64 !== 'string' || message.base64 === '') return undefined;
		const base64 = message.base64;
		delete message.base64;
		const content = unwrapMessage(message);
		const mediaKey = MEDIA_KEYS.find((key) => isObject(content[key]));
		const media = mediaKey ? (content[mediaKey] as Obj) : {};
		const id = str(obj(record.key)?.id) ?? 'media';
		const fileName = str(media.fileName) ?? str(media.title) ?? `${mediaKey ? mediaKey.replace(/Message$/, '') : 'media'}-${id}`;
		return { base64, mimeType: str(media.mimetype), fileName: fileName.replace(/[\\/]/g, '_') };
	}
	if (subscription === 'QRCODE_UPDATED') {
		const qrcode = obj(record.qrcode);
		if (!qrcode || typeof qrcode.base64 !== 'string' || qrcode.base64 === '') return undefined;
		const base64 = qrcode.base64;
		delete qrcode.base64;
		return { base64, fileName: 'qrcode' };
	}
	return undefined;
}

/** The output JSON of one event: envelope fields, convenience fields, then the data. */
export function eventJson(subscription: string, envelope: EvolutionEnvelope, fields: EventFields, data: unknown): IDataObject {
	const json: IDataObject = { event: subscription, instance: envelope.instance ?? null };
	// What a reply needs (chatJid, text, messageId...) comes first; `sender` is the instance's
	// own number, not the author of the message, so it follows.
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) json[key] = value as IDataObject[string];
	}
	json.sender = envelope.sender ?? null;
	json.dateTime = envelope.date_time ?? null;
	json.serverUrl = envelope.server_url ?? null;
	// The envelope's apikey (an instance token when the server exposes it) is never copied.
	json.data = (data ?? null) as IDataObject[string];
	return json;
}
