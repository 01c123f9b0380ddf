import type { IDataObject } from 'n8n-workflow';

import { limitField, readLimit, returnAllField } from '../common';
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
		returnAllField,
		limitField,
	],
	async execute(context) {
		const { itemIndex } = context;
		// Read before the request: a bad Limit must not cost a call.
		const limit = readLimit.call(this, itemIndex);
		const body = await context.request();
		const rows = (Array.isArray(body) ? body : body ? [body] : []) as IDataObject[];
		return rows.slice(0, limit);
	},
};
