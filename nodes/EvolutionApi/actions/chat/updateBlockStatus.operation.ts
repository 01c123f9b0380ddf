import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { checkOption } from '../common';
import { chatField, readJid } from './shared';

export const updateBlockStatus: OperationDefinition = {
	value: 'updateBlockStatus',
	name: 'Update Block Status',
	action: 'Block or unblock contact',
	description: 'Block a contact (they can no longer message or call this number) or unblock them. Baileys only.',
	route: { method: 'POST', path: '/chat/updateBlockStatus/{instance}' },
	properties: [
		{ ...chatField, displayName: 'Contact', description: 'The contact: a phone number with country code or a contact ID (…@s.whatsapp.net, …@lid)' },
		{
			displayName: 'Block Status',
			name: 'blockStatus',
			type: 'options',
			options: [
				{ name: 'Block', value: 'block' },
				{ name: 'Unblock', value: 'unblock' },
			],
			default: 'block',
			description: 'Whether to block or unblock the contact',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const number = readJid.call(this, 'chatJid', itemIndex, { label: 'Contact', kind: 'contact' });
		const status = checkOption.call(this, this.getNodeParameter('blockStatus', itemIndex, 'block'), ['block', 'unblock'] as const, itemIndex, 'Block Status');
		return (await context.request({ body: { number, status } })) as IDataObject;
	},
};
