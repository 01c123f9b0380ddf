import type { IDataObject } from 'n8n-workflow';

import { limitField, readCollection, readLimit, returnAllField } from '../common';
import type { OperationDefinition } from '../types';
import { checkJid, collectPages, optionalText, pageSizeFor, readDateRange, rowsOf } from './shared';

export const getAll: OperationDefinition = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many chats',
	description:
		'List many chats stored on the server, newest first, with their last message, unread count and picture URL. Reads the database: works on every channel.',
	route: { method: 'POST', path: '/chat/findChats/{instance}' },
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
					description: 'Only the chat with this phone number or WhatsApp ID',
				},
				{
					displayName: 'Last Message After',
					name: 'after',
					type: 'dateTime',
					default: '',
					description: 'Only chats whose last message was sent at or after this time',
				},
				{
					displayName: 'Last Message Before',
					name: 'before',
					type: 'dateTime',
					default: '',
					description: 'Only chats whose last message was sent at or before this time',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const limit = readLimit.call(this, itemIndex);
		const filters = readCollection.call(this, 'filters', itemIndex);
		const where: IDataObject = {};
		const chat = optionalText.call(this, filters.remoteJid, itemIndex, 'Chat');
		if (chat) where.remoteJid = checkJid.call(this, chat, itemIndex, { label: 'Chat' });
		const range = readDateRange.call(this, itemIndex, filters.after, filters.before, {
			after: 'Last Message After',
			before: 'Last Message Before',
		});
		if (range) where.messageTimestamp = range;
		const pageSize = pageSizeFor(limit);
		return await collectPages({
			pageSize,
			limit,
			fetchPage: async (page) => {
				const body: IDataObject = { take: pageSize, skip: page * pageSize };
				if (Object.keys(where).length) body.where = where;
				return { rows: rowsOf.call(this, await context.request({ body }), itemIndex, 'the chat list') };
			},
		});
	},
};
