import type { IDataObject } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';

export const updateAbout: OperationDefinition = {
	value: 'updateAbout',
	name: 'Update About',
	action: 'Update profile about text',
	description:
		"Change the About text (profile status line) of the instance's WhatsApp account. This is not a Status story: use Message → Send Status for those. Baileys only.",
	route: { method: 'POST', path: '/chat/updateProfileStatus/{instance}' },
	properties: [
		{
			displayName: 'About',
			name: 'about',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Available 9am–6pm',
			description: 'The new About text (at most 139 characters, as in WhatsApp)',
		},
	],
	async execute(context) {
		const status = readString.call(this, 'about', context.itemIndex, { label: 'About', required: true, maxLength: 139 });
		return (await context.request({ body: { status } })) as IDataObject;
	},
};
