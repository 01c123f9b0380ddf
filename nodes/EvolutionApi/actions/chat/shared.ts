import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { instanceForList } from '../../../shared/instance';
import { normalizeRecipient, type JidKind } from '../../../shared/jid';
import { buildPath, evolutionApiRequest } from '../../../shared/transport';
import { callRoute, checkString } from '../common';
import type { OperationContext } from '../types';

/** The chat an operation acts on: picked from the stored chats, or a number / WhatsApp ID. */
export const chatField: INodeProperties = {
	displayName: 'Chat',
	name: 'chatJid',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		'The chat: a contact or group. Enter a phone number with country code or a WhatsApp ID (…@s.whatsapp.net, …@g.us, …@lid); the chatJid field of a trigger event works.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a chat...',
			typeOptions: { searchListMethod: 'searchChats', searchable: true },
		},
		{
			displayName: 'By Number or ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 5511999999999 or 120363025246125486@g.us',
		},
	],
};

export const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
	description: 'ID of the message (the ID in the key of a sent message, or the messageId field of a trigger event)',
};

/** The user part of a phone number becomes a contact JID; JIDs stay as they are. */
export function toFullJid(value: string): string {
	return value.includes('@') ? value : `${value}@s.whatsapp.net`;
}

/**
 * Reads a chat/contact parameter (resource locator or plain text) and normalises it.
 * `fullJid`: routes that compare the stored remoteJid need `…@s.whatsapp.net`, not digits.
 */
export function readJid(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	options: { label: string; kind?: JidKind; fullJid?: boolean },
): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return checkJid.call(this, raw, itemIndex, options);
}

export function checkJid(
	this: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	options: { label: string; kind?: JidKind; fullJid?: boolean },
): string {
	const value = normalizeRecipient(this.getNode(), raw, { field: options.label, itemIndex, kind: options.kind });
	return options.fullJid ? toFullJid(value) : value;
}

/** Splits text (commas, semicolons, new lines) or takes a list from an expression. */
export function readList(this: IExecuteFunctions, name: string, itemIndex: number, label: string): unknown[] {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	let entries: unknown[];
	if (Array.isArray(raw)) entries = raw;
	else if (typeof raw === 'number') entries = [raw];
	else if (typeof raw === 'string') entries = raw.split(/[,;\n]/);
	else {
		throw new NodeOperationError(this.getNode(), `${label} must be text or a list`, {
			itemIndex,
			description: `Enter the values separated by commas or new lines, or map a list, e.g. {{ $json.items }}.`,
		});
	}
	const values = entries.filter((entry) => !(typeof entry === 'string' && entry.trim() === '') && entry !== null && entry !== undefined);
	if (values.length === 0) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, { itemIndex, description: `Enter at least one value for ${label}.` });
	}
	return values;
}

// ---------------------------------------------------------------------------------------
// Get Many: Return All / Limit and paging
// ---------------------------------------------------------------------------------------

/** Rows per request when paging through a find route. */
export const PAGE_SIZE = 100;
/** A guard against a server that ignores paging parameters and answers the same page forever. */
const MAX_PAGES = 10000;

/** The page size to request: the limit when smaller than a full page. */
export function pageSizeFor(limit: number | undefined): number {
	return limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
}

export interface Page {
	rows: IDataObject[];
	/** Whether the server says there is nothing after this page (when it says so). */
	last?: boolean;
}

/**
 * Pages through a find route: `fetchPage(n)` (0-based) returns one page of at most `pageSize`
 * rows. Stops at the limit, a short or empty page, or when the server repeats a page.
 * `keep` filters rows client-side (for filters the server ignores); the limit counts kept rows.
 */
export async function collectPages(options: {
	pageSize: number;
	limit: number | undefined;
	fetchPage: (page: number) => Promise<Page>;
	keep?: (row: IDataObject) => boolean;
}): Promise<IDataObject[]> {
	const { pageSize, limit, fetchPage, keep } = options;
	const out: IDataObject[] = [];
	let previous: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { rows, last } = await fetchPage(page);
		const signature = rows.length ? JSON.stringify(rows[0]) + JSON.stringify(rows[rows.length - 1]) : '';
		if (page > 0 && signature && signature === previous) break;
		previous = signature;
		for (const row of rows) {
			if (keep && !keep(row)) continue;
			out.push(row);
			if (limit !== undefined && out.length >= limit) return out;
		}
		if (last || rows.length < pageSize) break;
	}
	return out;
}

/** The rows of an answer that should be an array; anything else is a server problem. */
export function rowsOf(this: IExecuteFunctions, body: unknown, itemIndex: number, what: string): IDataObject[] {
	if (body === null || body === undefined) return [];
	if (Array.isArray(body)) return body.filter((row) => typeof row === 'object' && row !== null) as IDataObject[];
	throw new NodeOperationError(this.getNode(), `The Evolution API server answered ${what} with an unexpected shape`, {
		itemIndex,
		description: 'A list was expected. Check that the server runs Evolution API 2.3.x.',
	});
}

// ---------------------------------------------------------------------------------------
// Date filters (messageTimestamp {gte, lte})
// ---------------------------------------------------------------------------------------

// The server stores messageTimestamp as a 32-bit integer of seconds and applies the filter only
// when both ends are given; an open end is filled with the widest value that still fits.
const EARLIEST = '1970-01-01T00:00:00.000Z';
const LATEST = '2038-01-19T03:14:07.000Z';

