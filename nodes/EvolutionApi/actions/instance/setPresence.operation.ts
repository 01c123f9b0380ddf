import type { IDataObject } from 'n8n-workflow';

import { checkOption } from '../common';
import type { OperationDefinition } from '../types';

export const setPresence: OperationDefinition = {
	value: 'setPresence',
	name: 'Set Presence',
	action: 'Set presence of instance',
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
		// An expression can put anything into an options field; the server accepts only these five.
		const presence = checkOption.call(this, this.getNodeParameter('presence', context.itemIndex, 'available'), ['available', 'composing', 'paused', 'recording', 'unavailable'], context.itemIndex, 'Presence');
		return (await context.request({ body: { presence } })) as IDataObject;
	},
};
