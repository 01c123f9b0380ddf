import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeRecipient } from '../../../shared/jid';
import { checkInteger, checkString } from '../common';

/**
 * One body field of a bot, settings or credential object. The same description yields the
 * top-level field (create), the collection entry (update/settings) and the reader, so the
 * parameter name is always the body key.
 */
export interface BotField {
	/** Body key and parameter name. */
	key: string;
	label: string;
	kind: 'string' | 'url' | 'secret' | 'integer' | 'boolean' | 'options' | 'stringList' | 'jidList' | 'openAiCredential';
	description: string;
	placeholder?: string;
	options?: INodePropertyOptions[];
	/** Collection default; for settings also the value used when the field is not set. */
	default?: string | number | boolean;
	min?: number;
	/** Required on create (then a top-level field) and checked again before an update is sent. */
	required?: boolean;
	/** Only used (and required) when a top-level field has one of these values, e.g. botType. */
	showWhen?: Record<string, string[]>;
}

export const BEHAVIOUR_KEYS = [
	'expire',
	'keywordFinish',
	'delayMessage',
	'unknownMessage',
	'listeningFromMe',
	'stopBotFromMe',
	'keepOpen',
	'debounceTime',
	'ignoreJids',
	'splitMessages',
	'timePerChar',
] as const;
export type BehaviourKey = (typeof BEHAVIOUR_KEYS)[number];

/** Values GET /{bot}/fetchSettings returns when no settings exist: the server's own defaults. */
export const SERVER_DEFAULTS: Record<BehaviourKey, string | number | boolean | string[]> = {
	expire: 300,
	keywordFinish: 'bye',
	delayMessage: 1000,
	unknownMessage: 'Sorry, I dont understand',
	listeningFromMe: true,
	stopBotFromMe: true,
	keepOpen: false,
	debounceTime: 1,
	ignoreJids: [],
	splitMessages: false,
	timePerChar: 0,
};

/** Per-chat behaviour fields shared by bots and default settings (keys as the server names them). */
export const BEHAVIOUR_FIELDS: Record<BehaviourKey, BotField> = {
	expire: {
		key: 'expire',
		label: 'Expire (Minutes)',
		kind: 'integer',
		min: 0,
		default: 300,
		description: "Minutes without messages after which a chat's bot session ends; 0 keeps sessions open",
	},
	keywordFinish: {
		key: 'keywordFinish',
		label: 'Keyword to Finish',
		kind: 'string',
		default: 'bye',
		placeholder: 'e.g. #exit',
		description: 'Message that ends the bot session when the contact sends it',
	},
	delayMessage: {
		key: 'delayMessage',
		label: 'Delay per Message (Ms)',
		kind: 'integer',
		min: 0,
		default: 1000,
		description: 'Milliseconds the bot shows "typing…" before each of its messages',
	},
	unknownMessage: {
		key: 'unknownMessage',
		label: 'Unknown Message Reply',
		kind: 'string',
		default: 'Sorry, I dont understand',
		description: 'Reply sent when the bot cannot handle a message, e.g. an unsupported media type',
	},
	listeningFromMe: {
		key: 'listeningFromMe',
		label: 'Listen to My Messages',
		kind: 'boolean',
		default: true,
		description: 'Whether messages sent from this WhatsApp number also reach the bot',
	},
	stopBotFromMe: {
		key: 'stopBotFromMe',
		label: 'Pause When I Reply',
		kind: 'boolean',
		default: true,
		description: 'Whether a message sent manually from this WhatsApp number pauses the bot in that chat',
	},
	keepOpen: {
		key: 'keepOpen',
		label: 'Keep Finished Sessions',
		kind: 'boolean',
		default: false,
		description:
			'Whether a finished session is kept (status closed) instead of deleted, so the bot does not start again in that chat',
	},
	debounceTime: {
		key: 'debounceTime',
		label: 'Debounce Time (Seconds)',
		kind: 'integer',
		min: 0,
		default: 1,
		description: 'Seconds to wait for more messages from the contact before passing them to the bot together; 0 turns it off',
	},
	ignoreJids: {
		key: 'ignoreJids',
		label: 'Ignored Chats',
		kind: 'jidList',
		default: '',
		placeholder: 'e.g. 5511999999999, 120363025246125486@g.us',
		description:
			'Chats the bot never answers: phone numbers or WhatsApp IDs separated by commas. "@g.us" ignores every group, "@s.whatsapp.net" every contact.',
	},
	splitMessages: {
		key: 'splitMessages',
		label: 'Split Messages',
		kind: 'boolean',
		default: false,
		description: "Whether to send the bot's answer as several messages, split at blank lines",
	},
	timePerChar: {
		key: 'timePerChar',
		label: 'Typing Time per Character (Ms)',
		kind: 'integer',
		min: 0,
		default: 0,
		description: 'Milliseconds of "typing…" per character of each split message',
	},
};

