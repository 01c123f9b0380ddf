import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeRecipient, type JidKind } from '../../shared/jid';
import { buildPath, evolutionApiRequest } from '../../shared/transport';
import type { RequestOptions, Route } from './types';

/** Without a limit a hung server would hang the workflow forever. */
export const DEFAULT_TIMEOUT = 60000;

/** Calls `route` for one item; the router binds it to each operation as `context.request`. */
export async function callRoute(
	this: IExecuteFunctions,
	route: Route,
	itemIndex: number,
	instance: string,
	options: RequestOptions = {},
): Promise<unknown> {
	const path = buildPath(route.path, { instance, ...options.pathParams });
	const timeout = this.getNodeParameter('requestOptions.timeout', itemIndex, DEFAULT_TIMEOUT) as unknown;
	const { body } = await evolutionApiRequest.call(this, {
		method: route.method,
		path,
		body: options.body,
		qs: options.qs,
		instance: instance || undefined,
		itemIndex,
		response: options.response,
		allowEmpty: options.allowEmpty,
		timeout: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT,
	});
	return body;
}

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

function typeName(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export interface StringOptions {
	required?: boolean;
	maxLength?: number;
	trim?: boolean;
	/** Display name used in messages. */
	label: string;
}

/** Reads a text parameter; numbers from expressions are accepted, objects are refused by name. */
export function readString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	options: StringOptions,
	fallback = '',
): string {
	const raw = this.getNodeParameter(name, itemIndex, fallback) as unknown;
	return checkString.call(this, raw, itemIndex, options);
}

export function checkString(this: IExecuteFunctions, raw: unknown, itemIndex: number, options: StringOptions): string {
	let value: string;
	if (raw === null || raw === undefined) value = '';
	else if (typeof raw === 'string') value = raw;
	else if (typeof raw === 'number' || typeof raw === 'boolean') value = String(raw);
	else {
		return fail.call(
			this,
			itemIndex,
			`${options.label} must be text, but the expression gave ${typeName(raw)}`,
			`Map a text value into ${options.label}, e.g. {{ $json.text }}, or convert it with JSON.stringify().`,
		);
	}
	if (options.trim !== false) value = value.trim();
	if (options.required && value === '') {
		fail.call(this, itemIndex, `${options.label} is empty`, `Enter a value for ${options.label}.`);
	}
	if (options.maxLength !== undefined && value.length > options.maxLength) {
		fail.call(
			this,
			itemIndex,
			`${options.label} is too long (${value.length} characters; the limit is ${options.maxLength})`,
			`Shorten ${options.label} or split it into several messages.`,
		);
	}
	return value;
}

/** Reads an integer; numeric strings from expressions are accepted. */
export function checkInteger(
	this: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	options: { label: string; min?: number; max?: number },
): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isInteger(value)) {
		return fail.call(
			this,
			itemIndex,
			`${options.label} must be a whole number, but got ${typeof raw === 'string' ? `"${raw}"` : typeName(raw)}`,
			`Enter a whole number for ${options.label}.`,
		);
	}
	if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) {
		fail.call(
			this,
			itemIndex,
			`${options.label} must be between ${options.min ?? '-∞'} and ${options.max ?? '∞'}, but got ${value}`,
			`Enter a value for ${options.label} in that range.`,
		);
	}
	return value;
}

/** Reads and normalises a phone number or WhatsApp ID parameter. */
export function readRecipient(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	options: { label: string; kind?: JidKind },
): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	return normalizeRecipient(this.getNode(), raw, { field: options.label, itemIndex, kind: options.kind });
}

/** Reads an Options/Additional Fields collection as a plain object. */
export function readCollection(this: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const raw = this.getNodeParameter(name, itemIndex, {}) as unknown;
	if (raw === null || raw === undefined) return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) {
		return fail.call(this, itemIndex, `${name} must be a set of fields, not ${typeName(raw)}`, 'Use the Add Field button.');
	}
	return raw as IDataObject;
}

/** n8n lists five or more options in alphabetical order; shared option lists are merged with this. */
export function sortByDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

// Get Many: the same two fields and the same reading everywhere.
export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** undefined = Return All; otherwise the checked Limit. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (returnAll === true || returnAll === 'true') return undefined;
	return checkInteger.call(this, this.getNodeParameter('limit', itemIndex, 50), itemIndex, { label: 'Limit', min: 1 });
}


/** Refuses a value outside an option list (expressions can put anything in an options field). */
export function checkOption<T extends string>(
	this: IExecuteFunctions,
	raw: unknown,
	allowed: readonly T[],
	itemIndex: number,
	label: string,
): T {
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new NodeOperationError(this.getNode(), `${label} "${String(raw)}" is not supported`, {
			itemIndex,
			description: `Use one of: ${allowed.join(', ')}.`,
		});
	}
	return value as T;
}
