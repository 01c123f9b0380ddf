import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeRecipient } from '../../nodes/shared/jid';

const node = { name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const run = (value: unknown, kind?: 'any' | 'contact' | 'group') =>
	normalizeRecipient(node, value, { field: 'Recipient', itemIndex: 3, kind });

describe('normalizeRecipient', () => {
	it.each([
		['+55 (11) 9 8888-7777', '5511988887777'],
		['5511988887777', '5511988887777'],
		['55.11.98888.7777', '5511988887777'],
		[5511988887777, '5511988887777'],
		['5511988887777@s.whatsapp.net', '5511988887777@s.whatsapp.net'],
		['120363025246125486@g.us', '120363025246125486@g.us'],
		['5511988887777-1612345678@g.us', '5511988887777-1612345678@g.us'],
		['123456789012345@lid', '123456789012345@lid'],
		['status@broadcast', 'status@broadcast'],
		[' 5511988887777@S.WHATSAPP.NET ', '5511988887777@s.whatsapp.net'],
	])('accepts %p', (input, expected) => {
		expect(run(input)).toBe(expected);
	});

	it.each([
		['abc', /not a valid phone number/],
		['55119888a7777', /not a valid phone number/],
		['12345', /has 5 digits/],
		['1234567890123456', /has 16 digits/],
		['', /is empty/],
		['   ', /is empty/],
		[{ number: '5511' }, /must be text, not object/],
		[['5511988887777'], /must be text/],
		[null, /must be text, not empty/],
		['foo@bar.com', /not a valid WhatsApp ID/],
		['5511@s.whatsapp.net', /not a valid WhatsApp ID/],
	])('refuses %p with a NodeOperationError naming the field and item', (input, message) => {
		let error: unknown;
		try {
			run(input);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(message);
		expect((error as NodeOperationError).message).toMatch(/Recipient/);
		expect((error as NodeOperationError).context.itemIndex).toBe(3);
	});

	it('refuses a group where a contact is needed, and a contact where a group is needed', () => {
		expect(() => run('120363025246125486@g.us', 'contact')).toThrow(/group ID .* a contact is needed/);
		expect(() => run('5511988887777@s.whatsapp.net', 'group')).toThrow(/not a group ID/);
		expect(() => run('5511988887777', 'group')).not.toThrow();
		expect(run('120363025246125486', 'group')).toBe('120363025246125486@g.us');
	});
});
