import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, jidsField, readJids, toOutput } from './shared';

export const assertSessions: OperationDefinition = {
	value: 'assertSessions',
	name: 'Assert Sessions',
	action: 'Assert Signal sessions for IDs',
	description: `${ADVANCED} Runs Baileys assertSessions(): makes sure end-to-end encryption sessions exist for the given device IDs, fetching missing ones. Returns whether new sessions were fetched.`,
	route: { method: 'POST', path: '/baileys/assertSessions/{instance}' },
	properties: [
		jidsField,
		{
			displayName: 'Force',
			name: 'force',
			type: 'boolean',
			default: false,
			description: 'Whether to fetch new sessions even where one already exists',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const jids = readJids.call(this, itemIndex);
		const force = this.getNodeParameter('force', itemIndex, false) === true;
		return toOutput(await callBaileys(context, { jids, force }), 'newSessionsFetched');
	},
};
