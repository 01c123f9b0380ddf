/**
 * A valid-looking value for each field of an operation, derived from its own `properties`
 * (phone numbers where a recipient is expected, two distinct answers for a poll, …). The
 * property test starts from it before it mixes in garbage; the real-server suite starts from it
 * and overrides what a user would enter differently (test/real/operations.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

export const PHONE = '5511988887777';
export const GROUP = '120363025246125486@g.us';
const PNG_BASE64 = readFileSync(join(__dirname, '..', 'fixtures', 'media', 'image.png')).toString('base64');

function baselineText(name: string, counter: () => number): string {
	const key = name.toLowerCase();
	if (key === 'groupjid') return GROUP;
	if (/remotejid|chatjid|number|recipient|participants|jids|wuid|phone/.test(key)) return PHONE;
	if (/base64/.test(key)) return PNG_BASE64;
	if (key === 'binarypropertyname' || key === 'outputbinaryfield') return 'data';
	if (/url/.test(key)) return 'https://example.com/files/photo.png';
	if (key === 'mimetype') return 'image/png';
	if (key === 'filename') return 'photo.png';
	if (/color/.test(key)) return '#25D366';
	if (key === 'invitecode') return 'AbCdEfGhIjKlMnOpQrStUv';
	if (key === 'language') return 'en_US';
	if (key === 'templatename') return 'order_update';
	if (key === 'host' || key === 'proxyhost') return 'proxy.example.com';
	if (key === 'email') return 'ana@example.com';
	if (key === 'currency') return 'BRL';
	if (key === 'reaction') return '👍';
	if (/expire|time|delay|count|limit|port/.test(key)) return '10';
	return `value ${counter()}`;
}

function baselineJson(name: string): string {
	if (name === 'components') return '[{"type":"BODY","text":"Hello {{1}}"}]';
	if (name === 'stanza') return '{"tag":"iq","attrs":{"type":"get","xmlns":"w:p","to":"s.whatsapp.net"}}';
	if (name === 'messageObject') return '{"key":{"id":"3EB0ABC","remoteJid":"5511988887777@s.whatsapp.net","fromMe":false},"message":{"imageMessage":{}}}';
	return '{}';
}

function firstValue(property: INodeProperties): unknown {
	const options = (property.options ?? []) as Array<{ value?: unknown }>;
	return options.find((option) => option.value !== undefined)?.value;
}

export function baseline(property: INodeProperties, counter: () => number): unknown {
	switch (property.type) {
		case 'string':
		case 'color':
			return baselineText(property.name, counter);
		case 'number':
			return typeof property.default === 'number' && property.default !== 0 ? property.default : /latitude|longitude/i.test(property.name) ? 10 : 1;
		case 'boolean':
			return property.default === true;
		case 'options':
			return property.default !== '' && property.default !== undefined ? property.default : firstValue(property);
		case 'multiOptions':
			return [];
		case 'json':
			return baselineJson(property.name);
		case 'dateTime':
			return '2024-01-01T00:00:00Z';
		case 'collection':
			return {};
		case 'fixedCollection': {
			const groups = (property.options ?? []) as INodePropertyCollection[];
			if (!property.required && !/section|row|value|contact|button/i.test(property.name)) return {};
			const result: IDataObject = {};
			for (const group of groups.slice(0, 1)) {
				const entry = () => Object.fromEntries(group.values.map((value) => [value.name, baseline(value, counter)])) as IDataObject;
				result[group.name] = property.typeOptions?.multipleValues ? [entry(), entry()] : entry();
			}
			return result;
		}
		case 'resourceLocator': {
			const mode = (property.modes ?? []).find((candidate) => candidate.name !== 'list')?.name ?? 'id';
			const value = property.name === 'groupJid' ? GROUP : property.name === 'chatJid' ? PHONE : `id-${counter()}`;
			return { __rl: true, mode, value };
		}
		default:
			return property.default;
	}
}

/**
 * Baseline parameters for one operation: every field of its `properties` once (fields sharing a
 * name, shown under different conditions, take their first definition).
 */
export function baselineParameters(properties: INodeProperties[]): IDataObject {
	let next = 0;
	const counter = () => ++next;
	const out: IDataObject = {};
	for (const property of properties) {
		if (property.type === 'notice' || property.name in out) continue;
		out[property.name] = baseline(property, counter) as IDataObject[string];
	}
	return out;
}
