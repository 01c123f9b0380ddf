import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const getInformation: OperationDefinition = {
	value: 'getInformation',
	name: 'Get Information',
	action: 'Get server information',
	description: 'Get the server version, client name and WhatsApp Web version (no API key needed)',
	route: { method: 'GET', path: '/' },
	idempotent: true,
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
