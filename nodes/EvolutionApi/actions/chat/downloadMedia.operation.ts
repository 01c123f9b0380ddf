import type { IDataObject } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { binaryItem, checkBinaryFieldName, decodeServerBase64 } from '../../../shared/binaryOutput';
import { checkString, readCollection } from '../common';
import type { OperationDefinition } from '../types';

function typeName(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export const downloadMedia: OperationDefinition = {
	value: 'downloadMedia',
	name: 'Download Media',
	action: 'Download media of message',
	description:
		'Download the image, video, audio, document or sticker of a message as binary data (with MIME type and file name). Baileys: the message ID is enough when the server stores messages. WhatsApp Cloud API: pass the whole message object. Not available on the Evolution channel.',
	route: { method: 'POST', path: '/chat/getBase64FromMediaMessage/{instance}' },
	idempotent: true,
	properties: [
		{
			displayName: 'Message Source',
			name: 'messageSource',
			type: 'options',
			options: [
				{
					name: 'Message ID',
					value: 'id',
					description: 'Look the message up by its ID among the messages stored on the server',
				},
				{
					name: 'Message Object',
					value: 'object',
					description: 'The whole message as received, e.g. the data field of a messages.upsert trigger event',
				},
			],
			default: 'id',
			description: 'How to identify the message whose media to download',
		},
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
			description: 'ID of the message (the ID in the key of a stored message, or the messageId field of a trigger event)',
			displayOptions: { show: { messageSource: ['id'] } },
		},
		{
			displayName: 'Message Object',
			name: 'messageObject',
			type: 'json',
			required: true,
			default: '{}',
			placeholder: 'e.g. {{ $json.data }}',
			description: 'The message with its key and message fields, as the server delivers it in messages.upsert events',
			displayOptions: { show: { messageSource: ['object'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Convert Audio to MP4',
					name: 'convertToMp4',
					type: 'boolean',
					default: false,
					description: 'Whether the server should convert a voice message to MP4 audio (audio/mp4) before returning it (Baileys only)',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. invoice',
					description: 'Name for the output file; the extension is added from the MIME type when missing. Default: the name WhatsApp gives.',
				},
				{
					displayName: 'Put Output File in Field',
					name: 'outputBinaryField',
					type: 'string',
					default: 'data',
					hint: 'The name of the output binary field to put the file in',
					description: 'Binary field of the output item that receives the file',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const options = readCollection.call(this, 'options', itemIndex);
		const property = checkBinaryFieldName.call(this, options.outputBinaryField ?? 'data', itemIndex, 'Put Output File in Field');
		const source = this.getNodeParameter('messageSource', itemIndex, 'id') as string;

		let message: IDataObject;
		let messageId: string | undefined;
		if (source === 'object') {
			let raw = this.getNodeParameter('messageObject', itemIndex, '{}') as unknown;
			if (typeof raw === 'string') {
				try {
					raw = jsonParse(raw);
				} catch {
					throw new NodeOperationError(this.getNode(), 'Message Object is not valid JSON', {
						itemIndex,
						description: 'Map the message object itself, e.g. {{ $json.data }}, or paste valid JSON.',
					});
				}
			}
			if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
				throw new NodeOperationError(this.getNode(), `Message Object must be an object, not ${typeName(raw)}`, {
					itemIndex,
					description: 'Map the message object itself, e.g. {{ $json.data }}.',
				});
			}
			message = raw as IDataObject;
			const key = message.key as IDataObject | undefined;
			messageId = typeof key?.id === 'string' ? key.id : undefined;
			if (!messageId && (typeof message.message !== 'object' || message.message === null)) {
				throw new NodeOperationError(this.getNode(), 'Message Object has neither key.id nor message', {
					itemIndex,
					description: 'Use the whole message as delivered by the trigger (with key and message), not only its text.',
				});
			}
		} else {
			messageId = checkString.call(this, this.getNodeParameter('messageId', itemIndex, ''), itemIndex, {
				label: 'Message ID',
				required: true,
			});
			message = { key: { id: messageId } };
		}

		const body: IDataObject = { message };
		if (options.convertToMp4 === true) body.convertToMp4 = true;
		const answer = (await context.request({ body })) as IDataObject | null;
		if (!answer || typeof answer !== 'object') {
			throw new NodeOperationError(this.getNode(), 'The message has no media to download', {
				itemIndex,
				description: 'The server found the message, but it carries no image, video, audio, document or sticker.',
			});
		}
		const data = decodeServerBase64.call(this, answer.base64, itemIndex, 'the media');
		const json: IDataObject = { ...answer };
		delete json.base64;
		delete json.buffer;
		if (messageId) json.messageId = messageId;
		const fileName = checkString.call(this, options.fileName, itemIndex, { label: 'File Name' });
		const mimeType = typeof answer.mimetype === 'string' ? answer.mimetype : undefined;
		const baseName = fileName || (typeof answer.fileName === 'string' ? answer.fileName : undefined) || messageId || 'media';
		return [await binaryItem.call(this, json, data, { property, mimeType, fileName: baseName })];
	},
};
