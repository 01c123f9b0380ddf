/**
 * Walks every property of both nodes and checks n8n's description conventions
 * (../shared/guides/n8n-style.md), so a new operation cannot drift from them unnoticed.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { EvolutionApi } from '../../nodes/EvolutionApi/EvolutionApi.node';
import { EvolutionApiTrigger } from '../../nodes/EvolutionApiTrigger/EvolutionApiTrigger.node';
import { resources } from '../../nodes/EvolutionApi/actions';

type AnyProperty = INodeProperties | INodePropertyCollection;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'with']);
const SENSITIVE = /(token|secret|password|passwd|apikey|api_key|jwtkey|jwt_key|basicauthpass)$/i;

function isTitleCase(text: string): boolean {
	return text
		.replace(/\(([^)]*)\)/g, '$1')
		.split(/[\s/-]+/)
		.filter(Boolean)
		.every((word, index) => {
			if (index > 0 && SMALL_WORDS.has(word)) return true;
			return /^[A-Z0-9"'.#@+]/.test(word) || /^[a-z]+[A-Z]/.test(word) || word === 'n8n' || word === 'e.g.';
		});
}

function walk(properties: AnyProperty[], path: string[], visit: (property: AnyProperty, path: string[]) => void): void {
	for (const property of properties) {
		visit(property, path);
		const nested = (property as INodeProperties).options ?? (property as INodePropertyCollection).values;
		if (Array.isArray(nested)) {
			const children = nested.filter((child) => typeof child === 'object' && 'displayName' in child) as AnyProperty[];
			walk(children, [...path, property.name], visit);
		}
	}
}

const descriptions: Array<[string, INodeTypeDescription]> = [
	['EvolutionApi', new EvolutionApi().description],
	['EvolutionApiTrigger', new EvolutionApiTrigger().description],
];

describe.each(descriptions)('%s description', (_name, description) => {
	const all: Array<{ property: AnyProperty; path: string[] }> = [];
	walk(description.properties as AnyProperty[], [], (property, path) => all.push({ property, path }));

	it('has Title Case display names', () => {
		const offenders = all
			.filter(({ property }) => (property as INodeProperties).type !== 'notice')
			.filter(({ property }) => !isTitleCase(property.displayName))
			.map(({ property, path }) => `${[...path, property.name].join('.')}: "${property.displayName}"`);
		expect(offenders).toEqual([]);
	});

	it('sorts option lists of five or more by name', () => {
		const offenders: string[] = [];
		for (const { property, path } of all) {
			const p = property as INodeProperties;
			if (p.name === 'operation' || p.name === 'resource' || !Array.isArray(p.options) || p.options.length < 5) continue;
			const names = (p.options as Array<{ name?: string; displayName?: string }>).map((o) => o.displayName ?? o.name ?? '');
			const sorted = [...names].sort((a, b) => a.localeCompare(b));
			if (names.join('|') !== sorted.join('|')) offenders.push([...path, p.name].join('.'));
		}
		expect(offenders).toEqual([]);
	});

	it('starts boolean descriptions with "Whether"', () => {
		const offenders = all
			.map(({ property, path }) => ({ p: property as INodeProperties, path }))
			.filter(({ p }) => p.type === 'boolean' && !(p.description ?? '').startsWith('Whether'))
			.map(({ p, path }) => [...path, p.name].join('.'));
		expect(offenders).toEqual([]);
	});

	it('marks sensitive fields as passwords', () => {
		const offenders = all
			.map(({ property, path }) => ({ p: property as INodeProperties, path }))
			.filter(({ p }) => p.type === 'string' && SENSITIVE.test(p.name) && !p.typeOptions?.password)
			.map(({ p, path }) => [...path, p.name].join('.'));
		expect(offenders).toEqual([]);
	});

	it('uses each top-level internal name for one kind of value', () => {
		const types = new Map<string, Set<string>>();
		for (const property of description.properties) {
			const kinds = types.get(property.name) ?? new Set<string>();
			kinds.add(property.type);
			types.set(property.name, kinds);
		}
		// `message`: Send and Wait for Response must name its text `message` (n8n's human-review tool
		// conversion replaces the parameter of that name); Baileys' Message (JSON) predates it.
		types.delete('message');
		const offenders = [...types.entries()].filter(([, kinds]) => kinds.size > 1).map(([name, kinds]) => `${name}: ${[...kinds].join(', ')}`);
		expect(offenders).toEqual([]);
	});

	it('gives every operation an action and sentence-case description', () => {
		const operations = description.properties.filter((p) => p.name === 'operation');
		for (const operation of operations) {
			for (const option of operation.options as INodePropertyOptions[]) {
				expect(option.action).toBeTruthy();
				expect(option.action![0]).toMatch(/[A-Z]/);
				expect(option.description).toBeTruthy();
			}
		}
	});
});

describe('resources', () => {
	it('are singular and unique', () => {
		const names = resources.map((resource) => resource.name);
		expect(new Set(names).size).toBe(names.length);
		const plural = names.filter((name) => /s$/.test(name) && !['Baileys', 'S3'].includes(name));
		expect(plural).toEqual([]);
	});

	it('map every operation to exactly one route, with unique operation values', () => {
		const routes = new Map<string, string>();
		for (const resource of resources) {
			const values = resource.operations.map((operation) => operation.value);
			expect(new Set(values).size).toBe(values.length);
			for (const operation of resource.operations) {
				const key = `${operation.route.method} ${operation.route.path}`;
				if (operation.sharesRouteWith) {
					// A declared variant: it must call exactly the route of the operation it names.
					expect(routes.get(key)).toBe(`${resource.value}:${operation.sharesRouteWith}`);
					continue;
				}
				expect(routes.get(key)).toBeUndefined();
				routes.set(key, `${resource.value}:${operation.value}`);
				expect(operation.name).toMatch(/^[A-Z]/);
				expect(operation.name.toLowerCase()).not.toContain(resource.name.toLowerCase() + 's');
			}
		}
	});

	it('give Get Many operations Return All and Limit', () => {
		for (const resource of resources) {
			for (const operation of resource.operations.filter((op) => op.value === 'getAll')) {
				const names = operation.properties.map((p) => p.name);
				expect({ operation: `${resource.value}:${operation.value}`, returnAll: names.includes('returnAll') }).toEqual({
					operation: `${resource.value}:${operation.value}`,
					returnAll: true,
				});
				expect(names).toContain('limit');
			}
		}
	});
});

describe('the Title Case check itself', () => {
	it.each([
		['Send Text', true],
		['Delay (Ms)', true],
		['Phone Number for Pairing Code', true],
		['Send text', false],
		['instance', false],
	])('%s → %s', (text, expected) => {
		expect(isTitleCase(text)).toBe(expected);
	});
});
