import type { IDataObject } from 'n8n-workflow';

import { fileInputProperties, fileInputToMedia, mimeTypeOption, readFileInput } from '../../../shared/binaryInput';
import { readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const updatePicture: OperationDefinition = {
	value: 'updatePicture',
	name: 'Update Picture',
	action: 'Update picture of group',
	description:
		'Set the group picture from a binary file, a URL or base64 (JPEG or PNG). The instance must be allowed to edit the group info. Baileys only.',
	route: { method: 'POST', path: '/group/updateGroupPicture/{instance}' },
	properties: [
		groupField,
		...fileInputProperties({ noun: 'Image' }),
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
		const groupJid = readGroupJid.call(this, itemIndex);
		const options = readCollection.call(this, 'options', itemIndex);
		const file = await readFileInput.call(this, itemIndex, { noun: 'Image', accept: ['image'], mimeType: options.mimeType });
		// The server takes a URL or plain base64 (no data: prefix) in `image`.
		const image = await fileInputToMedia.call(this, file);
		return (await context.request({ qs: { groupJid }, body: { image } })) as IDataObject;
	},
};
