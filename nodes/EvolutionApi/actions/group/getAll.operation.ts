import type { IDataObject } from 'n8n-workflow';

import { checkInteger, readCollection } from '../common';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many groups',
	description:
		'List the groups the instance\'s account belongs to, one item per group with its ID (…@g.us), subject and settings. Baileys only.',
	route: { method: 'GET', path: '/group/fetchAllGroups/{instance}' },
	idempotent: true,
	properties: [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Participants',
					name: 'getParticipants',
					type: 'boolean',
					default: false,
					description: 'Whether to include the participant list of every group (slower for many groups)',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const options = readCollection.call(this, 'options', itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: checkInteger.call(this, this.getNodeParameter('limit', itemIndex, 50), itemIndex, { label: 'Limit', min: 1 });
		// The server validates the query value as the string "true" or "false".
		const getParticipants = options.getParticipants === true ? 'true' : 'false';
		const body = await context.request({ qs: { getParticipants } });
		const rows = (Array.isArray(body) ? body : body ? [body] : []) as IDataObject[];
		return limit === undefined ? rows : rows.slice(0, limit);
	},
};
