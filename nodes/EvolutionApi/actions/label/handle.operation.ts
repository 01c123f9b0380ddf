import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readRecipient, readString } from '../common';
import type { OperationDefinition } from '../types';

const ACTIONS = ['add', 'remove'];

export const handle: OperationDefinition = {
	value: 'handle',
	name: 'Add or Remove on Chat',
	action: 'Add or remove label on chat',
	description:
		'Put a label on a chat or take it off (WhatsApp Business app accounts). Label IDs come from Label → Get Many. Baileys only.',
	route: { method: 'POST', path: '/label/handleLabel/{instance}' },
	properties: [
		{
			displayName: 'Label',
			name: 'labelId',
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			description: 'The label to add or remove',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select a label...',
					typeOptions: { searchListMethod: 'searchLabels', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 5',
				},
			],
		},
		{
			displayName: 'Chat',
			name: 'remoteJid',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5511999999999',
			description: 'Phone number with country code, or the WhatsApp ID of the chat (contact or group)',
		},
		{
			displayName: 'Action',
			name: 'labelAction',
			type: 'options',
			options: [
				{ name: 'Add', value: 'add', description: 'Put the label on the chat' },
				{ name: 'Remove', value: 'remove', description: 'Take the label off the chat' },
			],
			default: 'add',
			description: 'Whether to add the label to the chat or remove it',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const labelId = checkString.call(
			this,
			this.getNodeParameter('labelId', itemIndex, '', { extractValue: true }),
			itemIndex,
			{ label: 'Label', required: true },
		);
		const number = readRecipient.call(this, 'remoteJid', itemIndex, { label: 'Chat' });
		const action = readString.call(this, 'labelAction', itemIndex, { label: 'Action', required: true });
		if (!ACTIONS.includes(action)) {
			throw new NodeOperationError(this.getNode(), `Action "${action}" is not supported`, {
				itemIndex,
				description: 'Use add or remove.',
			});
		}
		return (await context.request({ body: { number, labelId, action } })) as IDataObject;
	},
};
