import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const logout: OperationDefinition = {
	value: 'logout',
	name: 'Log Out',
	action: 'Log out instance',
	description: 'Unlink the WhatsApp account from the instance; the instance itself is kept',
	route: { method: 'DELETE', path: '/instance/logout/{instance}' },
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
