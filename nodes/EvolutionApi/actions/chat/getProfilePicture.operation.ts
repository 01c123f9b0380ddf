import type { IDataObject } from 'n8n-workflow';

import { checkBinaryFieldName, downloadPictureOptions, withDownloadedPicture } from '../../../shared/binaryOutput';
import { readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { chatField, readJid } from './shared';

export const getProfilePicture: OperationDefinition = {
	value: 'getProfilePicture',
	name: 'Get Profile Picture',
	action: 'Get profile picture of contact or group',
	description:
		'Get the profile picture URL (profilePictureUrl) of a contact or group, and optionally the picture itself as binary data. The URL is null when there is no picture, it is hidden, or the instance is not a Baileys instance.',
	route: { method: 'POST', path: '/chat/fetchProfilePictureUrl/{instance}' },
	idempotent: true,
	properties: [
		chatField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: downloadPictureOptions,
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const number = readJid.call(this, 'chatJid', itemIndex, { label: 'Chat' });
		const options = readCollection.call(this, 'options', itemIndex);
		// Checked before the request: a bad field name must not cost a call.
		if (options.downloadPicture === true) checkBinaryFieldName.call(this, options.outputBinaryField ?? 'data', itemIndex, 'Put Output File in Field');
		const json = ((await context.request({ body: { number } })) ?? {}) as IDataObject;
		const baseName = `profile-${String(json.wuid ?? number).split('@')[0]}`;
		return [await withDownloadedPicture.call(this, itemIndex, json, json.profilePictureUrl, options, baseName)];
	},
};
