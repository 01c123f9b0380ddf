import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type JidKind = 'any' | 'contact' | 'group';

const JID_PATTERNS: Record<string, RegExp> = {
	contact: /^\d{5,20}(:\d+)?@(s\.whatsapp\.net|c\.us|lid)$/,
	group: /^\d{5,25}(-\d{5,15})?@g\.us$/,
	other: /^(status@broadcast|\d{5,25}@(broadcast|newsletter))$/,
};

/**
 * Accepts a phone number in any common notation (`+55 (11) 9 8888-7777`) or a WhatsApp ID
 * (JID) and returns digits or the JID. Anything ambiguous is refused with an error that names
 * the field and the item, before a request is sent.
 */
export function normalizeRecipient(
	node: INode,
	value: unknown,
	options: { field: string; itemIndex: number; kind?: JidKind },
): string {
	const { field, itemIndex } = options;
	const kind = options.kind ?? 'any';
	if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `${field} must be text, not ${value === null || value === undefined ? 'empty' : typeof value}`, {
			description: 'Enter a phone number with country code (e.g. 5511999999999) or a WhatsApp ID.',
			itemIndex,
		});
	}
	const trimmed = value.trim();
	if (!trimmed) {
		throw new NodeOperationError(node, `${field} is empty`, {
			description: 'Enter a phone number with country code (e.g. 5511999999999) or a WhatsApp ID.',
			itemIndex,
		});
	}
	if (trimmed.includes('@')) {
		const jid = trimmed.toLowerCase();
		const isGroup = JID_PATTERNS.group.test(jid);
		const isContact = JID_PATTERNS.contact.test(jid);
		const isOther = JID_PATTERNS.other.test(jid);
		if (kind === 'contact' && isGroup) {
			throw new NodeOperationError(node, `${field} is a group ID ("${trimmed}"), but a contact is needed here`, {
				description: 'Enter the phone number or contact ID (…@s.whatsapp.net) of a person, not a group.',
				itemIndex,
			});
		}
		if (kind === 'group' && !isGroup) {
			throw new NodeOperationError(node, `${field} "${trimmed}" is not a group ID`, {
				description: 'Group IDs look like 120363025246125486@g.us. Group → Get Many lists them.',
				itemIndex,
			});
		}
		if (isGroup || isContact || (kind === 'any' && isOther)) return jid;
		throw new NodeOperationError(node, `${field} "${trimmed}" is not a valid WhatsApp ID`, {
			description:
				'WhatsApp IDs look like 5511999999999@s.whatsapp.net (contact), 120363025246125486@g.us (group) or 1234567890@lid.',
			itemIndex,
		});
	}
	const digits = trimmed.replace(/^\+/, '').replace(/[\s().-]/g, '');
	if (kind === 'group' && /^\d{5,25}(-\d{5,15})?$/.test(digits)) return `${digits}@g.us`;
	if (!/^\d+$/.test(digits)) {
		throw new NodeOperationError(node, `${field} "${trimmed}" is not a valid phone number`, {
			description:
				'Use digits with the country code, e.g. 5511999999999 (spaces, +, dashes and brackets are removed), or a WhatsApp ID.',
			itemIndex,
		});
	}
	if (digits.length < 8 || digits.length > 15) {
		throw new NodeOperationError(node, `${field} "${trimmed}" has ${digits.length} digits; a phone number with country code has 8 to 15`, {
			description: 'Include the country code and area code, e.g. 5511999999999.',
			itemIndex,
		});
	}
	if (kind === 'group') {
		throw new NodeOperationError(node, `${field} "${trimmed}" is not a group ID`, {
			description: 'Group IDs look like 120363025246125486@g.us. Group → Get Many lists them.',
			itemIndex,
		});
	}
	return digits;
}
