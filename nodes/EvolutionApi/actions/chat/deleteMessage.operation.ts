import type { IDataObject } from 'n8n-workflow';

import { checkString, readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { chatField, checkJid, messageIdField, readJid } from './shared';

export const deleteMessage: OperationDefinition = {
	value: 'deleteMessage',
	name: 'Delete Message',
	action: 'Delete message for everyone',
	description:
		'Delete a message for everyone in the chat ("This message was deleted"). Works on your own messages, and on others\' messages in groups where the instance is admin. Baileys only.',
	route: { method: 'DELETE', path: '/chat/deleteMessageForEveryone/{instance}' },
	properties: [
		chatField,
		messageIdField,
		{
			displayName: 'Sent by Me',
			name: 'fromMe',
			type: 'boolean',
			default: true,
			description: 'Whether the message was sent by this instance (off for a message of another group member)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Participant',
					name: 'participant',
					type: 'string',
					default: '',
					placeholder: 'e.g. 5511999999999',
					description: 'In a group: the phone number or ID of the member who sent the message (needed when it was not you)',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const remoteJid = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const id = checkString.call(this, this.getNodeParameter('messageId', itemIndex, ''), itemIndex, {
			label: 'Message ID',
			required: true,
		});
		const fromMe = this.getNodeParameter('fromMe', itemIndex, true) as unknown;
		const options = readCollection.call(this, 'options', itemIndex);
		const body: IDataObject = { id, fromMe: fromMe === true || fromMe === 'true', remoteJid };
		const participant = checkString.call(this, options.participant, itemIndex, { label: 'Participant' });
		if (participant) {
			body.participant = checkJid.call(this, participant, itemIndex, { label: 'Participant', kind: 'contact', fullJid: true });
		}
		return (await context.request({ body })) as IDataObject;
	},
};
