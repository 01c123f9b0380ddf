import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkInteger, readRecipient } from '../common';
import type { OperationDefinition } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'remoteJid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5511999999999',
		description: 'Phone number with country code, or a contact ID (…@s.whatsapp.net)',
	},
	{
		displayName: 'Call Duration (Seconds)',
		name: 'callDuration',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 15 },
		required: true,
		default: 5,
		description: 'How long the call would ring, 1 to 15 seconds',
	},
	{
		displayName: 'Video Call',
		name: 'isVideo',
		type: 'boolean',
		default: false,
		description: 'Whether it is a video call instead of a voice call',
	},
];

export const offer: OperationDefinition = {
	value: 'offer',
	name: 'Offer',
	action: 'Offer call',
	description:
		'Request a voice or video call offer. Baileys only, and there Evolution API 2.3.6 implements it as a stub: no call is placed; the answer echoes the JID, isVideo and callDuration with the fixed ID 123.',
	route: { method: 'POST', path: '/call/offer/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const number = readRecipient.call(this, 'remoteJid', itemIndex, { label: 'Recipient', kind: 'contact' });
		const callDuration = checkInteger.call(this, this.getNodeParameter('callDuration', itemIndex, 5), itemIndex, {
			label: 'Call Duration (Seconds)',
			min: 1,
			max: 15,
		});
		const isVideo = this.getNodeParameter('isVideo', itemIndex, false) as unknown;
		if (typeof isVideo !== 'boolean') {
			throw new NodeOperationError(this.getNode(), 'Video Call must be true or false', { itemIndex });
		}
		return (await context.request({ body: { number, isVideo, callDuration } })) as IDataObject;
	},
};
