import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { checkJid, readList, rowsOf } from './shared';

export const checkNumbers: OperationDefinition = {
	value: 'checkNumbers',
	name: 'Check Numbers',
	action: 'Check whether numbers are on WhatsApp',
	description:
		'Check whether phone numbers have a WhatsApp account. Outputs one item per number with exists (true/false), jid (the WhatsApp ID to use) and number. Baileys only.',
	route: { method: 'POST', path: '/chat/whatsappNumbers/{instance}' },
	idempotent: true,
	properties: [
		{
			displayName: 'Phone Numbers',
			name: 'numbers',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5511999999999, 5511888888888',
			description:
				'Phone numbers with country code (or WhatsApp IDs), separated by commas or new lines. An expression may also return a list.',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const numbers: string[] = [];
		for (const entry of readList.call(this, 'numbers', itemIndex, 'Phone Numbers')) {
			const jid = checkJid.call(this, entry, itemIndex, { label: 'Phone Numbers' });
			// A contact ID and its phone number are the same check; groups and LIDs stay IDs.
			const value = /@(s\.whatsapp\.net|c\.us)$/.test(jid) ? jid.split('@')[0].split(':')[0] : jid;
			if (!numbers.includes(value)) numbers.push(value);
		}
		const body = await context.request({ body: { numbers } });
		return rowsOf.call(this, body, itemIndex, 'the number check') as IDataObject[];
	},
};
