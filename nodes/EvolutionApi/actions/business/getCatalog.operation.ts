import type { IDataObject } from 'n8n-workflow';

import { checkInteger, readCollection } from '../common';
import { accountField, contactField, readAccountNumber } from '../profile/shared';
import type { OperationDefinition } from '../types';

export const getCatalog: OperationDefinition = {
	value: 'getCatalog',
	name: 'Get Catalog',
	action: 'Get product catalog of business',
	description:
		'Get the WhatsApp Business product catalog of this instance or another business account: wuid, isBusiness, catalogLength and catalog (the products with name, price, images…). Baileys only.',
	route: { method: 'POST', path: '/business/getCatalog/{instance}' },
	idempotent: true,
	properties: [
		{ ...accountField, description: 'Whose catalog to get' },
		contactField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Products per Page',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 10,
					description: 'How many products the server asks WhatsApp for at a time; it reads at most 5 pages',
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
		if (options.pageSize !== undefined) {
			body.limit = checkInteger.call(this, options.pageSize, itemIndex, { label: 'Products per Page', min: 1 });
		}
		return (await context.request({ body })) as IDataObject;
	},
};
