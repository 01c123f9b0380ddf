import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeRecipient } from '../../../shared/jid';

/** Whose profile (or catalog) to read: the instance's own account or another one. */
export const accountField: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'options',
	options: [
		{ name: 'This Instance', value: 'own', description: 'The WhatsApp account connected to the instance' },
		{ name: 'Another Account', value: 'contact', description: 'A contact or business, by phone number or WhatsApp ID' },
	],
	default: 'own',
	description: 'Whose data to get',
};

export const contactField: INodeProperties = {
	displayName: 'Contact',
	name: 'remoteJid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5511999999999',
	description: 'Phone number with country code, or a WhatsApp ID (…@s.whatsapp.net, …@lid)',
	displayOptions: { show: { account: ['contact'] } },
};

/** The `number` to send, or undefined for the instance's own account. */
export function readAccountNumber(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const account = this.getNodeParameter('account', itemIndex, 'own') as unknown;
	if (account === 'own') return undefined;
	if (account !== 'contact') {
		throw new NodeOperationError(this.getNode(), `Account "${String(account)}" is not supported`, {
			itemIndex,
			description: 'Use "own" (this instance) or "contact" (another account).',
		});
	}
	const raw = this.getNodeParameter('remoteJid', itemIndex, '') as unknown;
	return normalizeRecipient(this.getNode(), raw, { field: 'Contact', itemIndex, kind: 'contact' });
}
