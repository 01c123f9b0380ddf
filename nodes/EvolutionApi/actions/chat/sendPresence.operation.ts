import type { IDataObject } from 'n8n-workflow';

import { checkInteger, checkOption } from '../common';
import type { OperationDefinition } from '../types';
import { chatField, readJid } from './shared';

const PRESENCES = ['available', 'composing', 'paused', 'recording', 'unavailable'] as const;

export const sendPresence: OperationDefinition = {
	value: 'sendPresence',
	name: 'Send Presence',
	action: 'Send presence to chat',
	description:
		'Show "typing…" or "recording audio…" in a chat for a while, then stop. The request returns only after the duration has passed. Baileys only.',
	route: { method: 'POST', path: '/chat/sendPresence/{instance}' },
	properties: [
		chatField,
		{
			displayName: 'Presence',
			name: 'presence',
			type: 'options',
			options: [
				{ name: 'Available', value: 'available', description: 'Online' },
				{ name: 'Paused', value: 'paused', description: 'Stop typing or recording' },
				{ name: 'Recording', value: 'recording', description: 'Recording audio…' },
				{ name: 'Typing', value: 'composing', description: 'Typing…' },
				{ name: 'Unavailable', value: 'unavailable', description: 'Offline' },
			],
			default: 'composing',
			description: 'What the chat shows',
		},
		{
			displayName: 'Duration (Ms)',
			name: 'delay',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 300000 },
			default: 3000,
			description: 'How long to show the presence, in milliseconds (at most 5 minutes); the chat shows "paused" afterwards',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const number = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat' });
		const presence = checkOption.call(this, this.getNodeParameter('presence', itemIndex, 'composing'), PRESENCES, itemIndex, 'Presence');
		const delay = checkInteger.call(this, this.getNodeParameter('delay', itemIndex, 3000), itemIndex, {
			label: 'Duration (Ms)',
			min: 0,
			max: 300000,
		});
		return (await context.request({ body: { number, presence, delay } })) as IDataObject;
	},
};
