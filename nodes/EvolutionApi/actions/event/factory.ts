import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { EVENT_NAMES, eventOptions, subscriptionName } from '../../../shared/events';
import { checkString, sortByDisplayName } from '../common';
import {
	asUpdateField,
	checkBoolean,
	orNotConfigured,
	readCurrent,
	readGivenFields,
	replaceModeOnly,
	rethrow,
	updateFieldsCollection,
	updateModeField,
} from '../updateMode';
import type { OperationDefinition, Route } from '../types';

export type TransportKey = 'webhook' | 'websocket' | 'rabbitmq' | 'sqs' | 'nats' | 'pusher' | 'kafka';

export type FieldKind = 'boolean' | 'text' | 'secret' | 'url' | 'headers';

/** A setting a transport stores besides `enabled` and `events`. */
export interface TransportField {
	property: INodeProperties;
	/** The key inside the transport object of the body, e.g. `byEvents`. */
	key: string;
	/** The key in the find answer when it differs, e.g. `webhookByEvents`. */
	storedKey?: string;
	kind: FieldKind;
}

export interface TransportConfig {
	/** Route prefix and body wrapper: POST /<key>/set/{instance} with {"<key>": {...}}. */
	key: TransportKey;
	/** Operation value suffix and name: setRabbitMq / "Set RabbitMQ". */
	suffix: string;
	label: string;
	/** Noun of the action: "Set the <noun> of an instance". */
	noun: string;
	setDescription: string;
	getDescription: string;
	/** Fields the server requires on every set (written every time). */
	required?: TransportField[];
	/** Fields sent only when given; the server keeps their stored value otherwise. */
	optional?: TransportField[];
	/** Added to the error description when the server answers with an empty body. */
	emptyBodyHint?: string;
}

/** The events a transport may deliver; [] means all of them. */
export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: eventOptions({ includeNeverDelivered: true }).sort((a, b) => a.name.localeCompare(b.name)),
	default: [],
	description:
		'Events to send; leave empty to send all of them. Three are accepted but never sent by Evolution API 2.3.6 (see their descriptions). Switching the transport off clears this list on the server.',
};

export const enabledField: INodeProperties = {
	displayName: 'Enabled',
	name: 'enabled',
	type: 'boolean',
	default: true,
	description: 'Whether the server sends the instance\'s events this way. Switching it off stores an empty event list.',
};

const eventsWhenEnabled: INodeProperties = { ...eventsField, displayOptions: { show: { enabled: [true] } } };

