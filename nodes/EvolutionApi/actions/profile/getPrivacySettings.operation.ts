import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const getPrivacySettings: OperationDefinition = {
	value: 'getPrivacySettings',
	name: 'Get Privacy Settings',
	action: 'Get privacy settings',
	description:
		"Get the WhatsApp privacy settings of the instance's account: readreceipts, profile (photo), status, online, last (seen) and groupadd. Baileys only.",
	route: { method: 'GET', path: '/chat/fetchPrivacySettings/{instance}' },
	idempotent: true,
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
