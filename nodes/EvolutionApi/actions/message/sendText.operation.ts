import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { MAX_TEXT_LENGTH, readSendBase, recipientField, sendOptionFields } from './shared';

const properties: INodeProperties[] = [
	recipientField,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The message. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~, ```monospace```.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([
			...sendOptionFields,
			{
				displayName: 'Link Preview',
				name: 'linkPreview',
				type: 'boolean',
				default: true,
				description: 'Whether to show a preview of the first link in the text',
			},
		]),
	},
];

export const sendText: OperationDefinition = {
	value: 'sendText',
	name: 'Send Text',
	action: 'Send text message',
	description: 'Send a text message to a contact or group',
	route: { method: 'POST', path: '/message/sendText/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const text = readString.call(this, 'text', itemIndex, {
			label: 'Text',
			required: true,
			trim: false,
			maxLength: MAX_TEXT_LENGTH,
		});
		if (!text.trim()) readString.call(this, 'text', itemIndex, { label: 'Text', required: true });
		const body: IDataObject = { number, text, ...extra };
		if (options.linkPreview !== undefined) body.linkPreview = options.linkPreview === true;
		return (await context.request({ body })) as IDataObject;
	},
};
