import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { accountField, contactField, readAccountNumber } from './shared';

export const getBusinessProfile: OperationDefinition = {
	value: 'getBusinessProfile',
	name: 'Get Business Profile',
	action: 'Get business profile',
	description:
		'Get the WhatsApp Business profile (description, category, email, website, address, business hours) of this instance or another account. isBusiness is false for a regular account. Baileys only.',
	route: { method: 'POST', path: '/chat/fetchBusinessProfile/{instance}' },
	idempotent: true,
	properties: [accountField, contactField],
	async execute(context) {
		const number = readAccountNumber.call(this, context.itemIndex);
		return (await context.request({ body: number ? { number } : {} })) as IDataObject;
	},
};
