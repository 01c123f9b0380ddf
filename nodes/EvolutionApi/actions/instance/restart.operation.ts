import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const restart: OperationDefinition = {
	value: 'restart',
	name: 'Restart',
	action: 'Restart instance',
	description: 'Reconnect a connected instance; fails when the instance is closed (use Connect then)',
	// The official docs say PUT; the 2.3.6 server registers POST (a PUT gets a 404).
	route: { method: 'POST', path: '/instance/restart/{instance}' },
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
