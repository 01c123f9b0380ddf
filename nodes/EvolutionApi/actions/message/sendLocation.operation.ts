import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { readSendBase, recipientField, sendOptionFields } from './shared';

const properties: INodeProperties[] = [
	recipientField,
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
		required: true,
		default: 0,
		description: 'Latitude in decimal degrees, from -90 (south) to 90 (north)',
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
		required: true,
		default: 0,
		description: 'Longitude in decimal degrees, from -180 (west) to 180 (east)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Head Office',
				description: 'Name of the place, shown above the map',
			},
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. Av. Paulista, 1000 - São Paulo',
				description: 'Address shown under the name',
			},
			...sendOptionFields,
		]),
	},
];

function readCoordinate(this: IExecuteFunctions, name: string, label: string, limit: number, itemIndex: number): number {
	const raw = this.getNodeParameter(name, itemIndex) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(',', '.')) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a number, but got ${JSON.stringify(raw) ?? 'nothing'}`, {
			itemIndex,
			description: `Enter ${label} in decimal degrees, e.g. -23.5613.`,
		});
	}
	if (value < -limit || value > limit) {
		throw new NodeOperationError(this.getNode(), `${label} must be between -${limit} and ${limit}, but got ${value}`, {
			itemIndex,
			description: 'Check that latitude and longitude are not swapped.',
		});
	}
	return value;
}

export const sendLocation: OperationDefinition = {
	value: 'sendLocation',
	name: 'Send Location',
	action: 'Send location',
	description: 'Send a map location (latitude and longitude, with an optional name and address) to a contact or group. Not available on the Evolution channel.',
	route: { method: 'POST', path: '/message/sendLocation/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const latitude = readCoordinate.call(this, 'latitude', 'Latitude', 90, itemIndex);
		const longitude = readCoordinate.call(this, 'longitude', 'Longitude', 180, itemIndex);
		// The schema requires name and address (empty is allowed).
		const body: IDataObject = {
			number,
			latitude,
			longitude,
			name: checkString.call(this, options.name, itemIndex, { label: 'Name' }),
			address: checkString.call(this, options.address, itemIndex, { label: 'Address' }),
			...extra,
		};
		return (await context.request({ body })) as IDataObject;
	},
};
