import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callRoute, readCollection } from '../common';
import type { OperationDefinition } from '../types';

const AUDIENCE: INodePropertyOptions[] = [
	{ name: 'Everyone', value: 'all' },
	{ name: 'My Contacts', value: 'contacts' },
	{ name: 'My Contacts Except Excluded', value: 'contact_blacklist' },
	{ name: 'Nobody', value: 'none' },
];

/** The six settings, their labels and the values the server's schema accepts. */
const SETTINGS: Array<{ key: string; label: string; values: string[] }> = [
	{ key: 'readreceipts', label: 'Read Receipts', values: ['all', 'none'] },
	{ key: 'profile', label: 'Profile Photo', values: ['all', 'contacts', 'contact_blacklist', 'none'] },
	{ key: 'status', label: 'Status', values: ['all', 'contacts', 'contact_blacklist', 'none'] },
	{ key: 'online', label: 'Online', values: ['all', 'match_last_seen'] },
	{ key: 'last', label: 'Last Seen', values: ['all', 'contacts', 'contact_blacklist', 'none'] },
	{ key: 'groupadd', label: 'Groups', values: ['all', 'contacts', 'contact_blacklist', 'none'] },
];

const settingFields: INodeProperties[] = [
	{
		displayName: 'Groups',
		name: 'groupadd',
		type: 'options',
		options: AUDIENCE,
		default: 'all',
		description: 'Who can add the account to groups',
	},
	{
		displayName: 'Last Seen',
		name: 'last',
		type: 'options',
		options: AUDIENCE,
		default: 'all',
		description: 'Who can see when the account was last online',
	},
	{
		displayName: 'Online',
		name: 'online',
		type: 'options',
		options: [
			{ name: 'Everyone', value: 'all' },
			{ name: 'Same as Last Seen', value: 'match_last_seen' },
		],
		default: 'all',
		description: 'Who can see when the account is online',
	},
	{
		displayName: 'Profile Photo',
		name: 'profile',
		type: 'options',
		options: AUDIENCE,
		default: 'all',
		description: 'Who can see the profile photo',
	},
	{
		displayName: 'Read Receipts',
		name: 'readreceipts',
		type: 'options',
		options: [
			{ name: 'On', value: 'all' },
			{ name: 'Off', value: 'none' },
		],
		default: 'all',
		description: 'Whether blue ticks are sent and shown (Off also hides the read receipts of others)',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: AUDIENCE,
		default: 'contacts',
		description: 'Who can see the Status stories',
	},
];

export const updatePrivacySettings: OperationDefinition = {
	value: 'updatePrivacySettings',
	name: 'Update Privacy Settings',
	action: 'Update privacy settings',
	description:
		"Change WhatsApp privacy settings of the instance's account (read receipts, profile photo, status, online, last seen, who can add to groups). By default only the given settings change: the others are read first and kept. Baileys only.",
	route: { method: 'POST', path: '/chat/updatePrivacySettings/{instance}' },
	properties: [
		{
			displayName: 'Update Mode',
			name: 'updateMode',
			type: 'options',
			options: [
				{
					name: 'Change Only the Given Settings',
					value: 'merge',
					description: 'Read the current settings first and keep every setting not given below',
				},
				{
					name: 'Replace All Settings',
					value: 'replace',
					description: 'Give all six settings; nothing is read first',
				},
			],
			default: 'merge',
			description: 'The server replaces all six settings at once; this decides where the ones not given come from',
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			options: settingFields,
		},
	],
	async execute(context) {
		const { itemIndex, instance } = context;
		const mode = this.getNodeParameter('updateMode', itemIndex, 'merge') as unknown;
		if (mode !== 'merge' && mode !== 'replace') {
			throw new NodeOperationError(this.getNode(), `Update Mode "${String(mode)}" is not supported`, {
				itemIndex,
				description: 'Use "merge" (change only the given settings) or "replace" (set all settings).',
			});
		}
		const fields = readCollection.call(this, 'updateFields', itemIndex);
		const given: IDataObject = {};
		for (const setting of SETTINGS) {
			const value = fields[setting.key];
			if (value === undefined || value === '') continue;
			if (typeof value !== 'string' || !setting.values.includes(value)) {
				throw new NodeOperationError(this.getNode(), `${setting.label} "${String(value)}" is not a valid value`, {
					itemIndex,
					description: `Use one of: ${setting.values.join(', ')}.`,
				});
			}
			given[setting.key] = value;
		}
		if (Object.keys(given).length === 0) {
			throw new NodeOperationError(this.getNode(), 'No privacy setting to change', {
				itemIndex,
				description: 'Add at least one setting under Update Fields.',
			});
		}

		let current: IDataObject = {};
		if (mode === 'merge' && Object.keys(given).length < SETTINGS.length) {
			current = ((await callRoute.call(this, { method: 'GET', path: '/chat/fetchPrivacySettings/{instance}' }, itemIndex, instance)) ??
				{}) as IDataObject;
		}
		const body: IDataObject = {};
		const missing: string[] = [];
		for (const setting of SETTINGS) {
			const value = given[setting.key] ?? current[setting.key];
			if (value === undefined || value === null || value === '') {
				missing.push(setting.label);
				continue;
			}
			if (typeof value !== 'string' || !setting.values.includes(value)) {
				// WhatsApp may report a value the update route does not accept.
				throw new NodeOperationError(
					this.getNode(),
					`The current ${setting.label} setting "${String(value)}" cannot be written back`,
					{ itemIndex, description: `Set ${setting.label} explicitly under Update Fields (one of: ${setting.values.join(', ')}).` },
				);
			}
			body[setting.key] = value;
		}
		if (missing.length) {
			throw new NodeOperationError(this.getNode(), `Missing privacy settings: ${missing.join(', ')}`, {
				itemIndex,
				description:
					mode === 'replace'
						? 'Replace All Settings needs all six settings. Add the missing ones under Update Fields, or choose Change Only the Given Settings.'
						: 'The server did not report these settings. Add them under Update Fields.',
			});
		}
		return (await context.request({ body })) as IDataObject;
	},
};
