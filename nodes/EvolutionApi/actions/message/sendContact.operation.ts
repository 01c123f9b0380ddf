import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readRecipient } from '../common';
import type { OperationDefinition } from '../types';
import { recipientField } from './shared';

const properties: INodeProperties[] = [
	recipientField,
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		default: {},
		placeholder: 'Add Contact',
		description: 'Contact cards to send; several cards arrive as one message',
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						default: '',
						placeholder: 'name@email.com',
					},
					{
						displayName: 'Full Name',
						name: 'fullName',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. Maria Silva',
					},
					{
						displayName: 'Organization',
						name: 'organization',
						type: 'string',
						default: '',
						placeholder: 'e.g. ACME Ltd.',
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. +55 11 99999-9999',
						description: 'Phone number as shown on the card, with country code (at least 10 characters)',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com',
						description: 'Website shown on the card',
					},
					{
						displayName: 'WhatsApp Number',
						name: 'wuid',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5511999999999',
						description: 'Digits of the WhatsApp account for the Message button; defaults to the digits of Phone Number',
					},
				],
			},
		],
	},
];

export const sendContact: OperationDefinition = {
	value: 'sendContact',
	name: 'Send Contact',
	action: 'Send contact card',
	description: 'Send one or more contact cards (vCards) to a contact or group. Not available on the Evolution channel.',
	route: { method: 'POST', path: '/message/sendContact/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const number = readRecipient.call(this, 'remoteJid', itemIndex, { label: 'Recipient' });
		const raw = this.getNodeParameter('contacts.contact', itemIndex, []) as unknown;
		const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
		if (list.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Contacts is empty', {
				itemIndex,
				description: 'Add at least one contact card.',
			});
		}
		const contact = list.map((entry, index) => {
			const card = (entry ?? {}) as IDataObject;
			const label = (field: string) => `Contacts → Contact ${index + 1} → ${field}`;
			const fullName = checkString.call(this, card.fullName, itemIndex, { label: label('Full Name'), required: true });
			const phoneNumber = checkString.call(this, card.phoneNumber, itemIndex, { label: label('Phone Number'), required: true });
			const phoneDigits = phoneNumber.replace(/\D/g, '');
			if (phoneNumber.length < 10 || phoneDigits.length < 8 || phoneDigits.length > 15) {
				throw new NodeOperationError(this.getNode(), `${label('Phone Number')} "${phoneNumber}" is not a full phone number`, {
					itemIndex,
					description: 'Enter the number with country and area code, e.g. +55 11 99999-9999 (at least 10 characters).',
				});
			}
			let wuid = checkString.call(this, card.wuid, itemIndex, { label: label('WhatsApp Number') }).replace(/^\+/, '').replace(/[\s().-]/g, '');
			if (wuid && !/^\d{10,15}$/.test(wuid)) {
				throw new NodeOperationError(this.getNode(), `${label('WhatsApp Number')} "${String(card.wuid)}" must be 10 to 15 digits`, {
					itemIndex,
					description: 'Enter the digits with country code, e.g. 5511999999999, or leave it empty.',
				});
			}
			if (!wuid && phoneDigits.length >= 10) wuid = phoneDigits;
			const result: IDataObject = { fullName, phoneNumber };
			if (wuid) result.wuid = wuid;
			for (const [field, name] of [
				['organization', 'Organization'],
				['email', 'Email'],
				['url', 'URL'],
			] as const) {
				const value = checkString.call(this, card[field], itemIndex, { label: label(name) });
				if (value) result[field] = value;
			}
			return result;
		});
		const seen = new Set<string>();
		for (const card of contact) {
			const key = JSON.stringify(card);
			if (seen.has(key)) {
				throw new NodeOperationError(this.getNode(), `Contacts lists "${String(card.fullName)}" twice`, {
					itemIndex,
					description: 'Remove the duplicate contact card.',
				});
			}
			seen.add(key);
		}
		return (await context.request({ body: { number, contact } })) as IDataObject;
	},
};