function parseDate(this: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): DateTime | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(raw)) parsed = raw;
	else if (raw instanceof Date) parsed = DateTime.fromJSDate(raw);
	else if (typeof raw === 'number' && Number.isFinite(raw)) {
		// Seconds (what WhatsApp timestamps are) or milliseconds.
		parsed = raw < 1e11 ? DateTime.fromSeconds(raw) : DateTime.fromMillis(raw);
	} else if (typeof raw === 'string') {
		const text = raw.trim();
		parsed = /^\d+$/.test(text)
			? Number(text) < 1e11
				? DateTime.fromSeconds(Number(text))
				: DateTime.fromMillis(Number(text))
			: DateTime.fromISO(text, { zone: this.getTimezone() });
	}
	if (!parsed || !parsed.isValid) {
		throw new NodeOperationError(this.getNode(), `${label} is not a valid date`, {
			itemIndex,
			description: 'Pick a date, or use an ISO 8601 date such as 2024-05-01T12:00:00Z or a Unix timestamp in seconds.',
		});
	}
	return parsed;
}

/** `{gte, lte}` as ISO dates, or undefined when neither end is given. */
export function readDateRange(
	this: IExecuteFunctions,
	itemIndex: number,
	after: unknown,
	before: unknown,
	labels: { after: string; before: string },
): { gte: string; lte: string } | undefined {
	const start = parseDate.call(this, after, itemIndex, labels.after);
	const end = parseDate.call(this, before, itemIndex, labels.before);
	if (!start && !end) return undefined;
	if (start && end && start > end) {
		throw new NodeOperationError(this.getNode(), `${labels.after} is later than ${labels.before}`, {
			itemIndex,
			description: 'Swap the two dates or leave one of them empty.',
		});
	}
	return {
		gte: start ? (start.toUTC().toISO() ?? EARLIEST) : EARLIEST,
		lte: end ? (end.toUTC().toISO() ?? LATEST) : LATEST,
	};
}

/** Optional text filter from a collection; objects from expressions are refused by name. */
export function optionalText(this: IExecuteFunctions, value: unknown, itemIndex: number, label: string): string | undefined {
	if (value === undefined) return undefined;
	const text = checkString.call(this, value, itemIndex, { label });
	return text === '' ? undefined : text;
}

// ---------------------------------------------------------------------------------------
// Chat list for resource locators
// ---------------------------------------------------------------------------------------


function chatLabel(row: IDataObject): { name: string; value: string } {
	const jid = String(row.remoteJid ?? '');
	const name = typeof row.pushName === 'string' && row.pushName.trim() ? row.pushName.trim() : '';
	const shown = jid.split('@')[0];
	return { name: name ? `${name} (${shown})` : jid, value: jid };
}

/** Resource-locator search over POST /chat/findChats (newest first, 100 per page). */
export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const instance = await instanceForList.call(this);
	const skip = Number(paginationToken ?? 0) || 0;
	const { body } = await evolutionApiRequest.call(this, {
		method: 'POST',
		path: buildPath('/chat/findChats/{instance}', { instance }),
		body: { take: PAGE_SIZE, skip },
		instance,
	});
	const rows = Array.isArray(body) ? (body as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map(chatLabel)
		.filter((entry) => entry.value && (!needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle)));
	return { results, paginationToken: rows.length === PAGE_SIZE ? String(skip + PAGE_SIZE) : undefined };
}

// ---------------------------------------------------------------------------------------
// The last message of a chat (archive, mark unread)
// ---------------------------------------------------------------------------------------

export const lastMessageOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Last Message ID',
			name: 'messageId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
			description:
				'ID of the newest message of the chat. When empty, the newest message stored on the server is used (the chat needs at least one stored message).',
		},
		{
			displayName: 'Last Message Sent by Me',
			name: 'fromMe',
			type: 'boolean',
			default: false,
			description: 'Whether the message given in Last Message ID was sent by this instance',
		},
	],
};

/**
 * The `lastMessage` WhatsApp needs to archive a chat or mark it unread: the one named in the
 * options, else the newest message of the chat stored on the server (Get Many Messages route).
 */
export async function resolveLastMessage(
	this: IExecuteFunctions,
	context: OperationContext,
	options: IDataObject,
	chat: string,
): Promise<IDataObject> {
	const { itemIndex, instance } = context;
	const given = readLastMessage.call(this, itemIndex, options, chat);
	if (given) return given;
	const found = (await callRoute.call(this, { method: 'POST', path: '/chat/findMessages/{instance}' }, itemIndex, instance, {
		body: { where: { key: { remoteJid: chat } }, page: 1, offset: 1 },
	})) as IDataObject | undefined;
	const records = ((found?.messages as IDataObject | undefined)?.records ?? []) as IDataObject[];
	const newest = records[0];
	const key = newest?.key as IDataObject | undefined;
	if (!key || typeof key.id !== 'string') {
		throw new NodeOperationError(this.getNode(), `No stored message found in chat ${chat}`, {
			itemIndex,
			description:
				'WhatsApp needs the newest message of the chat. Enter its ID in Options → Last Message ID, or check that the server stores messages (DATABASE_SAVE_DATA_NEW_MESSAGE).',
		});
	}
	const lastMessage: IDataObject = { key: { id: key.id, fromMe: key.fromMe === true, remoteJid: typeof key.remoteJid === 'string' ? key.remoteJid : chat } };
	if (typeof newest.messageTimestamp === 'number') lastMessage.messageTimestamp = newest.messageTimestamp;
	return lastMessage;
}

/** `lastMessage` from the options, or undefined when no Last Message ID is given. */
export function readLastMessage(this: IExecuteFunctions, itemIndex: number, options: IDataObject, remoteJid: string): IDataObject | undefined {
	const id = optionalText.call(this, options.messageId, itemIndex, 'Last Message ID');
	if (!id) return undefined;
	return { key: { id, fromMe: options.fromMe === true, remoteJid } };
}

