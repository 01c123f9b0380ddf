import type { INodeProperties } from 'n8n-workflow';

import { eventOptions } from '../shared/events';
import { instanceLocator } from '../shared/instance';
import { CONTENT_TYPE_OPTIONS } from '../shared/triggerEvent';

export const ALL_EVENTS = '*';

export const CONNECTION_MODE = { webhook: 'webhook', webSocket: 'webSocket' } as const;

const webhookOnly = { show: { '/connectionMode': [CONNECTION_MODE.webhook] } };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Connection Mode',
		name: 'connectionMode',
		type: 'options',
		noDataExpression: true,
		default: 'webhook',
		description: 'How the events reach n8n',
		options: [
			{
				name: 'Webhook',
				value: CONNECTION_MODE.webhook,
				description: 'Evolution API calls n8n\'s webhook URL. One workflow per instance; the server must reach n8n over HTTP.',
			},
			{
				name: 'WebSocket',
				value: CONNECTION_MODE.webSocket,
				description: 'An outbound connection from n8n to Evolution API. Any number of workflows per instance; n8n needs no public URL. Needs WEBSOCKET_ENABLED=true on the server.',
			},
		],
	},
	{
		displayName:
			'n8n opens a connection to the Evolution API server and keeps it open while the workflow is active, so n8n needs no public URL and every workflow may listen to the same instance. The instance\'s webhook is not touched. Messages received while the connection was down are fetched from the server afterwards (marked caughtUp); other events from such a gap are lost. The server needs WEBSOCKET_ENABLED=true.',
		name: 'webSocketNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { connectionMode: [CONNECTION_MODE.webSocket] } },
	},
	{
		displayName:
			'An Evolution API instance has a single webhook. While this workflow is active (or listening for a test event) this trigger takes that webhook over, and gives the previous configuration back when it stops. A webhook held by another n8n workflow\'s Evolution API Trigger is not taken over unless you turn on Replace Existing Webhook.',
		name: 'singleWebhookNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { connectionMode: [CONNECTION_MODE.webhook] } },
	},
	instanceLocator,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['MESSAGES_UPSERT'],
		description:
			'The events that start the workflow. Not offered because Evolution API 2.3.6 never delivers them: Application Startup and Contacts Set (nothing emits them) and Group Update (the server emits it as groups.update, which matches no subscription).',
		options: [
			{ name: 'All Events', value: ALL_EVENTS, description: 'Every event Evolution API 2.3.6 delivers' },
			...eventOptions({ includeNeverDelivered: false }),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Chats',
				name: 'ignoreChats',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5511999999999, 120363025246125486@g.us',
				description:
					'Phone numbers or WhatsApp IDs, separated by commas, whose events are dropped (applies to events about one chat)',
			},
			{
				displayName: 'Ignore Groups',
				name: 'ignoreGroups',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop messages, receipts, presence updates and calls from group chats. Groups Upsert and Group Participants Update are still delivered when selected.',
			},
			{
				displayName: 'Ignore Messages Sent by Me',
				name: 'ignoreFromMe',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop the messages this instance sent (from the phone or through the API) in Messages Upsert, Messages Set and Messages Edited, e.g. so a bot does not answer itself. Send Message events are still delivered when selected.',
			},
			{
				displayName: 'Ignore Status Updates',
				name: 'ignoreStatus',
				type: 'boolean',
				default: false,
				description: 'Whether to drop WhatsApp status (story) posts, which arrive as messages from status@broadcast',
			},
			{
				displayName: 'Include Media as Binary',
				name: 'downloadMedia',
				type: 'boolean',
				default: false,
				// The server embeds media only for the instance's webhook (webhookBase64), which WebSocket mode leaves alone.
				displayOptions: webhookOnly,
				description:
					'Whether the server should embed received and sent media in the events, output here as binary data instead of base64 text. The server applies the change at its next reconnection of the instance. n8n refuses requests larger than N8N_PAYLOAD_SIZE_MAX (16 MB by default).',
			},
			{
				displayName: 'Only From Chats',
				name: 'onlyChats',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5511999999999, 120363025246125486@g.us',
				description:
					'Phone numbers or WhatsApp IDs, separated by commas: only events about these chats start the workflow. Events that are not about one chat (connection, QR code...) still pass.',
			},
			{
				displayName: 'Only Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				default: [],
				options: CONTENT_TYPE_OPTIONS,
				description:
					'Only messages of these types start the workflow (applies to Messages Upsert, Messages Set, Send Message and edits). Leave empty for all types.',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'outputBinaryField',
				type: 'string',
				default: 'data',
				displayOptions: webhookOnly,
				hint: 'The name of the output binary field to put the media in',
				description: 'Binary field of the output item that receives the media, when Include Media as Binary is on',
			},
			{
				displayName: 'Replace Existing Webhook',
				name: 'replaceExisting',
				type: 'boolean',
				default: false,
				displayOptions: webhookOnly,
				description:
					'Whether to take over the instance\'s webhook even when another n8n workflow\'s Evolution API Trigger holds it. That trigger stops receiving events; its configuration is put back when this trigger stops.',
			},
		],
	},
];
