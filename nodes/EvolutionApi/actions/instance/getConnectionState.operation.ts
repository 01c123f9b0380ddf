import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const getConnectionState: OperationDefinition = {
	value: 'getConnectionState',
	name: 'Get Connection State',
	action: 'Get connection state of instance',
	description: 'Whether the instance is connected to WhatsApp: open, connecting or close',
	route: { method: 'GET', path: '/instance/connectionState/{instance}' },
	idempotent: true,
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