/** Reads the Events value: a list or comma-separated text, subscription or dotted names. */
export function readEvents(this: IExecuteFunctions, raw: unknown, itemIndex: number): string[] {
	let entries: unknown[];
	if (Array.isArray(raw)) entries = raw;
	else if (typeof raw === 'string') entries = raw.split(/[,;\s]+/);
	else if (raw === undefined || raw === null) entries = [];
	else {
		throw new NodeOperationError(this.getNode(), 'Events must be a list of event names', {
			itemIndex,
			description: 'Pick events from the list, or map a list such as ["MESSAGES_UPSERT", "CONNECTION_UPDATE"].',
		});
	}
	const names: string[] = [];
	for (const entry of entries) {
		if (typeof entry !== 'string') {
			throw new NodeOperationError(this.getNode(), 'Events must contain event names (text)', { itemIndex });
		}
		const trimmed = entry.trim();
		if (!trimmed) continue;
		const name = /[a-z.-]/.test(trimmed) ? subscriptionName(trimmed.toLowerCase()) : trimmed;
		if (!EVENT_NAMES.includes(name)) {
			throw new NodeOperationError(this.getNode(), `Events contains an unknown event "${trimmed}"`, {
				itemIndex,
				description: `Use event names such as MESSAGES_UPSERT or messages.upsert. Known events: ${EVENT_NAMES.join(', ')}.`,
			});
		}
		if (!names.includes(name)) names.push(name);
	}
	return names;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers from the fixedCollection ({header: [{name, value}]}) or from a mapped object. */
export function readHeaders(this: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): IDataObject {
	if (raw === null || raw === undefined || raw === '') return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a list of name/value pairs`, { itemIndex });
	}
	const record = raw as IDataObject;
	const pairs: Array<{ name: unknown; value: unknown }> = Array.isArray(record.header)
		? (record.header as IDataObject[]).map((entry) => ({ name: entry.name, value: entry.value }))
		: 'header' in record
			? []
			: Object.entries(record).map(([name, value]) => ({ name, value }));
	const headers: IDataObject = {};
	const seen = new Set<string>();
	for (const pair of pairs) {
		const name = checkString.call(this, pair.name, itemIndex, { label: `${label} → Name`, required: true });
		if (!HEADER_NAME.test(name)) {
			throw new NodeOperationError(this.getNode(), `${label}: "${name}" is not a valid header name`, {
				itemIndex,
				description: 'Header names use letters, digits and - _ . (no spaces or colons), e.g. x-evolution-secret.',
			});
		}
		if (seen.has(name.toLowerCase())) {
			throw new NodeOperationError(this.getNode(), `${label}: the header "${name}" is given twice`, {
				itemIndex,
				description: 'Give each header once (names are case-insensitive).',
			});
		}
		seen.add(name.toLowerCase());
		const value = checkString.call(this, pair.value, itemIndex, { label: `${label} → ${name}`, trim: false });
		if (/[\r\n]/.test(value)) {
			throw new NodeOperationError(this.getNode(), `${label}: the value of "${name}" contains a line break`, { itemIndex });
		}
		headers[name] = value;
	}
	return headers;
}

function storedValueFits(field: TransportField, value: unknown): boolean {
	if (field.kind === 'boolean') return typeof value === 'boolean';
	if (field.kind === 'headers') return typeof value === 'object' && value !== null && !Array.isArray(value);
	return typeof value === 'string';
}

function convert(this: IExecuteFunctions, field: TransportField, raw: unknown, itemIndex: number): IDataObject[string] {
	const label = field.property.displayName;
	switch (field.kind) {
		case 'boolean':
			return checkBoolean.call(this, raw, itemIndex, label);
		case 'headers':
			return readHeaders.call(this, raw, itemIndex, label);
		default:
			return checkString.call(this, raw, itemIndex, { label });
	}
}

function checkUrl(this: IExecuteFunctions, value: string, label: string, itemIndex: number): void {
	let valid = false;
	try {
		const url = new URL(value);
		valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		valid = false;
	}
	if (!valid) {
		throw new NodeOperationError(this.getNode(), `${label} "${value}" is not a valid URL`, {
			itemIndex,
			description: 'Enter a full URL starting with http:// or https://; the server sends nothing to other addresses.',
		});
	}
	if (value.length > 500) {
		throw new NodeOperationError(this.getNode(), `${label} is too long (${value.length} characters; the limit is 500)`, {
			itemIndex,
		});
	}
}

function withEmptyBodyHint(error: unknown, hint: string | undefined): unknown {
	if (hint && error instanceof NodeApiError && /empty body/i.test(error.description ?? '')) {
		error.description = `${error.description} ${hint}`;
	}
	return error;
}

/** Builds the set and get operations of one event transport. */
export function transportOperations(config: TransportConfig): [OperationDefinition, OperationDefinition] {
	const required = config.required ?? [];
	const optional = config.optional ?? [];
	const mergeable = required.length + optional.length > 0;
	const findRoute: Route = { method: 'GET', path: `/${config.key}/find/{instance}` };

	const properties: INodeProperties[] = mergeable
		? [
				updateModeField,
				replaceModeOnly(enabledField),
				...required.map((field) => replaceModeOnly(field.property)),
				replaceModeOnly(eventsWhenEnabled),
				...(optional.length
					? [
							replaceModeOnly({
								displayName: 'Options',
								name: 'options',
								type: 'collection',
								placeholder: 'Add Option',
								default: {},
								options: sortByDisplayName(optional.map((field) => field.property)),
							}),
						]
					: []),
				updateFieldsCollection(
					[enabledField, eventsField, ...required.map((field) => field.property), ...optional.map((field) => field.property)].map(
						asUpdateField,
					),
				),
			]
		: [enabledField, eventsWhenEnabled];

	const setOperation: OperationDefinition = {
		value: `set${config.suffix}`,
		name: `Set ${config.label}`,
		action: `Set ${config.noun} of instance`,
		description: config.setDescription,
		route: { method: 'POST', path: `/${config.key}/set/{instance}` },
		properties,
		async execute(context) {
			const { itemIndex } = context;
			const given = mergeable
				? readGivenFields.call(this, itemIndex, optional.length ? 'options' : undefined)
				: {
						mode: 'replace' as const,
						get: (name: string) => {
							const value = this.getNodeParameter(name, itemIndex, null) as unknown;
							return value === null ? undefined : value;
						},
					};
			// Every given value is checked before the merge mode reads anything.
			const rawEnabled = given.get('enabled');
			const givenEnabled = rawEnabled === undefined ? undefined : checkBoolean.call(this, rawEnabled, itemIndex, 'Enabled');
			const rawEvents = given.get('events');
			const givenEvents = rawEvents === undefined ? undefined : readEvents.call(this, rawEvents, itemIndex);
			const settings: IDataObject = {};
			for (const field of [...required, ...optional]) {
				const raw = given.get(field.property.name);
				if (raw !== undefined) settings[field.key] = convert.call(this, field, raw, itemIndex);
			}

			let current: IDataObject = {};
			try {
				if (given.mode === 'merge') current = await readCurrent.call(this, context, findRoute);
			} catch (error) {
				return rethrow.call(this, withEmptyBodyHint(error, config.emptyBodyHint), itemIndex);
			}

			// Not given in merge mode: the stored state, or on when nothing is stored yet.
			const enabled = givenEnabled ?? (typeof current.enabled === 'boolean' ? current.enabled : true);
			// Optional fields left out are not sent: the server keeps their stored values.
			for (const field of required) {
				const stored = current[field.key];
				if (settings[field.key] === undefined) {
					settings[field.key] =
						stored !== undefined && stored !== null ? (stored as IDataObject[string]) : field.kind === 'boolean' ? false : '';
				}
				if (field.kind !== 'boolean' && enabled && settings[field.key] === '') {
					throw new NodeOperationError(this.getNode(), `${field.property.displayName} is empty`, {
						itemIndex,
						description: `Enter the ${field.property.displayName}.`,
					});
				}
				if (field.kind === 'url' && enabled) checkUrl.call(this, String(settings[field.key]), field.property.displayName, itemIndex);
			}
			// Merge mode writes the stored optional values back too, when they have the right type.
			if (given.mode === 'merge') {
				for (const field of optional) {
					const stored = current[field.storedKey ?? field.key];
					if (settings[field.key] === undefined && storedValueFits(field, stored)) settings[field.key] = stored as IDataObject[string];
				}
			}
			// The server needs the list whenever the transport is on ([] = all) and stores [] when off.
			if (!enabled && givenEvents?.length) {
				throw new NodeOperationError(this.getNode(), `Events were given, but the ${config.noun.replace(/ events$/, '')} stays switched off`, {
					itemIndex,
					description: 'The server stores no events while it is off. Add Enabled (on) to Update Fields to switch it on with these events.',
				});
			}
			let events: string[] = [];
			if (enabled) {
				events = givenEvents ?? (Array.isArray(current.events) ? readEvents.call(this, current.events, itemIndex) : []);
			}
			const body = { [config.key]: { enabled, ...settings, events } };

			try {
				return (await context.request({ body })) as IDataObject;
			} catch (error) {
				return rethrow.call(this, withEmptyBodyHint(error, config.emptyBodyHint), itemIndex);
			}
		},
	};

	const getOperation: OperationDefinition = {
		value: `get${config.suffix}`,
		name: `Get ${config.label}`,
		action: `Get ${config.noun} of instance`,
		description: config.getDescription,
		route: findRoute,
		idempotent: true,
		properties: [],
		async execute(context) {
			try {
				return orNotConfigured(await context.request());
			} catch (error) {
				return rethrow.call(this, withEmptyBodyHint(error, config.emptyBodyHint), context.itemIndex);
			}
		},
	};

	return [setOperation, getOperation];
}
