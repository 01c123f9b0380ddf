import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { callRoute, readCollection } from './common';
import type { OperationContext, Route } from './types';

/*
 * Helpers for the "full-object setters" (settings, proxy, Chatwoot, webhook, Pusher): the server
 * writes every required field on each call, so the node offers a mode that reads the current
 * configuration with the matching find route, merges the fields given, and writes the result.
 */

export type UpdateMode = 'replace' | 'merge';

export const updateModeField: INodeProperties = {
	displayName: 'Update Mode',
	name: 'updateMode',
	type: 'options',
	options: [
		{
			name: 'Set All Required Fields',
			value: 'replace',
			description:
				'Write the fields shown here as entered (a switch left off is sent as off); optional fields you do not add are not sent and keep their stored values',
		},
		{
			name: 'Change Only the Given Fields',
			value: 'merge',
			description:
				'Read the current configuration first and change only the fields you add; everything else keeps its current value',
		},
	],
	default: 'replace',
	description: 'Whether to send a complete configuration or to change a few fields of the current one',
};

/** The "Update Fields" collection of merge mode. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { updateMode: ['merge'] } },
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Shows a property only in replace mode (keeping its own display conditions). */
export function replaceModeOnly(property: INodeProperties): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...show, updateMode: ['replace'] } } };
}

/** A copy of a top-level field for the Update Fields collection (no required flag, no display rules). */
export function asUpdateField(property: INodeProperties): INodeProperties {
	const copy: INodeProperties = { ...property };
	delete copy.required;
	delete copy.displayOptions;
	return copy;
}

export function readUpdateMode(this: IExecuteFunctions, itemIndex: number): UpdateMode {
	const mode = this.getNodeParameter('updateMode', itemIndex, 'replace') as unknown;
	if (mode === 'replace' || mode === 'merge') return mode;
	throw new NodeOperationError(this.getNode(), `Update Mode must be "replace" or "merge", not "${String(mode)}"`, {
		itemIndex,
	});
}

/**
 * Where the field values of one item come from: the top-level fields in replace mode, the
 * Update Fields collection in merge mode (undefined = not given).
 */
export interface GivenFields {
	mode: UpdateMode;
	/** The raw value of field `name`, or undefined when the user did not give it. */
	get(name: string): unknown;
}

export function readGivenFields(this: IExecuteFunctions, itemIndex: number, optionsName?: string): GivenFields {
	const mode = readUpdateMode.call(this, itemIndex);
	if (mode === 'merge') {
		const fields = readCollection.call(this, 'updateFields', itemIndex);
		return { mode, get: (name) => fields[name] };
	}
	const options = optionsName ? readCollection.call(this, optionsName, itemIndex) : {};
	return {
		mode,
		get: (name) => {
			if (name in options) return options[name];
			// Hidden fields are absent; getNodeParameter needs a non-undefined fallback.
			const value = this.getNodeParameter(name, itemIndex, null) as unknown;
			return value === null ? undefined : value;
		},
	};
}

/** Reads the current configuration with `findRoute`; `null` (nothing stored yet) gives `{}`. */
export async function readCurrent(
	this: IExecuteFunctions,
	context: OperationContext,
	findRoute: Route,
): Promise<IDataObject> {
	const body = await callRoute.call(this, findRoute, context.itemIndex, context.instance);
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {};
}

/** Booleans from expressions: true/false, "true"/"false" (any case); anything else is refused. */
export function checkBoolean(this: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): boolean {
	if (typeof raw === 'boolean') return raw;
	if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
	throw new NodeOperationError(this.getNode(), `${label} must be true or false, but got ${describe(raw)}`, {
		itemIndex,
		description: `Switch ${label} on or off, or map a boolean into it.`,
	});
}

function describe(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (typeof value === 'string') return `"${value}"`;
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : String(value);
}

/** A find answer of `null` becomes this item, so the output says plainly that nothing is set. */
export const NOT_CONFIGURED: IDataObject = { configured: false };

export function orNotConfigured(body: unknown): IDataObject {
	if (body === null || body === undefined) return { ...NOT_CONFIGURED };
	return body as IDataObject;
}

/** Rethrows an error caught around a request as the n8n error it already is, with the item index. */
export function rethrow(this: IExecuteFunctions, error: unknown, itemIndex: number): never {
	if (error instanceof NodeApiError) {
		error.context.itemIndex = itemIndex;
		throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
	}
	throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}
