import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const removePicture: OperationDefinition = {
	value: 'removePicture',
	name: 'Remove Picture',
	action: 'Remove profile picture',
	description: "Remove the profile picture of the instance's WhatsApp account. Baileys only.",
	route: { method: 'DELETE', path: '/chat/removeProfilePicture/{instance}' },
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
