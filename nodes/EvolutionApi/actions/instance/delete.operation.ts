import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const deleteInstance: OperationDefinition = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete instance',
	description: 'Log out and delete the instance with its settings, webhook and stored data',
	route: { method: 'DELETE', path: '/instance/delete/{instance}' },
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
