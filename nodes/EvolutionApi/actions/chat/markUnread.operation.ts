import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callRoute, readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { lastMessageOptions, chatField, readJid, readLastMessage } from './shared';

export const markUnread: OperationDefinition = {
	value: 'markUnread',
	name: 'Mark as Unread',
	action: 'Mark chat as unread',
	description:
		'Mark a chat as unread in WhatsApp. WhatsApp needs the newest message of the chat: give its ID, or the newest stored message is looked up. Baileys only.',
	route: { method: 'POST', path: '/chat/markChatUnread/{instance}' },
	properties: [chatField, lastMessageOptions],
	async execute(context) {
		const { itemIndex, instance } = context;
		const chat = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const options = readCollection.call(this, 'options', itemIndex);
		let lastMessage = readLastMessage.call(this, itemIndex, options, chat);
		if (!lastMessage) {
			// The schema requires lastMessage (unlike archiveChat), so look the newest one up.
			const found = (await callRoute.call(this, { method: 'POST', path: '/chat/findMessages/{instance}' }, itemIndex, instance, {
				body: { where: { key: { remoteJid: chat } }, page: 1, offset: 1 },
			})) as IDataObject | undefined;
			const records = ((found?.messages as IDataObject | undefined)?.records ?? []) as IDataObject[];
			const newest = records[0];
			const key = newest?.key as IDataObject | undefined;
			if (!key || typeof key.id !== 'string') {
				throw new NodeOperationError(this.getNode(), `No stored message found in chat ${chat}`, {
					itemIndex,
					description:
						'WhatsApp needs the newest message of the chat. Enter its ID in Options → Last Message ID, or check that the server stores messages (DATABASE_SAVE_DATA_NEW_MESSAGE).',
				});
			}
			lastMessage = { key: { id: key.id, fromMe: key.fromMe === true, remoteJid: typeof key.remoteJid === 'string' ? key.remoteJid : chat } };
			if (typeof newest.messageTimestamp === 'number') lastMessage.messageTimestamp = newest.messageTimestamp;
		}
		return (await context.request({ body: { chat, lastMessage } })) as IDataObject;
	},
};
