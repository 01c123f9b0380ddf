import type { IDataObject } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';

export const updateName: OperationDefinition = {
	value: 'updateName',
	name: 'Update Name',
	action: 'Update profile name',
	description: "Change the display name (push name) of the instance's WhatsApp account. Baileys only.",
	route: { method: 'POST', path: '/chat/updateProfileName/{instance}' },
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Acme Support',
			description: 'The new profile name (at most 25 characters, as in WhatsApp)',
		},
	],
	async execute(context) {
		const name = readString.call(this, 'name', context.itemIndex, { label: 'Name', required: true, maxLength: 25 });
		return (await context.request({ body: { name } })) as IDataObject;
	},
};