export const TRIGGER_TYPES: INodePropertyOptions[] = [
	{
		name: 'Advanced',
		value: 'advanced',
		description:
			'Messages matching the conditions in Trigger Value, e.g. "contains:price,shipping notcontains:cancel" (operators: contains, notcontains, startswith, endswith, equals)',
	},
	{
		name: 'All Messages',
		value: 'all',
		description: 'Every message; only one enabled bot of this integration per instance may use it',
	},
	{ name: 'Keyword', value: 'keyword', description: 'Messages matching Trigger Value with the Trigger Operator' },
	{ name: 'None', value: 'none', description: 'No trigger of its own; use the bot as the fallback in the default settings' },
];

export const TRIGGER_OPERATORS: INodePropertyOptions[] = [
	{ name: 'Contains', value: 'contains' },
	{ name: 'Ends With', value: 'endsWith' },
	{ name: 'Equals', value: 'equals' },
	{ name: 'Regex', value: 'regex', description: 'Trigger Value is a regular expression' },
	{ name: 'Starts With', value: 'startsWith' },
];

export const TRIGGER_FIELDS: BotField[] = [
	{
		key: 'triggerType',
		label: 'Trigger Type',
		kind: 'options',
		options: TRIGGER_TYPES,
		default: 'keyword',
		description: 'Which incoming messages start the bot in a chat',
	},
	{
		key: 'triggerOperator',
		label: 'Trigger Operator',
		kind: 'options',
		options: TRIGGER_OPERATORS,
		default: 'equals',
		description: 'How a message is compared with Trigger Value (Keyword trigger)',
	},
	{
		key: 'triggerValue',
		label: 'Trigger Value',
		kind: 'string',
		default: '',
		placeholder: 'e.g. hello',
		description: 'Keyword, regular expression or advanced conditions the message must match',
	},
];

export const ENABLED_FIELD: BotField = {
	key: 'enabled',
	label: 'Enabled',
	kind: 'boolean',
	default: true,
	description: 'Whether the bot answers messages',
};

export const DESCRIPTION_FIELD: BotField = {
	key: 'description',
	label: 'Description',
	kind: 'string',
	default: '',
	placeholder: 'e.g. Sales assistant',
	description: 'Name shown in the bot lists',
};

/** Top-level picker of a stored OpenAI credential (`/openai/creds`), with an ID mode. */
export function openAiCredentialLocator(field: BotField): INodeProperties {
	return {
		displayName: field.label,
		name: field.key,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: field.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a credential...',
				typeOptions: { searchListMethod: 'searchOpenAiCredentials', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. clyja4z1g0003mz0h4a1b2c3d',
			},
		],
	};
}

/** The parameter for `field`, as a top-level field (`required`) or a collection entry. */
export function toProperty(field: BotField, options: { required?: boolean; loadOptionsMethod?: string } = {}): INodeProperties {
	const base = { displayName: field.label, name: field.key, description: field.description };
	const extra: Partial<INodeProperties> = {};
	if (options.required) extra.required = true;
	if (field.placeholder) extra.placeholder = field.placeholder;
	switch (field.kind) {
		case 'integer':
			return {
				...base,
				...extra,
				type: 'number',
				typeOptions: field.min !== undefined ? { minValue: field.min } : undefined,
				default: typeof field.default === 'number' ? field.default : 0,
			};
		case 'boolean':
			return { ...base, ...extra, type: 'boolean', default: field.default === true };
		case 'options':
			return { ...base, ...extra, type: 'options', options: field.options ?? [], default: field.default ?? '' };
		case 'secret':
			return { ...base, ...extra, type: 'string', typeOptions: { password: true }, default: '' };
		case 'stringList':
			return {
				...base,
				...extra,
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: `Add ${field.label.replace(/s$/, '')}` },
				default: [],
			};
		case 'openAiCredential':
			// Collections hold no resource locators: a list with expression support instead.
			return {
				...base,
				...extra,
				displayName: `${field.label} Name or ID`,
				type: 'options',
				typeOptions: { loadOptionsMethod: options.loadOptionsMethod ?? 'getOpenAiCredentials' },
				default: '',
			};
		default:
			return { ...base, ...extra, type: 'string', default: typeof field.default === 'string' ? field.default : '' };
	}
}

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** A phone number or JID as the chatbot tables store it (a full JID). */
export function toChatJid(this: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): string {
	const value = normalizeRecipient(this.getNode(), raw, { field: label, itemIndex, kind: 'any' });
	return value.includes('@') ? value : `${value}@s.whatsapp.net`;
}

