import type { OperationDefinition } from '../types';
import { SETTINGS_FIND_ROUTE } from './shared';
import { orNotConfigured } from '../updateMode';

export const get: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get instance settings',
	description:
		'Get the behaviour settings of an instance (rejectCall, msgCall, groupsIgnore, alwaysOnline, readMessages, readStatus, syncFullHistory, wavoipToken). Outputs {"configured": false} when the server has none stored.',
	route: SETTINGS_FIND_ROUTE,
	idempotent: true,
	properties: [],
	async execute(context) {
		return orNotConfigured(await context.request());
	},
};
