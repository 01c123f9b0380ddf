import type { IDataObject } from 'n8n-workflow';

import { limitField, readCollection, readLimit, returnAllField } from '../common';
import type { OperationDefinition } from '../types';
import { checkJid, collectPages, optionalText, pageSizeFor, rowsOf } from './shared';

export const getMessageStatuses: OperationDefinition = {
	value: 'getMessageStatuses',
	name: 'Get Message Statuses',
	action: 'Get many message status updates',
	description:
		'List the delivery status updates stored for messages (SERVER_ACK, DELIVERY_ACK, READ, PLAYED, DELETED…), optionally of one chat or message. Not WhatsApp Status stories. Works on every channel.',
	route: { method: 'POST', path: '/chat/findStatusMessage/{instance}' },
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
					placeholder: 'e.g. 5511999999999',
					description: 'Only updates of messages in this chat (phone number or WhatsApp ID)',
				},
				{
					displayName: 'Message ID',
					name: 'messageId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
					description: 'Only updates of the message with this ID',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const limit = readLimit.call(this, itemIndex);
		const filters = readCollection.call(this, 'filters', itemIndex);
		// The server applies only where.remoteJid (exact) and where.id (the message key ID).
		const where: IDataObject = {};
		const chat = optionalText.call(this, filters.remoteJid, itemIndex, 'Chat');
		if (chat) where.remoteJid = checkJid.call(this, chat, itemIndex, { label: 'Chat', fullJid: true });
		const id = optionalText.call(this, filters.messageId, itemIndex, 'Message ID');
		if (id) where.id = id;
		const pageSize = pageSizeFor(limit);
		return await collectPages({
			pageSize,
			limit,
			fetchPage: async (page) => {
				// page and offset always go: the server multiplies them without defaults.
				const body: IDataObject = { page: page + 1, offset: pageSize };
				if (Object.keys(where).length) body.where = where;
				return { rows: rowsOf.call(this, await context.request({ body }), itemIndex, 'the status list') };
			},
		});
	},
};
