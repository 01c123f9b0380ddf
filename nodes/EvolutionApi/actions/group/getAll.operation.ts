import type { IDataObject } from 'n8n-workflow';

import { limitField, readCollection, readLimit, returnAllField } from '../common';
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
		returnAllField,
		limitField,
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
		// The server validates the query value as the string "true" or "false".
		const getParticipants = options.getParticipants === true ? 'true' : 'false';
		// Read before the request: a bad Limit must not cost a call.
		const limit = readLimit.call(this, itemIndex);
		const body = await context.request({ qs: { getParticipants } });
		const rows = (Array.isArray(body) ? body : body ? [body] : []) as IDataObject[];
		return rows.slice(0, limit);
	},
};
