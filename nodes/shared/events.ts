import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The 31 event names Evolution API 2.3.6 accepts in a subscription, with the dotted name each
 * arrives under in the payload's `event` field. Three are accepted but never delivered.
 */
export interface EvolutionEvent {
	/** Subscription name, e.g. MESSAGES_UPSERT. */
	value: string;
	/** Payload `event` field, e.g. messages.upsert. */
	internal: string;
	name: string;
	description: string;
	/** Why 2.3.6 never delivers it, when it does not. */
	neverDelivered?: string;
}

export const EVENTS: EvolutionEvent[] = [
	{ value: 'APPLICATION_STARTUP', internal: 'application.startup', name: 'Application Startup', description: 'Server started', neverDelivered: 'nothing in Evolution API 2.3.6 emits it' },
	{ value: 'CALL', internal: 'call', name: 'Call', description: 'Incoming or ended voice/video call (Baileys)' },
	{ value: 'CHATS_DELETE', internal: 'chats.delete', name: 'Chats Delete', description: 'Chats were deleted (Baileys)' },
	{ value: 'CHATS_SET', internal: 'chats.set', name: 'Chats Set', description: 'Chat list from a history sync (Baileys)' },
	{ value: 'CHATS_UPDATE', internal: 'chats.update', name: 'Chats Update', description: 'Chats changed (unread count, name...)' },
	{ value: 'CHATS_UPSERT', internal: 'chats.upsert', name: 'Chats Upsert', description: 'Chats were created or changed' },
	{ value: 'CONNECTION_UPDATE', internal: 'connection.update', name: 'Connection Update', description: 'The instance connected, is connecting or disconnected (Baileys)' },
	{ value: 'CONTACTS_SET', internal: 'contacts.set', name: 'Contacts Set', description: 'Contact list sync', neverDelivered: 'nothing in Evolution API 2.3.6 emits it' },
	{ value: 'CONTACTS_UPDATE', internal: 'contacts.update', name: 'Contacts Update', description: 'Contacts changed (name, picture)' },
	{ value: 'CONTACTS_UPSERT', internal: 'contacts.upsert', name: 'Contacts Upsert', description: 'Contacts were added or changed' },
	{ value: 'GROUP_PARTICIPANTS_UPDATE', internal: 'group-participants.update', name: 'Group Participants Update', description: 'Participants joined, left, were promoted or demoted (Baileys)' },
	{ value: 'GROUP_UPDATE', internal: 'groups.update', name: 'Group Update', description: 'Group subject or settings changed', neverDelivered: 'the server emits groups.update, which does not match this subscription name' },
	{ value: 'GROUPS_UPSERT', internal: 'groups.upsert', name: 'Groups Upsert', description: 'The instance joined or created groups (Baileys)' },
	{ value: 'INSTANCE_CREATE', internal: 'instance.create', name: 'Instance Create', description: 'An instance was created (reaches only a webhook given at creation)' },
	{ value: 'INSTANCE_DELETE', internal: 'instance.delete', name: 'Instance Delete', description: 'The instance is being deleted' },
	{ value: 'LABELS_ASSOCIATION', internal: 'labels.association', name: 'Labels Association', description: 'A label was added to or removed from a chat (Baileys)' },
	{ value: 'LABELS_EDIT', internal: 'labels.edit', name: 'Labels Edit', description: 'A label was created, changed or deleted (Baileys)' },
	{ value: 'LOGOUT_INSTANCE', internal: 'logout.instance', name: 'Logout Instance', description: 'WhatsApp logged the session out' },
	{ value: 'MESSAGES_DELETE', internal: 'messages.delete', name: 'Messages Delete', description: 'A message was deleted for everyone' },
	{ value: 'MESSAGES_EDITED', internal: 'messages.edited', name: 'Messages Edited', description: 'A received message was edited (Baileys)' },
	{ value: 'MESSAGES_SET', internal: 'messages.set', name: 'Messages Set', description: 'Messages from a history sync (Baileys)' },
	{ value: 'MESSAGES_UPDATE', internal: 'messages.update', name: 'Messages Update', description: 'Delivery and read receipts, poll votes' },
	{ value: 'MESSAGES_UPSERT', internal: 'messages.upsert', name: 'Messages Upsert', description: 'A message was received (or sent from the phone)' },
	{ value: 'PRESENCE_UPDATE', internal: 'presence.update', name: 'Presence Update', description: 'A contact is online, typing or recording (Baileys)' },
	{ value: 'QRCODE_UPDATED', internal: 'qrcode.updated', name: 'QR Code Updated', description: 'A new QR code to scan (Baileys)' },
	{ value: 'REMOVE_INSTANCE', internal: 'remove.instance', name: 'Remove Instance', description: 'The instance was removed' },
	{ value: 'SEND_MESSAGE', internal: 'send.message', name: 'Send Message', description: 'A message was sent through the API' },
	{ value: 'SEND_MESSAGE_UPDATE', internal: 'send.message.update', name: 'Send Message Update', description: 'A message sent through the API was edited (Baileys)' },
	{ value: 'STATUS_INSTANCE', internal: 'status.instance', name: 'Status Instance', description: 'The connection closed for good (logged out, banned)' },
	{ value: 'TYPEBOT_CHANGE_STATUS', internal: 'typebot.change-status', name: 'Typebot Change Status', description: 'A Typebot session changed status' },
	{ value: 'TYPEBOT_START', internal: 'typebot.start', name: 'Typebot Start', description: 'A Typebot session was started' },
];

/** All 31 subscription names, for the event transports' validators. */
export const EVENT_NAMES = EVENTS.map((event) => event.value);

/** Options for an events multi-select; never-delivered events say so. */
export function eventOptions(options: { includeNeverDelivered: boolean }): INodePropertyOptions[] {
	return EVENTS.filter((event) => options.includeNeverDelivered || !event.neverDelivered).map((event) => ({
		name: event.name,
		value: event.value,
		description: event.neverDelivered
			? `${event.description}. Never delivered by Evolution API 2.3.6: ${event.neverDelivered}.`
			: event.description,
	}));
}

const BY_INTERNAL = new Map(EVENTS.map((event) => [event.internal, event.value]));

/**
 * Maps a payload's event field to its subscription name: `messages.upsert` → MESSAGES_UPSERT.
 * Falls back to the server's own normalisation (`.` and `-` to `_`, upper case).
 */
export function subscriptionName(internal: string): string {
	return BY_INTERNAL.get(internal) ?? internal.replace(/[.-]/g, '_').toUpperCase();
}
