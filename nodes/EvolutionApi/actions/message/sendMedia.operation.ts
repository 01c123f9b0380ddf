import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileInputProperties, fileNameOption, mimeTypeOption, readFileInput } from '../../../shared/binaryInput';
import { sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { buildFileBody, captionOption, MULTIPART_NOTICE, readCaption, readSendBase, recipientField, sendOptionFields } from './shared';

/** Shared by the file-sending operations of this resource (one set of fields in the node). */
export const fileFields = fileInputProperties({ notice: MULTIPART_NOTICE });

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
			captionOption,
			fileNameOption,
			mimeTypeOption,
			{
				displayName: 'Send as Document',
				name: 'sendAsDocument',
				type: 'boolean',
				default: false,
				description:
					'Whether to send an image, video or audio as a document (a file attachment, not compressed, with its file name) instead of as media',
			},
			...sendOptionFields,
		]),
	},
];

export const sendMedia: OperationDefinition = {
	value: 'sendMedia',
	name: 'Send Media',
	action: 'Send media message',
	description:
		'Send an image, video, audio file or document to a contact or group. The media type follows from the MIME type of the file (binary data, URL or base64).',
	route: { method: 'POST', path: '/message/sendMedia/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const asDocument = options.sendAsDocument === true;
		const file = await readFileInput.call(this, itemIndex, {
			fileName: options.fileName,
			mimeType: options.mimeType,
			requireType: !asDocument,
		});
		const caption = readCaption.call(this, options.caption, itemIndex);

		const fields: IDataObject = {
			number,
			mediatype: asDocument ? 'document' : (file.mediaType ?? 'document'),
		};
		if (file.mimeType) fields.mimetype = file.mimeType;
		if (file.fileName) fields.fileName = file.fileName;
		if (caption !== undefined) fields.caption = caption;
		if (file.kind === 'url' && fields.mediatype === 'document' && !file.fileName) {
			throw new NodeOperationError(this.getNode(), 'A document sent from a URL needs a file name', {
				itemIndex,
				description: 'Set Options → File Name (e.g. report.pdf); the URL does not end in one.',
			});
		}
		const body = await buildFileBody.call(this, file, { ...fields, ...extra }, 'media');
		return (await context.request({ body })) as IDataObject;
	},
};
