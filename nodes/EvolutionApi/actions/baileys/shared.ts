import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeRecipient } from '../../../shared/jid';
import type { OperationContext } from '../types';

/** Prefix of every Baileys operation description. */
export const ADVANCED = 'Advanced, Baileys only: a raw call into the Baileys library behind the instance.';

export const jidField: INodeProperties = {
	displayName: 'WhatsApp ID',
	name: 'remoteJid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5511999999999@s.whatsapp.net',
	description: 'A WhatsApp ID (JID) such as 5511999999999@s.whatsapp.net or 120363025246125486@g.us; a phone number with country code is turned into a contact ID',
};

export const jidsField: INodeProperties = {
	displayName: 'WhatsApp IDs',
	name: 'jids',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5511999999999@s.whatsapp.net, 5511888888888:2@s.whatsapp.net',
	description:
		'WhatsApp IDs (JIDs, device IDs such as 5511999999999:2@s.whatsapp.net allowed) or phone numbers, separated by commas or new lines. An expression may also return a list.',
};

function asJid(this: IExecuteFunctions, value: unknown, itemIndex: number, label: string): string {
	const normalised = normalizeRecipient(this.getNode(), value, { field: label, itemIndex, kind: 'any' });
	// Baileys expects full JIDs; plain numbers become contact IDs.
	return normalised.includes('@') ? normalised : `${normalised}@s.whatsapp.net`;
}

export function readJid(this: IExecuteFunctions, itemIndex: number): string {
	return asJid.call(this, this.getNodeParameter('remoteJid', itemIndex, '') as unknown, itemIndex, 'WhatsApp ID');
}

/** Reads the `jids` field: text separated by commas / new lines, or a list; no duplicates, not empty. */
export function readJids(this: IExecuteFunctions, itemIndex: number): string[] {
	const raw = this.getNodeParameter('jids', itemIndex, '') as unknown;
	let entries: unknown[];
	if (Array.isArray(raw)) entries = raw;
	else if (typeof raw === 'string') entries = raw.split(/[,;\n]/);
	else if (typeof raw === 'number') entries = [raw];
	else {
		throw new NodeOperationError(this.getNode(), 'WhatsApp IDs must be text or a list of IDs', {
			itemIndex,
			description: 'Enter IDs separated by commas, or map a list, e.g. {{ $json.jids }}.',
		});
	}
	const jids: string[] = [];
	for (const entry of entries) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		const jid = asJid.call(this, entry, itemIndex, 'WhatsApp IDs');
		if (!jids.includes(jid)) jids.push(jid);
	}
	if (jids.length === 0) {
		throw new NodeOperationError(this.getNode(), 'WhatsApp IDs is empty', {
			itemIndex,
			description: 'Enter at least one WhatsApp ID, e.g. 5511999999999@s.whatsapp.net.',
		});
	}
	return jids;
}

/**
 * Reads a JSON field that must hold an object. Returns undefined when empty and not required.
 * `label` is the display name used in errors.
 */
export function readJsonObject(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	options: { label: string; required?: boolean; example: string },
): IDataObject | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	let value: unknown = raw;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		if (!options.required) return undefined;
		throw new NodeOperationError(this.getNode(), `${options.label} is empty`, {
			itemIndex,
			description: `Enter a JSON object, e.g. ${options.example}`,
		});
	}
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${options.label} is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
				description: `Enter a JSON object, e.g. ${options.example}`,
			});
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`${options.label} must be a JSON object, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}`,
			{ itemIndex, description: `Enter a JSON object, e.g. ${options.example}` },
		);
	}
	return value as IDataObject;
}

/**
 * Calls a Baileys route. These answer whatever the Baileys function returns: objects, arrays,
 * a bare string or boolean, or nothing at all, so the body is read as text (parsed when JSON).
 */
export async function callBaileys(context: OperationContext, body?: IDataObject): Promise<unknown> {
	return await context.request({ body, response: 'text', allowEmpty: true });
}

/** Turns a passthrough answer into output: lists of objects as items, anything else under `key`. */
export function toOutput(value: unknown, key: string): IDataObject | IDataObject[] {
	if (value === undefined) return { success: true };
	if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry))) {
		return value as IDataObject[];
	}
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as IDataObject;
	return { [key]: value as IDataObject[keyof IDataObject] };
}