/** Reads one chat entry of an ignore list; "@g.us" and "@s.whatsapp.net" are the server's wildcards. */
export function toIgnoredJid(this: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): string {
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
	if (text === '@g.us' || text === '@s.whatsapp.net') return text;
	return toChatJid.call(this, raw, itemIndex, label);
}

/** Reads the value of `field` as the server's schema types it; `raw` comes from a parameter. */
export function readFieldValue(this: IExecuteFunctions, field: BotField, raw: unknown, itemIndex: number): unknown {
	const label = field.label;
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && '__rl' in raw) raw = (raw as IDataObject).value;
	switch (field.kind) {
		case 'integer':
			return checkInteger.call(this, raw, itemIndex, { label, min: field.min });
		case 'boolean': {
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			return fail.call(this, itemIndex, `${label} must be true or false`, `Set ${label} to true or false.`);
		}
		case 'options': {
			const value = checkString.call(this, raw, itemIndex, { label, required: true });
			const allowed = (field.options ?? []).map((option) => String(option.value));
			if (!allowed.includes(value)) {
				fail.call(this, itemIndex, `${label} "${value}" is not valid`, `Use one of: ${allowed.join(', ')}.`);
			}
			return value;
		}
		case 'url': {
			const value = checkString.call(this, raw, itemIndex, { label, required: true });
			let parsed: URL | undefined;
			try {
				parsed = new URL(value);
			} catch {
				parsed = undefined;
			}
			if (!parsed || !/^https?:$/.test(parsed.protocol)) {
				fail.call(this, itemIndex, `${label} "${value}" is not a valid URL`, `Enter a full http:// or https:// URL for ${label}.`);
			}
			return value;
		}
		case 'stringList': {
			const list = Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw];
			return list
				.map((entry) => checkString.call(this, entry, itemIndex, { label, trim: false }))
				.filter((entry) => entry.trim() !== '');
		}
		case 'jidList': {
			let list: unknown[];
			if (Array.isArray(raw)) list = raw;
			else if (typeof raw === 'string') list = raw.split(/[,;\n]/);
			else if (raw === undefined || raw === null) list = [];
			else return fail.call(this, itemIndex, `${label} must be a list of chats`, 'Separate phone numbers or WhatsApp IDs with commas.');
			const jids = list
				.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''))
				.map((entry) => toIgnoredJid.call(this, entry, itemIndex, label));
			return [...new Set(jids)];
		}
		case 'openAiCredential':
		case 'secret':
		case 'string':
		default:
			return checkString.call(this, raw, itemIndex, { label, required: field.required === true || field.kind === 'openAiCredential' });
	}
}

/** Whether `field` applies given the top-level values it depends on (e.g. botType). */
export function fieldApplies(field: BotField, values: IDataObject): boolean {
	if (!field.showWhen) return true;
	return Object.entries(field.showWhen).every(([key, allowed]) => allowed.includes(String(values[key])));
}

/** Refuses a body that lacks a value the server needs, naming the field; runs before sending. */
export function checkRequired(this: IExecuteFunctions, fields: BotField[], body: IDataObject, itemIndex: number, hint: string): void {
	for (const field of fields) {
		if (!field.required || !fieldApplies(field, body)) continue;
		const value = body[field.key];
		if (value === undefined || value === null || value === '') {
			fail.call(this, itemIndex, `${field.label} is required`, `${hint} ${field.description}.`);
		}
	}
	const triggerType = body.triggerType;
	if (triggerType === 'keyword' && (!body.triggerOperator || !body.triggerValue)) {
		fail.call(
			this,
			itemIndex,
			'A Keyword trigger needs a Trigger Operator and a Trigger Value',
			'Enter the keyword in Trigger Value, or choose another Trigger Type.',
		);
	}
	if (triggerType === 'advanced' && !body.triggerValue) {
		fail.call(
			this,
			itemIndex,
			'An Advanced trigger needs a Trigger Value',
			'Enter conditions such as "contains:price notcontains:cancel" in Trigger Value.',
		);
	}
}
