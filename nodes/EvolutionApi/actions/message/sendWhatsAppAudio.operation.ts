import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fileNameOption, mimeTypeOption, readFileInput } from '../../../shared/binaryInput';
import { sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { fileFields } from './sendMedia.operation';
import { buildFileBody, readSendBase, recipientField, sendOptionFields } from './shared';

const properties: INodeProperties[] = [
	recipientField,
	...fileFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([
			{
				displayName: 'Convert to Voice Note',
				name: 'encoding',
				type: 'boolean',
				default: true,
				description:
					'Whether the server converts the audio to OGG/Opus first (Baileys). Turn off only for files that already are OGG/Opus voice notes; the file is then sent as JSON.',
			},
			fileNameOption,
			mimeTypeOption,
			...sendOptionFields,
		]),
	},
];

export const sendWhatsAppAudio: OperationDefinition = {
	value: 'sendWhatsAppAudio',
	name: 'Send Voice Note',
	action: 'Send voice note',
	description:
		'Send an audio file as a WhatsApp voice note (push-to-talk) to a contact or group. The file must be audio (audio/*); the server converts it to OGG/Opus.',
	route: { method: 'POST', path: '/message/sendWhatsAppAudio/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const file = await readFileInput.call(this, itemIndex, {
			noun: 'Audio',
			fileName: options.fileName,
			mimeType: options.mimeType,
			accept: ['audio'],
		});
		const fields: IDataObject = { number, ...extra };
		// The server converts unless `encoding` is false (absent means true).
		if (options.encoding === false) fields.encoding = false;
		const body = await buildFileBody.call(this, file, fields, 'audio');
		return (await context.request({ body })) as IDataObject;
	},
};
