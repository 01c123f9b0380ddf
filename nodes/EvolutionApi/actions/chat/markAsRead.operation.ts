import type { IDataObject } from 'n8n-workflow';

import { checkString, readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { chatField, readJid, readList } from './shared';

export const markAsRead: OperationDefinition = {
	value: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark messages as read',
	description:
		'Mark messages of a chat as read (blue ticks for the sender). Give the IDs of the received messages. Baileys only.',
	route: { method: 'POST', path: '/chat/markMessageAsRead/{instance}' },
	properties: [
		chatField,
		{
			displayName: 'Message IDs',
			name: 'messageIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 3EB0C767D26A1D2E5A8B, 3EB0A1B2C3D4E5F6A7B8',
			description:
				'IDs of the messages to mark as read, separated by commas or new lines (the messageId field of a trigger event). An expression may also return a list.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Sent by Me',
					name: 'fromMe',
					type: 'boolean',
					default: false,
					description: 'Whether the messages were sent by this instance (usually not: you mark received messages as read)',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const remoteJid = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const options = readCollection.call(this, 'options', itemIndex);
		const fromMe = options.fromMe === true;
		const ids: string[] = [];
		for (const entry of readList.call(this, 'messageIds', itemIndex, 'Message IDs')) {
			const id = checkString.call(this, entry, itemIndex, { label: 'Message IDs', required: true });
			if (!ids.includes(id)) ids.push(id);
		}
		const readMessages = ids.map((id) => ({ id, fromMe, remoteJid }));
		return (await context.request({ body: { readMessages } })) as IDataObject;
	},
};
