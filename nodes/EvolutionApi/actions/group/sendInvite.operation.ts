import type { IDataObject } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';
import { groupField, readGroupJid, readNumberList } from './shared';

export const sendInvite: OperationDefinition = {
	value: 'sendInvite',
	name: 'Send Invite',
	action: 'Send group invite link',
	description:
		'Send the group\'s invite link as a WhatsApp text message (the Message followed by the link) to one or more numbers. Baileys only.',
	route: { method: 'POST', path: '/group/sendInvite/{instance}' },
	properties: [
		groupField,
		{
			displayName: 'Recipients',
			name: 'numbers',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5511999999999, 5511888888888',
			description:
				'Phone numbers with country code that receive the invite, separated by commas or new lines. An expression may also return a list.',
		},
		{
			displayName: 'Message',
			name: 'inviteMessage',
			type: 'string',
			required: true,
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'e.g. Join our group!',
			description: 'Text sent before the invite link',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		// This route reads groupJid from the body only and does not add @g.us itself.
		const groupJid = readGroupJid.call(this, itemIndex);
		const numbers = readNumberList.call(this, 'numbers', itemIndex, 'Recipients');
		const description = readString.call(this, 'inviteMessage', itemIndex, { label: 'Message', required: true, trim: false });
		if (!description.trim()) readString.call(this, 'inviteMessage', itemIndex, { label: 'Message', required: true });
		return (await context.request({ body: { groupJid, description, numbers } })) as IDataObject;
	},
};
