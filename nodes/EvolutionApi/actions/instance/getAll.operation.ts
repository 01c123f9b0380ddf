import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkString, limitField, readCollection, readLimit, returnAllField } from '../common';
import type { OperationDefinition } from '../types';
import { instanceNameProblem } from '../../../shared/instance';
import { NodeOperationError } from 'n8n-workflow';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Instance ID',
				name: 'instanceId',
				type: 'string',
				default: '',
				description: 'Only the instance with this ID',
			},
			{
				displayName: 'Instance Name',
				name: 'instanceName',
				type: 'string',
				default: '',
				description: 'Only the instance with this name',
			},
			{
				displayName: 'Owner Number',
				name: 'number',
				type: 'string',
				default: '',
				description: 'Only the instance connected to this phone number',
			},
		],
	},
];

export const getAll: OperationDefinition = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many instances',
	description:
		'List the instances on the server with their state and settings. Needs the global API key. The output includes each instance token: keep it secret.',
	route: { method: 'GET', path: '/instance/fetchInstances' },
	idempotent: true,
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const filters = readCollection.call(this, 'filters', itemIndex);
		const qs: IDataObject = {};
		const labels: Record<string, string> = { instanceName: 'Instance Name', instanceId: 'Instance ID', number: 'Owner Number' };
		for (const [key, label] of Object.entries(labels)) {
			// Filters go into the query string: a value of a few KB would make the server drop the request.
			const value = checkString.call(this, filters[key], itemIndex, { label: `Filters → ${label}`, maxLength: 256 });
			if (value) qs[key] = value;
		}
		if (typeof qs.instanceName === 'string' && instanceNameProblem(qs.instanceName)) {
			throw new NodeOperationError(this.getNode(), `Filters → Instance Name "${qs.instanceName}" is not valid`, {
				itemIndex,
				description: instanceNameProblem(qs.instanceName),
			});
		}
		// Read before the request: a bad Limit must not cost a call.
		const limit = readLimit.call(this, itemIndex);
		const body = await context.request({ qs });
		const rows = (Array.isArray(body) ? body : body ? [body] : []) as IDataObject[];
		return rows.slice(0, limit);
	},
};
