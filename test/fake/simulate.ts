/**
 * WhatsApp traffic simulation: what the real server does when WhatsApp (Baileys) reports an
 * incoming message or a connection change. Used by the sandbox's /sandbox/* routes and by the
 * fake's simulateIncoming()/simulateConnection().
 */
import { createHash, randomBytes } from 'node:crypto';

import { connectionUpdateData, webhookWantsBase64, type EventBus } from './eventbus';
import { withBase64 } from './handlers/messages';
import { cuid, now, type ConnectionState, type FakeState, type InstanceRecord, type Row } from './state';

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';
const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video', 'audio', 'document', 'sticker'];

export interface IncomingMedia {
	/** The file, base64 (a `data:<mime>;base64,` prefix is accepted). One of base64/url. */
	base64?: string;
	/** Downloaded by the sandbox when given instead of base64. */
	url?: string;
	/** Required with base64 (unless the data URL carries it); with url, defaults to the answer's content-type. */
	mimetype?: string;
	fileName?: string;
	caption?: string;
	/** Audio only: a voice note (push-to-talk). */
	ptt?: boolean;
	/** Overrides the type derived from the mimetype (image/webp → sticker, image/* → image, …). */
	type?: MediaKind;
	/** Audio/video duration; default: estimated from the size. */
	seconds?: number;
}

/** Body of POST /sandbox/{instance}/incoming. */
export interface IncomingInput {
	/** Sender: a phone number or a JID. In a group, the participant unless `participant` is given. */
	from: string;
	text?: string;
	pushName?: string;
	/** Group JID (or its numeric id): the message is posted in that group. */
	group?: string;
	participant?: string;
	media?: IncomingMedia;
	/** Id of a stored message this one replies to. */
	quotedId?: string;
	/** A message the account sent from its phone. */
	fromMe?: boolean;
	/** Message id; default: a new Android-style id. */
	id?: string;
	/** Unix seconds; default: now. */
	timestamp?: number;
}

export interface IncomingResult {
	/** The stored message record (without base64), as findMessages returns it. */
	record: Row;
	/** Why nothing was stored or emitted (settings.groupsIgnore), if so. */
	ignored?: string;
}

/** A client error in a simulation request (answered 4xx by the sandbox routes). */
export class SimulationError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** Baileys getDevice(): where a message id says it was sent from. */
export function deviceOf(id: string): string {
	if (/^3A.{18}$/.test(id)) return 'ios';
	if (/^3E.{20}$/.test(id)) return 'web';
	if (/^(.{21}|.{32})$/.test(id)) return 'android';
	if (/^(3F|.{18}$)/.test(id)) return 'desktop';
	return 'unknown';
}

const DEFAULT_MIME: Record<MediaKind, string> = {
	image: 'image/jpeg',
	video: 'video/mp4',
	audio: 'audio/ogg; codecs=opus',
	document: 'application/octet-stream',
	sticker: 'image/webp',
};

function kindOf(media: IncomingMedia, mimetype: string): MediaKind {
	if (media.type !== undefined) {
		if (!MEDIA_KINDS.includes(media.type)) throw new SimulationError(400, `media.type must be one of ${MEDIA_KINDS.join(', ')}`);
		return media.type;
	}
	if (media.ptt) return 'audio';
	const mime = mimetype.toLowerCase();
	if (mime.startsWith('image/webp')) return 'sticker';
	if (mime.startsWith('image/')) return 'image';
	if (mime.startsWith('video/')) return 'video';
	if (mime.startsWith('audio/')) return 'audio';
	return 'document';
}

async function mediaBytes(media: IncomingMedia): Promise<{ data: Buffer; mimetype: string | undefined }> {
	if (typeof media.base64 === 'string') {
		const dataUrl = /^data:([^;,]+)?(?:;[^,]*)?;base64,/i.exec(media.base64);
		const text = dataUrl ? media.base64.slice(dataUrl[0].length) : media.base64;
		if (!/^[A-Za-z0-9+/=_\s-]+$/.test(text)) throw new SimulationError(400, 'media.base64 is not base64');
		const data = Buffer.from(text, 'base64');
		if (data.length === 0) throw new SimulationError(400, 'media.base64 is empty');
		return { data, mimetype: media.mimetype ?? dataUrl?.[1] };
	}
	if (typeof media.url === 'string') {
		let response: Response;
		try {
			response = await fetch(media.url, { signal: AbortSignal.timeout(15_000) });
		} catch (error) {
			throw new SimulationError(400, `could not download media.url: ${(error as Error).message}`);
		}
		if (!response.ok) throw new SimulationError(400, `could not download media.url: HTTP ${response.status}`);
		const data = Buffer.from(await response.arrayBuffer());
		return { data, mimetype: media.mimetype ?? response.headers.get('content-type')?.split(';')[0] ?? undefined };
	}
	throw new SimulationError(400, 'media needs base64 or url');
}

const b64 = (data: Buffer): string => data.toString('base64');

