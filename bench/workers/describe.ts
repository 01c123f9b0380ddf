/**
 * Part 4a, editor weight: what each node's description weighs when serialised (what n8n puts
 * into /types/nodes.json for the editor), how many properties it has, and, for the action node,
 * which resources carry the weight.
 */
import '../lib/env';

import { gzipSync } from 'node:zlib';

import type { INodeProperties, INodePropertyCollection, INodeTypeDescription } from 'n8n-workflow';

import { EvolutionServerApi } from '../../credentials/EvolutionServerApi.credentials';
import { EvolutionApi } from '../../nodes/EvolutionApi/EvolutionApi.node';
import { EvolutionApiTrigger } from '../../nodes/EvolutionApiTrigger/EvolutionApiTrigger.node';
import { childMain } from '../lib/child';

export interface DescriptionWeight {
	name: string;
	bytes: number;
	gzipBytes: number;
	/** Entries of `properties`. */
	topLevelProperties: number;
	/** Every parameter definition, nested collection/fixedCollection fields included. */
	allProperties: number;
	/** Option entries of options/multiOptions fields (resource, operation, event lists ...). */
	optionEntries: number;
	/** Heaviest resources of the action node: serialised bytes of the top-level properties shown only for it. */
	byResource?: Array<{ resource: string; bytes: number; properties: number }>;
}

function isCollection(option: unknown): option is INodePropertyCollection {
	return typeof option === 'object' && option !== null && Array.isArray((option as INodePropertyCollection).values);
}

function isProperty(option: unknown): option is INodeProperties {
	return typeof option === 'object' && option !== null && typeof (option as INodeProperties).type === 'string' && 'default' in option;
}

function count(properties: INodeProperties[]): { all: number; options: number } {
	let all = 0;
	let options = 0;
	for (const property of properties) {
		all++;
		for (const option of property.options ?? []) {
			if (isCollection(option)) {
				const nested = count(option.values);
				all += nested.all;
				options += nested.options;
			} else if (isProperty(option)) {
				const nested = count([option]);
				all += nested.all;
				options += nested.options;
			} else options++;
		}
	}
	return { all, options };
}

function weigh(description: INodeTypeDescription | EvolutionServerApi, properties: INodeProperties[], name: string): DescriptionWeight {
	const json = JSON.stringify(description);
	const counted = count(properties);
	return {
		name,
		bytes: Buffer.byteLength(json),
		gzipBytes: gzipSync(json).length,
		topLevelProperties: properties.length,
		allProperties: counted.all,
		optionEntries: counted.options,
	};
}

async function main(): Promise<DescriptionWeight[]> {
	const action = new EvolutionApi().description;
	const trigger = new EvolutionApiTrigger().description;
	const credential = new EvolutionServerApi();
	const actionWeight = weigh(action, action.properties, action.name);
	const byResource = new Map<string, { bytes: number; properties: number }>();
	for (const property of action.properties) {
		const resources = property.displayOptions?.show?.resource;
		const key = Array.isArray(resources) && resources.length === 1 ? String(resources[0]) : '(shared)';
		const entry = byResource.get(key) ?? { bytes: 0, properties: 0 };
		entry.bytes += Buffer.byteLength(JSON.stringify(property));
		entry.properties++;
		byResource.set(key, entry);
	}
	actionWeight.byResource = [...byResource.entries()]
		.map(([resource, entry]) => ({ resource, ...entry }))
		.sort((a, b) => b.bytes - a.bytes);
	return [actionWeight, weigh(trigger, trigger.properties, trigger.name), weigh(credential, credential.properties, `credential ${credential.name}`)];
}

if (require.main === module) childMain(main);
