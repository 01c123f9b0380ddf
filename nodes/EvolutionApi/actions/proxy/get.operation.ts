import { orNotConfigured } from '../updateMode';
import type { OperationDefinition } from '../types';
import { PROXY_FIND_ROUTE } from './shared';

export const get: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get proxy of instance',
	description:
		'Get the proxy an instance uses: enabled, host, port, protocol, username and password (the output contains the proxy password). Outputs {"configured": false} when no proxy was ever set.',
	route: PROXY_FIND_ROUTE,
	idempotent: true,
	properties: [],
	async execute(context) {
		return orNotConfigured(await context.request());
	},
};
