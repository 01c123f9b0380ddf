import type { IDataObject } from 'n8n-workflow';

import { checkOption, limitField, readCollection, readLimit, returnAllField } from '../common';
import type { OperationDefinition } from '../types';
import { checkJid, collectPages, optionalText, pageSizeFor, readDateRange } from './shared';

export const getMessages: OperationDefinition = {
	value: 'getMessages',
	name: 'Get Messages',
	action: 'Get many messages',
	description:
		'List messages stored on the server, newest first, optionally of one chat, sender, type or time span. Outputs one item per message (key, pushName, messageType, message, messageTimestamp). Works on every channel; only stored messages are found.',
	route: { method: 'POST', path: '/chat/findMessages/{instance}' },
	idempotent: true,
	properties: [
		returnAllField,
		limitField,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Chat',
					name: 'remoteJid',
					type: 'string',
					default: '',
					placeholder: 'e.g. 5511999999999 or 120363025246125486@g.us',
					description: 'Only messages of this chat (phone number or WhatsApp ID)',
				},
				{
					displayName: 'Group Participant',
					name: 'participant',
					type: 'string',
					default: '',
					placeholder: 'e.g. 5511999999999',
					description: 'Only messages a group member sent (phone number or contact ID)',
				},
				{
					displayName: 'Message ID',
					name: 'messageId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
					description: 'Only the message with this ID',
				},
				{
					displayName: 'Message Type',
					name: 'messageType',
					type: 'string',
					default: '',
					placeholder: 'e.g. imageMessage',
					description:
						'Only messages of this type, e.g. conversation (text), imageMessage, videoMessage, audioMessage, documentMessage, stickerMessage, locationMessage, reactionMessage',
				},
				{
					displayName: 'Sender',
					name: 'fromMe',
					type: 'options',
					options: [
						{ name: 'Anyone', value: 'any' },
						{ name: 'This Instance', value: 'me', description: 'Messages the instance sent' },
						{ name: 'Others', value: 'others', description: 'Messages the instance received' },
					],
					default: 'any',
					description: 'Who sent the messages',
				},
				{
					displayName: 'Sent After',
					name: 'after',
					type: 'dateTime',
					default: '',
					description: 'Only messages sent at or after this time',
				},
				{
					displayName: 'Sent Before',
					name: 'before',
					type: 'dateTime',
					default: '',
					description: 'Only messages sent at or before this time',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const limit = readLimit.call(this, itemIndex);
		const filters = readCollection.call(this, 'filters', itemIndex);
		const where: IDataObject = {};
		const key: IDataObject = {};
		// The server compares key fields exactly, so chats and participants go as full IDs.
		const chat = optionalText.call(this, filters.remoteJid, itemIndex, 'Chat');
		if (chat) key.remoteJid = checkJid.call(this, chat, itemIndex, { label: 'Chat', fullJid: true });
		const participant = optionalText.call(this, filters.participant, itemIndex, 'Group Participant');
		if (participant) {
			key.participant = checkJid.call(this, participant, itemIndex, { label: 'Group Participant', kind: 'contact', fullJid: true });
		}
		const id = optionalText.call(this, filters.messageId, itemIndex, 'Message ID');
		if (id) key.id = id;
		const sender = checkOption.call(this, filters.fromMe ?? 'any', ['any', 'me', 'others'] as const, itemIndex, 'Sender');
		// The server ignores fromMe:false (it tests the value for truthiness), so "others" is filtered here.
		if (sender === 'me') key.fromMe = true;
		if (Object.keys(key).length) where.key = key;
		const messageType = optionalText.call(this, filters.messageType, itemIndex, 'Message Type');
		if (messageType) where.messageType = messageType;
		const range = readDateRange.call(this, itemIndex, filters.after, filters.before, { after: 'Sent After', before: 'Sent Before' });
		if (range) where.messageTimestamp = range;

		const pageSize = pageSizeFor(limit);
		return await collectPages({
			pageSize,
			limit,
			keep: (row) => {
				const rowKey = (row.key ?? {}) as IDataObject;
				if (sender === 'others' && rowKey.fromMe === true) return false;
				// Safety net: the server ORs the chat with an empty condition, which may match every chat.
				if (key.remoteJid && rowKey.remoteJid !== key.remoteJid && rowKey.remoteJidAlt !== key.remoteJid) return false;
				return true;
			},
			fetchPage: async (page) => {
				const body: IDataObject = { page: page + 1, offset: pageSize };
				if (Object.keys(where).length) body.where = where;
				const answer = (await context.request({ body })) as IDataObject | null;
				const messages = (answer?.messages ?? {}) as IDataObject;
				const records = Array.isArray(messages.records) ? (messages.records as IDataObject[]) : [];
				const pages = typeof messages.pages === 'number' ? messages.pages : undefined;
				return { rows: records, last: pages !== undefined && page + 1 >= pages };
			},
		});
	},
};
