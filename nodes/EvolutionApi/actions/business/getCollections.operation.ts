import type { IDataObject } from 'n8n-workflow';

import { checkInteger, readCollection } from '../common';
import { accountField, contactField, readAccountNumber } from '../profile/shared';
import type { OperationDefinition } from '../types';

export const getCollections: OperationDefinition = {
	value: 'getCollections',
	name: 'Get Collections',
	action: 'Get catalog collections of business',
	description:
		'Get the product collections (catalog sections, each with its products) of this instance or another WhatsApp Business account: wuid, isBusiness, collectionsLength and collections. At most 20 collections. Baileys only.',
	route: { method: 'POST', path: '/business/getCollections/{instance}' },
	idempotent: true,
	properties: [
		{ ...accountField, description: 'Whose collections to get' },
		contactField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Max Collections',
					name: 'maxCollections',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 20 },
					default: 20,
					description: 'Max number of collections to return (the server caps it at 20)',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const number = readAccountNumber.call(this, itemIndex);
		const options = readCollection.call(this, 'options', itemIndex);
		const body: IDataObject = {};
		if (number) body.number = number;
		// Without a limit the server asks for 20 (its cap).
		if (options.maxCollections !== undefined) {
			body.limit = checkInteger.call(this, options.maxCollections, itemIndex, { label: 'Max Collections', min: 1, max: 20 });
		}
		return (await context.request({ body })) as IDataObject;
	},
};
