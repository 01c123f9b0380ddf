import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { instanceForList } from '../../../shared/instance';
import { normalizeRecipient } from '../../../shared/jid';
import { evolutionApiRequest } from '../../../shared/transport';
import { checkString } from '../common';

/** The group every group operation acts on; `groupJid` is the node-wide name for a group. */
export const groupField: INodeProperties = {
	displayName: 'Group',
	name: 'groupJid',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The WhatsApp group. Its ID looks like 120363025246125486@g.us; the @g.us suffix may be left out.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a group...',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 120363025246125486@g.us',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d{5,25}(-\\d{5,15})?(@g\\.us)?\\s*$',
						errorMessage: 'Not a group ID: expected digits, optionally followed by @g.us',
					},
				},
			],
		},
	],
};

/** Participants of create / update participants: phone numbers or contact IDs. */
export const participantsField: INodeProperties = {
	displayName: 'Participants',
	name: 'participants',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5511999999999, 5511888888888',
	description:
		'Phone numbers with country code (or contact IDs …@s.whatsapp.net), separated by commas or new lines. An expression may also return a list.',
};

export const inviteCodeField: INodeProperties = {
	displayName: 'Invite Code',
	name: 'inviteCode',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://chat.whatsapp.com/F1EX5QZxO181L3TMVP31gY',
	description: 'The 22-character code of a group invite link, or the whole link (https://chat.whatsapp.com/…)',
};

/** Reads the group locator and returns the full group JID (…@g.us). */
export function readGroupJid(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('groupJid', itemIndex, '', { extractValue: true }) as unknown;
	return normalizeRecipient(this.getNode(), raw, { field: 'Group', itemIndex, kind: 'group' });
}

/**
 * Reads a list of phone numbers / contact IDs (text separated by commas, semicolons or new
 * lines, or a list from an expression) and returns what the group schemas accept: numeric
 * strings of at least 10 characters, without duplicates.
 */
export function readNumberList(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string[] {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	let entries: unknown[];
	if (Array.isArray(raw)) entries = raw;
	else if (typeof raw === 'number') entries = [raw];
	else if (typeof raw === 'string') entries = raw.split(/[,;\n]/);
	else {
		throw new NodeOperationError(this.getNode(), `${label} must be text or a list of phone numbers`, {
			itemIndex,
			description: 'Enter phone numbers separated by commas, or map a list of numbers, e.g. {{ $json.numbers }}.',
		});
	}
	const numbers: string[] = [];
	for (const entry of entries) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		const value = normalizeRecipient(this.getNode(), entry, { field: label, itemIndex, kind: 'contact' });
		// Plain numbers are what the server expects; LIDs and device IDs stay as they are.
		const number = value.endsWith('@s.whatsapp.net') || value.endsWith('@c.us') ? value.split('@')[0] : value;
		if (number.length < 10) {
			throw new NodeOperationError(this.getNode(), `${label}: "${number}" is too short; the server needs at least 10 characters`, {
				itemIndex,
				description: 'Include the country code and area code, e.g. 5511999999999.',
			});
		}
		if (!numbers.includes(number)) numbers.push(number);
	}
	if (numbers.length === 0) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description: 'Enter at least one phone number with country code, e.g. 5511999999999.',
		});
	}
	return numbers;
}

/** Accepts an invite code or a chat.whatsapp.com link and returns the 22-character code. */
export function readInviteCode(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('inviteCode', itemIndex, '') as unknown;
	const value = checkString.call(this, raw, itemIndex, { label: 'Invite Code', required: true });
	const fromLink = value.match(/chat\.whatsapp\.com\/(?:invite\/)?([^/?#\s]+)/i)?.[1];
	const code = fromLink ?? value;
	if (!/^[a-zA-Z0-9]{22}$/.test(code)) {
		throw new NodeOperationError(this.getNode(), `Invite Code "${value}" is not a valid group invite code`, {
			itemIndex,
			description:
				'An invite code has 22 letters and digits, e.g. F1EX5QZxO181L3TMVP31gY; a link like https://chat.whatsapp.com/F1EX5QZxO181L3TMVP31gY works too.',
		});
	}
	return code;
}


/** Resource-locator search over GET /group/fetchAllGroups (without participants). */
export async function searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const instance = await instanceForList.call(this);
	const { body } = await evolutionApiRequest.call(this, {
		method: 'GET',
		path: `/group/fetchAllGroups/${encodeURIComponent(instance)}`,
		qs: { getParticipants: 'false' },
		instance,
	});
	const rows = Array.isArray(body) ? (body as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map((row) => {
			const id = String(row.id ?? '');
			const subject = typeof row.subject === 'string' && row.subject.trim() ? row.subject.trim() : id;
			const size = typeof row.size === 'number' ? ` (${row.size})` : '';
			return { name: `${subject}${size}`, value: id };
		})
		.filter((entry) => entry.value && (!needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle)))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
