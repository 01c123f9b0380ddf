import type { IDataObject } from 'n8n-workflow';

import { readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { chatField, lastMessageOptions, readJid, resolveLastMessage } from './shared';

export const archive: OperationDefinition = {
	value: 'archive',
	name: 'Archive',
	action: 'Archive or unarchive chat',
	description:
		'Move a chat to the archive, or back out of it. WhatsApp needs the newest message of the chat: give its ID, or the newest stored message is looked up. Baileys only.',
	route: { method: 'POST', path: '/chat/archiveChat/{instance}' },
	properties: [
		chatField,
		{
			displayName: 'Archive',
			name: 'archive',
			type: 'boolean',
			default: true,
			description: 'Whether to archive the chat (on) or unarchive it (off)',
		},
		lastMessageOptions,
	],
	async execute(context) {
		const { itemIndex } = context;
		const chat = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const archived = this.getNodeParameter('archive', itemIndex, true) as unknown;
		const options = readCollection.call(this, 'options', itemIndex);
		const body: IDataObject = { chat, archive: archived === true || archived === 'true' };
		// Always with lastMessage: without it 2.3.6 looks the message up with a query its own
		// database layer rejects (500 PrismaClientValidationError), whatever is stored.
		body.lastMessage = await resolveLastMessage.call(this, context, options, chat);
		return (await context.request({ body })) as IDataObject;
	},
};
