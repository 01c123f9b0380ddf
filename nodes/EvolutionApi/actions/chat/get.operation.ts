import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { chatField, readJid } from './shared';

export const get: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get chat',
	description:
		'Get one stored chat by its WhatsApp ID (remoteJid, pushName, unreadMessages, labels…). Fails when the server has no such chat. Works on every channel.',
	route: { method: 'GET', path: '/chat/findChatByRemoteJid/{instance}' },
	idempotent: true,
	properties: [chatField],
	async execute(context) {
		const { itemIndex } = context;
		// The route looks the ID up exactly as stored, without normalising it.
		const remoteJid = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const chat = await context.request({ qs: { remoteJid } });
		if (chat === null || chat === undefined || typeof chat !== 'object') {
			throw new NodeOperationError(this.getNode(), `The server has no chat ${remoteJid}`, {
				itemIndex,
				description:
					'Only chats stored on the server are found. Check the ID (Chat → Get Many lists them); a contact may be stored under its …@lid ID.',
			});
		}
		return chat as IDataObject;
	},
};
