import type { IDataObject } from 'n8n-workflow';

import { checkInteger } from '../common';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many labels',
	description:
		'List the chat labels of the account (WhatsApp Business app), one item per label with its ID, name and color. Baileys only.',
	route: { method: 'GET', path: '/label/findLabels/{instance}' },
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
	],
	async execute(context) {
		const { itemIndex } = context;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: checkInteger.call(this, this.getNodeParameter('limit', itemIndex, 50), itemIndex, { label: 'Limit', min: 1 });
		const body = await context.request();
		const rows = (Array.isArray(body) ? body : body ? [body] : []) as IDataObject[];
		return limit === undefined ? rows : rows.slice(0, limit);
	},
};
