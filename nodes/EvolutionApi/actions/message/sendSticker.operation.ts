import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fileInputToMedia, fileNameOption, mimeTypeOption, readFileInput } from '../../../shared/binaryInput';
import { sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { fileFields } from './sendMedia.operation';
import { readSendBase, recipientField, sendOptionFields } from './shared';

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
			fileNameOption,
			{
				displayName: 'Keep Original Format',
				name: 'notConvertSticker',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip the conversion to WebP (only for images that already are WebP stickers)',
			},
			mimeTypeOption,
			...sendOptionFields,
		]),
	},
];

export const sendSticker: OperationDefinition = {
	value: 'sendSticker',
	name: 'Send Sticker',
	action: 'Send sticker',
	description:
		'Send an image as a sticker to a contact or group. The file must be an image (image/*); the server converts it to WebP. Baileys only.',
	route: { method: 'POST', path: '/message/sendSticker/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const file = await readFileInput.call(this, itemIndex, {
			noun: 'Sticker',
			fileName: options.fileName,
			mimeType: options.mimeType,
			accept: ['image'],
		});
		// Always JSON, never a multipart upload: 2.3.6 stores an uploaded file in `sticker` but
		// converts the form's own `sticker` field, so every upload fails with 500 "Invalid URL".
		const body: IDataObject = { number, ...extra, sticker: await fileInputToMedia.call(this, file) };
		if (options.notConvertSticker === true) body.notConvertSticker = true;
		return (await context.request({ body })) as IDataObject;
	},
};
