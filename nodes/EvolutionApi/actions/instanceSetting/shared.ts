import type { INodeProperties } from 'n8n-workflow';

import type { Route } from '../types';

export const SETTINGS_FIND_ROUTE: Route = { method: 'GET', path: '/settings/find/{instance}' };

/** The six switches the server requires on every set, in its camelCase names. */
export const REQUIRED_SWITCHES: INodeProperties[] = [
	{
		displayName: 'Reject Calls',
		name: 'rejectCall',
		type: 'boolean',
		default: false,
		description: 'Whether to reject incoming voice and video calls automatically',
	},
	{
		displayName: 'Ignore Groups',
		name: 'groupsIgnore',
		type: 'boolean',
		default: false,
		description: 'Whether to ignore messages from groups (no group events, no bots in groups)',
	},
	{
		displayName: 'Always Online',
		name: 'alwaysOnline',
		type: 'boolean',
		default: false,
		description: 'Whether the account always shows as online',
	},
	{
		displayName: 'Read Messages',
		name: 'readMessages',
		type: 'boolean',
		default: false,
		description: 'Whether to mark incoming messages as read automatically',
	},
	{
		displayName: 'Read Status',
		name: 'readStatus',
		type: 'boolean',
		default: false,
		description: 'Whether to mark contacts\' status updates as seen automatically',
	},
	{
		displayName: 'Sync Full History',
		name: 'syncFullHistory',
		type: 'boolean',
		default: false,
		description: 'Whether to import the full chat history at the next connection (Baileys)',
	},
];

export const callMessageField: INodeProperties = {
	displayName: 'Call Rejection Message',
	name: 'msgCall',
	type: 'string',
	default: '',
	placeholder: 'e.g. Sorry, I cannot take calls. Please send a message.',
	description: 'Message sent to callers when calls are rejected; leave empty to send none',
};

export const wavoipTokenField: INodeProperties = {
	displayName: 'Wavoip Token',
	name: 'wavoipToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: 'Token of a Wavoip account, which lets the instance make and receive WhatsApp calls',
};
