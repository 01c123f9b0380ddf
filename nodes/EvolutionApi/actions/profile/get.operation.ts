import type { IDataObject } from 'n8n-workflow';

import { checkBinaryFieldName, downloadPictureOptions, withDownloadedPicture } from '../../../shared/binaryOutput';
import { readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { accountField, contactField, readAccountNumber } from './shared';

export const get: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get profile',
	description:
		'Get the profile of this instance or of another account: wuid, name, numberExists, picture (URL), status (about text), isBusiness, and email, description and website for businesses. Optionally downloads the picture. Baileys only.',
	route: { method: 'POST', path: '/chat/fetchProfile/{instance}' },
	idempotent: true,
	properties: [
		accountField,
		contactField,
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
		// The schema (profileSchema) does not list `number`, but the server reads it.
		const number = readAccountNumber.call(this, itemIndex);
		const options = readCollection.call(this, 'options', itemIndex);
		// Checked before the request: a bad field name must not cost a call.
		if (options.downloadPicture === true) checkBinaryFieldName.call(this, options.outputBinaryField ?? 'data', itemIndex, 'Put Output File in Field');
		const json = ((await context.request({ body: number ? { number } : {} })) ?? {}) as IDataObject;
		const baseName = `profile-${String(json.wuid ?? number ?? 'own').split('@')[0]}`;
		return [await withDownloadedPicture.call(this, itemIndex, json, json.picture, options, baseName)];
	},
};
