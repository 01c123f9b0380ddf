import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { instanceLocator } from '../../shared/instance';
import { routeNeedsInstance, type ResourceDefinition } from './types';

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

function withDisplay(
	property: INodeProperties,
	resource: string,
	operations: string[],
): INodeProperties {
	const ownShow = { ...property.displayOptions?.show };
	delete ownShow.resource;
	delete ownShow.operation;
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			// resource and operation first: the editor stops at the first condition holding an
			// expression, so a field's own conditions must not be checked before them.
			show: { resource: [resource], operation: operations, ...ownShow },
		},
	};
}

/**
 * Builds the node's properties from the resource definitions: the Resource selector, one
 * Operation selector per resource, the shared instance selector, then each operation's fields.
 * Fields shared by reference between operations of a resource are emitted once, which keeps
 * the description the editor has to evaluate small.
 */
export function buildProperties(resources: ResourceDefinition[]): INodeProperties[] {
	const defaultResource = resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources
				.map((resource) => ({
					name: resource.name,
					value: resource.value,
					description: resource.description,
				}))
				.sort(byName) as INodePropertyOptions[],
			default: defaultResource,
		},
	];

	for (const resource of resources) {
		const options = resource.operations
			.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
			}))
			.sort(byName);
		const defaultOperation = resource.defaultOperation ?? options[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: defaultOperation,
		});
	}

	// One instance selector for every resource whose operations all use an instance, and one
	// per remaining resource listing the operations that do.
	const fullyInstanced = resources
		.filter((resource) => resource.operations.every((op) => routeNeedsInstance(op.route)))
		.map((resource) => resource.value);
	if (fullyInstanced.length) {
		properties.push({ ...instanceLocator, displayOptions: { show: { resource: fullyInstanced } } });
	}
	for (const resource of resources) {
		if (fullyInstanced.includes(resource.value)) continue;
		const operations = resource.operations.filter((op) => routeNeedsInstance(op.route)).map((op) => op.value);
		if (operations.length) properties.push(withDisplay(instanceLocator, resource.value, operations));
	}

	for (const resource of resources) {
		const seen = new Map<INodeProperties, string[]>();
		const order: INodeProperties[] = [];
		for (const operation of resource.operations) {
			for (const property of operation.properties) {
				const operations = seen.get(property);
				if (operations) {
					operations.push(operation.value);
				} else {
					seen.set(property, [operation.value]);
					order.push(property);
				}
			}
		}
		for (const property of order) {
			properties.push(withDisplay(property, resource.value, seen.get(property)!));
		}
	}
	properties.push(requestOptions);
	return properties;
}

/** One collection for every operation, like n8n's HTTP Request node, to keep the description small. */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60000,
			description:
				'How long to wait for the server before failing. A send that times out may still have been delivered: check the chat before sending again.',
		},
	],
};
