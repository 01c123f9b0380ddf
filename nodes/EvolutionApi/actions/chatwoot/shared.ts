import type { INodeProperties } from 'n8n-workflow';

import type { Route } from '../types';

export const CHATWOOT_FIND_ROUTE: Route = { method: 'GET', path: '/chatwoot/find/{instance}' };

export type FieldKind = 'boolean' | 'text' | 'secret' | 'url' | 'accountId' | 'days' | 'jids' | 'delimiter';

/** A Chatwoot setting: its parameter, the body key the server uses, and how to read it. */
export interface ChatwootField {
	property: INodeProperties;
	key: string;
	kind: FieldKind;
}

export const enabledField: INodeProperties = {
	displayName: 'Enabled',
	name: 'enabled',
	type: 'boolean',
	default: true,
	description: 'Whether messages of this instance go to Chatwoot and agents\' replies come back to WhatsApp',
};

/** What the server requires on every call (schema `required`). */
export const REQUIRED_FIELDS: ChatwootField[] = [
	{ key: 'enabled', kind: 'boolean', property: enabledField },
	{
		key: 'url',
		kind: 'url',
		property: {
			displayName: 'Chatwoot URL',
			name: 'chatwootUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://chatwoot.example.com',
			description: 'Base URL of the Chatwoot server, as the Evolution API server reaches it',
		},
	},
	{
		key: 'accountId',
		kind: 'accountId',
		property: {
			displayName: 'Account ID',
			name: 'chatwootAccountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1',
			description: 'Number of the Chatwoot account (in the Chatwoot URL after /app/accounts/)',
		},
	},
	{
		key: 'token',
		kind: 'secret',
		property: {
			displayName: 'Token',
			name: 'chatwootToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Access token of a Chatwoot user (Profile Settings → Access Token); an administrator token is needed for Auto Create Inbox',
		},
	},
	{
		key: 'signMsg',
		kind: 'boolean',
		property: {
			displayName: 'Sign Messages',
			name: 'chatwootSignMsg',
			type: 'boolean',
			default: false,
			description: 'Whether to put the agent\'s name above messages sent to WhatsApp',
		},
	},
	{
		key: 'reopenConversation',
		kind: 'boolean',
		property: {
			displayName: 'Reopen Conversation',
			name: 'chatwootReopenConversation',
			type: 'boolean',
			default: true,
			description: 'Whether a new message reopens the contact\'s resolved conversation instead of starting a new one',
		},
	},
	{
		key: 'conversationPending',
		kind: 'boolean',
		property: {
			displayName: 'Start Conversations as Pending',
			name: 'chatwootConversationPending',
			type: 'boolean',
			default: false,
			description: 'Whether new conversations start in the Pending state instead of Open',
		},
	},
];

/** Optional settings: when left out they are not sent, and the server keeps the stored value. */
export const OPTIONAL_FIELDS: ChatwootField[] = [
	{
		key: 'autoCreate',
		kind: 'boolean',
		property: {
			displayName: 'Auto Create Inbox',
			name: 'chatwootAutoCreate',
			type: 'boolean',
			default: true,
			description: 'Whether the server creates the inbox, its webhook and a bot contact in Chatwoot by itself (needs an administrator token)',
		},
	},
	{
		key: 'daysLimitImportMessages',
		kind: 'days',
		property: {
			displayName: 'Days of Messages to Import',
			name: 'chatwootDaysLimitImportMessages',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 60,
			description: 'How many days of history Import Messages brings into Chatwoot',
		},
	},
	{
		key: 'ignoreJids',
		kind: 'jids',
		property: {
			displayName: 'Ignored Chats',
			name: 'chatwootIgnoreJids',
			type: 'string',
			default: '',
			placeholder: 'e.g. @g.us, 5511999999999',
			description:
				'Chats not sent to Chatwoot, separated by commas: phone numbers or WhatsApp IDs; "@g.us" ignores every group, "@s.whatsapp.net" every contact. Replaces the stored list; an empty value clears it.',
		},
	},
	{
		key: 'importContacts',
		kind: 'boolean',
		property: {
			displayName: 'Import Contacts',
			name: 'chatwootImportContacts',
			type: 'boolean',
			default: true,
			description: 'Whether to import the WhatsApp contacts into Chatwoot',
		},
	},
	{
		key: 'importMessages',
		kind: 'boolean',
		property: {
			displayName: 'Import Messages',
			name: 'chatwootImportMessages',
			type: 'boolean',
			default: true,
			description: 'Whether to import recent messages into Chatwoot',
		},
	},
	{
		key: 'nameInbox',
		kind: 'text',
		property: {
			displayName: 'Inbox Name',
			name: 'chatwootNameInbox',
			type: 'string',
			default: '',
			placeholder: 'e.g. WhatsApp Sales',
			description: 'Name of the Chatwoot inbox; the server uses the instance name when empty',
		},
	},
	{
		key: 'logo',
		kind: 'url',
		property: {
			displayName: 'Logo URL',
			name: 'chatwootLogo',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/logo.png',
			description: 'Picture of the bot contact Auto Create Inbox makes',
		},
	},
	{
		key: 'mergeBrazilContacts',
		kind: 'boolean',
		property: {
			displayName: 'Merge Brazilian Contacts',
			name: 'chatwootMergeBrazilContacts',
			type: 'boolean',
			default: false,
			description: 'Whether to treat Brazilian mobile numbers with and without the extra 9 as one contact',
		},
	},
	{
		key: 'organization',
		kind: 'text',
		property: {
			displayName: 'Organization',
			name: 'chatwootOrganization',
			type: 'string',
			default: '',
			description: 'Name of the bot contact Auto Create Inbox makes',
		},
	},
	{
		key: 'signDelimiter',
		kind: 'delimiter',
		property: {
			displayName: 'Signature Delimiter',
			name: 'chatwootSignDelimiter',
			type: 'string',
			default: '\\n',
			description:
				'Text between the agent\'s name and the message when Sign Messages is on; type \\n for a line break. Ignored when Sign Messages is off.',
		},
	},
];
