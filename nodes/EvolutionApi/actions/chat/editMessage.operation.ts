import type { IDataObject } from 'n8n-workflow';

import { checkString, readString } from '../common';
import type { OperationDefinition } from '../types';
import { chatField, messageIdField, readJid } from './shared';

/** Same limit as the send operations. */
const MAX_TEXT_LENGTH = 65536;

export const editMessage: OperationDefinition = {
	value: 'editMessage',
	name: 'Edit Message',
	action: 'Edit sent message',
	description:
		'Replace the text of a message this instance sent (or the caption of its image or video). WhatsApp allows edits for 15 minutes after sending. Baileys only.',
	route: { method: 'POST', path: '/chat/updateMessage/{instance}' },
	properties: [
		chatField,
		messageIdField,
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			description: 'The new text of the message',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		// The server compares the stored remoteJid with this, so send the full ID both times.
		const remoteJid = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat', fullJid: true });
		const id = checkString.call(this, this.getNodeParameter('messageId', itemIndex, ''), itemIndex, {
			label: 'Message ID',
			required: true,
		});
		const text = readString.call(this, 'text', itemIndex, { label: 'Text', required: true, trim: false, maxLength: MAX_TEXT_LENGTH });
		if (!text.trim()) readString.call(this, 'text', itemIndex, { label: 'Text', required: true });
		const body: IDataObject = { number: remoteJid, text, key: { id, fromMe: true, remoteJid } };
		return (await context.request({ body })) as IDataObject;
	},
};
