import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readString } from '../common';
import type { OperationDefinition } from '../types';
import { toContactJid } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Chat',
		name: 'remoteJid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5511999999999',
		description:
			'Chat of the message to react to: a phone number with country code, a contact ID or a group ID (…@g.us). From a trigger event, map its chatJid.',
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
		description: 'ID of the message to react to (key.ID of the message, the messageId of a trigger event)',
	},
	{
		displayName: 'Sent by Me',
		name: 'fromMe',
		type: 'boolean',
		default: false,
		description: 'Whether the message was sent by this instance (key.fromMe); false for a message you received',
	},
	{
		displayName: 'Reaction',
		name: 'reaction',
		type: 'string',
		default: '',
		description: 'A single emoji; leave empty to remove an earlier reaction',
	},
];

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** One emoji (one grapheme with an emoji in it), as the server requires. */
function isSingleEmoji(value: string): boolean {
	const graphemes = [...segmenter.segment(value)];
	return graphemes.length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value);
}

export const sendReaction: OperationDefinition = {
	value: 'sendReaction',
	name: 'Send Reaction',
	action: 'React to message',
	description:
		'React to a message with an emoji, or remove the reaction with an empty Reaction. Not available on the Evolution channel.',
	route: { method: 'POST', path: '/message/sendReaction/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const remoteJid = toContactJid.call(this, this.getNodeParameter('remoteJid', itemIndex, ''), itemIndex, 'Chat');
		const id = readString.call(this, 'messageId', itemIndex, { label: 'Message ID', required: true });
		const rawFromMe = this.getNodeParameter('fromMe', itemIndex, false) as unknown;
		if (typeof rawFromMe !== 'boolean' && rawFromMe !== 'true' && rawFromMe !== 'false') {
			throw new NodeOperationError(this.getNode(), 'Sent by Me must be true or false', { itemIndex });
		}
		const reaction = checkString.call(this, this.getNodeParameter('reaction', itemIndex, ''), itemIndex, { label: 'Reaction' });
		if (reaction !== '' && !isSingleEmoji(reaction)) {
			throw new NodeOperationError(this.getNode(), `Reaction must be a single emoji or empty, not "${reaction}"`, {
				itemIndex,
				description: 'Enter exactly one emoji, or leave Reaction empty to remove your reaction.',
			});
		}
		const body: IDataObject = {
			key: { remoteJid, fromMe: rawFromMe === true || rawFromMe === 'true', id },
			reaction,
		};
		return (await context.request({ body })) as IDataObject;
	},
};
