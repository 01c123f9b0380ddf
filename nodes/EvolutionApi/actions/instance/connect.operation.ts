import type { IDataObject } from 'n8n-workflow';

import { normalizeRecipient } from '../../../shared/jid';
import { readCollection } from '../common';
import type { OperationDefinition } from '../types';

export const connect: OperationDefinition = {
	value: 'connect',
	name: 'Connect',
	action: 'Connect instance',
	description:
		'Start the WhatsApp session and return the QR code (base64 image) or, with a phone number, a pairing code',
	route: { method: 'GET', path: '/instance/connect/{instance}' },
	properties: [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Phone Number for Pairing Code',
					name: 'number',
					type: 'string',
					default: '',
					placeholder: 'e.g. 5511999999999',
					description: 'Number of the WhatsApp account to link; the answer then holds a pairing code to type in the app',
				},
			],
		},
	],
	async execute(context) {
		const options = readCollection.call(this, 'options', context.itemIndex);
		const qs: IDataObject = {};
		if (typeof options.number === 'string' && options.number.trim()) {
			qs.number = normalizeRecipient(this.getNode(), options.number, {
				field: 'Phone Number for Pairing Code',
				itemIndex: context.itemIndex,
				kind: 'contact',
			});
		}
		return (await context.request({ qs })) as IDataObject;
	},
};
