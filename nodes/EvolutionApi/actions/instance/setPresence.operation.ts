import type { IDataObject } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';

export const setPresence: OperationDefinition = {
	value: 'setPresence',
	name: 'Set Presence',
	action: 'Set the presence of an instance',
	description: 'Set the account-wide presence (online or offline). Baileys channel only. For typing in one chat use Chat → Send Presence.',
	route: { method: 'POST', path: '/instance/setPresence/{instance}' },
	properties: [
		{
			displayName: 'Presence',
			name: 'presence',
			type: 'options',
			options: [
				{ name: 'Available', value: 'available' },
				{ name: 'Composing', value: 'composing' },
				{ name: 'Paused', value: 'paused' },
				{ name: 'Recording', value: 'recording' },
				{ name: 'Unavailable', value: 'unavailable' },
			],
			default: 'available',
			description: 'Presence to show to contacts',
		},
	],
	async execute(context) {
		const presence = readString.call(this, 'presence', context.itemIndex, { label: 'Presence', required: true });
		return (await context.request({ body: { presence } })) as IDataObject;
	},
};
