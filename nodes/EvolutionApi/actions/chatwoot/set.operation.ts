import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeRecipient } from '../../../shared/jid';
import { checkInteger, checkString, sortByDisplayName } from '../common';
import {
	asUpdateField,
	checkBoolean,
	readCurrent,
	readGivenFields,
	replaceModeOnly,
	updateFieldsCollection,
	updateModeField,
} from '../updateMode';
import type { OperationDefinition } from '../types';
import { CHATWOOT_FIND_ROUTE, OPTIONAL_FIELDS, REQUIRED_FIELDS, type ChatwootField } from './shared';

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** Turns one given value into what the server expects for that field. */
function convert(
	this: IExecuteFunctions,
	field: ChatwootField,
	raw: unknown,
	itemIndex: number,
): string | number | boolean | string[] {
	const label = field.property.displayName;
	switch (field.kind) {
		case 'boolean':
			return checkBoolean.call(this, raw, itemIndex, label);
		case 'days':
			return checkInteger.call(this, raw, itemIndex, { label, min: 1, max: 36500 });
		case 'delimiter':
			return checkString.call(this, raw, itemIndex, { label, trim: false }).replace(/\\n/g, '\n');
		case 'accountId': {
			const value = checkString.call(this, raw, itemIndex, { label });
			if (value && !/^\d+$/.test(value)) {
				throw new NodeOperationError(this.getNode(), `Account ID must be a number, but got "${value}"`, {
					itemIndex,
					description: 'Chatwoot shows the account number in its URL: …/app/accounts/{number}/…',
				});
			}
			return value;
		}
		case 'url': {
			const value = checkString.call(this, raw, itemIndex, { label });
			if (value && !isHttpUrl(value)) {
				throw new NodeOperationError(this.getNode(), `${label} "${value}" is not a valid URL`, {
					itemIndex,
					description: 'Enter a full URL starting with http:// or https://.',
				});
			}
			return value.replace(/\/+$/, '');
		}
		case 'jids': {
			const entries = Array.isArray(raw) ? raw : checkString.call(this, raw, itemIndex, { label }).split(/[,;\n]/);
			const jids = entries
				.map((entry) => String(entry).trim())
				.filter(Boolean)
				.map((entry) => {
					if (entry === '@g.us' || entry === '@s.whatsapp.net') return entry;
					const jid = normalizeRecipient(this.getNode(), entry, { field: label, itemIndex });
					return jid.includes('@') ? jid : `${jid}@s.whatsapp.net`;
				});
			return [...new Set(jids)];
		}
		default:
			return checkString.call(this, raw, itemIndex, { label });
	}
}

function storedValueFits(field: ChatwootField, value: unknown): boolean {
	switch (field.kind) {
		case 'boolean':
			return typeof value === 'boolean';
		case 'days':
			return typeof value === 'number' && Number.isFinite(value);
		case 'jids':
			return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
		default:
			return typeof value === 'string';
	}
}

const REQUIRED_DEFAULTS: IDataObject = {
	enabled: false,
	url: '',
	accountId: '',
	token: '',
	signMsg: false,
	reopenConversation: false,
	conversationPending: false,
};

const optionalProperties = sortByDisplayName(OPTIONAL_FIELDS.map((field) => field.property));

export const set: OperationDefinition = {
	value: 'set',
	name: 'Set',
	action: 'Set Chatwoot connection of instance',
	description:
		'Connect an instance to a Chatwoot inbox, change that connection or switch it off. The output holds webhook_url, which Chatwoot must call (Auto Create Inbox configures it). Needs CHATWOOT_ENABLED=true on the server. The server requires the URL, account, token and the three switches on every call; use Update Mode "Change Only the Given Fields" to change some and keep the others.',
	route: { method: 'POST', path: '/chatwoot/set/{instance}' },
	properties: [
		updateModeField,
		...REQUIRED_FIELDS.map((field) => replaceModeOnly(field.property)),
		replaceModeOnly({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: optionalProperties,
		}),
		updateFieldsCollection([...REQUIRED_FIELDS, ...OPTIONAL_FIELDS].map((field) => asUpdateField(field.property))),
	],
	async execute(context) {
		const { itemIndex } = context;
		const given = readGivenFields.call(this, itemIndex, 'options');
		// Every given value is checked before the merge mode reads anything.
		const body: IDataObject = {};
		for (const field of [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]) {
			const raw = given.get(field.property.name);
			if (raw !== undefined) body[field.key] = convert.call(this, field, raw, itemIndex);
		}
		const current = given.mode === 'merge' ? await readCurrent.call(this, context, CHATWOOT_FIND_ROUTE) : {};
		for (const field of REQUIRED_FIELDS) {
			if (body[field.key] !== undefined) continue;
			const stored = current[field.key];
			body[field.key] = stored !== undefined && stored !== null ? stored : REQUIRED_DEFAULTS[field.key];
		}
		// In replace mode optional fields left out are not sent (the server keeps them); merge mode
		// writes the stored ones back, when they have the type the schema accepts.
		if (given.mode === 'merge') {
			for (const field of OPTIONAL_FIELDS) {
				const stored = current[field.key];
				if (body[field.key] === undefined && storedValueFits(field, stored)) body[field.key] = stored as IDataObject[string];
			}
		}

		if (body.enabled === true) {
			for (const field of REQUIRED_FIELDS.filter((entry) => ['url', 'accountId', 'token'].includes(entry.key))) {
				if (typeof body[field.key] !== 'string' || body[field.key] === '') {
					throw new NodeOperationError(this.getNode(), `${field.property.displayName} is empty`, {
						itemIndex,
						description: `Enter the ${field.property.displayName} of the Chatwoot connection.`,
					});
				}
			}
		} else if (['url', 'accountId', 'token'].some((key) => body[key] === '') && body.nameInbox === undefined) {
			// With only the required keys, the schema also refuses empty texts; switching off a
			// connection that never existed sends the inbox name too (empty = the instance name).
			body.nameInbox = typeof current.nameInbox === 'string' ? current.nameInbox : '';
		}
		return (await context.request({ body })) as IDataObject;
	},
};
