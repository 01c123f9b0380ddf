import type { IDataObject } from 'n8n-workflow';

import { readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { lastMessageOptions, chatField, readJid, resolveLastMessage } from './shared';

export const markUnread: OperationDefinition = {
	value: 'markUnread',
	name: 'Mark as Unread',
	action: 'Mark chat as unread',
	description:
		'Mark a chat as unread in WhatsApp. WhatsApp needs the newest message of the chat: give its ID, or the newest stored message is looked up. Baileys only.',
	route: { method: 'POST', path: '/chat/markChatUnread/{instance}' },
	properties: [chatField, lastMessageOptions],
	async execute(context) {
		const { itemIndex } = context;
		const chat = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const options = readCollection.call(this, 'options', itemIndex);
		// The schema requires lastMessage (unlike archiveChat).
		const lastMessage = await resolveLastMessage.call(this, context, options, chat);
		return (await context.request({ body: { chat, lastMessage } })) as IDataObject;
	},
};
