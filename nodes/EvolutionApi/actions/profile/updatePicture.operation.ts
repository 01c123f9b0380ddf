import type { IDataObject } from 'n8n-workflow';

import { fileInputProperties, fileInputToMedia, mimeTypeOption, readFileInput } from '../../../shared/binaryInput';
import { readCollection } from '../common';
import type { OperationDefinition } from '../types';

export const updatePicture: OperationDefinition = {
	value: 'updatePicture',
	name: 'Update Picture',
	action: 'Update profile picture',
	description:
		"Set the profile picture of the instance's WhatsApp account from an image (binary file, public URL or base64). JPEG or PNG; WhatsApp crops it square. Baileys only.",
	route: { method: 'POST', path: '/chat/updateProfilePicture/{instance}' },
	properties: [
		...fileInputProperties({ noun: 'Picture' }),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [mimeTypeOption],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const options = readCollection.call(this, 'options', itemIndex);
		const file = await readFileInput.call(this, itemIndex, { noun: 'Picture', accept: ['image'], mimeType: options.mimeType });
		// The server takes a URL it downloads itself, or plain base64 (no data: prefix).
		const picture = await fileInputToMedia.call(this, file);
		return (await context.request({ body: { picture } })) as IDataObject;
	},
};
