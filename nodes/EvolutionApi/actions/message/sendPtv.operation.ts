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
		options: sortByDisplayName([fileNameOption, mimeTypeOption, ...sendOptionFields]),
	},
];

export const sendPtv: OperationDefinition = {
	value: 'sendPtv',
	name: 'Send Video Note',
	action: 'Send video note',
	description:
		'Send a video as a round video note (PTV) to a contact or group. The file must be a video (video/*). Baileys only.',
	route: { method: 'POST', path: '/message/sendPtv/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const file = await readFileInput.call(this, itemIndex, {
			noun: 'Video',
			fileName: options.fileName,
			mimeType: options.mimeType,
			accept: ['video'],
		});
		const body = await buildFileBody.call(this, file, { number, ...extra }, 'video');
		return (await context.request({ body })) as IDataObject;
	},
};