/** The Baileys media message (imageMessage, …) with plausible CDN fields. */
function mediaContent(kind: MediaKind, data: Buffer, mimetype: string, media: IncomingMedia, caption: string | undefined, fileName: string): Row {
	const seconds = Math.floor(Date.now() / 1000);
	const path = `/v/t62.7118-24/sandbox-${randomBytes(8).toString('hex')}.enc`;
	const common: Row = {
		url: `https://mmg.whatsapp.net${path}?ccb=11-4&mms3=true`,
		mimetype,
		fileSha256: b64(createHash('sha256').update(data).digest()),
		fileLength: String(data.length),
		mediaKey: b64(randomBytes(32)),
		fileEncSha256: b64(randomBytes(32)),
		directPath: path,
		mediaKeyTimestamp: String(seconds),
	};
	// Rough duration for audio/video when none is given (about 16 kbit/s).
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

function extensionOf(mimetype: string): string {
	const subtype = mimetype.split(';')[0].split('/')[1] ?? 'bin';
	return subtype.replace(/^x-/, '').replace(/[^a-z0-9]/gi, '') || 'bin';
}

/** A message record without the webhook-only base64 (what a quote carries). */
function withoutBase64(message: unknown): Row {
	const copy = { ...((message ?? {}) as Row) };
	delete copy.base64;
	return copy;
}

/** A phone number in any format (`+55 11 98888-7777`) or a JID → a JID. */
function userJid(value: string): string {
	const trimmed = value.trim();
	if (trimmed.includes('@')) return trimmed;
	const digits = trimmed.replace(/\D/g, '');
	if (digits === '') throw new SimulationError(400, `"${value}" is neither a phone number nor a JID`);
	return `${digits}@s.whatsapp.net`;
}

function instanceNamed(state: FakeState, name: string): InstanceRecord {
	const instance = state.instances.get(name);
	if (!instance) throw new SimulationError(404, `The "${name}" instance does not exist`);
	return instance;
}

/**
 * An incoming message as Baileys' messages.upsert handler turns it into an Evolution record
 * (prepareMessage: extendedTextMessage becomes `conversation`, contextInfo is lifted to the
 * record), stored like the real server does (message, media, chat, contact), then MESSAGES_UPSERT
 * and CONTACTS_UPSERT/CONTACTS_UPDATE are emitted.
 */
export async function simulateIncoming(state: FakeState, bus: EventBus | undefined, instanceName: string, input: IncomingInput): Promise<IncomingResult> {
	const instance = instanceNamed(state, instanceName);
	if (typeof input !== 'object' || input === null) throw new SimulationError(400, 'the body must be a JSON object');
	if (typeof input.from !== 'string' || input.from.trim() === '') throw new SimulationError(400, '"from" (a phone number or JID) is required');
	if (input.text !== undefined && typeof input.text !== 'string') throw new SimulationError(400, '"text" must be a string');
	if (input.text === undefined && input.media === undefined) throw new SimulationError(400, 'give "text", "media" or both');
	if (instance.state !== 'open') {
		throw new SimulationError(409, `The "${instanceName}" instance is not connected (state ${instance.state}); POST /sandbox/${encodeURIComponent(instanceName)}/connection {"state":"open"} first`);
	}

	const fromMe = input.fromMe === true;
	const group = input.group ? (input.group.includes('@') ? input.group : `${input.group.replace(/\D/g, '')}@g.us`) : undefined;
	const sender = userJid(input.from);
	const remoteJid = group ?? sender;
	const participant = group ? userJid(input.participant ?? input.from) : undefined;
	const id = input.id ?? randomBytes(16).toString('hex').toUpperCase();
	const messages = state.listOf(state.messages, instance.name);
	if (messages.some((message) => (message.key as Row | undefined)?.id === id)) throw new SimulationError(409, `a message with id "${id}" already exists`);

	// A reply quotes a stored message (or just its id, when the sandbox never saw it).
	let contextInfo: Row | undefined;
	if (input.quotedId !== undefined) {
		const quoted = messages.find((message) => (message.key as Row | undefined)?.id === input.quotedId);
		const quotedKey = (quoted?.key ?? {}) as Row;
		contextInfo = {
			stanzaId: input.quotedId,
			participant: quotedKey.participant ?? (quotedKey.fromMe ? instance.ownerJid : (quotedKey.remoteJid ?? remoteJid)),
			quotedMessage: withoutBase64(quoted?.message),
		};
	}

	let messageType: string;
	let message: Row;
	let media: { kind: MediaKind; data: Buffer; mimetype: string; fileName: string } | undefined;
	if (input.media !== undefined) {
		if (typeof input.media !== 'object' || input.media === null) throw new SimulationError(400, '"media" must be an object');
		const { data, mimetype: givenMime } = await mediaBytes(input.media);
		const provisional = givenMime ?? (input.media.type ? DEFAULT_MIME[input.media.type] : input.media.ptt ? DEFAULT_MIME.audio : undefined);
		if (!provisional) throw new SimulationError(400, 'media.mimetype is required (or media.type)');
		const kind = kindOf(input.media, provisional);
		const mimetype = kind === 'audio' && input.media.ptt && !givenMime ? DEFAULT_MIME.audio : provisional;
		const fileName = input.media.fileName ?? `${id}.${extensionOf(mimetype)}`;
		const caption = input.media.caption ?? input.text;
		messageType = `${kind}Message`;
		const content = mediaContent(kind, data, mimetype, input.media, caption, fileName);
		if (contextInfo) content.contextInfo = contextInfo;
		message = { [messageType]: content };
		media = { kind, data, mimetype, fileName };
	} else {
		messageType = 'conversation';
		message = { conversation: input.text };
	}

	const record: Row = {
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

	// settings.groupsIgnore drops group messages before anything is stored or emitted.
	if (group && state.settings.get(instance.name)?.groupsIgnore === true) return { record, ignored: 'settings.groupsIgnore is on' };

	state.storeMessage(instance.name, record);
	if (media) {
		state.listOf(state.media, instance.name).push({
			id: cuid(),
			fileName: media.fileName,
			type: media.kind,
			mimetype: media.mimetype,
			createdAt: now(),
			messageId: id,
			instanceId: instance.id,
			// Not a DB column: the bytes, so getBase64FromMediaMessage can return them.
			data: media.data,
			Message: record,
		});
	}

	// Meta instances always carry the media; Baileys only with the webhook's base64 flag.
	const base64 = media && (instance.integration === 'WHATSAPP-BUSINESS' || webhookWantsBase64(state, instance.name));
	bus?.emit(instance.name, 'messages.upsert', base64 && media ? withBase64(record, media.data) : record);

	// The contact row is keyed by the chat (the group, in a group), like the real handler does.
	const contacts = state.listOf(state.contacts, instance.name);
	const known = contacts.find((contact) => contact.remoteJid === remoteJid);
	const contactRaw = { remoteJid, pushName: fromMe ? '' : record.pushName, profilePicUrl: null, instanceId: instance.id };
	if (known) {
		if (!fromMe) known.pushName = record.pushName;
		known.updatedAt = now();
		bus?.emit(instance.name, 'contacts.update', contactRaw);
	} else {
		contacts.push({ id: cuid(), ...contactRaw, createdAt: now(), updatedAt: now() });
		bus?.emit(instance.name, 'contacts.upsert', contactRaw);
	}
	return { record };
}

const STATES: readonly string[] = ['open', 'close', 'connecting', 'refused'];

/**
 * A connection change reported by WhatsApp. `close` with a logged-out code (401, 403, 402, 406)
 * also emits STATUS_INSTANCE and LOGOUT_INSTANCE; `refused` (QR limit) leaves the instance closed.
 */
export function simulateConnection(
	state: FakeState,
	bus: EventBus | undefined,
	instanceName: string,
	newState: ConnectionState | 'refused',
	statusReason?: number,
	defaultOwnerJid = '5511900000000@s.whatsapp.net',
): Row {
	const instance = instanceNamed(state, instanceName);
	if (!STATES.includes(newState)) throw new SimulationError(400, `state must be one of ${STATES.join(', ')}`);
	if (statusReason !== undefined && !Number.isInteger(statusReason)) throw new SimulationError(400, 'statusReason must be an integer');
	const reason = statusReason ?? (newState === 'close' ? 428 : newState === 'refused' ? 500 : 200);
	instance.state = newState === 'refused' ? 'close' : newState;
	instance.updatedAt = now();
	if (newState === 'open') {
		// Pairing sets the account's JID.
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
	const data = connectionUpdateData(instance, newState, reason);
	bus?.emit(instance.name, 'connection.update', data);
	return data;
}

/** A Baileys label edit: stored for /label/findLabels and emitted as LABELS_EDIT. */
export function simulateLabel(state: FakeState, bus: EventBus | undefined, instanceName: string, input: Row): Row {
	const instance = instanceNamed(state, instanceName);
	if (typeof input.name !== 'string' || input.name === '') throw new SimulationError(400, '"name" is required');
	const labels = state.listOf(state.labels, instance.name);
	const id = input.id !== undefined ? String(input.id) : String(labels.reduce((max, label) => Math.max(max, Number(label.id) || 0), 0) + 1);
	const label: Row = {
		id,
		name: input.name,
		color: Number.isInteger(input.color) ? input.color : 0,
		predefinedId: input.predefinedId !== undefined ? String(input.predefinedId) : null,
	};
	const index = labels.findIndex((existing) => existing.id === id);
	if (input.deleted === true) {
		if (index !== -1) labels.splice(index, 1);
	} else if (index === -1) {
		labels.push(label);
	} else {
		labels[index] = label;
	}
	bus?.emit(instance.name, 'labels.edit', { ...label, deleted: input.deleted === true, instance: instance.name });
	return label;
}
