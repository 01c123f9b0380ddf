import type { IDataObject } from 'n8n-workflow';

import { limitField, readCollection, readLimit, returnAllField } from '../common';
import type { OperationDefinition } from '../types';
import { checkJid, collectPages, optionalText, pageSizeFor, rowsOf } from './shared';

export const getContacts: OperationDefinition = {
	value: 'getContacts',
	name: 'Get Contacts',
	action: 'Get many contacts',
	description:
		'List the contacts stored on the server (remoteJid, pushName, profilePicUrl, isGroup, isSaved, type). Reads the database: works on every channel.',
	route: { method: 'POST', path: '/chat/findContacts/{instance}' },
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
					displayName: 'Contact',
					name: 'remoteJid',
					type: 'string',
					default: '',
					placeholder: 'e.g. 5511999999999',
					description: 'Only the contact with this phone number or WhatsApp ID',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const limit = readLimit.call(this, itemIndex);
		const filters = readCollection.call(this, 'filters', itemIndex);
		// The schema lists where._id/id/pushName, but the server filters only by where.remoteJid.
		const contact = optionalText.call(this, filters.remoteJid, itemIndex, 'Contact');
		const where = contact ? { remoteJid: checkJid.call(this, contact, itemIndex, { label: 'Contact' }) } : undefined;
		const pageSize = pageSizeFor(limit);
		return await collectPages({
			pageSize,
			limit,
			fetchPage: async (page) => {
				const body: IDataObject = { page: page + 1, offset: pageSize };
				if (where) body.where = where;
				return { rows: rowsOf.call(this, await context.request({ body }), itemIndex, 'the contact list') };
			},
		});
	},
};
