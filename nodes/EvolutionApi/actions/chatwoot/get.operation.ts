import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { CHATWOOT_FIND_ROUTE } from './shared';

export const get: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get Chatwoot connection of instance',
	description:
		'Get the Chatwoot connection of an instance (URL, account, token, inbox, switches) and the webhook_url Chatwoot must call. The output contains the Chatwoot token. When nothing is configured the server answers enabled: false with empty fields. Needs CHATWOOT_ENABLED=true on the server.',
	route: CHATWOOT_FIND_ROUTE,
	idempotent: true,
	properties: [],
	async execute(context) {
		return (await context.request()) as IDataObject;
	},
};
